import type { Browser, CDPSession, Page } from '@playwright/test';

export interface IdleCpu {
  readonly seconds: number;
  /** Share of one core used by all of Chromium's processes (browser, renderer, GPU, utility), in percent. */
  readonly chromiumPercent: number;
  /** The page's renderer process alone. */
  readonly rendererPercent: number;
  /** This Node process, where the preview runs the real core (zero work expected while nothing happens). */
  readonly corePercent: number;
}

async function cpuTimes(browserSession: CDPSession): Promise<{ total: number; renderer: number }> {
  const { processInfo } = (await browserSession.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; cpuTime: number }[] };
  const total = processInfo.reduce((sum, process) => sum + process.cpuTime, 0);
  const renderer = processInfo.filter((process) => process.type === 'renderer').reduce((sum, process) => sum + process.cpuTime, 0);
  return { total, renderer };
}

/**
 * CPU over `seconds` while the page sits as it is, measured by Chromium's own per-process CPU times (CDP
 * SystemInfo.getProcessInfo) and Node's for the core. Only this page is open meanwhile.
 */
export async function measureIdle(browser: Browser, page: Page, seconds: number): Promise<IdleCpu> {
  const session = await browser.newBrowserCDPSession();
  // Let the view finish loading and settle before the window starts.
  await page.waitForTimeout(2_000);
  const before = await cpuTimes(session);
  const coreBefore = process.cpuUsage();
  const start = performance.now();
  await new Promise((done) => setTimeout(done, seconds * 1000));
  const elapsed = (performance.now() - start) / 1000;
  const after = await cpuTimes(session);
  const core = process.cpuUsage(coreBefore);
  await session.detach();
  return {
    seconds: elapsed,
    chromiumPercent: ((after.total - before.total) / elapsed) * 100,
    rendererPercent: ((after.renderer - before.renderer) / elapsed) * 100,
    corePercent: ((core.user + core.system) / 1e6 / elapsed) * 100,
  };
}
