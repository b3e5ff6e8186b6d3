// Issue 23, item 7: the app's editor against bare CodeMirror holding the same note, at 2,000 and 10,000 formulas, typed
// in alternating blocks in one Chromium so that load from other work on a shared machine hits both alike, with an
// empty textarea in the same rotation as the absolute floor. Used by `npm run bench` and `npm run bench:typing`.
import type { Browser, Page } from '@playwright/test';
import { firstScreen, type FirstScreen } from './first-screen';
import { generatedNote, typingPositions } from './note';
import { latency, type Latency } from './stats';
import { typeAndRecord } from './typing';

export const TYPING_SIZES = [2000, 10000] as const;
const positions = ['end', 'middle', 'formula'] as const;
type Position = (typeof positions)[number];
const editors = ['empty', 'codemirror', 'ours'] as const;
type Editor = (typeof editors)[number];
const editorNames: Record<Editor, string> = {
  empty: 'empty <textarea> (floor)',
  codemirror: 'bare CodeMirror, the same note',
  ours: "the app's editor (MathEditor)",
};

/** The targets: the app's editor within this of bare CodeMirror (ms), and the opening of a 10,000-formula note. */
export const TARGETS = { p50Over: 4, p95Over: 8, openingMs: 300 } as const;

export interface TypingOptions {
  readonly origin: string;
  readonly seed: number;
  /** Keystrokes per editor and position. */
  readonly perPosition: number;
  /** Keystrokes an editor types before the next one takes over. */
  readonly block: number;
  readonly log: (line: string) => void;
}

export interface EditorTyping {
  /** Per note size, editor and position. */
  readonly typing: Record<number, Record<Editor, Record<Position, Latency>>>;
  /** The MathEditor opening a 10,000-formula note on the bench page, and bare CodeMirror opening it, medians of three. */
  readonly opening: { readonly ours: FirstScreen; readonly codemirror: FirstScreen };
}

export interface Row {
  readonly measure: string;
  readonly value: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Each editor in a browser context of its own (its own renderer), the note open and its background work done. */
async function openEditor(browser: Browser, options: TypingOptions, editor: Editor, formulas: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${options.origin}/index.html?mode=${editor}&formulas=${formulas}&seed=${options.seed}`, { timeout: 300_000 });
  await page.waitForFunction(() => window.probe !== undefined, undefined, { timeout: 300_000 });
  if (editor !== 'empty') await page.locator('.cm-content').waitFor();
  return page;
}

/** Blocks of keystrokes, the editors taking turns (the order reversed every round), until each has typed `perPosition`. */
async function typeInterleaved(pages: Record<Editor, Page>, options: TypingOptions, formulas: number): Promise<Record<Editor, Record<Position, Latency>>> {
  const at = typingPositions(generatedNote(formulas, options.seed).text);
  const samples = Object.fromEntries(editors.map((editor) => [editor, {}])) as Record<Editor, Partial<Record<Position, number[]>>>;
  // From the last position in the note to the first, so what is typed at one never moves the next.
  for (const position of [...positions].sort((a, b) => at[b] - at[a])) {
    const key = position === 'formula' ? 'x' : 'a';
    const typed = Object.fromEntries(editors.map((editor) => [editor, 0])) as Record<Editor, number>;
    // The caret moved there: the editor's own work for that (a background parse reaching the screen) is done first.
    for (const editor of editors) {
      const page = pages[editor];
      await page.bringToFront();
      await page.evaluate((pos) => window.probe.setCaret(pos), editor === 'empty' ? 0 : at[position]);
      await page.evaluate(() => window.probe.settled(400, 10_000));
    }
    for (let round = 0; typed.ours < options.perPosition; round++) {
      for (const editor of round % 2 === 0 ? editors : [...editors].reverse()) {
        const page = pages[editor];
        const count = Math.min(options.block, options.perPosition - typed[editor]);
        await page.bringToFront();
        const pos = editor === 'empty' ? typed.empty : at[position] + typed[editor];
        const block = await typeAndRecord(page, pos, key, count);
        (samples[editor][position] ??= []).push(...block);
        typed[editor] += count;
      }
    }
    options.log(
      `typing ${formulas} formulas, ${position}: ${editors.map((editor) => `${editor} p50 ${round(latency(samples[editor][position]!).p50)} p95 ${round(latency(samples[editor][position]!).p95)}`).join('; ')} ms`,
    );
  }
  return Object.fromEntries(
    editors.map((editor) => [editor, Object.fromEntries(positions.map((position) => [position, latency(samples[editor][position]!)]))]),
  ) as Record<Editor, Record<Position, Latency>>;
}

export async function benchEditorTyping(browser: Browser, options: TypingOptions): Promise<EditorTyping> {
  const typing: Record<number, Record<Editor, Record<Position, Latency>>> = {};
  for (const formulas of TYPING_SIZES) {
    const pages = {} as Record<Editor, Page>;
    try {
      for (const editor of editors) pages[editor] = await openEditor(browser, options, editor, formulas);
      typing[formulas] = await typeInterleaved(pages, options, formulas);
    } finally {
      for (const page of Object.values(pages)) await page.context().close();
    }
  }
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  try {
    const page = await context.newPage();
    const opening = { ours: await firstScreen(page, options.origin, 'ours', 10000, options.seed), codemirror: await firstScreen(page, options.origin, 'codemirror', 10000, options.seed) };
    options.log(`first screen, 10000 formulas, from the mount: MathEditor ${round(opening.ours.fromMount)} ms, bare CodeMirror ${round(opening.codemirror.fromMount)} ms`);
    return { typing, opening };
  } finally {
    await context.close();
  }
}

/** The table's rows: each editor per size and position, each target met or MISSED, the opening. */
export function editorTypingRows(result: EditorTyping, options: Pick<TypingOptions, 'block'>): Row[] {
  const rows: Row[] = [];
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  for (const formulas of TYPING_SIZES) {
    const bySize = result.typing[formulas]!;
    for (const position of positions) {
      const floor = bySize.empty[position];
      const bare = bySize.codemirror[position];
      const ours = bySize.ours[position];
      const what = `typing, ${formulas.toLocaleString('en')} formulas, ${position}, interleaved in blocks of ${options.block}`;
      rows.push({ measure: `${what}: ${editorNames.empty} (${floor.samples} keys)`, value: `p50 ${round(floor.p50)} / p95 ${round(floor.p95)} ms`, baseline: '', ratio: '', target: '' });
      rows.push({ measure: `${what}: ${editorNames.codemirror} (${bare.samples} keys)`, value: `p50 ${round(bare.p50)} / p95 ${round(bare.p95)} ms`, baseline: `floor p50 ${round(floor.p50)} ms`, ratio: '', target: '' });
      const p50Over = ours.p50 - bare.p50;
      const p95Over = ours.p95 - bare.p95;
      rows.push({
        measure: `${what}: ${editorNames.ours} (${ours.samples} keys)`,
        value: `p50 ${round(ours.p50)} / p95 ${round(ours.p95)} ms`,
        baseline: `CodeMirror p50 ${round(bare.p50)} / p95 ${round(bare.p95)} ms`,
        ratio: `p50 ${p50Over >= 0 ? '+' : ''}${round(p50Over)} / p95 ${p95Over >= 0 ? '+' : ''}${round(p95Over)} ms`,
        target: `p50 within ${TARGETS.p50Over} ms: ${met(p50Over <= TARGETS.p50Over)}; p95 within ${TARGETS.p95Over} ms: ${met(p95Over <= TARGETS.p95Over)}`,
      });
    }
  }
  const { ours, codemirror } = result.opening;
  rows.push({
    measure: "first screen of a 10,000-formula note, bench page, the app's editor: from its mount to the first frame with formulas (median of 3)",
    value: `${round(ours.fromMount)} ms (${round(ours.fromNavigation)} ms from navigation start)`,
    baseline: `bare CodeMirror ${round(codemirror.fromMount)} ms (${round(codemirror.fromNavigation)} ms)`,
    ratio: '',
    target: `< ${TARGETS.openingMs} ms: ${met(ours.fromMount < TARGETS.openingMs)}`,
  });
  return rows;
}

/** The targets for results.json: per size and position, the editor's p50 and p95 over bare CodeMirror's. */
export function editorTypingTargets(result: EditorTyping): Record<string, { value: number; limit: number }> {
  const targets: Record<string, { value: number; limit: number }> = {};
  for (const formulas of TYPING_SIZES) {
    const { codemirror, ours } = result.typing[formulas]!;
    for (const position of positions) {
      targets[`typing${formulas}-${position}-p50`] = { value: ours[position].p50 - codemirror[position].p50, limit: TARGETS.p50Over };
      targets[`typing${formulas}-${position}-p95`] = { value: ours[position].p95 - codemirror[position].p95, limit: TARGETS.p95Over };
    }
  }
  targets.firstScreen10000Page = { value: result.opening.ours.fromMount, limit: TARGETS.openingMs };
  return targets;
}
