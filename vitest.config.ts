import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src-main/**/*.test.ts', 'src-shared/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['src-renderer/**/*.test.{ts,tsx}'],
          // The HTML export test reads KaTeX's real CSS (`?raw`); every other stylesheet stays empty in tests.
          css: { include: [/katex\.min\.css/] },
        },
      },
      {
        test: {
          name: 'system',
          environment: 'node',
          include: ['e2e/system/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
