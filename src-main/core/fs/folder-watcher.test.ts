import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { watchFolder, type FolderWatcher } from './folder-watcher';

let folder: string;
let watcher: FolderWatcher | null = null;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'folder-watcher-'));
});
afterEach(async () => {
  watcher?.close();
  await rm(folder, { recursive: true, force: true });
});

/** A manual clock that counts the timers set: each file-system event the watcher hears sets its debounce again. */
class CountingClock extends ManualClock {
  timersSet = 0;
  override setTimer(ms: number, callback: () => void): () => void {
    this.timersSet++;
    return super.setTimer(ms, callback);
  }
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the watcher');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

it('reports a burst that never pauses for the debounce at least every maxWaitMs, each file once', async () => {
  const clock = new CountingClock(0);
  const batches: (string[] | 'all')[] = [];
  watcher = watchFolder(folder, { recursive: false, clock, debounceMs: 150, maxWaitMs: 1_000, log: () => undefined, onChange: (changed) => batches.push(changed) });
  // A sync writing without a pause: a file every 100 ms of the clock, always inside the 150 ms debounce.
  for (let index = 0; index < 25; index++) {
    const before = clock.timersSet;
    await writeFile(join(folder, `${index}.md`), 'text');
    await until(() => clock.timersSet > before);
    clock.advance(100);
  }
  // 2.5 s of writing: reported at 1 s and at 2 s, though the folder was never quiet.
  expect(batches).toHaveLength(2);
  clock.advance(150);
  expect(batches).toHaveLength(3);
  const reported = batches.flatMap((batch) => (batch === 'all' ? [] : batch));
  expect(new Set(reported)).toEqual(new Set(Array.from({ length: 25 }, (_, index) => `${index}.md`)));
  expect(reported.filter((name, at) => reported.indexOf(name) !== at)).toEqual([]);
});
