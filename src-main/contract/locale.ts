import { z } from 'zod';

/** The languages Stillroom speaks, in the window and outside it (tray, notifications, dialogs, exports). */
export const locales = ['en', 'zh-CN'] as const;
export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;

/**
 * The one rule for which language Stillroom speaks: the user's choice, else the first system locale Stillroom
 * speaks (by its primary subtag, so any Chinese variant reads Simplified Chinese), else English. The window and the
 * tray both call this, so they cannot disagree.
 */
export function resolveLocale(preference: 'system' | Locale, systemLocales: readonly string[]): Locale {
  if (preference !== 'system') return preference;
  for (const tag of systemLocales) {
    const primary = tag.trim().split(/[-_]/, 1)[0]!.toLowerCase();
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return 'en';
}
