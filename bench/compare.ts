// `npm run bench:compare -- <commit>`: "no slower than before", measured. The app as built from <commit> and as built
// from this working tree type and open the same 2,000-formula note in turns (ABBA rounds, one Chromium), so load on a
// shared machine hits both alike. Prints a table; writes nothing. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium } from '../e2e/support/chromium';
import type * as BenchAppModule from './app';
import { generatedNote, typingPositions } from './note';
import { latency } from './stats';
import { typeAndRecord } from './typing';

const ref = process.argv[2];
if (!ref) {
  process.stderr.write('usage: npm run bench:compare -- <commit>   (the commit to compare this working tree with)\n');
  process.exit(2);
}
const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
const keystrokes = Number(process.env.BENCH_KEYSTROKES ?? 50);
const log = (line: string) => process.stdout.write(`${line}\n`);
const positions = ['end', 'middle', 'formula'] as const;

const here = resolve('.');
const commit = execFileSync('git', ['rev-parse', '--short', `${ref}^{commit}`], { encoding: 'utf8' }).trim();
const there = await mkdtemp(join(tmpdir(), `stillroom-bench-${commit}-`));
const samples = new Map<string, number[]>();
/** Each round's p95 per build and measure: a round's two builds ran at nearly the same moment, so they pair up. */
const roundP95s = new Map<string, number[]>();
const record = (key: string, values: number[]) => {
  samples.set(key, [...(samples.get(key) ?? []), ...values]);
  roundP95s.set(key, [...(roundP95s.get(key) ?? []), latency(values).p95]);
};

try {
  log(`Building ${commit} in ${there} and this working tree...`);
  execFileSync('git', ['worktree', 'add', '--detach', there, commit], { stdio: 'ignore' });
  await symlink(join(here, 'node_modules'), join(there, 'node_modules'));
  for (const dir of [there, here]) execFileSync('npx', ['electron-vite', 'build'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });

  // Each build with its own core and bench helpers (the probe and the note list may differ between the two).
  const builds = [
    { name: commit, dir: there, app: (await import(join(there, 'bench/app.ts'))) as typeof BenchAppModule },
    { name: 'working tree', dir: here, app: await import('./app') },
  ];
  const note = generatedNote(2000, 1);
  const at = typingPositions(note.text);
  const browser = await launchChromium();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
        // openBenchApp serves `out/renderer` from the working directory.
        process.chdir(build.dir);
        const app = await build.app.openBenchApp(browser, { 'Derivation.md': note.text, 'Other.md': 'A short note.\n' });
        try {
          await build.app.openNoteInApp(app.page, 'Other');
          record(`${build.name}\topening, first`, [await build.app.openingInApp(app.page, 'Derivation', 'Other')]);
          const later: number[] = [];
          for (let i = 0; i < 3; i++) later.push(await build.app.openingInApp(app.page, 'Derivation', 'Other'));
          record(`${build.name}\topening, later`, later);
          for (const where of positions) {
            record(`${build.name}\ttyping, ${where}`, await typeAndRecord(app.page, at[where], where === 'formula' ? 'x' : 'a', keystrokes));
          }
        } finally {
          await app.close();
          process.chdir(here);
        }
      }
      log(`round ${round + 1} of ${rounds}`);
    }
  } finally {
    await browser.close();
  }

  log(`\nThe app, 2,000-formula note, ${rounds} interleaved rounds (${keystrokes} keys per position per round), ms:\n`);
  log(`| measure | ${commit} p50 / p95 | working tree p50 / p95 | p95 ratio | rounds where the working tree's p95 was higher |`);
  log('|---|---|---|---|---|');
  for (const measure of ['opening, first', 'opening, later', ...positions.map((where) => `typing, ${where}`)]) {
    const [before, after] = builds.map((build) => latency(samples.get(`${build.name}\t${measure}`) ?? []));
    const [beforeRounds, afterRounds] = builds.map((build) => roundP95s.get(`${build.name}\t${measure}`) ?? []);
    const higher = afterRounds!.filter((p95, round) => p95 > beforeRounds![round]!).length;
    log(`| ${measure} (n=${after!.samples}) | ${before!.p50.toFixed(1)} / ${before!.p95.toFixed(1)} | ${after!.p50.toFixed(1)} / ${after!.p95.toFixed(1)} | ${(after!.p95 / before!.p95).toFixed(2)}x | ${higher} of ${afterRounds!.length} |`);
  }
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', there], { stdio: 'ignore' });
  await rm(there, { recursive: true, force: true });
}
