import { useCallback } from 'react';
import type { Locale } from './locale';
import { useLocale } from './use-locale';

export type MessageParams = Record<string, string | number>;
type Catalog<K extends string> = Record<K, string>;

/**
 * A feature's strings in both languages. The Chinese catalog must have exactly the English keys, so a string
 * cannot be forgotten in one language (the compiler refuses).
 */
export function defineMessages<K extends string>(catalogs: { en: Catalog<K>; 'zh-CN': NoInfer<Catalog<K>> }) {
  return catalogs;
}

export type Messages<K extends string> = ReturnType<typeof defineMessages<K>>;

/** `{name}` placeholders are filled from params; numbers are formatted for the locale. */
export function format(locale: Locale, template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}

export function translate<K extends string>(messages: Messages<K>, locale: Locale, key: K, params?: MessageParams): string {
  return format(locale, messages[locale][key], params);
}

/** `const t = useMessages(messages); t('start')` in a component. */
export function useMessages<K extends string>(messages: Messages<K>) {
  const locale = useLocale();
  return useCallback((key: K, params?: MessageParams) => translate(messages, locale, key, params), [messages, locale]);
}
