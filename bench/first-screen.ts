import type { Page } from '@playwright/test';
import { percentile } from './stats';

export interface FirstScreen {
  /** Navigation start to the first frame with the note on screen (formulas rendered): loading the page's code included. */
  readonly fromNavigation: number;
  /** From the moment the editor's code is loaded and the note in hand (the page's `bench:mount` mark) to that frame. */
  readonly fromMount: number;
}

/** The first rendered screen of the note in one of the bench page's editors, the median of `runs` openings. */
export async function firstScreen(page: Page, origin: string, editor: 'textarea' | 'codemirror' | 'ours' | 'naive', formulas: number, seed: number, runs = 3): Promise<FirstScreen> {
  const fromNavigation: number[] = [];
  const fromMount: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto(`${origin}/index.html?mode=${editor}&formulas=${formulas}&seed=${seed}`, { waitUntil: 'commit' });
    const shown = editor === 'textarea' ? 'textarea' : editor === 'codemirror' ? '.cm-line' : '.katex';
    // The naive previewer renders the whole note first: tens of seconds at 2,000 formulas on a loaded machine.
    await page.locator(shown).first().waitFor({ state: 'attached', timeout: 300_000 });
    const at = await page.evaluate(() => window.probe.nextFrameAt());
    const mount = await page.evaluate(() => performance.getEntriesByName('bench:mount')[0]!.startTime);
    fromNavigation.push(at);
    fromMount.push(at - mount);
  }
  return { fromNavigation: percentile(fromNavigation, 50), fromMount: percentile(fromMount, 50) };
}
