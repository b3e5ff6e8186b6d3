import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppFile } from './app-protocol-path';

const root = resolve('/opt/stillroom/out/renderer');

describe('resolveAppFile', () => {
  it.each([
    ['app://stillroom/', join(root, 'index.html')],
    ['app://stillroom/index.html', join(root, 'index.html')],
    ['app://stillroom/assets/index-abc.js', join(root, 'assets/index-abc.js')],
    ['app://stillroom/assets/KaTeX%20Main.woff2', join(root, 'assets/KaTeX Main.woff2')],
  ])('serves %s from the renderer folder', (url, file) => {
    expect(resolveAppFile(url, root)).toBe(file);
  });

  it.each(['app://stillroom/../main/index.js', 'app://stillroom/%2e%2e/main/index.js'])(
    'keeps %s inside the folder (the URL parser folds the dots away)',
    (url) => {
      expect(resolveAppFile(url, root)).toBe(join(root, 'main/index.js'));
    },
  );

  it.each([
    'app://stillroom/assets/..%2f..%2fmain%2findex.js',
    'app://stillroom/..%2f..%2f..%2fetc%2fpasswd',
    'app://stillroom/%00.html',
    'app://stillroom/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://stillroom/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(url, root)).toBeNull();
  });

  it('names content types the renderer needs', () => {
    expect(mimeTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('a/b.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a/KaTeX_Main.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a/unknown.bin')).toBe('application/octet-stream');
  });
});
