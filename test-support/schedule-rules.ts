import { afterEach, beforeEach } from 'vitest';
import type { ScheduleRule } from '../src-main/contract/schedule';

/** Shared by the schedule tests: a rule with everything but what a test is about, and `TZ` set for one test. */
export const rule = (fields: Partial<ScheduleRule> & Pick<ScheduleRule, 'id'>): ScheduleRule => ({
  days: ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'],
  start: '09:00',
  end: { kind: 'until', time: '11:30' },
  mode: 'flexible',
  blocks: { sites: ['global-feeds'], ownSites: false, apps: [], ownApps: false, allowOnly: false },
  intent: '',
  note: null,
  ...fields,
});

/** Sets `TZ` around each test of the calling file; a test chooses its zone with the returned function. */
export function zonePerTest(): (zone: string) => string {
  let before: string | undefined;
  beforeEach(() => {
    before = process.env.TZ;
  });
  afterEach(() => {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  });
  return (zone) => {
    process.env.TZ = zone;
    return zone;
  };
}

/** What a wall clock in the process's zone reads at `instant`, as `YYYY-MM-DD HH:MM`; by Intl, not by the code under test. */
export function localReading(instant: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
