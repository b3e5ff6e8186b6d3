import { NOTE_TITLE_MAX_CHARS, type NoteDocument, type SyncCopy } from '../../../../../src-main/contract/notes';
import { api } from '../../../app/api';
import type { NotesSlice } from './notes-kit';

/** A conflict copy opened beside its note: both texts as main read them, and the versions a resolution is based on. */
export interface OpenSyncCopy {
  readonly copy: SyncCopy;
  /** The note now; null when it was deleted since the copy was made. */
  readonly note: NoteDocument | null;
  readonly copyText: string;
  readonly copyVersion: string;
}

/** A title for the copy kept as its own note, within what a title may hold: the suffix is kept, the note's title cut. */
export function keptCopyTitle(title: string, suffix: (title: string) => string): string {
  const room = NOTE_TITLE_MAX_CHARS - (suffix('').length);
  return suffix([...title].slice(0, Math.max(1, room)).join(''));
}

/**
 * Conflict copies a sync engine left: opened side by side with their note, resolved by main (which writes the note
 * first and removes the copy only after). The open note then follows the disk as after any external change.
 */
export const syncCopyActions: NotesSlice<'openSyncCopy' | 'closeSyncCopy' | 'resolveSyncCopy'> = (kit) => ({
  async openSyncCopy(name) {
    kit.set({ error: null });
    // What is typed reaches the note first, so the note's side shows it.
    await kit.get().saveNow();
    const read = await api().notes.syncCopy({ name });
    if (!read.ok) {
      kit.set({ error: read.error, syncCopy: null });
      await kit.get().refresh();
      return false;
    }
    kit.set({ syncCopy: read.value });
    return true;
  },

  closeSyncCopy() {
    kit.set({ syncCopy: null });
  },

  async resolveSyncCopy(keep, copyTitle) {
    const shown = kit.get().syncCopy;
    if (!shown) return false;
    kit.set({ error: null });
    const result = await api().notes.resolveSyncCopy({
      name: shown.copy.name,
      keep,
      noteVersion: shown.note?.version ?? null,
      copyVersion: shown.copyVersion,
      ...(keep === 'both' && copyTitle ? { copyTitle } : {}),
    });
    if (!result.ok) {
      // A file changed since it was shown: show both as they are now, and say why nothing was done.
      kit.set({ error: result.error });
      const again = await api().notes.syncCopy({ name: shown.copy.name });
      kit.set({ syncCopy: again.ok ? again.value : null });
      await kit.get().refresh();
      return false;
    }
    kit.set({ syncCopy: null });
    // The open note follows its file as after any change on disk: taken when nothing is unsaved, else a conflict.
    await kit.get().externalChange([result.value.note]);
    return true;
  },
});
