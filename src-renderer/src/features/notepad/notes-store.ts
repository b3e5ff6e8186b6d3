import { create } from 'zustand';
import { api } from '../../app/api';
import { autosaveActions } from './notes/autosave';
import { conflictActions } from './notes/conflicts';
import { NotesKit, type NotesSlice } from './notes/notes-kit';
import type { NotesState, NotesStore } from './notes/notes-state';
import { recoveryActions } from './notes/recovery';
import { syncCopyActions } from './notes/sync-copies';
import { vaultActions } from './notes/vault-switch';

type ListAndFileActions = 'refresh' | 'setQuery' | 'openNote' | 'createNote' | 'renameNote' | 'deleteNote' | 'revealNote' | 'clearError';
type EditorActions = 'currentText' | 'attachEditor' | 'detachEditor';

/** The list, and the actions on one note's file. */
const fileActions: NotesSlice<ListAndFileActions> = (kit) => {
  const { set, get } = kit;
  /** The last note asked for wins when clicks overtake each other. */
  let openRequests = 0;
  return {
    async refresh() {
      const query = get().query.trim();
      const result = await api().notes.list(query ? { query } : {});
      if (result.ok && get().query.trim() === query) set({ notes: result.value.notes, notesFolderOutside: result.value.notesFolderOutside });
    },

    async setQuery(query) {
      set({ query });
      await get().refresh();
    },

    async openNote(name) {
      if (get().open?.name === name) return true;
      const request = ++openRequests;
      set({ error: null });
      await get().saveNow();
      // A conflict must be settled on the note it belongs to.
      if (get().conflict || request !== openRequests) return false;
      const read = await api().notes.read({ name });
      if (request !== openRequests) return false;
      if (!read.ok) {
        set({ error: read.error });
        return false;
      }
      // A save that failed (full disk, read-only file) left the text in a recovery copy, offered below.
      const leftUnsaved = kit.draft.dirty;
      kit.forgetEdits();
      // The editor showing the other note is about to be replaced (the view keys it by name): not given this text.
      kit.editor.release();
      set({ open: { name, base: read.value.version }, status: 'saved', saveError: null, conflict: null, deletedElsewhere: false });
      kit.showText(read.value.content);
      if (leftUnsaved) await get().loadRecoveries();
      return true;
    },

    async createNote(title) {
      set({ error: null });
      const result = await api().notes.create({ title });
      if (!result.ok) {
        set({ error: result.error });
        return false;
      }
      await get().refresh();
      await get().openNote(result.value.name);
      kit.editor.focusSoon();
      return true;
    },

    async renameNote(name, newTitle) {
      set({ error: null });
      if (get().open?.name === name) await get().saveNow();
      const result = await api().notes.rename({ name, newTitle });
      if (!result.ok) {
        set({ error: result.error });
        return false;
      }
      const open = get().open;
      if (open?.name === name) set({ open: { ...open, name: result.value.name } });
      await get().refresh();
      return true;
    },

    async deleteNote(name) {
      set({ error: null });
      const result = await api().notes.delete({ name });
      if (!result.ok) {
        set({ error: result.error });
        return false;
      }
      if (get().open?.name === name) {
        kit.forgetEdits();
        set({ open: null, status: 'saved', saveError: null, conflict: null, deletedElsewhere: false });
        kit.showText('');
      }
      await get().refresh();
      return true;
    },

    async revealNote(name) {
      set({ error: null, revealUnavailable: null });
      const result = await api().notes.reveal({ name });
      if (!result.ok) {
        set({ error: result.error });
        return false;
      }
      if (!result.value.revealed) set({ revealUnavailable: name });
      return true;
    },

    clearError() {
      set({ error: null });
    },
  };
};

/** The live editor lends the store its handle while the notepad shows it. */
const editorActions: NotesSlice<EditorActions> = (kit) => ({
  currentText: () => kit.draft.text(),

  attachEditor(handle) {
    kit.editor.attach(handle);
  },

  detachEditor(handle) {
    if (!kit.editor.detach(handle)) return;
    kit.set({ text: kit.draft.text() });
    void kit.get().saveNow();
  },
});

/**
 * A notes store: the vault's list and the open note, mirrored from main, which owns the files. Each concern's
 * actions come from its own module (notes/); the machinery they share (the text as typed, the editor, the
 * timers) is made here, per store. The app has one (`useNotesStore`); tests make their own.
 */
export function createNotesStore() {
  return create<NotesState>()((set, get) => {
    const kit = new NotesKit(set, get);
    return {
      notes: [],
      notesFolderOutside: false,
      query: '',
      error: null,
      revealUnavailable: null,
      open: null,
      text: '',
      docKey: 0,
      status: 'saved',
      saveError: null,
      deletedElsewhere: false,
      conflict: null,
      syncCopy: null,
      recoveries: [],
      vault: null,
      vaultError: null,
      switchingVault: false,
      ...fileActions(kit),
      ...editorActions(kit),
      ...autosaveActions(kit),
      ...conflictActions(kit),
      ...recoveryActions(kit),
      ...syncCopyActions(kit),
      ...vaultActions(kit),
    };
  });
}

export const useNotesStore = createNotesStore();

/**
 * Follows the notes from boot: changes made on disk by other programs (and a re-scan when the window comes back
 * into focus), and saves before the window goes away or into the background (an IPC call sent then still
 * reaches main). Subscribes first, then loads the list and the recovery copies (offered once per start).
 */
export function followNotes(store: NotesStore = useNotesStore): () => void {
  const stopChanges = api().notes.onChanged(({ names }) => void store.getState().externalChange(names));
  const onFocus = () => void api().notes.rescan();
  const flush = () => void store.getState().saveNow();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('focus', onFocus);
  window.addEventListener('beforeunload', flush);
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onVisibility);
  void store.getState().refresh();
  void store.getState().loadRecoveries();
  return () => {
    stopChanges();
    window.removeEventListener('focus', onFocus);
    window.removeEventListener('beforeunload', flush);
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
