import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { systemClock } from '../src-main/core/clock';
import { formatReflection } from '../src-main/core/reflections/reflection-file';
import { recordFor } from '../test-support/reflection-fixtures';
import { reflectionPathFor } from '../src-main/core/reflections/reflection-path';
import { ReflectionLog } from '../src-main/core/reflections/reflection-log';
import { ReflectionService } from '../src-main/core/reflections/reflection-service';
import { seededRandom } from './note';
import { percentile } from './stats';

export interface ReflectionTimes {
  readonly files: number;
  /** A first start: no index cache, every file read and parsed, then the list and the stats. */
  readonly coldMs: number;
  /** A later start with the index cache the first one left, until the list and stats are answered. */
  readonly cachedStartMs: number;
  /** The list and the stats asked again of the running log (the median of 5). */
  readonly warmMs: number;
}

const outcomes = ['yes', 'partly', 'no'] as const;

/** Writes `count` reflection files into a temp vault (the real file format) and times the real service. */
export async function benchReflectionLog(count: number, seed: number): Promise<ReflectionTimes> {
  const root = await mkdtemp(join(tmpdir(), 'stillroom-bench-reflections-'));
  try {
    const vaultDir = join(root, 'vault');
    const random = seededRandom(seed);
    const start = Date.UTC(2020, 0, 1, 8);
    for (let i = 0; i < count; i++) {
      const hex = i.toString(16).padStart(12, '0');
      const startedAt = start + i * 5 * 3_600_000 + Math.floor(random() * 3_600_000);
      const record = recordFor(
        { status: 'reflected', reflectedAt: startedAt + 3_600_000, answers: { outcome: outcomes[i % 3]!, depth: 1 + (i % 5), moved: `step ${i}`, next: 'the next lemma', tags: [`t${i % 17}`] } },
        { sessionId: `${hex.slice(0, 8)}-0000-4000-8000-${hex}`, intent: `prove lemma ${i % 97}`, startedAt, endedAt: startedAt + 50 * 60_000 },
      );
      const path = join(vaultDir, reflectionPathFor(record.facts, 'UTC'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, formatReflection(record));
    }
    const options = { vaultDir, cachePath: join(root, 'data', 'reflections-index.json'), clock: systemClock, log: () => undefined, watch: false, timeZone: () => 'UTC' };
    // The service over one vault's log, as the core opens it.
    const open = async () => {
      const log = await ReflectionLog.open(options);
      return { log, service: new ReflectionService({ log: () => log, clock: systemClock, timeZone: options.timeZone, unicodeFileNames: true, makeNote: () => Promise.reject(new Error('the bench makes no notes')) }) };
    };
    const answer = async (service: ReflectionService) => {
      // The index is built in the background (its progress shows only once the files are counted): ask until
      // every file is listed.
      let list = await service.list({});
      while (list.progress !== null || list.entries.length + list.unreadable.length < count) {
        await new Promise((done) => setTimeout(done, 5));
        list = await service.list({});
      }
      await service.stats({ timeZone: 'UTC' });
      if (list.unreadable.length > 0) throw new Error(`${list.unreadable.length} generated reflections were unreadable`);
    };
    let begin = performance.now();
    const cold = await open();
    await answer(cold.service);
    const coldMs = performance.now() - begin;
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      begin = performance.now();
      await answer(cold.service);
      warm.push(performance.now() - begin);
    }
    // Closing writes the index cache; the next start reads it instead of every file.
    await cold.log.close();
    begin = performance.now();
    const cached = await open();
    await answer(cached.service);
    const cachedStartMs = performance.now() - begin;
    await cached.log.close();
    return { files: count, coldMs, cachedStartMs, warmMs: percentile(warm, 50) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
