import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { refuseTestCode } from './scripts/refuse-test-code';

// Three builds: main (ESM, Node), preload (one CommonJS file: sandboxed preloads cannot be ESM),
// renderer (React, served from the app:// scheme). None of them may bundle test code.
const noTestCode = refuseTestCode(resolve('.'));
export default defineConfig({
  main: {
    plugins: [noTestCode],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('src-main/shell/main.ts') },
      },
    },
  },
  preload: {
    plugins: [noTestCode],
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react(), noTestCode],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
