import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine, which ran every file in turn.
    // Two workers keep both cores busy while one waits on a file's imports or a system test's processes.
    maxWorkers: 2,
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
