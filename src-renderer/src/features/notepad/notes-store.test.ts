import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installCoreApi } from '../../../../test-support/renderer-api';
import { testFiles, type TestFiles } from '../../../../test-support/test-files';
import { createTestCore, type TestCore } from '../../../../test-support/test-core';
import { createNotesStore, followNotes } from './notes-store';

let test: TestCore;
let files: TestFiles;
let store: ReturnType<typeof createNotesStore>;
const note = (name: string) => `vault/Notes/${name}`;

beforeEach(async () => {
  test = await createTestCore();
  installCoreApi(test.core);
  files = testFiles(test.root);
  await files.write(note('Alpha.md'), 'first note, about bees');
  await files.write(note('Beta.md'), 'second note, about ants');
  await window.stillroom.notes.rescan();
  store = createNotesStore();
});
afterEach(() => test.dispose());

/** Stands in for the MathEditor component's handle (a React ref): what the store shows in it, and focus. */
const editorHandle = () => ({ replaceDoc: vi.fn<(text: string) => void>(), focus: vi.fn<() => void>() });

describe('the notes store, against the real core', () => {
  it('lists the vault’s notes and searches their text', async () => {
    await store.getState().refresh();
    expect(store.getState().notes.map((note) => note.name).sort()).toEqual(['Alpha.md', 'Beta.md']);
    await store.getState().setQuery('bees');
    expect(store.getState().notes.map((note) => note.name)).toEqual(['Alpha.md']);
  });

  it('opens a note, and says why one cannot be opened', async () => {
    expect(await store.getState().openNote('Alpha.md')).toBe(true);
    expect(store.getState()).toMatchObject({ open: { name: 'Alpha.md' }, text: 'first note, about bees', status: 'saved', error: null });
    expect(await store.getState().openNote('Missing.md')).toBe(false);
    expect(store.getState().error?.code).toBe('note-not-found');
    expect(store.getState().open?.name).toBe('Alpha.md');
    store.getState().clearError();
    expect(store.getState().error).toBeNull();
  });

  it('saves the open note before opening another, and the last note asked for wins', async () => {
    await files.write(note('Gamma.md'), 'third note');
    await store.getState().openNote('Alpha.md');
    store.getState().edited('first note, edited');
    const first = store.getState().openNote('Beta.md');
    const second = store.getState().openNote('Gamma.md');
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    expect(await files.read(note('Alpha.md'))).toBe('first note, edited');
    expect(store.getState()).toMatchObject({ open: { name: 'Gamma.md' }, text: 'third note' });
  });

  it('creates a note, opens it and focuses the editor once the notepad mounts it', async () => {
    expect(await store.getState().createNote('Gamma')).toBe(true);
    expect(files.exists(note('Gamma.md'))).toBe(true);
    expect(store.getState().open?.name).toBe('Gamma.md');
    expect(store.getState().notes.map((note) => note.name)).toContain('Gamma.md');
    const editor = editorHandle();
    store.getState().attachEditor(editor);
    expect(editor.focus).toHaveBeenCalledTimes(1);
    expect(await store.getState().createNote('Delta')).toBe(true);
    // The view replaces the editor for the new note; that one takes the focus, not the one it replaces.
    const next = editorHandle();
    store.getState().attachEditor(next);
    expect(next.focus).toHaveBeenCalledTimes(1);
    expect(editor.focus).toHaveBeenCalledTimes(1);
  });

  it('renames the open note and keeps it open; refuses a title taken by another note', async () => {
    await store.getState().openNote('Alpha.md');
    store.getState().edited('typed before the rename');
    expect(await store.getState().renameNote('Alpha.md', 'Aleph')).toBe(true);
    expect(store.getState().open?.name).toBe('Aleph.md');
    expect(await files.read(note('Aleph.md'))).toBe('typed before the rename');
    expect(await store.getState().renameNote('Aleph.md', 'Beta')).toBe(false);
    expect(store.getState().error?.code).toBe('note-exists');
  });

  it('deletes a note (the open one closes) and says where a note is when there is no file manager', async () => {
    await store.getState().openNote('Alpha.md');
    expect(await store.getState().deleteNote('Alpha.md')).toBe(true);
    expect(files.exists(note('Alpha.md'))).toBe(false);
    expect(store.getState()).toMatchObject({ open: null, text: '' });
    expect(store.getState().notes.map((note) => note.name)).toEqual(['Beta.md']);
    // The test core, like the browser preview, has no file manager to show a file in.
    expect(await store.getState().revealNote('Beta.md')).toBe(true);
    expect(store.getState().revealUnavailable).toBe('Beta.md');
  });

  it('gives another note to the next editor, never to the one it replaces; a leaving editor’s text is saved', async () => {
    const leaving = editorHandle();
    await store.getState().openNote('Alpha.md');
    const { docKey } = store.getState();
    store.getState().attachEditor(leaving);
    await store.getState().openNote('Beta.md');
    // Opening builds one editor for the new note (the view keys it by name), so the old one is shown nothing.
    expect(leaving.replaceDoc).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ text: 'second note, about ants', docKey: docKey + 1 });
    store.getState().detachEditor(leaving);
    const editor = editorHandle();
    store.getState().attachEditor(editor);
    store.getState().edited('second note, typed as the view closed');
    store.getState().detachEditor(editor);
    expect(store.getState().text).toBe('second note, typed as the view closed');
    await vi.waitFor(async () => expect(await files.read(note('Beta.md'))).toBe('second note, typed as the view closed'));
  });

  it('follows from boot: loads the list and the recovery copies, saves when the window is hidden', async () => {
    await files.write('data/recovery/Beta.md', 'text that never reached Beta');
    const stop = followNotes(store);
    await vi.waitFor(() => expect(store.getState().notes).toHaveLength(2));
    await vi.waitFor(() => expect(store.getState().recoveries.map((item) => item.name)).toEqual(['Beta.md']));

    await store.getState().openNote('Alpha.md');
    store.getState().edited('typed, then the window went to the background');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(async () => expect(await files.read(note('Alpha.md'))).toBe('typed, then the window went to the background'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });

    store.getState().edited('typed, then the window closed');
    window.dispatchEvent(new Event('pagehide'));
    await vi.waitFor(async () => expect(await files.read(note('Alpha.md'))).toBe('typed, then the window closed'));

    stop();
    store.getState().edited('typed after following stopped');
    window.dispatchEvent(new Event('pagehide'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await files.read(note('Alpha.md'))).toBe('typed, then the window closed');
  });
});
