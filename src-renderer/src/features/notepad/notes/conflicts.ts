import type { AppError, Result } from '../../../../../src-main/contract';
import type { NoteDocument } from '../../../../../src-main/contract/notes';
import { api } from '../../../app/api';
import type { NotesKit, NotesSlice } from './notes-kit';
import type { Conflict, DiskText } from './notes-state';

/** What the open note's file on disk means for the text in the editor. */
export type DiskVerdict =
  /** The file is the version the text is based on: nothing to do. */
  | { kind: 'same' }
  /** The file could not be read: the status says why. */
  | { kind: 'unreadable'; error: AppError }
  /** The file changed and there is unsaved text: both are shown, nothing is overwritten. */
  | { kind: 'conflict'; conflict: Conflict }
  /** The file changed and nothing is unsaved: the editor takes the disk's text. */
  | { kind: 'take'; theirs: DiskText }
  /** The file is gone and nothing is unsaved: the text stays on screen, and typing saves it again (as a new file). */
  | { kind: 'deleted' };

/** Compares a read of the open note's file with the version its text is based on (`base`; null: no file). */
export function judgeDisk(base: string | null, read: Result<NoteDocument>, unsaved: boolean): DiskVerdict {
  if (!read.ok && read.error.code !== 'note-not-found') return { kind: 'unreadable', error: read.error };
  const theirs = read.ok ? { content: read.value.content, version: read.value.version } : null;
  if ((theirs?.version ?? null) === base) return { kind: 'same' };
  if (unsaved) return { kind: 'conflict', conflict: { theirs } };
  return theirs ? { kind: 'take', theirs } : { kind: 'deleted' };
}

/**
 * Applies a read of `name` as things stand *now* (a save or a choice may have happened while the file was read):
 * nothing if another note is open by then.
 */
export function applyDisk(kit: NotesKit, name: string, read: Result<NoteDocument>): void {
  const { open, conflict } = kit.get();
  if (open?.name !== name) return;
  const verdict = judgeDisk(open.base, read, kit.draft.dirty);
  switch (verdict.kind) {
    case 'same':
      if (conflict) kit.set({ conflict: null });
      return;
    case 'unreadable':
      kit.set({ status: 'failed', saveError: verdict.error });
      return;
    case 'conflict':
      kit.set({ conflict: verdict.conflict, status: 'unsaved' });
      return;
    case 'take':
      kit.set({ open: { name, base: verdict.theirs.version }, status: 'saved', deletedElsewhere: false, conflict: null });
      kit.showText(verdict.theirs.content);
      return;
    case 'deleted':
      kit.set({ open: { name, base: null }, deletedElsewhere: true });
  }
}

export const conflictActions: NotesSlice<'externalChange' | 'keepMine' | 'takeTheirs' | 'keepBoth'> = (kit) => ({
  async externalChange(names) {
    await kit.get().refresh();
    const name = kit.get().open?.name;
    if (!name || !names.includes(name)) return;
    // A save that overlaps the read makes the read stale: look again once it is done.
    for (;;) {
      await kit.saves.idle();
      const savesBefore = kit.saves.done;
      const read = await api().notes.read({ name });
      if (kit.saves.busy || kit.saves.done !== savesBefore) continue;
      applyDisk(kit, name, read);
      return;
    }
  },

  async keepMine() {
    const { open, conflict } = kit.get();
    if (!open || !conflict) return;
    kit.set({ open: { name: open.name, base: conflict.theirs?.version ?? null }, conflict: null });
    kit.draft.markUnsaved();
    // The choice made, writing goes on where it was.
    kit.editor.focus();
    await kit.get().saveNow();
  },

  async takeTheirs() {
    const { open, conflict } = kit.get();
    if (!open || !conflict) return;
    kit.forgetEdits();
    // The save that met the conflict kept my text as a recovery copy; choosing theirs lets it go.
    await api().notes.discardRecovery({ name: open.name });
    if (conflict.theirs) {
      kit.set({ open: { name: open.name, base: conflict.theirs.version }, conflict: null, status: 'saved', saveError: null });
      kit.showText(conflict.theirs.content);
      kit.editor.focus();
    } else {
      kit.set({ open: null, conflict: null, status: 'saved', saveError: null });
      kit.showText('');
    }
    await kit.get().refresh();
  },

  async keepBoth(copyTitle) {
    kit.set({ error: null });
    const copy = await api().notes.create({ title: copyTitle, content: kit.draft.text() });
    if (!copy.ok) {
      kit.set({ error: copy.error });
      return false;
    }
    await kit.get().takeTheirs();
    return true;
  },
});
