import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppError, Result } from '../../../../../src-main/contract';
import type { NoteDocument } from '../../../../../src-main/contract/notes';
import { installCoreApi } from '../../../../../test-support/renderer-api';
import { testFiles, type TestFiles } from '../../../../../test-support/test-files';
import { createTestCore, type TestCore } from '../../../../../test-support/test-core';
import { createNotesStore, followNotes } from '../notes-store';
import { judgeDisk } from './conflicts';

const read = (content: string, version: string): Result<NoteDocument> => ({ ok: true, value: { name: 'A.md', content, version, modifiedAt: 0 } });
const refused = (code: AppError['code']): Result<NoteDocument> => ({ ok: false, error: { code, message: code } });

describe('what a read of the open note means', () => {
  it('is nothing when the file is the version the text is based on', () => {
    expect(judgeDisk('v1', read('same', 'v1'), true)).toEqual({ kind: 'same' });
    expect(judgeDisk(null, refused('note-not-found'), true)).toEqual({ kind: 'same' });
  });

  it('is a conflict when the file changed or went away under unsaved text', () => {
    expect(judgeDisk('v1', read('theirs', 'v2'), true)).toEqual({ kind: 'conflict', conflict: { theirs: { content: 'theirs', version: 'v2' } } });
    expect(judgeDisk('v1', refused('note-not-found'), true)).toEqual({ kind: 'conflict', conflict: { theirs: null } });
  });

  it('takes the disk’s text, or says the file went away, when nothing is unsaved', () => {
    expect(judgeDisk('v1', read('theirs', 'v2'), false)).toEqual({ kind: 'take', theirs: { content: 'theirs', version: 'v2' } });
    expect(judgeDisk('v1', refused('note-not-found'), false)).toEqual({ kind: 'deleted' });
  });

  it('is a failure to show when the file cannot be read', () => {
    expect(judgeDisk('v1', refused('note-unreadable'), false)).toMatchObject({ kind: 'unreadable', error: { code: 'note-unreadable' } });
  });
});

let test: TestCore;
let files: TestFiles;
let store: ReturnType<typeof createNotesStore>;
let stop: () => void;
const shared = 'vault/Notes/Shared.md';
const recoveryCopy = 'data/recovery/Shared.md';

beforeEach(async () => {
  test = await createTestCore();
  installCoreApi(test.core);
  files = testFiles(test.root);
  await files.write(shared, 'first version\n');
  store = createNotesStore();
  stop = followNotes(store);
  expect(await store.getState().openNote('Shared.md')).toBe(true);
});
afterEach(async () => {
  stop();
  await test.dispose();
});

/** Unsaved text meets a file changed by another program: the save is refused and both are shown. */
async function conflictWith(theirs: string, mine: string): Promise<void> {
  await files.write(shared, theirs);
  store.getState().edited(mine);
  await store.getState().saveNow();
  expect(store.getState().conflict?.theirs?.content).toBe(theirs);
}

describe('changes on disk, against the real core', () => {
  it('takes a change made elsewhere when nothing is unsaved', async () => {
    await files.write(shared, 'second version, from a sync tool\n');
    // The core's folder watcher debounces on its clock: move it until the change arrives.
    await vi.waitFor(() => {
      test.clock.advance(200);
      expect(store.getState().text).toBe('second version, from a sync tool\n');
    });
    expect(store.getState()).toMatchObject({ status: 'saved', conflict: null });
    expect(store.getState().currentText()).toBe('second version, from a sync tool\n');
  });

  it('shows a conflict instead of overwriting when the file changed under unsaved text', async () => {
    await conflictWith('third version\n', 'first version\nmy own line');
    expect(store.getState().status).toBe('unsaved');
    expect(await files.read(shared)).toBe('third version\n');
    // The core kept my text as a recovery copy; it is not offered while the conflict is on screen.
    expect(await files.read(recoveryCopy)).toBe('first version\nmy own line');
    await store.getState().loadRecoveries();
    expect(store.getState().recoveries).toEqual([]);
    // A conflict must be settled on its note.
    await files.write('vault/Notes/Other.md', 'other');
    expect(await store.getState().openNote('Other.md')).toBe(false);
  });

  it('notices the change when the window comes back into focus (a re-scan), before any save', async () => {
    store.getState().edited('first version\ntyping');
    await files.write(shared, 'changed elsewhere\n');
    window.dispatchEvent(new Event('focus'));
    await vi.waitFor(() => expect(store.getState().conflict?.theirs?.content).toBe('changed elsewhere\n'));
  });

  it('keep mine: my text replaces the version on disk, knowingly', async () => {
    await conflictWith('fourth version\n', 'mine wins');
    await store.getState().keepMine();
    expect(store.getState()).toMatchObject({ conflict: null, status: 'saved' });
    expect(await files.read(shared)).toBe('mine wins');
  });

  it('take theirs: the editor shows the disk’s text, nothing of mine is saved over it, and my copy goes', async () => {
    await conflictWith('fifth version\n', 'mine, dropped');
    await store.getState().takeTheirs();
    expect(store.getState()).toMatchObject({ conflict: null, status: 'saved', text: 'fifth version\n' });
    expect(await files.read(shared)).toBe('fifth version\n');
    expect(files.exists(recoveryCopy)).toBe(false);
    await store.getState().saveNow();
    expect(await files.read(shared)).toBe('fifth version\n');
  });

  it('keep both: my text becomes a copy, the note takes the version on disk', async () => {
    await conflictWith('sixth version\n', 'mine, as a copy');
    expect(await store.getState().keepBoth('Shared (my copy)')).toBe(true);
    expect(await files.read('vault/Notes/Shared (my copy).md')).toBe('mine, as a copy');
    expect(store.getState().text).toBe('sixth version\n');
    expect(store.getState().notes.map((note) => note.name).sort()).toEqual(['Shared (my copy).md', 'Shared.md']);
  });

  it('a note deleted elsewhere keeps its text on screen, and typing saves it again', async () => {
    await files.remove(shared);
    await window.stillroom.notes.rescan();
    await vi.waitFor(() => expect(store.getState().deletedElsewhere).toBe(true));
    expect(store.getState().text).toBe('first version\n');
    store.getState().edited('first version\nkept');
    await store.getState().saveNow();
    expect(await files.read(shared)).toBe('first version\nkept');
    expect(store.getState().deletedElsewhere).toBe(false);
  });

  it('deleted elsewhere under unsaved text, taking theirs closes the note', async () => {
    store.getState().edited('unsaved');
    await files.remove(shared);
    await store.getState().externalChange(['Shared.md']);
    expect(store.getState().conflict).toEqual({ theirs: null });
    await store.getState().takeTheirs();
    expect(store.getState()).toMatchObject({ open: null, conflict: null, text: '' });
  });
});
