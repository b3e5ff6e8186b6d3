import type { StoreApi } from 'zustand';
import { AUTOSAVE_DELAY_MS, SaveTimer } from './autosave-timer';
import { Draft } from './draft';
import { EditorLink } from './editor-link';
import type { NotesState } from './notes-state';
import { SaveLine } from './save-line';

/** A concern's part of the store: it gets the store's machinery and returns the actions it implements. */
export type NotesSlice<K extends keyof NotesState> = (kit: NotesKit) => Pick<NotesState, K>;

/** The list's order and excerpts follow saves, at a calm pace rather than once a second while typing. */
export const LIST_REFRESH_AFTER_SAVE_MS = 2_000;

/**
 * What the store's concerns share besides its state: the store itself, the text as typed, the live editor and
 * the autosave machinery. One is made per store, in its creator (never at module level), so a new store starts clean.
 */
export class NotesKit {
  readonly draft = new Draft();
  readonly editor = new EditorLink();
  readonly saves = new SaveLine();
  readonly autosave: SaveTimer;
  private listTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly set: StoreApi<NotesState>['setState'],
    readonly get: () => NotesState,
  ) {
    this.autosave = new SaveTimer(() => void get().saveNow());
  }

  /** Shows another text: in the live editor (which does not report it as typing), or in the next one mounted. */
  showText(text: string): void {
    this.draft.replace(text);
    const shown = this.editor.replaceDoc(text);
    this.set((state) => ({ text, docKey: shown ? state.docKey : state.docKey + 1 }));
  }

  /** The editor's text no longer needs saving here (another note opened, the note deleted, theirs taken). */
  forgetEdits(): void {
    this.draft.forget();
    this.autosave.cancel();
  }

  /** Saves again soon: the text changed after the save that just ended, or the disk is back to our version. */
  saveSoon(): void {
    this.autosave.saveIn(AUTOSAVE_DELAY_MS);
  }

  refreshListSoon(): void {
    this.listTimer ??= setTimeout(() => {
      this.listTimer = null;
      void this.get().refresh();
    }, LIST_REFRESH_AFTER_SAVE_MS);
  }
}
