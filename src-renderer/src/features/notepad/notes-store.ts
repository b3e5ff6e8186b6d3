import { create } from 'zustand';
import type { AppError, Result } from '../../../../src-main/contract';
import type { NoteDocument, NoteRecovery, NoteSummary, VaultState } from '../../../../src-main/contract/notes';
import { api } from '../../app/api';
import type { DocumentText } from './editor/MathEditor';

/** Autosave runs this long after the last keystroke, so a pause in typing is a save. */
export const AUTOSAVE_DELAY_MS = 700;
/** ...and at the latest this long after the first unsaved keystroke, so steady typing is saved too. */
export const AUTOSAVE_MAX_WAIT_MS = 1_000;
/** After a failed save (full disk, read-only file), try again this often while the text is unsaved. */
const RETRY_DELAY_MS = 5_000;

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'failed';

/** What the editor component lends the store: a way to show another text, and focus. */
export interface EditorHandle {
  replaceDoc(text: string): void;
  focus(): void;
}

export interface Conflict {
  /** The file as it is on disk now; null when it was deleted. */
  readonly theirs: { content: string; version: string } | null;
}

interface NotesState {
  notes: NoteSummary[];
  /** The vault's Notes folder is a link out of the vault: nothing in it is shown or written. */
  notesFolderOutside: boolean;
  query: string;
  /** The open note: its name and the file version its text is based on (null: the file does not exist). */
  open: { name: string; base: string | null } | null;
  /** The text the editor should show when it mounts; bumps with `docKey` when the store replaces it. */
  text: string;
  docKey: number;
  status: SaveStatus;
  error: AppError | null;
  conflict: Conflict | null;
  deletedElsewhere: boolean;
  recoveries: NoteRecovery[];
  /** A refusal from an action (rename, delete, open), shown once near the list. */
  actionError: AppError | null;
  fullScreen: boolean;
  sourceMode: boolean;
  searchFocusRequest: number;

  refresh(): Promise<void>;
  setQuery(query: string): Promise<void>;
  openNote(name: string): Promise<boolean>;
  createNote(title: string): Promise<void>;
  renameNote(name: string, newTitle: string): Promise<boolean>;
  deleteNote(name: string): Promise<void>;
  edited(text: DocumentText): void;
  saveNow(): Promise<void>;
  keepMine(): Promise<void>;
  takeTheirs(): Promise<void>;
  keepBoth(copyTitle: string): Promise<void>;
  loadRecoveries(): Promise<void>;
  restoreRecovery(name: string, mode: 'replace' | 'copy'): Promise<void>;
  discardRecovery(name: string): Promise<void>;
  externalChange(names: readonly string[]): Promise<void>;
  attachEditor(handle: EditorHandle): void;
  detachEditor(handle: EditorHandle): void;
  setSourceMode(on: boolean): void;
  setFullScreen(on: boolean): void;
  toggleSourceMode(): void;
  requestSearchFocus(): void;
  clearActionError(): void;
  /** Saves what is typed, switches the vault folder (null: the default), and closes the note from the old one. */
  changeVault(folder: string | null): Promise<Result<VaultState>>;
}

// Not state: the live editor, the text as the editor last reported it, and the autosave machinery.
// The text is kept from the editor's own change reports, so it survives the editor's teardown intact.
let editor: EditorHandle | null = null;
let latestText: DocumentText = '';
let dirty = false;
/** When the oldest unsaved edit was made; autosave never lets it wait longer than the max wait. */
let dirtySince: number | null = null;
let edits = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
/** When the armed timer wakes, and when the save asked for last is due (a timer may wake before it). */
let timerAt = 0;
let saveDueAt = 0;
let saving: Promise<void> | null = null;
let openRequests = 0;
let savesDone = 0;
/** A note was created from another view: the editor takes focus once the notepad has mounted it. */
let focusWhenAttached = false;

/** The list's order and excerpts follow saves, at a calm pace rather than once a second while typing. */
const LIST_REFRESH_AFTER_SAVE_MS = 2_000;
let listTimer: ReturnType<typeof setTimeout> | null = null;
function refreshListSoon(): void {
  listTimer ??= setTimeout(() => {
    listTimer = null;
    void useNotesStore.getState().refresh();
  }, LIST_REFRESH_AFTER_SAVE_MS);
}

/** The open note's text as typed, saved or not. */
export const currentText = (): string => latestText.toString();

/** The editor's text no longer needs saving here (another note opened, the note deleted, theirs taken). */
function forgetEdits(): void {
  dirty = false;
  dirtySince = null;
  if (timer) clearTimeout(timer);
  timer = null;
}

/**
 * Asks for a save `delay` from now. Typing asks on every keystroke, so this arms a timer only when none would
 * wake in time: a timer that wakes early sleeps on until the moment asked last (no clear-and-set per keystroke).
 */
function schedule(delay: number): void {
  saveDueAt = Date.now() + delay;
  if (timer && timerAt <= saveDueAt) return;
  if (timer) clearTimeout(timer);
  armTimer(saveDueAt);
}

function armTimer(at: number): void {
  timerAt = at;
  timer = setTimeout(() => {
    timer = null;
    if (Date.now() < saveDueAt) armTimer(saveDueAt);
    else void useNotesStore.getState().saveNow();
  }, Math.max(0, at - Date.now()));
}

/** Shows another text: in the live editor (which does not report it as typing), or in the next one mounted. */
function showText(text: string): void {
  latestText = text;
  editor?.replaceDoc(text);
  useNotesStore.setState((state) => ({ text, docKey: editor ? state.docKey : state.docKey + 1 }));
}

export const useNotesStore = create<NotesState>((set, get) => {
  /**
   * Compares the open note's file with the version its text is based on, as things stand *now* (a save or a
   * choice may have happened while the file was read): the same, nothing to do; different with unsaved text,
   * a conflict to show; different with nothing unsaved, the editor takes the disk's text.
   */
  function applyDisk(name: string, read: Result<NoteDocument>): void {
    const open = get().open;
    if (open?.name !== name) return;
    if (!read.ok && read.error.code !== 'note-not-found') {
      set({ status: 'failed', error: read.error });
      return;
    }
    const theirs = read.ok ? { content: read.value.content, version: read.value.version } : null;
    if ((theirs?.version ?? null) === open.base) {
      if (get().conflict) set({ conflict: null });
      return;
    }
    if (dirty) {
      set({ conflict: { theirs }, status: 'unsaved' });
    } else if (theirs) {
      set({ open: { name, base: theirs.version }, status: 'saved', deletedElsewhere: false, conflict: null });
      showText(theirs.content);
    } else {
      // Keep the text on screen: typing saves it again (as a new file); leaving the note lets it go.
      set({ open: { name, base: null }, deletedElsewhere: true });
    }
  }

  async function saveOnce(): Promise<void> {
    try {
      await saveOpenNote();
    } finally {
      savesDone++;
    }
  }

  async function saveOpenNote(): Promise<void> {
    const open = get().open;
    if (!open || !dirty) return;
    const content = currentText();
    const at = edits;
    set({ status: 'saving' });
    const result = await api().notes.save({ name: open.name, content, baseVersion: open.base });
    if (get().open?.name !== open.name) return;
    if (result.ok) {
      set({ open: { name: open.name, base: result.value.version }, deletedElsewhere: false, error: null, conflict: null });
      if (edits === at) {
        dirty = false;
        dirtySince = null;
        set({ status: 'saved', text: content });
      } else {
        set({ status: 'unsaved' });
        schedule(AUTOSAVE_DELAY_MS);
      }
      refreshListSoon();
      return;
    }
    if (result.error.code === 'note-conflict') {
      // Nothing was written; core kept our text as a recovery copy. Show both and let the user choose.
      applyDisk(open.name, await api().notes.read({ name: open.name }));
      // The disk went back to our version meanwhile: no choice to make, so save again.
      if (!get().conflict && dirty) schedule(AUTOSAVE_DELAY_MS);
      return;
    }
    set({ status: 'failed', error: result.error });
    schedule(RETRY_DELAY_MS);
  }

  return {
    notes: [],
    notesFolderOutside: false,
    query: '',
    open: null,
    text: '',
    docKey: 0,
    status: 'saved',
    error: null,
    conflict: null,
    deletedElsewhere: false,
    recoveries: [],
    actionError: null,
    fullScreen: false,
    sourceMode: false,
    searchFocusRequest: 0,

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
      // The last note asked for wins when clicks overtake each other.
      const request = ++openRequests;
      await get().saveNow();
      // A conflict must be settled on the note it belongs to.
      if (get().conflict || request !== openRequests) return false;
      const read = await api().notes.read({ name });
      if (request !== openRequests) return false;
      if (!read.ok) {
        set({ actionError: read.error });
        return false;
      }
      // A save that failed (full disk, read-only file) left the text in a recovery copy, offered below.
      const leftUnsaved = dirty;
      forgetEdits();
      // The editor showing the other note is about to be replaced (the view keys it by name): not given this text.
      editor = null;
      set({ open: { name, base: read.value.version }, status: 'saved', error: null, conflict: null, deletedElsewhere: false });
      showText(read.value.content);
      if (leftUnsaved) await get().loadRecoveries();
      return true;
    },

    async createNote(title) {
      const result = await api().notes.create({ title });
      if (!result.ok) {
        set({ actionError: result.error });
        return;
      }
      await get().refresh();
      await get().openNote(result.value.name);
      if (editor) editor.focus();
      else focusWhenAttached = true;
    },

    async renameNote(name, newTitle) {
      if (get().open?.name === name) await get().saveNow();
      const result = await api().notes.rename({ name, newTitle });
      if (!result.ok) {
        set({ actionError: result.error });
        return false;
      }
      const open = get().open;
      if (open?.name === name) set({ open: { ...open, name: result.value.name } });
      await get().refresh();
      return true;
    },

    async changeVault(folder) {
      await get().saveNow();
      const result = await api().notes.setVault({ folder });
      if (!result.ok) return result;
      // Text a failed save left unsaved is in a recovery copy; the note itself now belongs to the old folder.
      forgetEdits();
      set({ open: null, query: '', status: 'saved', error: null, conflict: null, deletedElsewhere: false, recoveries: [] });
      showText('');
      await get().refresh();
      // Recovery copies belong to a vault: offer the new one's.
      await get().loadRecoveries();
      return result;
    },

    async deleteNote(name) {
      const result = await api().notes.delete({ name });
      if (!result.ok) {
        set({ actionError: result.error });
        return;
      }
      if (get().open?.name === name) {
        forgetEdits();
        set({ open: null, status: 'saved', error: null, conflict: null, deletedElsewhere: false });
        showText('');
      }
      await get().refresh();
    },

    edited(text) {
      if (!get().open) return;
      latestText = text;
      dirty = true;
      edits++;
      const now = Date.now();
      dirtySince ??= now;
      // Only the first keystroke after a save changes the status: the others notify no one.
      const status = get().status;
      if (status !== 'failed' && status !== 'unsaved') set({ status: 'unsaved' });
      schedule(Math.max(0, Math.min(AUTOSAVE_DELAY_MS, dirtySince + AUTOSAVE_MAX_WAIT_MS - now)));
    },

    /** Saves what is typed now; one save at a time, and a save requested meanwhile runs right after. */
    async saveNow() {
      if (timer) clearTimeout(timer);
      timer = null;
      while (saving) await saving;
      if (!dirty) return;
      saving = saveOnce().finally(() => {
        saving = null;
      });
      await saving;
    },

    async keepMine() {
      const { open, conflict } = get();
      if (!open || !conflict) return;
      set({ open: { name: open.name, base: conflict.theirs?.version ?? null }, conflict: null });
      dirty = true;
      // The choice made, writing goes on where it was.
      editor?.focus();
      await get().saveNow();
    },

    async takeTheirs() {
      const { open, conflict } = get();
      if (!open || !conflict) return;
      forgetEdits();
      await api().notes.discardRecovery({ name: open.name });
      if (conflict.theirs) {
        set({ open: { name: open.name, base: conflict.theirs.version }, conflict: null, status: 'saved', error: null });
        showText(conflict.theirs.content);
        editor?.focus();
      } else {
        set({ open: null, conflict: null, status: 'saved', error: null });
        showText('');
      }
      await get().refresh();
    },

    async keepBoth(copyTitle) {
      const content = currentText();
      const copy = await api().notes.create({ title: copyTitle, content });
      if (!copy.ok) {
        set({ actionError: copy.error });
        return;
      }
      await get().takeTheirs();
    },

    async loadRecoveries() {
      const result = await api().notes.recoveries();
      // The open note's own copy belongs to a save still in progress (a conflict on screen), not to the past.
      if (result.ok) set({ recoveries: result.value.items.filter((item) => item.name !== get().open?.name || !dirty) });
    },

    async restoreRecovery(name, mode) {
      const result = await api().notes.restoreRecovery({ name, mode });
      if (!result.ok) {
        set({ actionError: result.error });
        return;
      }
      set({ recoveries: get().recoveries.filter((item) => item.name !== name) });
      await get().refresh();
      if (get().open?.name === result.value.name) {
        set({ open: { name: result.value.name, base: result.value.version } });
        showText(result.value.content);
      } else {
        await get().openNote(result.value.name);
      }
    },

    async discardRecovery(name) {
      await api().notes.discardRecovery({ name });
      set({ recoveries: get().recoveries.filter((item) => item.name !== name) });
    },

    /** Another program changed notes: refresh the list; take a change to the open note, or show the conflict. */
    async externalChange(names) {
      await get().refresh();
      const name = get().open?.name;
      if (!name || !names.includes(name)) return;
      // A save that overlaps the read makes the read stale: look again once it is done.
      for (;;) {
        while (saving) await saving;
        const savesBefore = savesDone;
        const read = await api().notes.read({ name });
        if (saving || savesDone !== savesBefore) continue;
        applyDisk(name, read);
        return;
      }
    },

    attachEditor(handle) {
      editor = handle;
      if (focusWhenAttached) {
        focusWhenAttached = false;
        handle.focus();
      }
    },

    /** The view is going away: the next editor starts from the text as typed, which is saved now. */
    detachEditor(handle) {
      if (editor !== handle) return;
      editor = null;
      set({ text: latestText.toString() });
      void get().saveNow();
    },

    setSourceMode(sourceMode) {
      set({ sourceMode });
    },

    setFullScreen(fullScreen) {
      set({ fullScreen });
    },

    toggleSourceMode() {
      set({ sourceMode: !get().sourceMode });
    },

    requestSearchFocus() {
      set({ searchFocusRequest: get().searchFocusRequest + 1, fullScreen: false });
    },

    clearActionError() {
      set({ actionError: null });
    },
  };
});

/** Saves before the window goes away or into the background; an IPC call sent now still reaches main. */
export function saveOnLeave(): () => void {
  const flush = () => void useNotesStore.getState().saveNow();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('beforeunload', flush);
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    window.removeEventListener('beforeunload', flush);
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}

/** Follows changes made on disk by other programs, and re-scans when the window comes back into focus. */
export function followNotes(): () => void {
  const stop = api().notes.onChanged(({ names }) => void useNotesStore.getState().externalChange(names));
  const onFocus = () => void api().notes.rescan();
  window.addEventListener('focus', onFocus);
  return () => {
    stop();
    window.removeEventListener('focus', onFocus);
  };
}
