// `npm run bench:typing`: only the rows of issue 23 item 7 (bench/editor-typing.ts): the app's editor against bare
// CodeMirror at 2,000 and 10,000 formulas, interleaved, and the opening of a 10,000-formula note. It builds the bench
// page alone (not the app), prints the table and writes nothing. See bench/README.md.
import { cpus, totalmem } from 'node:os';
import { rm } from 'node:fs/promises';
import { launchChromium } from '../e2e/support/chromium';
import { buildBenchPage } from './build-page';
import { benchEditorTyping, editorTypingRows } from './editor-typing';
import { serveFolder } from './static-server';

const seed = Number(process.env.BENCH_SEED ?? 1);
const perPosition = Number(process.env.BENCH_KEYSTROKES ?? 100);
const block = Number(process.env.BENCH_BLOCK ?? 10);
const log = (line: string) => process.stdout.write(`${line}\n`);

const startedAt = Date.now();
log('Building the bench page...');
const pageDir = await buildBenchPage();
const server = await serveFolder(pageDir);
const browser = await launchChromium();
try {
  const options = { origin: server.origin, seed, perPosition, block, log };
  const result = await benchEditorTyping(browser, options);
  log('');
  log(`Stillroom bench:typing, ${new Date().toISOString()}, ${cpus().length} cores (${cpus()[0]?.model}), ${Math.round(totalmem() / 2 ** 30)} GiB, Chromium ${browser.version()}, ${Math.round((Date.now() - startedAt) / 1000)} s`);
  log('');
  log('| measure | value | baseline | over CodeMirror | target |');
  log('|---|---|---|---|---|');
  for (const row of editorTypingRows(result, options)) log(`| ${row.measure} | ${row.value} | ${row.baseline} | ${row.ratio} | ${row.target} |`);
} finally {
  await browser.close();
  await server.close();
  await rm(pageDir, { recursive: true, force: true });
}
