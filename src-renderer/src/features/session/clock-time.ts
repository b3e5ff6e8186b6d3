/** A time of day as the locale writes it ("14:30"), for "until 14:30" and "locked until 14:30". */
export const clockTime = (at: number, locale: string): string => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
