import type { ReflectionStats } from '../../contract/reflections';
import { MINUTE } from '../../contract/session';
import type { IndexedEntry } from './reflection-index';
import { dayOf } from './reflection-query';
import { addDays, localDateOf, splitByLocalDay, startOfLocalDay, startOfWeek } from './zoned-calendar';

export interface Calendar {
  readonly timeZone: string;
  readonly today: string;
  readonly weekStartsOn: 0 | 1;
}

export function calendarOf(context: { timeZone?: string; today?: string; weekStartsOn?: 0 | 1 }, now: number, hostZone: string): Calendar {
  const timeZone = context.timeZone ?? hostZone;
  return { timeZone, today: context.today ?? localDateOf(now, timeZone), weekStartsOn: context.weekStartsOn ?? 1 };
}

const HEATMAP_WEEKS = 53;
const CHART_WEEKS = 12;

/**
 * The pictures' numbers, in the user's zone: deep-work minutes per local day (a session over midnight counts on
 * both days; a 23- or 25-hour DST day counts what it had), per week, and the depth answers over time.
 */
export function reflectionStats(entries: readonly IndexedEntry[], calendar: Calendar): Omit<ReflectionStats, 'progress'> {
  const { timeZone, today, weekStartsOn } = calendar;
  const first = startOfWeek(addDays(today, -(HEATMAP_WEEKS - 1) * 7), weekStartsOn);
  const rangeStart = startOfLocalDay(first, timeZone);
  const rangeEnd = startOfLocalDay(addDays(today, 1), timeZone);
  const perDay = new Map<string, number>();
  let longest = 0;
  const completedDays = new Set<string>();
  const depth: ReflectionStats['depth'] = [];
  for (const entry of entries) {
    const { facts, answers } = entry.record;
    longest = Math.max(longest, facts.actualMinutes);
    if (facts.ending === 'completed') completedDays.add(dayOf(entry, timeZone));
    if (answers.depth !== null) depth.push({ sessionId: facts.sessionId, startedAt: facts.startedAt, date: dayOf(entry, timeZone), depth: answers.depth });
    // Only sessions inside the heatmap's weeks are split into days: the rest cannot show.
    const start = Math.max(facts.startedAt, rangeStart);
    const end = Math.min(facts.endedAt, rangeEnd);
    if (start >= end) continue;
    for (const [date, ms] of splitByLocalDay(start, end, timeZone)) perDay.set(date, (perDay.get(date) ?? 0) + ms);
  }
  const minutesOn = (date: string) => Math.round((perDay.get(date) ?? 0) / MINUTE);
  const heatmap: ReflectionStats['heatmap'] = [];
  for (let date = first; date <= today; date = addDays(date, 1)) heatmap.push({ date, minutes: minutesOn(date) });
  const thisWeek = startOfWeek(today, weekStartsOn);
  const weeks: ReflectionStats['weeks'] = [];
  for (let back = CHART_WEEKS - 1; back >= 0; back--) {
    const weekStart = addDays(thisWeek, -7 * back);
    let ms = 0;
    for (let day = 0; day < 7; day++) ms += perDay.get(addDays(weekStart, day)) ?? 0;
    weeks.push({ weekStart, minutes: Math.round(ms / MINUTE) });
  }
  depth.sort((a, b) => a.startedAt - b.startedAt);
  return {
    timeZone,
    today,
    heatmap,
    weeks,
    depth,
    totals: { minutesThisWeek: weeks[weeks.length - 1]!.minutes, longestSessionMinutes: longest, completedDays: completedDays.size, sessions: entries.length },
  };
}
