import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterInstall, browserOpener, browserSentence, decideStart, findElectronBinary } from './start-decision.mjs';

// A real node_modules/electron layout in a temp folder: the package files, and the binary only where a test puts it.
let electronDir: string;
beforeEach(async () => {
  electronDir = join(await mkdtemp(join(tmpdir(), 'start-decision-')), 'node_modules', 'electron');
  await mkdir(electronDir, { recursive: true });
  await writeFile(join(electronDir, 'package.json'), '{"name":"electron","version":"45.5.0"}');
  await writeFile(join(electronDir, 'install.js'), '');
});
afterEach(async () => {
  await rm(join(electronDir, '..', '..'), { recursive: true, force: true });
});

/** What Electron's install.js leaves after a download: dist/<binary> and path.txt naming it. */
async function installBinary(relative = 'electron') {
  await mkdir(join(electronDir, 'dist'), { recursive: true });
  await writeFile(join(electronDir, 'dist', relative), '#!/bin/sh\n');
  await chmod(join(electronDir, 'dist', relative), 0o755);
  await writeFile(join(electronDir, 'path.txt'), relative);
}

describe('what npm start decides', () => {
  it('launches the desktop app when the binary path.txt names is there', async () => {
    await installBinary();
    expect(decideStart({ electronDir, env: {}, args: [] })).toEqual({ kind: 'desktop', electron: join(electronDir, 'dist', 'electron') });
  });

  it('runs Electron’s installer when the binary is missing and downloads are allowed', () => {
    expect(decideStart({ electronDir, env: {}, args: [] })).toEqual({ kind: 'install', installer: join(electronDir, 'install.js') });
  });

  it('counts a path.txt whose binary is gone (a half-removed dist) as missing', async () => {
    await installBinary();
    await rm(join(electronDir, 'dist'), { recursive: true });
    expect(findElectronBinary(electronDir, {}).present).toBe(false);
    expect(decideStart({ electronDir, env: {}, args: [] }).kind).toBe('install');
  });

  it('opens the browser when the download is refused with ELECTRON_SKIP_BINARY_DOWNLOAD (any non-empty value)', () => {
    for (const value of ['1', 'true']) {
      expect(decideStart({ electronDir, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: value }, args: [] })).toEqual({
        kind: 'browser',
        reason: 'its binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set',
      });
    }
    expect(decideStart({ electronDir, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '' }, args: [] }).kind).toBe('install');
  });

  it('still launches the desktop app with ELECTRON_SKIP_BINARY_DOWNLOAD when the binary is already there', async () => {
    await installBinary();
    expect(decideStart({ electronDir, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, args: [] }).kind).toBe('desktop');
  });

  it('opens the browser with --browser even where Electron is installed', async () => {
    await installBinary();
    expect(decideStart({ electronDir, env: {}, args: ['--browser'] })).toEqual({ kind: 'browser', reason: 'you asked for the browser with --browser' });
  });

  it('takes ELECTRON_EXEC_PATH as electron-vite does', async () => {
    const elsewhere = join(electronDir, '..', 'my-electron');
    expect(decideStart({ electronDir, env: { ELECTRON_EXEC_PATH: elsewhere, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, args: [] }).kind).toBe('browser');
    await writeFile(elsewhere, '');
    expect(decideStart({ electronDir, env: { ELECTRON_EXEC_PATH: elsewhere }, args: [] })).toEqual({ kind: 'desktop', electron: elsewhere });
  });

  it('says so when the electron package itself is missing (npm install not run)', async () => {
    await rm(electronDir, { recursive: true });
    expect(decideStart({ electronDir, env: {}, args: [] })).toEqual({ kind: 'browser', reason: 'the electron package is not installed; run npm install' });
  });
});

describe('after Electron’s installer ran', () => {
  it('launches the desktop app once the binary is there', async () => {
    await installBinary();
    expect(afterInstall({ electronDir, env: {}, exitCode: 0, message: '' }).kind).toBe('desktop');
  });

  it('gives the installer’s own reason when the download failed', () => {
    const plan = afterInstall({ electronDir, env: {}, exitCode: 1, message: 'TypeError: fetch failed (getaddrinfo ENOTFOUND github.com)\n' });
    expect(plan).toEqual({ kind: 'browser', reason: 'its download failed: TypeError: fetch failed (getaddrinfo ENOTFOUND github.com)' });
    expect(browserSentence(plan.kind === 'browser' ? plan.reason : '')).toBe(
      'Electron is not available here (its download failed: TypeError: fetch failed (getaddrinfo ENOTFOUND github.com)); opening Stillroom in your browser instead.',
    );
  });

  it('says the exit code when the installer printed nothing, and never claims a binary that is not there', () => {
    expect(afterInstall({ electronDir, env: {}, exitCode: 7, message: '' })).toEqual({ kind: 'browser', reason: 'its download failed: the installer exited with code 7' });
    expect(afterInstall({ electronDir, env: {}, exitCode: 0, message: '' })).toEqual({
      kind: 'browser',
      reason: 'its download failed: the installer finished but no binary is there',
    });
  });
});

describe('how the URL reaches a browser', () => {
  it('uses xdg-open only where Linux has a display, open on macOS, start on Windows', () => {
    expect(browserOpener('linux', {})).toBeNull();
    expect(browserOpener('linux', { DISPLAY: ':3' })).toEqual({ command: 'xdg-open', args: [] });
    expect(browserOpener('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual({ command: 'xdg-open', args: [] });
    expect(browserOpener('darwin', {})).toEqual({ command: 'open', args: [] });
    expect(browserOpener('win32', {})).toEqual({ command: 'cmd', args: ['/c', 'start'] });
  });
});
