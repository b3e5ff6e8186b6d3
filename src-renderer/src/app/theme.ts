import { useEffect } from 'react';
import { useSettingsStore } from './settings-store';
import { useSystemDark } from './system-preferences';

export type ResolvedTheme = 'light' | 'dark' | 'sepia';

export function useResolvedTheme(): ResolvedTheme {
  const preference = useSettingsStore((store) => store.state?.settings.appearance.theme ?? 'system');
  const systemDark = useSystemDark();
  if (preference === 'system') return systemDark ? 'dark' : 'light';
  return preference;
}

/** The theme lives on <html data-theme>, where the CSS variables of styles.css pick it up. */
export function useApplyTheme(): ResolvedTheme {
  const theme = useResolvedTheme();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme === 'dark' ? 'dark' : 'light';
  }, [theme]);
  return theme;
}
