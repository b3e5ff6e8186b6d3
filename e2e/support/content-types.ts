import { extname } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** The Content-Type a built page's file is served with (the test and bench servers of built Vite pages). */
export function contentTypeOf(path: string): string {
  return types[extname(path)] ?? 'application/octet-stream';
}
