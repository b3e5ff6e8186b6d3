import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installCoreApi } from '../../../../../test-support/renderer-api';
import { testFiles, type TestFiles } from '../../../../../test-support/test-files';
import { createTestCore, type TestCore } from '../../../../../test-support/test-core';
import { createNotesStore } from '../notes-store';
import { AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, RETRY_DELAY_MS } from './autosave-timer';

// Only the renderer's timers are fake (setTimeout and Date), so the delays are exact; the core's file work is
// real I/O, which `until` waits for by real time (performance.now is not faked).
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > 5_000) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

let test: TestCore;
let files: TestFiles;
let store: ReturnType<typeof createNotesStore>;
const onDisk = (name: string) => files.read(`vault/Notes/${name}`);

beforeEach(async () => {
  test = await createTestCore();
  installCoreApi(test.core);
  files = testFiles(test.root);
  await files.write('vault/Notes/Draft.md', 'start');
  store = createNotesStore();
  expect(await store.getState().openNote('Draft.md')).toBe(true);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await test.dispose();
});

describe('autosave, against the real core', () => {
  it('writes the file a pause after the last keystroke, not before', async () => {
    store.getState().edited('start, typed');
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 1);
    expect(store.getState().status).toBe('unsaved');
    vi.advanceTimersByTime(1);
    expect(store.getState().status).toBe('saving');
    await until(() => store.getState().status === 'saved', 'saved');
    expect(await onDisk('Draft.md')).toBe('start, typed');
    expect(store.getState().text).toBe('start, typed');
  });

  it('saves steady typing at the max wait after the first unsaved keystroke, and the rest after the pause', async () => {
    let text = 'start';
    for (let elapsed = 0; elapsed < AUTOSAVE_MAX_WAIT_MS; elapsed += 100) {
      text += '.';
      store.getState().edited(text);
      vi.advanceTimersByTime(100);
    }
    // Ten keystrokes 100 ms apart: no pause long enough, and yet the max wait has come.
    expect(store.getState().status).toBe('saving');
    await until(async () => (await onDisk('Draft.md')) === text, 'the steady text on disk');
    store.getState().edited(`${text}!`);
    await until(() => store.getState().status === 'unsaved', 'unsaved again');
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await until(async () => (await onDisk('Draft.md')) === `${text}!`, 'the last keystroke on disk');
    await until(() => store.getState().status === 'saved', 'saved');
  });

  it('changes the status on the first keystroke after a save only: typing notifies no one', async () => {
    const notified = vi.fn();
    const stop = store.subscribe(notified);
    for (let i = 1; i <= 50; i++) store.getState().edited(`start${'x'.repeat(i)}`);
    expect(notified).toHaveBeenCalledTimes(1);
    expect(store.getState().status).toBe('unsaved');
    stop();
  });

  it('keeps the text typed during a save unsaved, and saves it after the pause', async () => {
    store.getState().edited('one');
    const saving = store.getState().saveNow();
    store.getState().edited('one two');
    await saving;
    expect(await onDisk('Draft.md')).toBe('one');
    expect(store.getState().status).toBe('unsaved');
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await until(async () => (await onDisk('Draft.md')) === 'one two', 'the second text');
    await until(() => store.getState().status === 'saved', 'saved');
  });

  it('saves now on request, one save at a time, and does nothing when nothing is unsaved', async () => {
    store.getState().edited('asked for');
    await Promise.all([store.getState().saveNow(), store.getState().saveNow(), store.getState().saveNow()]);
    expect(await onDisk('Draft.md')).toBe('asked for');
    expect(store.getState().status).toBe('saved');
    const notified = vi.fn();
    const stop = store.subscribe(notified);
    await store.getState().saveNow();
    expect(notified).not.toHaveBeenCalled();
    stop();
  });

  it('says why a save failed, keeps the text, and tries again while it is unsaved', async () => {
    await files.chmod('vault/Notes/Draft.md', 0o444);
    store.getState().edited('start, but locked');
    await store.getState().saveNow();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().saveError?.code).toBe('note-write-failed');
    expect(await onDisk('Draft.md')).toBe('start');
    // More typing keeps the failure on screen (no status flicker) until a save succeeds.
    store.getState().edited('start, but locked, still');
    expect(store.getState().status).toBe('failed');
    await files.chmod('vault/Notes/Draft.md', 0o644);
    vi.advanceTimersByTime(RETRY_DELAY_MS);
    await until(() => store.getState().status === 'saved', 'saved on retry');
    expect(await onDisk('Draft.md')).toBe('start, but locked, still');
    expect(store.getState().saveError).toBeNull();
  });

  it('ignores typing when no note is open', async () => {
    const closed = createNotesStore();
    closed.getState().edited('nowhere');
    expect(closed.getState().status).toBe('saved');
    await closed.getState().saveNow();
    expect(vi.getTimerCount()).toBe(0);
  });

  // Issue 23, item 8: a new note is named by its heading as it is saved (at a pause, or each second of steady typing).
  it("names a new note after its heading as it saves, and the editor's next saves go to the new name", async () => {
    await files.write('vault/Notes/Untitled.md', '');
    expect(await store.getState().openNote('Untitled.md')).toBe(true);
    store.getState().edited('# Green');
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await until(() => store.getState().open?.name === 'Green.md', 'named after its heading');
    expect(await files.list('vault/Notes')).toEqual(['Draft.md', 'Green.md']);
    store.getState().edited('# Green function');
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await until(() => store.getState().open?.name === 'Green function.md', 'following its heading');
    expect(await onDisk('Green function.md')).toBe('# Green function');
    await until(() => store.getState().notes.some((note) => note.name === 'Green function.md'), 'the list shows the new name');
    expect(store.getState().notes.map((note) => note.name).sort()).toEqual(['Draft.md', 'Green function.md']);
  });
});
