import { useSyncExternalStore } from 'react';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

const subscribeDark = (onChange: () => void) => {
  const query = darkQuery();
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

/** Follows the OS light/dark setting live. */
export const useSystemDark = (): boolean => useSyncExternalStore(subscribeDark, () => darkQuery().matches);

const subscribeLanguages = (onChange: () => void) => {
  window.addEventListener('languagechange', onChange);
  return () => window.removeEventListener('languagechange', onChange);
};

/** The OS/browser language list; stable reference until it changes. */
let cachedLanguages: readonly string[] = [];
const readLanguages = () => {
  const current = navigator.languages?.length ? navigator.languages : [navigator.language];
  if (current.join() !== cachedLanguages.join()) cachedLanguages = [...current];
  return cachedLanguages;
};
export const useSystemLanguages = (): readonly string[] => useSyncExternalStore(subscribeLanguages, readLanguages);
