import type { Page } from '@playwright/test';
import { latency, type Latency } from './stats';

/**
 * Types `count` keystrokes at `pos`, one at a time, each after the previous one's frame, and returns the
 * keystroke-to-next-frame latencies the page's probe recorded (bench/page/probe.ts, or the same probe in the app).
 */
export async function typeAndMeasure(page: Page, pos: number, key: string, count: number): Promise<Latency> {
  return latency(await typeAndRecord(page, pos, key, count));
}

/** The same keystrokes, returning each latency in ms, in order. */
export async function typeAndRecord(page: Page, pos: number, key: string, count: number): Promise<number[]> {
  await page.evaluate((at) => window.probe.setCaret(at), pos);
  // Let the caret's own scroll and redraw settle before the first keystroke.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100))));
  const before = await page.evaluate(() => window.probe.latencies.length);
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(key);
    // A naive previewer's keystroke can take tens of seconds on a large note.
    await page.waitForFunction((n) => window.probe.latencies.length > n, before + i, { polling: 'raf', timeout: 300_000 });
  }
  return page.evaluate((from) => window.probe.latencies.slice(from), before);
}
