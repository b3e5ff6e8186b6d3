export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

/** The OS language decides unless the user chose one: any Chinese variant reads Simplified Chinese. */
export function resolveLocale(preference: 'system' | Locale, systemLanguages: readonly string[]): Locale {
  if (preference !== 'system') return preference;
  for (const language of systemLanguages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
