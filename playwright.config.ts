import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from './e2e/support/chromium';

export default defineConfig({
  outputDir: 'test-results/playwright',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  workers: 2,
  // One retry on CI, reported as flaky in the summary: a timing hiccup on a loaded machine should not hide the rest.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  projects: [
    {
      // The built renderer in Chromium, wired to the real core through the browser preview.
      name: 'app',
      testDir: 'e2e/app',
      use: {
        browserName: 'chromium',
        viewport: { width: 1200, height: 800 },
        launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs },
        trace: 'retain-on-failure',
      },
    },
    {
      // The real Electron app; skips (saying why) where no Electron binary is installed.
      name: 'electron',
      testDir: 'e2e/electron',
      workers: 1,
    },
  ],
});
