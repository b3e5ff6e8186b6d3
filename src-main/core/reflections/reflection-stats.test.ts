import { afterEach, describe, expect, it } from 'vitest';
import type { ReflectionFacts } from '../../contract/reflections';
import { MINUTE } from '../../contract/session';
import { recordFor } from '../../../test-support/reflection-fixtures';
import type { IndexedEntry } from './reflection-index';
import { calendarOf, reflectionStats, type Calendar } from './reflection-stats';
import { weeklyReview } from './weekly-review';
import { addDays, splitByLocalDay, startOfLocalDay } from './zoned-calendar';

let counter = 0;

/** A session from `start` to `end` (UTC instants), indexed as the log would have it. */
function session(start: number, end: number, facts: Partial<ReflectionFacts> = {}, depth: number | null = null): IndexedEntry {
  counter++;
  return {
    path: `Reflections/${counter}.md`,
    mtimeMs: 0,
    size: 0,
    kind: 'entry',
    version: '0'.repeat(64),
    record: recordFor(
      { answers: { outcome: null, depth, moved: '', next: '', tags: [] } },
      { sessionId: `s${counter}`, startedAt: start, endedAt: end, actualMinutes: Math.round((end - start) / MINUTE), ...facts },
    ),
  };
}

const calendar = (timeZone: string, today: string, weekStartsOn: 0 | 1 = 1): Calendar => ({ timeZone, today, weekStartsOn });
const minutesOn = (stats: ReturnType<typeof reflectionStats>, date: string) => stats.heatmap.find((day) => day.date === date)?.minutes;

describe('zoned calendar', () => {
  it('finds the start of days around DST changes in Berlin and New York', () => {
    // Berlin springs forward on 29 March 2026 (02:00 -> 03:00) and falls back on 25 October (03:00 -> 02:00).
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 28, 23));
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 22));
    expect(startOfLocalDay('2026-10-26', 'Europe/Berlin') - startOfLocalDay('2026-10-25', 'Europe/Berlin')).toBe(25 * 60 * MINUTE);
    // New York: 8 March and 1 November 2026.
    expect(startOfLocalDay('2026-03-09', 'America/New_York') - startOfLocalDay('2026-03-08', 'America/New_York')).toBe(23 * 60 * MINUTE);
    expect(startOfLocalDay('2026-11-01', 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 4));
    expect(startOfLocalDay('2026-11-02', 'America/New_York')).toBe(Date.UTC(2026, 10, 2, 5));
    // Where a change skips midnight itself (Santiago, 6 September 2026: 00:00 -> 01:00), the day starts at 01:00.
    const santiago = startOfLocalDay('2026-09-06', 'America/Santiago');
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Santiago', hour: '2-digit', minute: '2-digit', day: '2-digit' }).format(santiago)).toBe('06, 01:00');
    expect(startOfLocalDay('2026-12-31', 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 30, 16));
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('splits a session at local midnight, counting real time on a DST day', () => {
    // 23:30 to 00:30 across New Year in Berlin (CET, UTC+1).
    expect([...splitByLocalDay(Date.UTC(2026, 11, 31, 22, 30), Date.UTC(2026, 11, 31, 23, 30), 'Europe/Berlin')]).toEqual([
      ['2026-12-31', 30 * MINUTE],
      ['2027-01-01', 30 * MINUTE],
    ]);
    // 01:30 CET to 03:30 CEST on the spring-forward night is one real hour.
    expect([...splitByLocalDay(Date.UTC(2026, 2, 29, 0, 30), Date.UTC(2026, 2, 29, 1, 30), 'Europe/Berlin')]).toEqual([['2026-03-29', 60 * MINUTE]]);
  });
});

describe('reflection stats', () => {
  afterEach(() => {
    delete process.env.TZ;
  });

  it('puts minutes on local days across month and year ends, in each zone its own way', () => {
    const entries = [
      // 22:30-23:30 UTC on 31 December: Berlin has 30 min on each side of New Year; New York all on the 31st;
      // Shanghai all on 1 January (07:30).
      session(Date.UTC(2026, 11, 31, 22, 30), Date.UTC(2026, 11, 31, 23, 30)),
      // 30 November 23:00 - 1 December 01:00 New York time (04:00-06:00 UTC on 1 December).
      session(Date.UTC(2026, 11, 1, 4), Date.UTC(2026, 11, 1, 6)),
    ];
    const berlin = reflectionStats(entries, calendar('Europe/Berlin', '2027-01-03'));
    expect([minutesOn(berlin, '2026-12-31'), minutesOn(berlin, '2027-01-01'), minutesOn(berlin, '2026-12-01')]).toEqual([30, 30, 120]);
    const newYork = reflectionStats(entries, calendar('America/New_York', '2027-01-03'));
    expect([minutesOn(newYork, '2026-12-31'), minutesOn(newYork, '2027-01-01'), minutesOn(newYork, '2026-11-30'), minutesOn(newYork, '2026-12-01')]).toEqual([60, 0, 60, 60]);
    const shanghai = reflectionStats(entries, calendar('Asia/Shanghai', '2027-01-03'));
    expect([minutesOn(shanghai, '2026-12-31'), minutesOn(shanghai, '2027-01-01'), minutesOn(shanghai, '2026-12-01')]).toEqual([0, 60, 120]);
  });

  it('lays the heatmap out as whole weeks of consecutive days ending today, across a year end', () => {
    const stats = reflectionStats([], calendar('Europe/Berlin', '2027-01-03'));
    const dates = stats.heatmap.map((day) => day.date);
    expect(dates.at(-1)).toBe('2027-01-03');
    expect(new Date(`${dates[0]!}T00:00:00Z`).getUTCDay()).toBe(1);
    for (let index = 1; index < dates.length; index++) expect(dates[index]).toBe(addDays(dates[index - 1]!, 1));
    expect(dates.length).toBe(52 * 7 + 7);
    expect(new Set(dates).size).toBe(dates.length);
    expect(reflectionStats([], calendar('Europe/Berlin', '2027-01-03', 0)).heatmap[0]!.date).toBe('2026-01-04');
  });

  it('totals the week across a month end and over DST weeks, starting Monday or Sunday', () => {
    const ny = 'America/New_York';
    const at = (date: string, hour: number) => startOfLocalDay(date, ny) + hour * 60 * MINUTE;
    const entries = [
      session(at('2026-10-31', 20), at('2026-10-31', 21)), // Saturday, 60
      // The fall-back night: 00:30 EDT to 03:00 EST is 3.5 real hours.
      session(at('2026-11-01', 0) + 30 * MINUTE, Date.UTC(2026, 10, 1, 8)), // Sunday, 210
      session(at('2026-11-02', 9), at('2026-11-02', 10)), // Monday, 60
    ];
    const monday = reflectionStats(entries, calendar(ny, '2026-11-04'));
    expect(minutesOn(monday, '2026-11-01')).toBe(210);
    expect(monday.weeks.at(-1)).toEqual({ weekStart: '2026-11-02', minutes: 60 });
    expect(monday.weeks.at(-2)).toEqual({ weekStart: '2026-10-26', minutes: 270 });
    expect(monday.weeks).toHaveLength(12);
    expect(monday.totals.minutesThisWeek).toBe(60);
    const sunday = reflectionStats(entries, calendar(ny, '2026-11-04', 0));
    expect(sunday.weeks.at(-1)).toEqual({ weekStart: '2026-11-01', minutes: 270 });

    // Berlin's spring-forward week: a session 01:00-04:00 local on 29 March is two real hours.
    const berlin = reflectionStats([session(Date.UTC(2026, 2, 29, 0), Date.UTC(2026, 2, 29, 2))], calendar('Europe/Berlin', '2026-03-30'));
    expect(berlin.weeks.at(-2)).toEqual({ weekStart: '2026-03-23', minutes: 120 });
  });

  it('counts the longest session, the days with a completed one, and depth over time', () => {
    const day = (n: number) => Date.UTC(2026, 11, n, 9);
    const entries = [
      session(day(1), day(1) + 90 * MINUTE, {}, 4),
      session(day(1) + 3 * 60 * MINUTE, day(1) + 4 * 60 * MINUTE, {}, 2),
      session(day(2), day(2) + 140 * MINUTE, { ending: 'ended-early', earlyEndReason: 'tired' }),
      session(day(3), day(3) + 25 * MINUTE, {}, 5),
    ];
    const stats = reflectionStats(entries, calendar('Asia/Shanghai', '2026-12-03'));
    expect(stats.totals).toEqual({ minutesThisWeek: 90 + 60 + 140 + 25, longestSessionMinutes: 140, completedDays: 2, sessions: 4 });
    expect(stats.depth.map((point) => [point.date, point.depth])).toEqual([
      ['2026-12-01', 4],
      ['2026-12-01', 2],
      ['2026-12-03', 5],
    ]);
  });

  it('gives the same days whatever zone the process itself runs in', () => {
    const entries = [session(Date.UTC(2026, 11, 31, 22, 30), Date.UTC(2026, 11, 31, 23, 30))];
    const results = ['UTC', 'Pacific/Auckland', 'America/Los_Angeles'].map((zone) => {
      process.env.TZ = zone;
      return reflectionStats(entries, calendar('Europe/Berlin', '2027-01-01'));
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('takes today in the asked zone when none is given', () => {
    const now = Date.UTC(2026, 11, 31, 20);
    expect(calendarOf({ timeZone: 'Asia/Shanghai' }, now, 'UTC')).toEqual({ timeZone: 'Asia/Shanghai', today: '2027-01-01', weekStartsOn: 1 });
    expect(calendarOf({}, now, 'America/New_York')).toEqual({ timeZone: 'America/New_York', today: '2026-12-31', weekStartsOn: 1 });
  });
});

describe('weekly review', () => {
  it('covers the last seven local days with totals, outcomes and one Markdown text', () => {
    const zone = 'Europe/Berlin';
    const at = (date: string, hour: number) => startOfLocalDay(date, zone) + hour * 60 * MINUTE;
    const answered = (entry: IndexedEntry, outcome: 'yes' | 'no', moved: string): IndexedEntry => ({
      ...entry,
      record: { ...entry.record, status: 'reflected', answers: { ...entry.record.answers, outcome, moved, next: 'Then $x^2$.' } },
    });
    const entries = [
      session(at('2026-11-26', 10), at('2026-11-26', 11)), // eight days back: not in it
      answered(session(at('2026-11-27', 10), at('2026-11-27', 11), { intent: '写 第二章' }), 'yes', 'Finished §2.1.'),
      answered(session(at('2026-12-03', 9), at('2026-12-03', 9) + 25 * MINUTE, { ending: 'ended-early', earlyEndReason: 'a call' }), 'no', ''),
      session(at('2026-12-03', 14), at('2026-12-03', 15)),
    ];
    const review = weeklyReview(entries, calendar(zone, '2026-12-03'), 'en', true);
    expect(review).toMatchObject({ from: '2026-11-27', to: '2026-12-03', minutes: 145, sessions: 3, outcomes: { yes: 1, partly: 0, no: 1, unanswered: 1 } });
    expect(review.entries.map((entry) => entry.day)).toEqual(['2026-11-27', '2026-12-03', '2026-12-03']);
    expect(review.fileName).toBe('Stillroom weekly review 2026-11-27 – 2026-12-03.md');
    expect(review.markdown).toContain('# Weekly review: 2026-11-27 – 2026-12-03\n\n3 sessions, 2 h 25 min. Did it: 1 yes, 0 partly, 1 no, 1 not answered.');
    expect(review.markdown).toContain('## 2026-11-27 · 写 第二章\n\n1 h 0 min of 50 min planned · completed · did it\n\n### What moved\n\nFinished §2.1.\n\n### What\'s next\n\nThen $x^2$.');
    expect(review.markdown).toContain('ended early · reason: a call');
    const zh = weeklyReview(entries, calendar(zone, '2026-12-03'), 'zh-CN', true);
    expect(zh.fileName).toBe('静室每周回顾 2026-11-27 – 2026-12-03.md');
    expect(zh.markdown).toContain('# 每周回顾：2026-11-27 – 2026-12-03');
    expect(zh.markdown).toContain('### 有什么进展');
    expect(weeklyReview([], calendar(zone, '2026-12-03'), 'en', true).markdown).toContain('No sessions in these days.');
  });

  it('is offered under an ASCII name where downloads cannot carry any name (a POSIX locale)', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      expect(weeklyReview([], calendar('Europe/Berlin', '2026-12-03'), language, false).fileName).toBe('Stillroom weekly review 2026-11-27 - 2026-12-03.md');
    }
  });
});
