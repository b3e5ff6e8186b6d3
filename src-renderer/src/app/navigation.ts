import { create } from 'zustand';

export const viewIds = ['focus', 'notepad', 'reflections', 'settings'] as const;
export type ViewId = (typeof viewIds)[number];

interface Navigation {
  view: ViewId;
  /** Full-screen writing and similar modes hide the chrome. */
  chromeHidden: boolean;
  /** Set by `go`: the next view title to mount takes keyboard focus (views may load lazily). */
  titleFocusPending: boolean;
  go(view: ViewId): void;
  /** Goes to a view whose own control takes keyboard focus (the editor, a search box), not its title. */
  show(view: ViewId): void;
  /** Asks the current view's title to take keyboard focus again (a dialog in it closed). */
  focusTitle(): void;
  /** The title took (or gave up) the focus it was asked to take. */
  titleFocused(): void;
  setChromeHidden(hidden: boolean): void;
}

export const useNavigation = create<Navigation>((set) => ({
  view: 'focus',
  chromeHidden: false,
  titleFocusPending: false,
  go: (view) => set({ view, titleFocusPending: true }),
  show: (view) => set({ view }),
  focusTitle: () => set({ titleFocusPending: true }),
  titleFocused: () => set({ titleFocusPending: false }),
  setChromeHidden: (chromeHidden) => set({ chromeHidden }),
}));
