import { create } from 'zustand';

interface NotepadViewState {
  /** Full-screen writing: the app's chrome hidden and, where the window allows it, the screen filled. */
  fullScreen: boolean;
  /** The editor shows the Markdown and TeX source rather than rendered formulas; a per-window choice. */
  sourceMode: boolean;
  /** Bumps when something asks the search box to take focus (the Search notes command). */
  searchFocusRequest: number;
  setFullScreen(on: boolean): void;
  setSourceMode(on: boolean): void;
  toggleSourceMode(): void;
  /** Leaves full screen so the list shows, and asks its search box to take focus. */
  requestSearchFocus(): void;
}

/** How the notepad is laid out: nothing here mirrors main or is saved. */
export const useNotepadViewStore = create<NotepadViewState>((set, get) => ({
  fullScreen: false,
  sourceMode: false,
  searchFocusRequest: 0,
  setFullScreen: (fullScreen) => set({ fullScreen }),
  setSourceMode: (sourceMode) => set({ sourceMode }),
  toggleSourceMode: () => set({ sourceMode: !get().sourceMode }),
  requestSearchFocus: () => set({ searchFocusRequest: get().searchFocusRequest + 1, fullScreen: false }),
}));
