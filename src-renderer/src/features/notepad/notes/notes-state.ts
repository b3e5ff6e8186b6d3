import type { StoreApi } from 'zustand';
import type { AppError } from '../../../../../src-main/contract';
import type { NoteRecovery, NoteSummary, VaultState } from '../../../../../src-main/contract/notes';
import type { DocumentText } from '../editor/document-text';
import type { EditorHandle } from './editor-link';
import type { OpenSyncCopy } from './sync-copies';

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'failed';

/** The open note's file as it is on disk now. */
export interface DiskText {
  readonly content: string;
  readonly version: string;
}

/** Unsaved text met a different file on disk: both are shown until the writer chooses. */
export interface Conflict {
  /** The file as it is on disk now; null when it was deleted. */
  readonly theirs: DiskText | null;
}

/**
 * The notes store's state and actions, in one place; each concern's module (autosave, conflicts, recovery,
 * vault-switch) implements its part, and notes-store.ts puts them together. Actions that ask main resolve true
 * when main accepted and false when it refused (the reason is then in `error`, or in the field named for it).
 */
export interface NotesState {
  // The list (notes-store.ts)
  notes: NoteSummary[];
  /** The vault's Notes folder is a link out of the vault: nothing in it is shown or written. */
  notesFolderOutside: boolean;
  query: string;
  /** The last refused action on a note (open, create, rename, delete, reveal, keep both, restore, discard), shown once near the list. */
  error: AppError | null;
  /** The note whose file cannot be shown in a file manager here (the browser preview has none); its row says where it is. */
  revealUnavailable: string | null;
  refresh(): Promise<void>;
  setQuery(query: string): Promise<void>;
  openNote(name: string): Promise<boolean>;
  /** Creates a note and opens it; the editor takes focus (at once, or once the notepad mounts it). */
  createNote(title: string): Promise<boolean>;
  renameNote(name: string, newTitle: string): Promise<boolean>;
  deleteNote(name: string): Promise<boolean>;
  revealNote(name: string): Promise<boolean>;
  clearError(): void;

  // The open note and its editor (notes-store.ts, autosave.ts)
  /**
   * The open note: its name and the file version its text is based on (null: the file does not exist). A save may
   * change the name (an untitled note named after its heading); the editor stays, keyed by `docKey`, not the name.
   */
  open: { name: string; base: string | null } | null;
  /** The text the editor should show when it mounts; bumps with `docKey` when the store replaces it. */
  text: string;
  docKey: number;
  /** Changes on the first keystroke after a save only, never on the others. */
  status: SaveStatus;
  /** Why the last save failed (status 'failed'), shown in the status line. */
  saveError: AppError | null;
  deletedElsewhere: boolean;
  /** The writer typed; called on every keystroke, so it notifies no one unless the status changes. */
  edited(text: DocumentText): void;
  /** Saves what is typed now; one save at a time, and a save requested meanwhile runs right after. */
  saveNow(): Promise<void>;
  /** The open note's text as typed, saved or not. */
  currentText(): string;
  attachEditor(handle: EditorHandle): void;
  /** The view is going away: the next editor starts from the text as typed, which is saved now. */
  detachEditor(handle: EditorHandle): void;

  // Changes on disk (conflicts.ts)
  conflict: Conflict | null;
  /** Another program changed notes: refresh the list; take a change to the open note, or show the conflict. */
  externalChange(names: readonly string[]): Promise<void>;
  /** My text replaces the version on disk, knowingly; the save's outcome is the status. */
  keepMine(): Promise<void>;
  /** The editor takes the version on disk (or closes the note it deleted); nothing of mine is saved over it. */
  takeTheirs(): Promise<void>;
  /** My text becomes a new note titled `copyTitle`; the note takes the version on disk. */
  keepBoth(copyTitle: string): Promise<boolean>;

  // Conflict copies a sync engine left (sync-copies.ts)
  /** The conflict copy shown beside its note; null when none is open. */
  syncCopy: OpenSyncCopy | null;
  /** Saves what is typed, then shows the copy `name` beside its note. */
  openSyncCopy(name: string): Promise<boolean>;
  closeSyncCopy(): void;
  /** The note's text (`note`), the copy's (`copy`), or both, the copy as a note titled `copyTitle`. */
  resolveSyncCopy(keep: 'note' | 'copy' | 'both', copyTitle?: string): Promise<boolean>;

  // Text that never reached its note (recovery.ts)
  recoveries: NoteRecovery[];
  loadRecoveries(): Promise<void>;
  restoreRecovery(name: string, mode: 'replace' | 'copy'): Promise<boolean>;
  discardRecovery(name: string): Promise<boolean>;

  // The vault folder (vault-switch.ts)
  /** The folder in use; null until loaded. */
  vault: VaultState | null;
  /** Why the last switch or folder pick was refused, shown beside the folder field. */
  vaultError: AppError | null;
  /** A switch is being checked and made. */
  switchingVault: boolean;
  loadVault(): Promise<void>;
  /** Saves what is typed, switches the vault folder (null: the default), and closes the note from the old one. */
  changeVault(folder: string | null): Promise<boolean>;
  /** The system's folder picker, then a switch to the folder picked: true if it switched, false if cancelled or refused. */
  chooseVault(): Promise<boolean>;
}

export type NotesStore = StoreApi<NotesState>;
