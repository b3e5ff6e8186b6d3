import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NoteRecovery } from '../../../../../src-main/contract/notes';
import { installCoreApi } from '../../../../../test-support/renderer-api';
import { testFiles, type TestFiles } from '../../../../../test-support/test-files';
import { createTestCore, type TestCore } from '../../../../../test-support/test-core';
import { createNotesStore } from '../notes-store';
import { offeredRecoveries } from './recovery';

const copy = (name: string): NoteRecovery => ({ name, savedAt: 0, size: 1, excerpt: '', fileChangedSince: false, fileExists: true });

describe('which recovery copies are offered', () => {
  it('all of them, except the open note’s while its text is unsaved (its save is still going on)', () => {
    const items = [copy('A.md'), copy('B.md')];
    expect(offeredRecoveries(items, 'A.md', true).map((item) => item.name)).toEqual(['B.md']);
    expect(offeredRecoveries(items, 'A.md', false)).toEqual(items);
    expect(offeredRecoveries(items, null, true)).toEqual(items);
  });
});

let test: TestCore;
let files: TestFiles;
let store: ReturnType<typeof createNotesStore>;

beforeEach(async () => {
  test = await createTestCore();
  installCoreApi(test.core);
  files = testFiles(test.root);
  await files.write('vault/Notes/Locked.md', 'original\n');
  await files.write('vault/Notes/Other.md', 'other\n');
  await files.chmod('vault/Notes/Locked.md', 0o444);
  store = createNotesStore();
  // The tests save by hand. With the renderer's timers fake, a failed save's retry never fires, so a store a test
  // leaves behind (the app before its "next start") stays quiet instead of saving into the next test's core.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await test.dispose();
});

/** Text typed into a read-only note: the save fails and the core keeps the text as a recovery copy. */
async function leaveUnsavedText(): Promise<void> {
  expect(await store.getState().openNote('Locked.md')).toBe(true);
  store.getState().edited('original\na new line');
  await store.getState().saveNow();
  expect(store.getState().status).toBe('failed');
}

describe('recovery copies, against the real core', () => {
  it('offers the text a failed save left behind once another note is opened', async () => {
    await leaveUnsavedText();
    await store.getState().loadRecoveries();
    expect(store.getState().recoveries).toEqual([]);
    expect(await store.getState().openNote('Other.md')).toBe(true);
    expect(store.getState().recoveries).toMatchObject([{ name: 'Locked.md', fileExists: true, fileChangedSince: false }]);
  });

  it('offers it on the next start, and restores it into the note', async () => {
    await leaveUnsavedText();
    // The next start: a new store over the same core (the files are what carries over).
    store = createNotesStore();
    await store.getState().loadRecoveries();
    expect(store.getState().recoveries.map((item) => item.name)).toEqual(['Locked.md']);
    await files.chmod('vault/Notes/Locked.md', 0o644);
    expect(await store.getState().restoreRecovery('Locked.md', 'replace')).toBe(true);
    expect(await files.read('vault/Notes/Locked.md')).toBe('original\na new line');
    expect(store.getState()).toMatchObject({ recoveries: [], open: { name: 'Locked.md' }, text: 'original\na new line' });
  });

  it('restores it as a copy beside the note, or discards it', async () => {
    await leaveUnsavedText();
    store = createNotesStore();
    expect(await store.getState().restoreRecovery('Locked.md', 'copy')).toBe(true);
    expect(await files.read('vault/Notes/Locked (recovered).md')).toBe('original\na new line');
    expect(store.getState().open?.name).toBe('Locked (recovered).md');
    expect(await files.read('vault/Notes/Locked.md')).toBe('original\n');

    await leaveUnsavedText();
    expect(await store.getState().discardRecovery('Locked.md')).toBe(true);
    expect(files.exists('data/recovery/Locked.md')).toBe(false);
  });

  it('says so when there is nothing left to restore', async () => {
    expect(await store.getState().restoreRecovery('Other.md', 'replace')).toBe(false);
    expect(store.getState().error?.code).toBe('note-not-found');
  });
});
