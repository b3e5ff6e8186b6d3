import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { IndexProgress } from '../../contract/reflections';
import { factsFor } from '../../../test-support/reflection-fixtures';
import { burstNoteName, burstNoteWord, burstSessionId, writeFirstSync } from '../../../test-support/first-sync-burst';
import { systemClock } from '../clock';
import { FreedesktopTrash } from '../notes/freedesktop-trash';
import { NoteVault } from '../notes/note-vault';
import { ReflectionLog } from '../reflections/reflection-log';

// A first sync of a vault lands while the app runs with its watchers on. A thousand of each keeps this test within
// a unit test's time on a busy 2-core machine and is thirty times the read batch; bench/first-sync.ts runs 10,000
// of each and prints the times.
const NOTES = 1_000;
const REFLECTIONS = 1_000;
const OWN_SESSION = 'b1b2c3d4-0000-4000-8000-000000000001';

let root: string;
let vaultDir: string;
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'first-sync-'));
  vaultDir = join(root, 'vault');
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await rm(root, { recursive: true, force: true });
});

async function until(what: string, condition: () => boolean, deadlineMs = 90_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Progress within one run rises to its total and then clears; a run may grow when more files land meanwhile. */
function expectOrderlyProgress(events: readonly (IndexProgress | null)[]): void {
  let last: IndexProgress | null = null;
  for (const event of events) {
    if (event === null) {
      if (last) expect(last.done).toBe(last.total);
    } else {
      expect(event.done).toBeLessThanOrEqual(event.total);
      if (last) {
        expect(event.done).toBeGreaterThanOrEqual(last.done);
        expect(event.total).toBeGreaterThanOrEqual(last.total);
      }
    }
    last = event;
  }
  expect(last).toBeNull();
}

it(
  'indexes a first sync of a thousand notes and a thousand reflections in the background: calls answer meanwhile, progress rises to the total, the lists end complete',
  async () => {
    const trash = new FreedesktopTrash(join(root, 'xdg-data'), process.getuid?.() ?? 0, systemClock);
    const dataDir = join(root, 'data');
    const notes = await NoteVault.open({ vaultDir, dataDir, clock: systemClock, trash, revealInFolder: null, log: () => undefined });
    closers.push(() => notes.close());
    const reflections = await ReflectionLog.open({ vaultDir, cachePath: join(dataDir, 'reflections-index.json'), clock: systemClock, log: () => undefined });
    closers.push(() => reflections.close());
    await reflections.whenIndexed();
    const own = await notes.create('Written here', 'my own text');
    const progress: (IndexProgress | null)[] = [];
    reflections.onChange((each) => progress.push(each));
    const changedNotes = new Set<string>();
    notes.onChange((names) => names.forEach((name) => changedNotes.add(name)));

    const writing = writeFirstSync(vaultDir, { notes: NOTES, reflections: REFLECTIONS });

    // Mid-burst, with many files still to read, a note opens and a session's reflection is written: each waits for
    // the one batch being read (at most READ_BATCH = 32 files), however many bursts are in flight, never the sync.
    const busy = (each: IndexProgress | null) => each !== null && each.total - each.done > 128;
    await until('the notes index to be busy', () => busy(notes.indexProgress()));
    const notesReadBefore = notes.indexProgress()!.done;
    const opened = await notes.read(own.name);
    expect(opened.content).toBe('my own text');
    expect(notes.indexProgress()!.done - notesReadBefore).toBeLessThanOrEqual(32);
    expect(notes.list().some((note) => note.name === own.name)).toBe(true);
    await until('the reflections index to be busy', () => busy(reflections.indexProgress()));
    const reflectionsReadBefore = reflections.indexProgress()!.done;
    const recorded = await reflections.recordEnded(factsFor({ sessionId: OWN_SESSION, startedAt: Date.UTC(2026, 11, 7, 9) }));
    expect(recorded.status).toBe('pending');
    expect(reflections.indexProgress()!.done - reflectionsReadBefore).toBeLessThanOrEqual(32);

    await writing;
    // Polled cheaply: listing the whole vault every few milliseconds would slow the indexing it waits for.
    await until('every note to be indexed', () => notes.indexProgress() === null && changedNotes.size >= NOTES);
    await until('every reflection to be indexed', () => reflections.indexProgress() === null && reflections.entries().length === REFLECTIONS + 1);

    const listed = notes.list();
    expect(new Set(listed.map((note) => note.name))).toEqual(new Set([own.name, ...Array.from({ length: NOTES }, (_, index) => burstNoteName(index))]));
    expect(listed.every((note) => note.status === 'text')).toBe(true);
    expect(notes.list(burstNoteWord(NOTES - 1)).map((note) => note.name)).toEqual([burstNoteName(NOTES - 1)]);
    for (let index = 0; index < NOTES; index++) expect(changedNotes.has(burstNoteName(index))).toBe(true);
    const log = reflections.list({});
    expect(log.unreadable).toEqual([]);
    expect(new Set(log.entries.map((entry) => entry.facts.sessionId))).toEqual(new Set([OWN_SESSION, ...Array.from({ length: REFLECTIONS }, (_, index) => burstSessionId(index))]));
    expectOrderlyProgress(progress);
    expect(progress.filter((each) => each !== null).length).toBeGreaterThan(10);

    // The index cache is the app's, beside its data: the vault holds only the synced files.
    await reflections.close();
    expect(await readdir(dataDir)).toContain('reflections-index.json');
    const vaultFiles = (await readdir(vaultDir, { recursive: true })).map(String);
    expect(vaultFiles.filter((path) => !path.endsWith('.md') && !/^(Notes|Reflections)(\/\d{4}(\/\d{2})?)?$/.test(path))).toEqual([]);
  },
  180_000,
);
