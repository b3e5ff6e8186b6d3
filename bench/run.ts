// `npm run bench`: Stillroom's speed side by side with the floor and the naive way, in one run (see bench/README.md).
import { execFileSync } from 'node:child_process';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from '../e2e/support/chromium';
import { openBenchApp, openingInApp, openNoteInApp } from './app';
import { buildBenchPage } from './build-page';
import { firstScreen } from './first-screen';
import { bundleSize } from './bundle';
import { benchEditorTyping, editorTypingRows, editorTypingTargets, TARGETS } from './editor-typing';
import { measureIdle, type IdleCpu } from './idle';
import { APP_ENFORCEMENT_TARGET_PERCENT, appEnforcementRow, benchAppEnforcement } from './app-enforcement';
import { compareEngines } from './math-engines';
import { generatedNote, typingPositions } from './note';
import { benchReflectionLog } from './reflection-log';
import { percentile, type Latency } from './stats';
import { benchSessionStart } from './session-start';
import { serveFolder } from './static-server';
import { typeAndMeasure } from './typing';

const seed = Number(process.env.BENCH_SEED ?? 1);
const perPosition = Number(process.env.BENCH_KEYSTROKES ?? 100);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const appsSeconds = Number(process.env.BENCH_APPS_SECONDS ?? 60);
const sizes = [20, 2000, 10000] as const;
const editors = ['textarea', 'codemirror', 'ours', 'naive'] as const;
// At 2,000 and 10,000 formulas the editor and bare CodeMirror are measured interleaved (bench/editor-typing.ts).
const sequentialEditors = (formulas: number): readonly Editor[] => (formulas > 20 ? ['textarea', 'naive'] : editors);
type Editor = (typeof editors)[number];
const positions = ['end', 'middle', 'formula'] as const;
type Position = (typeof positions)[number];
const editorNames: Record<Editor | 'app', string> = {
  textarea: 'bare <textarea> (floor)',
  codemirror: 'CodeMirror, no extensions',
  ours: 'Stillroom MathEditor',
  naive: 'naive previewer (markdown-it + KaTeX, whole note)',
  app: 'Stillroom notepad (the app)',
};
// The naive previewer re-renders the whole note per keystroke (seconds at 2,000 and 10,000 formulas here): it gets
// the keystrokes that fit in BENCH_NAIVE_SECONDS per note (at least one per position, at most the others' count),
// each measured the same way, and the table says how many.
const naiveSeconds = Number(process.env.BENCH_NAIVE_SECONDS ?? 20);
const naiveKeystrokes = (renderMs: number) => Math.max(1, Math.min(perPosition, Math.floor((naiveSeconds * 1000) / positions.length / renderMs)));
// At 10,000 formulas one naive keystroke takes as long as a whole-note render (about 20 s here): it types at the end only.
const naivePositions = (formulas: number): readonly Position[] => (formulas > 2000 ? ['end'] : positions);

const log = (line: string) => process.stdout.write(`${line}\n`);
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function openEditor(page: Page, origin: string, editor: Editor, formulas: number): Promise<void> {
  await page.goto(`${origin}/index.html?mode=${editor}&formulas=${formulas}&seed=${seed}`, { timeout: 300_000 });
  // The naive previewer renders the whole note before it answers (tens of seconds at 10,000 formulas on a busy machine).
  await page.waitForFunction(() => window.probe !== undefined, undefined, { timeout: 300_000 });
  if (editor === 'ours' || editor === 'codemirror') await page.locator('.cm-content').waitFor();
}

async function startSession(page: Page): Promise<void> {
  await page.getByLabel('What is this session for?').fill('bench');
  await page.getByRole('radio', { name: 'Custom' }).check();
  await page.getByLabel('Minutes (5 to 240)').fill('90');
  await page.getByRole('button', { name: 'Start 90 minutes' }).click();
  await page.getByRole('timer').waitFor();
}

async function idleScenarios(browser: Browser): Promise<Record<'blank' | 'focus' | 'notepad', IdleCpu>> {
  const blankPage = await browser.newPage();
  await blankPage.goto('about:blank');
  const blank = await measureIdle(browser, blankPage, idleSeconds);
  await blankPage.close();
  const app = await openBenchApp(browser, { 'Derivation.md': generatedNote(20, seed).text });
  await startSession(app.page);
  const focus = await measureIdle(browser, app.page, idleSeconds);
  await openNoteInApp(app.page, 'Derivation');
  const notepad = await measureIdle(browser, app.page, idleSeconds);
  await app.close();
  return { blank, focus, notepad };
}

interface Row {
  readonly measure: string;
  readonly value: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
}

const startedAt = Date.now();
log('Building the app (npm run build) and the bench page...');
execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
const pageDir = await buildBenchPage();
const server = await serveFolder(pageDir);
const browser = await launchChromium();
const chromiumVersion = browser.version();
try {
  // 1. Typing.
  const typing: Record<string, Record<string, Record<string, Latency>>> = {};
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  for (const formulas of sizes) {
    const note = generatedNote(formulas, seed);
    const at = typingPositions(note.text);
    // One opening per editor (the naive previewer's takes seconds): the positions are typed from the last one in the
    // note to the first, so what is typed at one never moves the next.
    const order = [...positions].sort((a, b) => at[b] - at[a]);
    for (const editor of sequentialEditors(formulas)) {
      await openEditor(page, server.origin, editor, formulas);
      const renderMs = editor === 'naive' ? await page.evaluate(() => performance.getEntriesByName('bench:naive-render')[0]!.duration) : 0;
      for (const position of order) {
        if (editor === 'naive' && !naivePositions(formulas).includes(position)) continue;
        const count = editor === 'naive' ? naiveKeystrokes(renderMs) : perPosition;
        const result = await typeAndMeasure(page, at[position], position === 'formula' ? 'x' : 'a', count);
        ((typing[formulas] ??= {})[editor] ??= {})[position] = result;
        log(`typing ${formulas} formulas, ${editor}, ${position}: p50 ${round(result.p50)} p95 ${round(result.p95)} p99 ${round(result.p99)} ms (${result.samples} keys)`);
      }
    }
  }
  await page.close();
  // The app itself (store, list, status line around the editor) on the 2,000-formula note.
  const appNote = generatedNote(2000, seed);
  const appAt = typingPositions(appNote.text);
  const app = await openBenchApp(browser, { 'Derivation.md': appNote.text });
  await openNoteInApp(app.page, 'Derivation');
  for (const position of [...positions].sort((a, b) => appAt[b] - appAt[a])) {
    const result = await typeAndMeasure(app.page, appAt[position], position === 'formula' ? 'x' : 'a', perPosition);
    ((typing[2000] ??= {}).app ??= {})[position] = result;
    log(`typing 2000 formulas, app, ${position}: p50 ${round(result.p50)} p95 ${round(result.p95)} p99 ${round(result.p99)} ms (${result.samples} keys)`);
  }
  await app.close();
  // Issue 23 item 7: the editor against bare CodeMirror at 2,000 and 10,000 formulas, interleaved.
  const editorTypingOptions = { origin: server.origin, seed, perPosition, block: Number(process.env.BENCH_BLOCK ?? 10), log };
  const editorTyping = await benchEditorTyping(browser, editorTypingOptions);

  // 2. Opening a note: on the bench page (the editor alone, the textarea as the floor, the naive previewer), and in the app.
  const openPage = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const opening = {
    textarea: await firstScreen(openPage, server.origin, 'textarea', 2000, seed),
    ours: await firstScreen(openPage, server.origin, 'ours', 2000, seed),
    naive: await firstScreen(openPage, server.origin, 'naive', 2000, seed),
    appCold: 0,
    app: 0,
  };
  await openPage.close();
  const openingApp = await openBenchApp(browser, { 'Derivation.md': appNote.text, 'Other.md': 'A short note.\n' });
  // The first opening since the app started (cold: the notepad's warm-up, editor/warm-up.ts, has had the idle moment
  // it gets while a user looks at the list, no more); then three more.
  opening.appCold = await openingInApp(openingApp.page, 'Derivation', 'Other');
  const appOpenings: number[] = [];
  for (let i = 0; i < 3; i++) appOpenings.push(await openingInApp(openingApp.page, 'Derivation', 'Other'));
  await openingApp.close();
  opening.app = percentile(appOpenings, 50);
  // A 10,000-formula note in the app (issue 23: under 300 ms to the first screen), the same way.
  const bigNote = generatedNote(10000, seed).text;
  const bigApp = await openBenchApp(browser, { 'Derivation.md': bigNote, 'Other.md': 'A short note.\n' });
  const bigOpenings: number[] = [await openingInApp(bigApp.page, 'Derivation', 'Other')];
  for (let i = 0; i < 3; i++) bigOpenings.push(await openingInApp(bigApp.page, 'Derivation', 'Other'));
  await bigApp.close();
  const openingBig = { first: bigOpenings[0]!, later: percentile(bigOpenings.slice(1), 50) };
  log(`first screen, 10000 formulas: app (click to screen) first ${round(openingBig.first)} ms, then ${round(openingBig.later)} ms`);
  log(`first screen, 2000 formulas: app (click to screen) first ${round(opening.appCold)} ms, then ${round(opening.app)} ms; bench page from mount: ours ${round(opening.ours.fromMount)} ms, naive ${round(opening.naive.fromMount)} ms, textarea ${round(opening.textarea.fromMount)} ms`);

  // 3. KaTeX against MathJax on the 2,000-formula note's formulas.
  const engines = compareEngines(generatedNote(2000, seed).formulas);
  log(`per formula: KaTeX p50 ${round(engines.katex.p50, 3)} ms, MathJax ${round(engines.mathjax.p50, 3)} ms`);

  // 4. Idle.
  log(`idle: ${idleSeconds} s each for a blank page, the Focus view and the notepad, with a session running...`);
  // In a Chromium of their own: what the measures above left behind (their renderer processes, the garbage of
  // 10,000-formula notes) is not this idle's.
  const idleBrowser = await launchChromium();
  const idle = await idleScenarios(idleBrowser).finally(() => idleBrowser.close());

  // 5. Closing apps: the enforcer's scan with 300 processes running, in a process of its own.
  const appEnforcement = await benchAppEnforcement(appsSeconds);
  log(`app enforcement, ${appEnforcement.processesSeen} processes: ${round(appEnforcement.percentOfCore, 3)} % of a core`);

  // 6. The reflection log.
  const reflections = await benchReflectionLog(10_000, seed);
  log(`reflection log, 10,000 files: cold ${round(reflections.coldMs)} ms, warm ${round(reflections.warmMs)} ms`);

  // 7. Session start, with the real guard and dunst in throwaway places.
  const sessionStart = await benchSessionStart(browser);
  log(sessionStart.measured ? `session start to every protection active: ${round(sessionStart.ms)} ms (${sessionStart.protections.join(', ')})` : `session start: not measured (${sessionStart.reason})`);

  // 8. Bundle.
  const bundle = await bundleSize(resolve('out/renderer'));

  // The table, the targets, results.json.
  const prose = (editor: Editor | 'app', formulas: number) => {
    const byPosition = typing[formulas]![editor]!;
    return Math.max(byPosition.end!.p95, byPosition.middle!.p95);
  };
  const p95 = (editor: Editor | 'app', formulas: number, position: Position) => typing[formulas]![editor]![position]!.p95;
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const targets = {
    prose: { value: prose('app', 2000) - prose('textarea', 2000), limit: 8 },
    formula: { value: p95('app', 2000, 'formula') - p95('textarea', 2000, 'formula'), limit: 16 },
    naive: { value: p95('naive', 2000, 'middle') / p95('app', 2000, 'middle'), limit: 100 },
    firstScreen: { value: opening.appCold, limit: 150 },
    firstScreenAgain: { value: opening.app, limit: 150 },
    firstScreen10000: { value: openingBig.first, limit: TARGETS.openingMs },
    firstScreen10000Again: { value: openingBig.later, limit: TARGETS.openingMs },
    ...editorTypingTargets(editorTyping),
    focusIdle: { value: idle.focus.chromiumPercent, limit: 1 },
    focusOverBlank: { value: idle.focus.chromiumPercent - idle.blank.chromiumPercent, limit: 0.5 },
    reflectionsWarm: { value: reflections.warmMs, limit: 200 },
    appEnforcement: { value: appEnforcement.percentOfCore, limit: APP_ENFORCEMENT_TARGET_PERCENT },
  };
  const rows: Row[] = [];
  for (const formulas of sizes) {
    for (const editor of [...editors, 'app'] as const) {
      const byPosition = typing[formulas]?.[editor];
      if (!byPosition) continue;
      for (const position of positions) {
        const result = byPosition[position];
        if (!result) {
          rows.push({ measure: `typing, ${formulas} formulas, ${position}: ${editorNames[editor]}`, value: 'not measured', baseline: '', ratio: '', target: 'the naive previewer types at the end only at this size (about 20 s a keystroke)' });
          continue;
        }
        const floor = typing[formulas]!.textarea![position]!;
        rows.push({
          measure: `typing, ${formulas} formulas, ${position}: ${editorNames[editor]} (${result.samples} keys)`,
          value: `p50 ${round(result.p50)} / p95 ${round(result.p95)} / p99 ${round(result.p99)} ms`,
          baseline: editor === 'textarea' ? '' : `floor p95 ${round(floor.p95)} ms`,
          ratio: editor === 'textarea' ? '' : `${round(result.p95 / floor.p95, 2)}x`,
          target: '',
        });
      }
    }
  }
  rows.push(
    { measure: 'prose typing p95 over the floor, 2,000 formulas (app)', value: `${round(targets.prose.value)} ms`, baseline: 'textarea', ratio: '', target: `<= 8 ms: ${met(targets.prose.value <= 8)}` },
    { measure: 'typing in a formula p95 over the floor, 2,000 formulas (app)', value: `${round(targets.formula.value)} ms`, baseline: 'textarea', ratio: '', target: `<= 16 ms: ${met(targets.formula.value <= 16)}` },
    { measure: 'naive previewer p95 / app p95, 2,000 formulas, middle', value: `${round(targets.naive.value)}x`, baseline: 'naive', ratio: '', target: `>= 100x: ${met(targets.naive.value >= 100)}` },
    { measure: 'first screen of a 2,000-formula note, the app: click in the list to the formulas on screen, first opening since the app started', value: `${round(opening.appCold)} ms`, baseline: `naive ${round(opening.naive.fromMount)} ms`, ratio: `${round(opening.naive.fromMount / opening.appCold, 1)}x faster`, target: `< 150 ms: ${met(opening.appCold < 150)}` },
    { measure: 'first screen of a 2,000-formula note, the app: click in the list to the formulas on screen, median of the next 3', value: `${round(opening.app)} ms`, baseline: `naive ${round(opening.naive.fromMount)} ms`, ratio: `${round(opening.naive.fromMount / opening.app, 1)}x faster`, target: `< 150 ms: ${met(opening.app < 150)}` },
    { measure: 'first screen of a 10,000-formula note, the app: click in the list to the formulas on screen, first opening since the app started', value: `${round(openingBig.first)} ms`, baseline: '', ratio: '', target: `< ${TARGETS.openingMs} ms: ${met(openingBig.first < TARGETS.openingMs)}` },
    { measure: 'first screen of a 10,000-formula note, the app: click in the list to the formulas on screen, median of the next 3', value: `${round(openingBig.later)} ms`, baseline: '', ratio: '', target: `< ${TARGETS.openingMs} ms: ${met(openingBig.later < TARGETS.openingMs)}` },
    ...editorTypingRows(editorTyping, editorTypingOptions),
    { measure: 'first screen, bench page, from the editor\'s mount: Stillroom MathEditor', value: `${round(opening.ours.fromMount)} ms`, baseline: `textarea ${round(opening.textarea.fromMount)} ms; naive ${round(opening.naive.fromMount)} ms`, ratio: `${round(opening.naive.fromMount / opening.ours.fromMount, 1)}x faster than naive`, target: '' },
    { measure: 'first screen, bench page, from navigation start (the page\'s code loaded too): Stillroom MathEditor', value: `${round(opening.ours.fromNavigation)} ms`, baseline: `textarea ${round(opening.textarea.fromNavigation)} ms; naive ${round(opening.naive.fromNavigation)} ms`, ratio: `${round(opening.naive.fromNavigation / opening.ours.fromNavigation, 1)}x faster than naive`, target: '' },
    { measure: 'per formula: KaTeX vs MathJax 3 (SVG), Node, 2,000 formulas', value: `KaTeX p50 ${round(engines.katex.p50, 3)} ms`, baseline: `MathJax p50 ${round(engines.mathjax.p50, 3)} ms`, ratio: `${round(engines.mathjax.p50 / engines.katex.p50, 1)}x faster`, target: '' },
    { measure: `idle CPU, blank page (floor), ${round(idle.blank.seconds, 0)} s`, value: `${round(idle.blank.chromiumPercent, 2)} % of a core (renderer ${round(idle.blank.rendererPercent, 2)} %)`, baseline: '', ratio: '', target: '' },
    { measure: `idle CPU, Focus view, session running, ${round(idle.focus.seconds, 0)} s`, value: `${round(idle.focus.chromiumPercent, 2)} % (renderer ${round(idle.focus.rendererPercent, 2)} %, core ${round(idle.focus.corePercent, 2)} %)`, baseline: `blank ${round(idle.blank.chromiumPercent, 2)} %`, ratio: `+${round(targets.focusOverBlank.value, 2)} %`, target: `< 1 %: ${met(targets.focusIdle.value < 1)}; within 0.5 % of blank: ${met(targets.focusOverBlank.value <= 0.5)}` },
    { measure: `idle CPU, notepad view, session running, ${round(idle.notepad.seconds, 0)} s`, value: `${round(idle.notepad.chromiumPercent, 2)} % (renderer ${round(idle.notepad.rendererPercent, 2)} %, core ${round(idle.notepad.corePercent, 2)} %)`, baseline: `blank ${round(idle.blank.chromiumPercent, 2)} %`, ratio: `+${round(idle.notepad.chromiumPercent - idle.blank.chromiumPercent, 2)} %`, target: '' },
    appEnforcementRow(appEnforcement),
    { measure: 'reflection log, 10,000 files: cold start (no cache), list + stats', value: `${round(reflections.coldMs)} ms`, baseline: '', ratio: '', target: '' },
    { measure: 'reflection log, 10,000 files: start from the index cache, list + stats', value: `${round(reflections.cachedStartMs)} ms`, baseline: `cold ${round(reflections.coldMs)} ms`, ratio: `${round(reflections.coldMs / reflections.cachedStartMs, 1)}x`, target: '' },
    { measure: 'reflection log, 10,000 files: warm list + stats', value: `${round(reflections.warmMs)} ms`, baseline: `cold ${round(reflections.coldMs)} ms`, ratio: '', target: `< 200 ms: ${met(reflections.warmMs < 200)}` },
    sessionStart.measured
      ? { measure: `session start: click on Start to every protection shown verified active (${sessionStart.protections.join(', ')}), median of ${sessionStart.runs}`, value: `${round(sessionStart.ms)} ms`, baseline: '', ratio: '', target: `includes ${sessionStart.includes}` }
      : { measure: 'session start to every protection reported active', value: 'not measured', baseline: '', ratio: '', target: `not measured: ${sessionStart.reason}` },
    { measure: 'renderer bundle, gzip: first screen vs all chunks', value: `${round(bundle.firstScreenGzip / 1024)} KiB`, baseline: `all ${round(bundle.allGzip / 1024)} KiB`, ratio: `${round((bundle.firstScreenGzip / bundle.allGzip) * 100, 0)} %`, target: '' },
  );
  const machine = {
    os: `${osType()} ${release()}`,
    cpus: cpus().map((cpu) => cpu.model),
    cores: cpus().length,
    memoryBytes: totalmem(),
    node: process.version,
    chromium: chromiumVersion,
    note: 'shared machine: other work ran on the same cores during this run; compare figures within one run (ratios), not across runs',
  };
  const results = {
    date: new Date().toISOString(),
    durationSeconds: round((Date.now() - startedAt) / 1000, 0),
    seed,
    keystrokesPerPosition: perPosition,
    naiveSecondsPerNote: naiveSeconds,
    idleSeconds,
    machine,
    typing,
    editorTyping,
    opening,
    openingBig,
    engines,
    idle,
    appEnforcement,
    reflections,
    sessionStart,
    bundle,
    targets: Object.fromEntries(Object.entries(targets).map(([name, target]) => [name, { ...target, met: name === 'naive' ? target.value >= target.limit : target.value <= target.limit }])),
    table: rows,
  };
  await writeFile('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  log('');
  log(`Stillroom bench, ${results.date}, ${machine.cores} cores (${machine.cpus[0]}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium ${chromiumVersion}; ${machine.note}`);
  log('');
  log('| measure | value | baseline | ratio | target |');
  log('|---|---|---|---|---|');
  for (const row of rows) log(`| ${row.measure} | ${row.value} | ${row.baseline} | ${row.ratio} | ${row.target} |`);
  log('');
  log(`bench/results.json written (${results.durationSeconds} s).`);
} finally {
  await browser.close();
  await server.close();
  await rm(pageDir, { recursive: true, force: true });
}
