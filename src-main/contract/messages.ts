import type { Locale } from './locale';

/**
 * The one way Stillroom says things, in the window and outside it (tray, dialogs, notifications, exports): a
 * catalog per feature with every string in every locale, filled by `format`. A message is text with `{name}`
 * placeholders, and `{count, plural, one {…} other {…}}` where the wording depends on a number (`#` inside stands
 * for it): the branch is chosen by the locale's own plural rules, so a language without plurals writes one form.
 */

export type MessageParams = Readonly<Record<string, string | number>>;
type Catalog<K extends string> = Readonly<Record<K, string>>;

/** A feature's strings: one catalog per locale, all with the same keys. */
export type Messages<K extends string> = { readonly [L in Locale]: Catalog<K> };

/**
 * English names the keys; every other locale must have exactly them, so a string cannot be forgotten in one
 * language (the compiler refuses). That both use the same placeholders is checked by scripts/message-catalogs.test.ts.
 */
export function defineMessages<K extends string>(catalogs: { en: Catalog<K> } & { [L in Exclude<Locale, 'en'>]: NoInfer<Catalog<K>> }): Messages<K> {
  return catalogs;
}

const PLACEHOLDER = /\{(\w+)\}/g;
// A branch's text may hold `{name}` placeholders, not further plurals.
const BRANCH_TEXT = String.raw`[^{}]*(?:\{\w+\}[^{}]*)*`;
const CATEGORY = 'zero|one|two|few|many|other';
const BRANCH = new RegExp(String.raw`(${CATEGORY})\s*\{(${BRANCH_TEXT})\}`, 'g');
const PLURAL = new RegExp(String.raw`\{(\w+), plural,((?:\s*(?:${CATEGORY})\s*\{${BRANCH_TEXT}\})+)\s*\}`, 'g');

const numberFormats = new Map<Locale, Intl.NumberFormat>();
const pluralRules = new Map<Locale, Intl.PluralRules>();

function formatNumber(locale: Locale, value: number): string {
  let formatter = numberFormats.get(locale);
  if (!formatter) numberFormats.set(locale, (formatter = new Intl.NumberFormat(locale)));
  return formatter.format(value);
}

function pluralCategory(locale: Locale, count: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

const branchesOf = (branches: string) => new Map([...branches.matchAll(BRANCH)].map(([, category, text]) => [category!, text!]));

/**
 * Fills a message: plurals first (choosing the branch, `#` becomes the number), then each `{name}` in one pass,
 * so a value that itself contains `{…}` is never read as a placeholder. Numbers are formatted for the locale. A
 * placeholder without a value is left as written.
 */
export function format(locale: Locale, template: string, params: MessageParams = {}): string {
  const chosen = template.replace(PLURAL, (whole, name: string, branches: string) => {
    const count = params[name];
    if (typeof count !== 'number') return whole;
    const forms = branchesOf(branches);
    const text = forms.get(pluralCategory(locale, count)) ?? forms.get('other');
    return text === undefined ? whole : text.replaceAll('#', () => formatNumber(locale, count));
  });
  return chosen.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

/** The names a message fills (plural counts included), sorted: every locale's version must have the same. */
export function placeholders(template: string): string[] {
  const names = new Set<string>();
  const flat = template.replace(PLURAL, (_whole, name: string, branches: string) => {
    names.add(name);
    return [...branchesOf(branches).values()].join('\n');
  });
  for (const [, name] of flat.matchAll(PLACEHOLDER)) names.add(name!);
  return [...names].sort();
}

export function translate<K extends string>(messages: Messages<K>, locale: Locale, key: K, params?: MessageParams): string {
  return format(locale, messages[locale][key], params);
}

/** `const t = translator(messages, locale); t('start')`: the core's way (the renderer's is `useMessages`). */
export function translator<K extends string>(messages: Messages<K>, locale: Locale) {
  return (key: K, params?: MessageParams): string => translate(messages, locale, key, params);
}
