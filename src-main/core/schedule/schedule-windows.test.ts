import { describe, expect, it } from 'vitest';
import { localReading, rule, zonePerTest } from '../../../test-support/schedule-rules';
import { instantAt, systemTimeZone } from './local-time';
import { windowsBetween } from './schedule-windows';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const inZone = zonePerTest();

/** The windows of a week from `fromIso`, in the process's zone, read back on its wall clock. */
function week(rules: Parameters<typeof windowsBetween>[0], fromIso: string, options?: Parameters<typeof windowsBetween>[4]) {
  const from = Date.parse(fromIso);
  return windowsBetween(rules, from, from + 7 * DAY, systemTimeZone(), options);
}
const readings = (windows: ReturnType<typeof week>) => windows.map((window) => `${localReading(window.start)}–${localReading(window.end).slice(11)}`);

describe('a daily 09:00–11:30 window stays 09:00 local across DST', () => {
  it.each([
    ['America/New_York', '2026-03-05T00:00:00Z', '2026-03-08', 4],
    ['America/New_York', '2026-10-29T00:00:00Z', '2026-11-01', 5],
    ['Europe/Berlin', '2026-03-26T00:00:00Z', '2026-03-29', -2],
    ['Europe/Berlin', '2026-10-22T00:00:00Z', '2026-10-25', -1],
  ])('in %s around %s', (zone, fromIso, changeDay, utcHoursAfterChange) => {
    inZone(zone);
    const windows = week([rule({ id: 'morning' })], fromIso);
    expect(readings(windows).map((reading) => reading.slice(11))).toEqual(Array(7).fill('09:00–11:30'));
    // The instants move by the hour the clocks moved: 09:00 after the change is this far from UTC.
    const afterChange = windows.find((window) => localReading(window.start).startsWith(changeDay))!;
    expect(new Date(afterChange.start).getUTCHours()).toBe((9 + utcHoursAfterChange + 24) % 24);
    expect(afterChange.end - afterChange.start).toBe(2.5 * HOUR);
  });

  it('in Asia/Shanghai, which has no DST, 09:00 is 01:00 UTC every day', () => {
    inZone('Asia/Shanghai');
    const windows = week([rule({ id: 'morning' })], '2026-03-05T00:00:00Z');
    expect(windows.map((window) => new Date(window.start).toISOString().slice(11, 16))).toEqual(Array(7).fill('01:00'));
  });
});

describe('a reading a DST night skips or repeats', () => {
  it.each([
    ['America/New_York', '2026-03-08', '2026-03-08 03:30', '2026-03-08T07:30:00.000Z'],
    ['Europe/Berlin', '2026-03-29', '2026-03-29 03:30', '2026-03-29T01:30:00.000Z'],
  ])('02:30 never happens in %s on %s: the window starts at the jump’s end, a clock set to 02:30 reading 03:30', (zone, day, reading, iso) => {
    inZone(zone);
    const windows = week([rule({ id: 'night', start: '02:30', end: { kind: 'length', minutes: 60 } })], `${day}T00:00:00Z`);
    const onTheDay = windows.find((window) => localReading(window.start).startsWith(day))!;
    expect(localReading(onTheDay.start)).toBe(reading);
    expect(new Date(onTheDay.start).toISOString()).toBe(iso);
    // A length is real time: an hour is an hour even on that night.
    expect(onTheDay.end - onTheDay.start).toBe(HOUR);
  });

  it.each([
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
  ])('a reading that happens twice in %s on %s starts at its first occurrence', (zone, day, start, iso) => {
    inZone(zone);
    const windows = week([rule({ id: 'night', start, end: { kind: 'length', minutes: 30 } })], `${day}T00:00:00Z`);
    expect(windows.map((window) => new Date(window.start).toISOString())).toContain(iso);
  });

  it('an end time is read on the wall clock: 01:00–04:00 on a spring-forward night lasts two real hours, on a fall-back night four', () => {
    inZone('America/New_York');
    const windows = week([rule({ id: 'night', start: '01:00', end: { kind: 'until', time: '04:00' } })], '2026-03-07T12:00:00Z');
    expect(windows[0]!.end - windows[0]!.start).toBe(2 * HOUR);
    expect(windows[1]!.end - windows[1]!.start).toBe(3 * HOUR);
    const fallBack = week([rule({ id: 'night', start: '01:00', end: { kind: 'until', time: '04:00' } })], '2026-11-01T00:00:00Z');
    expect(fallBack[0]!.end - fallBack[0]!.start).toBe(4 * HOUR);
  });

  it('does not depend on the zone the process runs in (the library’s own local-time constructor does)', () => {
    const readings = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles'].map((zone) => {
      inZone(zone);
      return instantAt(Date.parse('2026-10-25T02:30:00Z'), 'Europe/Berlin');
    });
    expect(readings).toEqual(Array(3).fill(Date.parse('2026-10-25T00:30:00Z')));
  });
});

describe('windowsBetween', () => {
  it('keeps to the rule’s days and runs an end earlier than the start into the next day', () => {
    inZone('Europe/Berlin');
    const windows = week([rule({ id: 'late', days: ['fr'], start: '22:00', end: { kind: 'until', time: '01:00' } })], '2026-06-01T00:00:00Z');
    expect(readings(windows)).toEqual(['2026-06-05 22:00–01:00']);
    expect(windows[0]!.end - windows[0]!.start).toBe(3 * HOUR);
  });

  it('includes a window already running at the start of the stretch', () => {
    inZone('Asia/Shanghai');
    const windows = week([rule({ id: 'morning', days: ['mo'] })], '2026-06-01T02:00:00Z'); // Monday 10:00 in Shanghai
    expect(readings(windows)).toEqual(['2026-06-01 09:00–11:30', '2026-06-08 09:00–11:30']);
  });

  it('merges overlapping and touching windows: the stricter mode wins, what they block is the union', () => {
    inZone('America/New_York');
    const windows = week(
      [
        rule({ id: 'reading', days: ['mo'], start: '09:00', end: { kind: 'until', time: '10:00' }, intent: 'read the paper', blocks: { sites: ['news'], ownSites: true, apps: [], ownApps: false, allowOnly: true } }),
        rule({ id: 'writing', days: ['mo'], start: '09:30', end: { kind: 'until', time: '11:00' }, mode: 'locked', note: 'Draft.md', blocks: { sites: ['global-feeds'], ownSites: false, apps: ['chat'], ownApps: true, allowOnly: false } }),
        rule({ id: 'after', days: ['mo'], start: '11:00', end: { kind: 'length', minutes: 30 }, mode: 'committed' }),
      ],
      '2026-06-01T00:00:00Z',
    );
    expect(readings(windows)).toEqual(['2026-06-01 09:00–11:30']);
    expect(windows[0]).toMatchObject({
      ruleIds: ['reading', 'writing', 'after'],
      mode: 'locked',
      // One allowlist rule makes the merged window an allowlist one: the stricter wins.
      blocks: { sites: ['global-feeds', 'news'], ownSites: true, apps: ['chat'], ownApps: true, allowOnly: true },
      intent: 'read the paper',
      note: 'Draft.md',
    });
  });

  it('leaves windows apart when a minute separates them', () => {
    inZone('Europe/Berlin');
    const windows = week(
      [rule({ id: 'a', days: ['mo'], end: { kind: 'until', time: '10:00' } }), rule({ id: 'b', days: ['mo'], start: '10:01', end: { kind: 'length', minutes: 30 } })],
      '2026-06-01T00:00:00Z',
    );
    expect(windows.map((window) => window.ruleIds)).toEqual([['a'], ['b']]);
  });

  it('skips a flexible rule’s window on a skipped date, never a committed or locked one', () => {
    inZone('America/New_York');
    const skips = [
      { ruleId: 'flex', date: '2026-06-02', at: 0 },
      { ruleId: 'fixed', date: '2026-06-02', at: 0 },
    ];
    const windows = week([rule({ id: 'flex', days: ['tu'] }), rule({ id: 'fixed', days: ['tu'], start: '14:00', end: { kind: 'length', minutes: 60 }, mode: 'committed' })], '2026-06-01T00:00:00Z', { skips });
    expect(readings(windows)).toEqual(['2026-06-02 14:00–15:00']);
    expect(readings(week([rule({ id: 'flex', days: ['tu'] })], '2026-06-03T00:00:00Z', { skips }))).toEqual(['2026-06-09 09:00–11:30']);
  });

  it('follows a pending change only for windows starting from its effectiveAt', () => {
    inZone('Europe/Berlin');
    const locked = rule({ id: 'deep', mode: 'locked' });
    const effectiveAt = Date.parse('2026-06-03T12:00:00Z');
    const pending = [
      { kind: 'update' as const, rule: { ...locked, mode: 'flexible' as const, start: '10:00' }, requestedAt: effectiveAt - DAY, effectiveAt },
      { kind: 'remove' as const, ruleId: 'gone', requestedAt: effectiveAt - DAY, effectiveAt: effectiveAt + DAY },
    ];
    const windows = week([locked, rule({ id: 'gone', days: ['we', 'fr'], start: '15:00', end: { kind: 'length', minutes: 30 }, mode: 'locked' })], '2026-06-01T00:00:00Z', { pending });
    expect(readings(windows)).toEqual([
      '2026-06-01 09:00–11:30',
      '2026-06-02 09:00–11:30',
      '2026-06-03 09:00–11:30',
      '2026-06-03 15:00–15:30',
      '2026-06-04 10:00–11:30',
      '2026-06-05 10:00–11:30',
      '2026-06-06 10:00–11:30',
      '2026-06-07 10:00–11:30',
    ]);
    expect(windows.map((window) => window.mode)).toEqual(['locked', 'locked', 'locked', 'locked', 'flexible', 'flexible', 'flexible', 'flexible']);
  });
});
