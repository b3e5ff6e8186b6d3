import { describe, expect, it } from 'vitest';
import { EMPTY_SCHEDULE, MAX_SCHEDULE_RULES, type Schedule } from '../../contract/schedule';
import { rule, zonePerTest } from '../../../test-support/schedule-rules';
import { DomainError } from '../domain-error';
import { addRule, isTightening, removeRule, setLoosenDelay, settle, skipToday, updateRule } from './schedule-commitment';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-06-01T06:00:00Z');
const inZone = zonePerTest();

const locked = rule({ id: 'deep', mode: 'locked', days: ['mo', 'tu', 'we'], blocks: { sites: ['global-feeds'], ownSites: true, apps: ['chat'], ownApps: false, allowOnly: false } });
const withRules = (...rules: Schedule['rules']): Schedule => ({ ...EMPTY_SCHEDULE, rules });

const refusal = (act: () => unknown): string => {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('not refused');
};

describe('isTightening', () => {
  it.each([
    ['the same rule', locked, true],
    ['another day', { ...locked, days: [...locked.days, 'th' as const] }, true],
    ['starting earlier, ending as late', { ...locked, start: '08:00' }, true],
    ['lasting longer by a length', { ...locked, end: { kind: 'length' as const, minutes: 200 } }, true],
    ['blocking more', { ...locked, blocks: { ...locked.blocks, sites: ['global-feeds' as const, 'news' as const], ownApps: true } }, true],
    ['a new intent', { ...locked, intent: 'write' }, true],
    ['only these sites', { ...locked, blocks: { ...locked.blocks, allowOnly: true } }, true],
    ['a looser mode', { ...locked, mode: 'committed' as const }, false],
    ['a day fewer', { ...locked, days: ['mo' as const, 'tu' as const] }, false],
    ['starting later', { ...locked, start: '09:30' }, false],
    ['ending earlier', { ...locked, end: { kind: 'until' as const, time: '11:00' } }, false],
    ['blocking less', { ...locked, blocks: { ...locked.blocks, ownSites: false } }, false],
    ['an app category fewer', { ...locked, blocks: { ...locked.blocks, apps: [] } }, false],
  ])('%s → %s', (_name, after, expected) => {
    expect(isTightening(locked, after)).toBe(expected);
  });

  it('counts opening every site again, after only the allowed ones, as loosening', () => {
    const allowOnly = { ...locked, blocks: { ...locked.blocks, allowOnly: true } };
    expect(isTightening(allowOnly, locked)).toBe(false);
  });
});

describe('the rule of commitment', () => {
  it('adds at once, up to the limit', () => {
    expect(addRule(EMPTY_SCHEDULE, locked)).toEqual({ schedule: withRules(locked), effect: { kind: 'applied' } });
    const full = withRules(...Array.from({ length: MAX_SCHEDULE_RULES }, (_, index) => rule({ id: `r${index}` })));
    expect(refusal(() => addRule(full, locked))).toBe('schedule-too-many-rules');
  });

  it('tightens a locked rule at once, and drops a loosening that was waiting for it', () => {
    const waiting = updateRule(withRules(locked), { ...locked, mode: 'flexible' }, NOW).schedule;
    const tighter = { ...locked, start: '08:30' };
    expect(updateRule(waiting, tighter, NOW + HOUR)).toEqual({ schedule: withRules(tighter), effect: { kind: 'applied' } });
  });

  it('keeps a locked rule’s loosening waiting for the delay, then applies it', () => {
    const looser = { ...locked, end: { kind: 'until' as const, time: '10:00' } };
    const { schedule, effect } = updateRule(withRules(locked), looser, NOW);
    expect(effect).toEqual({ kind: 'pending', effectiveAt: NOW + 24 * HOUR });
    expect(schedule.rules).toEqual([locked]);
    expect(schedule.pending).toEqual([{ kind: 'update', rule: looser, requestedAt: NOW, effectiveAt: NOW + 24 * HOUR }]);
    expect(settle(schedule, NOW + 24 * HOUR - 1)).toEqual(schedule);
    expect(settle(schedule, NOW + 24 * HOUR)).toEqual(withRules(looser));
  });

  it('starts the wait again when a second loosening replaces the first', () => {
    const first = updateRule(withRules(locked), { ...locked, mode: 'committed' }, NOW).schedule;
    const second = updateRule(first, { ...locked, mode: 'flexible' }, NOW + 10 * HOUR);
    expect(second.effect).toEqual({ kind: 'pending', effectiveAt: NOW + 34 * HOUR });
    expect(second.schedule.pending).toHaveLength(1);
  });

  it('changes and removes a flexible or committed rule at once', () => {
    for (const mode of ['flexible', 'committed'] as const) {
      const current = { ...locked, mode };
      expect(updateRule(withRules(current), { ...current, start: '10:00' }, NOW).effect).toEqual({ kind: 'applied' });
      expect(removeRule(withRules(current), current.id, NOW)).toEqual({ schedule: EMPTY_SCHEDULE, effect: { kind: 'applied' } });
    }
  });

  it('removes a locked rule only after the delay set in the schedule', () => {
    const { schedule, effect } = removeRule({ ...withRules(locked), loosenDelayHours: 48 }, locked.id, NOW);
    expect(effect).toEqual({ kind: 'pending', effectiveAt: NOW + 48 * HOUR });
    expect(settle(schedule, NOW + 47 * HOUR).rules).toEqual([locked]);
    expect(settle(schedule, NOW + 48 * HOUR).rules).toEqual([]);
  });

  it('lengthens the wait at once and shortens it only after the wait in force', () => {
    expect(setLoosenDelay(EMPTY_SCHEDULE, 72, NOW)).toEqual({ schedule: { ...EMPTY_SCHEDULE, loosenDelayHours: 72 }, effect: { kind: 'applied' } });
    const { schedule, effect } = setLoosenDelay(EMPTY_SCHEDULE, 1, NOW);
    expect(effect).toEqual({ kind: 'pending', effectiveAt: NOW + 24 * HOUR });
    // Asking for a one-hour wait and loosening at once does not slip through: the loosening waits the day.
    expect(removeRule({ ...schedule, rules: [locked] }, locked.id, NOW).effect).toEqual({ kind: 'pending', effectiveAt: NOW + 24 * HOUR });
    expect(settle(schedule, NOW + 24 * HOUR).loosenDelayHours).toBe(1);
  });

  it('refuses a rule it does not hold', () => {
    expect(refusal(() => updateRule(EMPTY_SCHEDULE, locked, NOW))).toBe('schedule-unknown-rule');
    expect(refusal(() => removeRule(EMPTY_SCHEDULE, 'nothing', NOW))).toBe('schedule-unknown-rule');
  });
});

describe('skip today', () => {
  it.each(['America/New_York', 'Europe/Berlin', 'Asia/Shanghai'])('records the local date in %s, once', (zone) => {
    inZone(zone);
    const flexible = rule({ id: 'flex' });
    // 23:30 UTC on Monday is already Tuesday in Berlin and Shanghai, still Monday in New York.
    const now = Date.parse('2026-06-01T23:30:00Z');
    const date = zone === 'America/New_York' ? '2026-06-01' : '2026-06-02';
    const skipped = skipToday(withRules(flexible), 'flex', now, zone);
    expect(skipped.skips).toEqual([{ ruleId: 'flex', date, at: now }]);
    expect(skipToday(skipped, 'flex', now + HOUR, zone)).toBe(skipped);
  });

  it('refuses a committed or locked window, and a day the rule has none', () => {
    const now = Date.parse('2026-06-04T08:00:00Z'); // a Thursday
    expect(refusal(() => skipToday(withRules(locked), locked.id, now, 'Europe/Berlin'))).toBe('schedule-skip-not-flexible');
    expect(refusal(() => skipToday(withRules({ ...locked, mode: 'committed' }), locked.id, now, 'Europe/Berlin'))).toBe('schedule-skip-not-flexible');
    expect(refusal(() => skipToday(withRules({ ...locked, mode: 'flexible' }), locked.id, now, 'Europe/Berlin'))).toBe('schedule-no-window-today');
  });
});
