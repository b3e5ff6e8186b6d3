import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src-main/core/clock';
import { FreedesktopTrash } from '../src-main/core/notes/freedesktop-trash';
import { NoteVault } from '../src-main/core/notes/note-vault';
import { ReflectionLog } from '../src-main/core/reflections/reflection-log';
import { writeFirstSync } from '../test-support/first-sync-burst';
import { percentile } from './stats';

/**
 * A first sync of a big vault (`BENCH_FIRST_SYNC`, default 10,000 notes and as many reflections) landing while the
 * notes vault and the reflection log run with their watchers on, as in the app: how long until both lists are
 * complete, and how long opening a note takes meanwhile (one open every 100 ms). `npx tsx bench/first-sync.ts`.
 */
async function benchFirstSync(count: number): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'stillroom-bench-first-sync-'));
  const vaultDir = join(root, 'vault');
  const dataDir = join(root, 'data');
  const log = () => undefined;
  const notes = await NoteVault.open({ vaultDir, dataDir, clock: systemClock, trash: new FreedesktopTrash(join(root, 'trash'), 0, systemClock), revealInFolder: null, log });
  const reflections = await ReflectionLog.open({ vaultDir, cachePath: join(dataDir, 'reflections-index.json'), clock: systemClock, log });
  try {
    const own = await notes.create('Written here', 'my own text');
    let progressEvents = 0;
    reflections.onChange((progress) => void (progress && progressEvents++));
    const started = performance.now();
    let writtenMs: number | null = null;
    const writing = writeFirstSync(vaultDir, { notes: count, reflections: count }).then(() => (writtenMs = performance.now() - started));
    const opens: number[] = [];
    const complete = () => writtenMs !== null && notes.indexProgress() === null && reflections.indexProgress() === null && notes.list().length === count + 1 && reflections.entries().length === count;
    while (!complete()) {
      const asked = performance.now();
      await notes.read(own.name);
      opens.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await writing;
    const rows = {
      files: `${count} notes + ${count} reflections`,
      'all written (s)': ((writtenMs ?? 0) / 1000).toFixed(1),
      'both lists complete (s)': ((performance.now() - started) / 1000).toFixed(1),
      'note opened meanwhile, median / p95 / max (ms)': `${percentile(opens, 50).toFixed(0)} / ${percentile(opens, 95).toFixed(0)} / ${Math.max(...opens).toFixed(0)} (${opens.length} opens)`,
      'reflection progress events': progressEvents,
      machine: `${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`,
    };
    for (const [what, value] of Object.entries(rows)) process.stdout.write(`${what}: ${value}\n`);
  } finally {
    await Promise.all([notes.close(), reflections.close()]);
    await rm(root, { recursive: true, force: true });
  }
}

await benchFirstSync(Number(process.env.BENCH_FIRST_SYNC ?? 10_000));
