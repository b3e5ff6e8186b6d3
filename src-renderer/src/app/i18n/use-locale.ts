import { useSettingsStore } from '../settings-store';
import { useSystemLanguages } from '../system-preferences';
import { resolveLocale, type Locale } from './locale';

export function useLocale(): Locale {
  const preference = useSettingsStore((store) => store.state?.settings.appearance.language ?? 'system');
  const systemLanguages = useSystemLanguages();
  return resolveLocale(preference, systemLanguages);
}
