/**
 * Calendar days in an IANA time zone, with the platform's own zone data (Intl) rather than a bundled copy.
 * A day is a `YYYY-MM-DD` string; day arithmetic happens on the date alone (as UTC), so it never meets DST.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** What a clock on the wall in `timeZone` showed at `ms`. */
export function wallClockAt(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

export function localDateOf(ms: number, timeZone: string): string {
  const wall = wallClockAt(ms, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** The zone's offset from UTC at `ms`, in milliseconds (Berlin in winter: +3 600 000). */
function offsetAt(ms: number, timeZone: string): number {
  const wall = wallClockAt(ms, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const dayParts = (date: string): [number, number, number] => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
};

/**
 * The first instant of `date` in `timeZone`. Each candidate is midnight under an offset the zone has near then;
 * every candidate that falls on `date` is at or after the day's start, so the earliest such one is it (also where
 * a DST change skips midnight itself and the day starts at 01:00).
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [year, month, day] = dayParts(date);
  const wallMidnight = Date.UTC(year, month - 1, day);
  const first = wallMidnight - offsetAt(wallMidnight, timeZone);
  const second = wallMidnight - offsetAt(first, timeZone);
  const onDate = [first, second].filter((candidate) => localDateOf(candidate, timeZone) === date);
  return onDate.length > 0 ? Math.min(...onDate) : first;
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = dayParts(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(date: string): number {
  const [year, month, day] = dayParts(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function startOfWeek(date: string, weekStartsOn: 0 | 1): string {
  return addDays(date, -((weekdayOf(date) - weekStartsOn + 7) % 7));
}

/**
 * How the interval [start, end) falls on the zone's days: milliseconds per local date. A session over midnight
 * counts on both days; a day with a DST change is 23 or 25 hours long and counted as such.
 */
export function splitByLocalDay(start: number, end: number, timeZone: string): Map<string, number> {
  const result = new Map<string, number>();
  let cursor = start;
  while (cursor < end) {
    const date = localDateOf(cursor, timeZone);
    const nextDay = startOfLocalDay(addDays(date, 1), timeZone);
    const until = Math.min(end, nextDay > cursor ? nextDay : end);
    result.set(date, (result.get(date) ?? 0) + (until - cursor));
    cursor = until;
  }
  return result;
}

/** The host's zone, as the OS reports it. */
export const hostTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
