import type { Locale } from '../../app/i18n/locale';

/**
 * Days arrive from the core as `YYYY-MM-DD`, already counted in the user's zone. Formatting them at noon UTC in
 * UTC keeps the calendar day whatever zone this window runs in (midnight would slip a day west of Greenwich).
 */
export function dayToDate(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, date!, 12));
}

export function formatDay(day: string, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(dayToDate(day));
}

/** "Thursday, December 3, 2026" / "2026年12月3日星期四": the log’s day headings. */
export const longDay = (day: string, locale: Locale): string => formatDay(day, locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

/** "Dec 3, 2026" / "2026年12月3日": dates inside sentences and titles. */
export const mediumDay = (day: string, locale: Locale): string => formatDay(day, locale, { year: 'numeric', month: 'short', day: 'numeric' });

/** "Dec 3" / "12月3日": axis labels. */
export const shortDay = (day: string, locale: Locale): string => formatDay(day, locale, { month: 'short', day: 'numeric' });

/** A clock time of an instant in this window's zone: "09:30". */
export const clockOf = (millis: number, locale: Locale): string => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(millis);

/** Hours with one decimal, for the locale: "1.5" (whole hours without the decimal). */
export function hours(minutes: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Math.round(minutes / 6) / 10);
}
