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
  setChromeHidden(hidden: boolean): void;
}

export const useNavigation = create<Navigation>((set) => ({
  view: 'focus',
  chromeHidden: false,
  titleFocusPending: false,
  go: (view) => set({ view, titleFocusPending: true }),
  setChromeHidden: (chromeHidden) => set({ chromeHidden }),
}));
