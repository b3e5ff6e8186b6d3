import * as rruleExports from 'rrule';
import type { Weekday as RRuleWeekday } from 'rrule';
import { AppCategoryId } from '../../contract/apps';
import { BlocklistCategoryId } from '../../contract/blocking';
import type { CommitmentMode } from '../../contract/session';
import { MAX_SESSION_MINUTES, MINUTE } from '../../contract/session';
import type { PendingScheduleChange, ScheduleBlocks, ScheduleRule, ScheduleSkip, ScheduleWindow, Weekday } from '../../contract/schedule';
import { instantAt, localDateAt, wallTimeAt } from './local-time';

// rrule's `main` is a CommonJS bundle: Node's ESM loader sees it as one default export, a bundler sees the names
// of its ES modules.
const { RRule } = (rruleExports as { default?: typeof rruleExports }).default ?? rruleExports;

const DAY = 24 * 60 * MINUTE;
const WEEKDAYS: Record<Weekday, RRuleWeekday> = {
  mo: RRule.MO,
  tu: RRule.TU,
  we: RRule.WE,
  th: RRule.TH,
  fr: RRule.FR,
  sa: RRule.SA,
  su: RRule.SU,
};

const STRICTNESS: Record<CommitmentMode, number> = { flexible: 0, committed: 1, locked: 2 };
export const stricterMode = (a: CommitmentMode, b: CommitmentMode): CommitmentMode => (STRICTNESS[b] > STRICTNESS[a] ? b : a);
export const isAtLeastAsStrict = (a: CommitmentMode, b: CommitmentMode): boolean => STRICTNESS[a] >= STRICTNESS[b];

/** A rule as it holds over a stretch of time: the rule now until a pending change's `effectiveAt`, the changed rule after. */
interface RuleInForce {
  readonly rule: ScheduleRule;
  readonly from: number;
  readonly until: number;
}

function rulesInForce(rules: readonly ScheduleRule[], pending: readonly PendingScheduleChange[]): RuleInForce[] {
  const inForce: RuleInForce[] = [];
  for (const rule of rules) {
    const change = pending.find((candidate) => (candidate.kind === 'update' ? candidate.rule.id : candidate.kind === 'remove' ? candidate.ruleId : null) === rule.id);
    inForce.push({ rule, from: -Infinity, until: change?.effectiveAt ?? Infinity });
    if (change?.kind === 'update') inForce.push({ rule: change.rule, from: change.effectiveAt, until: Infinity });
  }
  return inForce;
}

const wallOf = (time: string): { hour: number; minute: number } => ({ hour: Number(time.slice(0, 2)), minute: Number(time.slice(3)) });

/** One rule's windows whose start falls between the wall readings `wallFrom` and `wallTo` (recurrence by rrule). */
function ruleWindows(rule: ScheduleRule, wallFrom: number, wallTo: number, timeZone: string): { start: number; end: number; date: string }[] {
  const { hour, minute } = wallOf(rule.start);
  // Floating times: rrule counts wall readings in UTC's calendar, which has no DST, and the zone is applied after.
  const recurrence = new RRule({
    freq: RRule.WEEKLY,
    byweekday: rule.days.map((day) => WEEKDAYS[day]),
    byhour: hour,
    byminute: minute,
    bysecond: 0,
    dtstart: new Date(wallFrom - (wallFrom % DAY)),
  });
  const windows: { start: number; end: number; date: string }[] = [];
  for (const occurrence of recurrence.between(new Date(wallFrom), new Date(wallTo), true)) {
    const wallStart = occurrence.getTime();
    const start = instantAt(wallStart, timeZone);
    let end: number;
    if (rule.end.kind === 'length') end = start + rule.end.minutes * MINUTE;
    else {
      const { hour: endHour, minute: endMinute } = wallOf(rule.end.time);
      const sameDayEnd = wallStart - (wallStart % DAY) + (endHour * 60 + endMinute) * MINUTE;
      end = instantAt(sameDayEnd > wallStart ? sameDayEnd : sameDayEnd + DAY, timeZone);
    }
    // Both ends inside one DST jump (02:30–02:45 on a spring-forward night) leave nothing to keep.
    if (end > start) windows.push({ start, end, date: localDateAt(start, timeZone) });
  }
  return windows;
}

const union = <T extends string>(order: readonly T[], a: readonly T[], b: readonly T[]): T[] => order.filter((item) => a.includes(item) || b.includes(item));

export function unionOfBlocks(a: ScheduleBlocks, b: ScheduleBlocks): ScheduleBlocks {
  return {
    sites: union(BlocklistCategoryId.options, a.sites, b.sites),
    ownSites: a.ownSites || b.ownSites,
    apps: union(AppCategoryId.options, a.apps, b.apps),
    ownApps: a.ownApps || b.ownApps,
    allowOnly: a.allowOnly || b.allowOnly,
  };
}

/** Joins windows that overlap or touch: the stricter mode wins, what they block is the union, the first start names it. */
function merge(windows: ScheduleWindow[]): ScheduleWindow[] {
  const merged: ScheduleWindow[] = [];
  for (const window of [...windows].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = merged[merged.length - 1];
    if (!last || window.start > last.end) {
      merged.push(window);
      continue;
    }
    merged[merged.length - 1] = {
      start: last.start,
      end: Math.max(last.end, window.end),
      ruleIds: [...last.ruleIds, ...window.ruleIds.filter((id) => !last.ruleIds.includes(id))],
      mode: stricterMode(last.mode, window.mode),
      blocks: unionOfBlocks(last.blocks, window.blocks),
      intent: last.intent || window.intent,
      note: last.note ?? window.note,
    };
  }
  return merged;
}

export interface WindowOptions {
  /** "Skip today" records: a flexible rule's window starting on a skipped local date is not produced. */
  readonly skips?: readonly ScheduleSkip[];
  /** Loosenings waiting: the rule holds as it is until `effectiveAt`; windows starting after follow the change. */
  readonly pending?: readonly PendingScheduleChange[];
}

/**
 * The concrete windows that meet [from, to) (a window already running at `from` included), in the wall time of
 * `timeZone`, overlaps merged. A 09:00 rule starts at 09:00 local on either side of a DST change; see `instantAt`
 * for readings a DST night skips or repeats.
 */
export function windowsBetween(
  rules: readonly ScheduleRule[],
  from: number,
  to: number,
  timeZone: string,
  { skips = [], pending = [] }: WindowOptions = {},
): ScheduleWindow[] {
  // Start a day early for windows already running at `from` (no window lasts longer), and end a day late for
  // a zone's offset; the instants are filtered exactly below.
  const wallFrom = wallTimeAt(from, timeZone) - DAY - MAX_SESSION_MINUTES * MINUTE;
  const wallTo = wallTimeAt(to, timeZone) + DAY;
  const windows: ScheduleWindow[] = [];
  for (const { rule, from: ruleFrom, until: ruleUntil } of rulesInForce(rules, pending)) {
    for (const { start, end, date } of ruleWindows(rule, wallFrom, wallTo, timeZone)) {
      if (end <= from || start >= to || start < ruleFrom || start >= ruleUntil) continue;
      if (rule.mode === 'flexible' && skips.some((skip) => skip.ruleId === rule.id && skip.date === date)) continue;
      windows.push({ start, end, ruleIds: [rule.id], mode: rule.mode, blocks: rule.blocks, intent: rule.intent, note: rule.note });
    }
  }
  return merge(windows);
}

/** Whether `rule` has a window starting on the local date of `instant` (what "skip today" may skip). */
export function hasWindowOn(rule: ScheduleRule, instant: number, timeZone: string): boolean {
  const date = localDateAt(instant, timeZone);
  const wall = wallTimeAt(instant, timeZone);
  return ruleWindows(rule, wall - 2 * DAY, wall + 2 * DAY, timeZone).some((window) => window.date === date);
}
