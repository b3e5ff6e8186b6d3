import { create } from 'zustand';

export const viewIds = ['focus', 'notepad', 'reflections', 'settings'] as const;
export type ViewId = (typeof viewIds)[number];

interface Navigation {
  view: ViewId;
  /** Full-screen writing and similar modes hide the chrome. */
  chromeHidden: boolean;
  go(view: ViewId): void;
  setChromeHidden(hidden: boolean): void;
}

export const useNavigation = create<Navigation>((set) => ({
  view: 'focus',
  chromeHidden: false,
  go: (view) => set({ view }),
  setChromeHidden: (chromeHidden) => set({ chromeHidden }),
}));
