// `npm run bench:profile`: Chromium's CPU profile (CDP Profiler) of what the bench measures, summed by function, so a
// slow spot is named before it is changed. Not part of `npm run bench`; it prints, it writes nothing.
//   typing: 100 keystrokes (BENCH_POSITION: end, middle or formula) of the note with BENCH_FORMULAS formulas (default 2,000), in the app and in the bare MathEditor (bench page);
//   opening: the bench page's MathEditor opening that note, navigation to the first screen;
//   open-in-app: the app opening that note, a click in the note list to the first screen.
import { execFileSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { launchChromium } from '../e2e/support/chromium';
import { openBenchApp, openingInApp, openNoteInApp } from './app';
import { buildBenchPage } from './build-page';
import { generatedNote, typingPositions } from './note';
import { serveFolder } from './static-server';
import { typeAndMeasure } from './typing';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const seed = 1;
const keystrokes = Number(process.env.BENCH_KEYSTROKES ?? 100);
// The note's size and where the keystrokes go (bench/note.ts: end, middle or formula).
const formulas = Number(process.env.BENCH_FORMULAS ?? 2000);
const position = (process.env.BENCH_POSITION ?? 'end') as 'end' | 'middle' | 'formula';
const sizeName = formulas.toLocaleString('en');

/** Self and total (inclusive) milliseconds per function (name, file, line), the largest first. */
export function summarize(profile: CpuProfile, top = 25): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const key = (node: ProfileNode) => {
    const file = node.callFrame.url.split('/').pop() ?? '';
    return `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}:${node.callFrame.columnNumber + 1}`;
  };
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    selfBy.set(key(node), (selfBy.get(key(node)) ?? 0) + ms);
    // Inclusive: each function on the stack once, however often it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = key(byId.get(at)!);
      if (seen.has(k)) continue;
      seen.add(k);
      totalBy.set(k, (totalBy.get(k) ?? 0) + ms);
    }
  }
  const rows = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
  return ['self:', ...rows(selfBy), 'total (inclusive):', ...rows(totalBy)];
}

let kept = 0;
/** BENCH_PROFILE_DIR: also write each profile as a .cpuprofile (Chromium's DevTools opens it). */
async function keep(profile: CpuProfile): Promise<void> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (dir) await writeFile(join(dir, `profile-${++kept}.cpuprofile`), JSON.stringify(profile));
}

async function profiled<T>(page: Page, run: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await run();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.detach();
  await keep(profile);
  return { result, lines: summarize(profile) };
}

const which = (process.env.BENCH_PROFILE ?? 'typing-app,typing-editor,open-page,open-app-first,open-app').split(',');
// The bench page alone needs no build of the app.
const needsApp = which.some((name) => name.endsWith('-app') || name.startsWith('open-app'));
log(needsApp ? 'Building the app and the bench page...' : 'Building the bench page...');
if (needsApp) execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
const pageDir = await buildBenchPage();
const server = await serveFolder(pageDir);
const browser = await launchChromium();
try {
  const note = generatedNote(formulas, seed);
  const at = typingPositions(note.text)[position];
  const key = position === 'formula' ? 'x' : 'a';

  if (which.includes('typing-app')) {
    const app = await openBenchApp(browser, { 'Derivation.md': note.text });
    await openNoteInApp(app.page, 'Derivation');
    const { result, lines } = await profiled(app.page, () => typeAndMeasure(app.page, at, key, keystrokes));
    log(`\n== typing (${position}), ${sizeName} formulas, the app: p50 ${result.p50.toFixed(1)} p95 ${result.p95.toFixed(1)} ms (${result.samples} keys)`);
    for (const line of lines) log(line);
    await app.close();
  }

  if (which.includes('typing-editor')) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(`${server.origin}/index.html?mode=${process.env.BENCH_EDITOR ?? 'ours'}&formulas=${formulas}&seed=${seed}`);
    await page.locator('.cm-content').waitFor();
    // The caret there and the editor's background work done (a parse reaching the screen), as bench:typing does.
    await page.evaluate((pos) => window.probe.setCaret(pos), at);
    await page.evaluate(() => window.probe.settled(400, 10_000));
    const { result, lines } = await profiled(page, () => typeAndMeasure(page, at, key, keystrokes));
    log(`\n== typing (${position}), ${sizeName} formulas, bare MathEditor: p50 ${result.p50.toFixed(1)} p95 ${result.p95.toFixed(1)} ms (${result.samples} keys)`);
    for (const line of lines) log(line);
    await page.close();
  }

  if (which.includes('open-app-first')) {
    const app = await openBenchApp(browser, { 'Derivation.md': note.text, 'Other.md': 'A short note.\n' });
    await openNoteInApp(app.page, 'Other'); // the notepad's code loaded, no formula rendered yet: the bench's first opening
    const { result, lines } = await profiled(app.page, () => openingInApp(app.page, 'Derivation', 'Other'));
    log(`\n== the first opening of the ${sizeName}-formula note since the app started (click in the list to formulas on screen): ${result.toFixed(1)} ms`);
    for (const line of lines) log(line);
    await app.close();
  }

  if (which.includes('open-app')) {
    const app = await openBenchApp(browser, { 'Derivation.md': note.text, 'Other.md': 'A short note.\n' });
    await openingInApp(app.page, 'Derivation', 'Other'); // the notepad's code loaded, as in the bench
    await openNoteInApp(app.page, 'Other');
    const { result, lines } = await profiled(app.page, () => openingInApp(app.page, 'Derivation', 'Other'));
    log(`\n== opening the ${sizeName}-formula note in the app (click in the list to formulas on screen): ${result.toFixed(1)} ms`);
    for (const line of lines) log(line);
    await app.close();
  }

  if (which.includes('open-page')) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await page.goto('about:blank');
    await cdp.send('Profiler.start');
    await page.goto(`${server.origin}/index.html?mode=ours&formulas=${formulas}&seed=${seed}`, { waitUntil: 'commit' });
    await page.locator('.katex').first().waitFor({ state: 'attached' });
    const at = await page.evaluate(() => window.probe.nextFrameAt());
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    await keep(profile);
    log(`\n== opening the ${sizeName}-formula note in the bare MathEditor: first screen at ${at.toFixed(1)} ms`);
    for (const line of summarize(profile)) log(line);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  await rm(pageDir, { recursive: true, force: true });
}
