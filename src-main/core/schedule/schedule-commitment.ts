import {
  MAX_SCHEDULE_RULES,
  MAX_SCHEDULE_SKIPS,
  nominalMinutes,
  type PendingScheduleChange,
  type Schedule,
  type ScheduleBlocks,
  type ScheduleChangeEffect,
  type ScheduleRule,
} from '../../contract/schedule';
import { MINUTE } from '../../contract/session';
import { DomainError } from '../domain-error';
import { localDateAt } from './local-time';
import { hasWindowOn, isAtLeastAsStrict } from './schedule-windows';

/**
 * The rule of commitment over a schedule, as pure functions of the schedule and the time: adding or tightening
 * takes effect at once; removing or loosening a locked rule, or shortening the wait itself, waits
 * `loosenDelayHours` as a pending change. A commitment made in a calm moment is not undone in a weak one.
 */

const HOUR = 60 * MINUTE;

export interface ScheduleChange {
  readonly schedule: Schedule;
  readonly effect: ScheduleChangeEffect;
}

const startMinute = (rule: ScheduleRule): number => Number(rule.start.slice(0, 2)) * 60 + Number(rule.start.slice(3));

const coversBlocks = (after: ScheduleBlocks, before: ScheduleBlocks): boolean =>
  before.sites.every((site) => after.sites.includes(site)) &&
  before.apps.every((app) => after.apps.includes(app)) &&
  (after.ownSites || !before.ownSites) &&
  (after.ownApps || !before.ownApps) &&
  (after.allowOnly || !before.allowOnly);

/**
 * Whether `after` holds at least all that `before` does: as strict a mode, every day, the same stretch of each day
 * or more, everything blocked. (Moving a window across midnight counts as loosening: it leaves its old day.)
 */
export function isTightening(before: ScheduleRule, after: ScheduleRule): boolean {
  const beforeStart = startMinute(before);
  const afterStart = startMinute(after);
  return (
    isAtLeastAsStrict(after.mode, before.mode) &&
    before.days.every((day) => after.days.includes(day)) &&
    afterStart <= beforeStart &&
    afterStart + nominalMinutes(after.start, after.end) >= beforeStart + nominalMinutes(before.start, before.end) &&
    coversBlocks(after.blocks, before.blocks)
  );
}

const pendingRuleId = (change: PendingScheduleChange): string | null =>
  change.kind === 'update' ? change.rule.id : change.kind === 'remove' ? change.ruleId : null;

const withoutPendingFor = (schedule: Schedule, ruleId: string): PendingScheduleChange[] =>
  schedule.pending.filter((change) => pendingRuleId(change) !== ruleId);

function ruleOf(schedule: Schedule, ruleId: string): ScheduleRule {
  const rule = schedule.rules.find((candidate) => candidate.id === ruleId);
  if (!rule) throw new DomainError('schedule-unknown-rule', `no rule ${ruleId} in the schedule`);
  return rule;
}

const waitFrom = (schedule: Schedule, now: number): { requestedAt: number; effectiveAt: number } => ({
  requestedAt: now,
  effectiveAt: now + schedule.loosenDelayHours * HOUR,
});

export function addRule(schedule: Schedule, rule: ScheduleRule): ScheduleChange {
  if (schedule.rules.length >= MAX_SCHEDULE_RULES) {
    throw new DomainError('schedule-too-many-rules', `a schedule holds at most ${MAX_SCHEDULE_RULES} rules`, { limit: MAX_SCHEDULE_RULES });
  }
  return { schedule: { ...schedule, rules: [...schedule.rules, rule] }, effect: { kind: 'applied' } };
}

/**
 * Replaces a rule. A change that is not a tightening of a locked rule waits, replacing any change of that rule
 * already waiting (its wait starts again); any other change applies now and drops what was waiting for the rule.
 */
export function updateRule(schedule: Schedule, rule: ScheduleRule, now: number): ScheduleChange {
  const current = ruleOf(schedule, rule.id);
  const pending = withoutPendingFor(schedule, rule.id);
  if (current.mode === 'locked' && !isTightening(current, rule)) {
    const wait = waitFrom(schedule, now);
    return { schedule: { ...schedule, pending: [...pending, { kind: 'update', rule, ...wait }] }, effect: { kind: 'pending', effectiveAt: wait.effectiveAt } };
  }
  const rules = schedule.rules.map((candidate) => (candidate.id === rule.id ? rule : candidate));
  return { schedule: { ...schedule, rules, pending }, effect: { kind: 'applied' } };
}

export function removeRule(schedule: Schedule, ruleId: string, now: number): ScheduleChange {
  const current = ruleOf(schedule, ruleId);
  const pending = withoutPendingFor(schedule, ruleId);
  if (current.mode === 'locked') {
    const wait = waitFrom(schedule, now);
    return { schedule: { ...schedule, pending: [...pending, { kind: 'remove', ruleId, ...wait }] }, effect: { kind: 'pending', effectiveAt: wait.effectiveAt } };
  }
  return { schedule: { ...schedule, rules: schedule.rules.filter((rule) => rule.id !== ruleId), pending }, effect: { kind: 'applied' } };
}

/** A longer wait applies now; a shorter one waits the current wait, or it would undo every lock at once. */
export function setLoosenDelay(schedule: Schedule, hours: number, now: number): ScheduleChange {
  const pending = schedule.pending.filter((change) => change.kind !== 'delay');
  if (hours >= schedule.loosenDelayHours) return { schedule: { ...schedule, loosenDelayHours: hours, pending }, effect: { kind: 'applied' } };
  const wait = waitFrom(schedule, now);
  return { schedule: { ...schedule, pending: [...pending, { kind: 'delay', hours, ...wait }] }, effect: { kind: 'pending', effectiveAt: wait.effectiveAt } };
}

/** The schedule at `now`: every waiting change whose time has come applied, in the order they came due. */
export function settle(schedule: Schedule, now: number): Schedule {
  const due = schedule.pending.filter((change) => change.effectiveAt <= now).sort((a, b) => a.effectiveAt - b.effectiveAt);
  let settled: Schedule = { ...schedule, pending: schedule.pending.filter((change) => change.effectiveAt > now) };
  for (const change of due) {
    if (change.kind === 'delay') settled = { ...settled, loosenDelayHours: change.hours };
    else if (change.kind === 'remove') settled = { ...settled, rules: settled.rules.filter((rule) => rule.id !== change.ruleId) };
    else settled = { ...settled, rules: settled.rules.map((rule) => (rule.id === change.rule.id ? change.rule : rule)) };
  }
  return settled;
}

/** "Skip today": only a flexible rule's window, and only one the rule has today; recorded with the local date. */
export function skipToday(schedule: Schedule, ruleId: string, now: number, timeZone: string): Schedule {
  const rule = ruleOf(schedule, ruleId);
  if (rule.mode !== 'flexible') {
    throw new DomainError('schedule-skip-not-flexible', `rule ${ruleId} is ${rule.mode}; only a flexible window can be skipped`);
  }
  if (!hasWindowOn(rule, now, timeZone)) throw new DomainError('schedule-no-window-today', `rule ${ruleId} has no window today`);
  const date = localDateAt(now, timeZone);
  if (schedule.skips.some((skip) => skip.ruleId === ruleId && skip.date === date)) return schedule;
  return { ...schedule, skips: [...schedule.skips, { ruleId, date, at: now }].slice(-MAX_SCHEDULE_SKIPS) };
}
