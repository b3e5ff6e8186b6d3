import { TZDate, tzOffset } from '@date-fns/tz';
import type { LocalDate } from '../../contract/schedule';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * A wall-clock reading ("2026-03-08 02:30") held as the milliseconds a UTC clock would show at that reading: what
 * rrule works in when given no zone ("floating" times), and what `instantAt` turns into a real instant.
 */
export type WallTime = number;

/** The zone this process runs in (it follows `TZ`), for services that work in the user's own time. */
export const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** What a wall clock in `timeZone` reads at `instant`. */
export function wallTimeAt(instant: number, timeZone: string): WallTime {
  return instant + tzOffset(timeZone, new Date(instant)) * MINUTE;
}

/** The local calendar date at `instant` in `timeZone`. */
export function localDateAt(instant: number, timeZone: string): LocalDate {
  const local = new TZDate(instant, timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/**
 * The instant a wall clock in `timeZone` reads `wall`, defined on DST days too:
 * - a reading that never happens (02:30 on a spring-forward night) moves forward by the jump (03:30), as a clock
 *   set to it would show after the change;
 * - a reading that happens twice (01:30 on a fall-back night) is its first occurrence.
 * The zone's offsets come from the library (the platform's time zone data); a zone changes its offset at most once
 * within a day on either side of a reading, so the offsets a day before and after are the only candidates.
 */
export function instantAt(wall: WallTime, timeZone: string): number {
  const before = tzOffset(timeZone, new Date(wall - DAY));
  const after = tzOffset(timeZone, new Date(wall + DAY));
  const occurrences = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => wallTimeAt(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  // No occurrence: the reading falls in the jump; read with the offset before it, it lands just after the jump.
  return occurrences[0] ?? wall - before * MINUTE;
}
