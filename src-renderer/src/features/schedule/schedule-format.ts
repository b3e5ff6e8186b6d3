import type { Locale } from '../../app/i18n/locale';

/** "Tue 09:00" in the user's own zone, on 24 hours like the rules themselves. */
export const whenText = (at: number, locale: Locale): string =>
  new Intl.DateTimeFormat(locale, { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
/** "11:30": the end of the window running now. */
export const clockText = (at: number, locale: Locale): string => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
