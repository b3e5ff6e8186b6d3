// The window speaks the contract's locales, chosen by the contract's one rule (the tray uses the same).
export { locales, resolveLocale, type Locale } from '../../../../src-main/contract/locale';
