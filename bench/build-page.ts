import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

/** Builds bench/page (the four editors around the real MathEditor) into a temp folder, unminified like the app's renderer (electron-vite does not minify it). */
export async function buildBenchPage(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'stillroom-bench-page-'));
  await build({
    configFile: false,
    root: resolve('bench/page'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { minify: false, outDir, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 10_000 },
  });
  return outDir;
}
