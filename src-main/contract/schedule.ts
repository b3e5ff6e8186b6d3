import { z } from 'zod';
import { call, noInput } from './define';
import { AppCategoryId } from './apps';
import { BlocklistCategoryId } from './blocking';
import { NoteName } from './notes';
import { CommitmentMode, EnteredIntent, Intent, MAX_SESSION_MINUTES, MIN_SESSION_MINUTES, SessionMinutes } from './session';

/**
 * Schedules (issue 22): weekly rules that start sessions by themselves ("Mon–Fri 09:00–11:30, locked, feeds + chat
 * apps"). Only the shapes and limits live here; the recurrence and the rule of commitment are core/schedule/.
 */

export const MAX_SCHEDULE_RULES = 20;
/** "Skip today" records kept for the weekly review; the oldest go first. */
export const MAX_SCHEDULE_SKIPS = 400;
/** How long removing or loosening a locked window waits, in hours: a day by default, at most a week. */
export const LOOSEN_DELAY_HOURS = { min: 1, max: 168, default: 24 } as const;
/** How far ahead the windows are worked out (what the guard will hold). */
export const UPCOMING_DAYS = 7;

/** A wall-clock time of day in the user's own zone, `HH:MM` on 24 hours. */
export const LocalTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time of day as HH:MM');
export type LocalTime = z.infer<typeof LocalTime>;

/** A local calendar date, `YYYY-MM-DD`. */
export const LocalDate = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'a date as YYYY-MM-DD');
export type LocalDate = z.infer<typeof LocalDate>;

export const Weekday = z.enum(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']);
export type Weekday = z.infer<typeof Weekday>;

/** Where a window ends: at a time of day (the next day when it is earlier than the start), or after a length. */
export const WindowEnd = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('until'), time: LocalTime }).strict(),
  z.object({ kind: z.literal('length'), minutes: SessionMinutes }).strict(),
]);
export type WindowEnd = z.infer<typeof WindowEnd>;

/**
 * What a scheduled session blocks, in the terms Settings already uses: built-in site lists, the user's own sites,
 * app categories and the user's own apps. Apps are closed only when the apps feature is on in Settings.
 */
export const ScheduleBlocks = z
  .object({
    sites: z.array(BlocklistCategoryId).max(BlocklistCategoryId.options.length),
    ownSites: z.boolean(),
    apps: z.array(AppCategoryId).max(AppCategoryId.options.length),
    ownApps: z.boolean(),
    /**
     * "Only these sites": browsers open only the allowlist in Settings during the window (the lists above still
     * apply). Absent (a rule entered without it): off.
     */
    allowOnly: z.boolean().default(false),
  })
  .strict();
export type ScheduleBlocks = z.infer<typeof ScheduleBlocks>;

export const ScheduleRuleId = z.string().regex(/^[a-z0-9-]{1,64}$/);
export type ScheduleRuleId = z.infer<typeof ScheduleRuleId>;

const distinct = <T>(items: readonly T[]): boolean => new Set(items).size === items.length;

/** A window's nominal length in minutes, as the clock on the wall reads it (a DST day may make it an hour more or less). */
export function nominalMinutes(start: LocalTime, end: WindowEnd): number {
  if (end.kind === 'length') return end.minutes;
  const minutesOf = (time: LocalTime) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  return (minutesOf(end.time) - minutesOf(start) + 24 * 60) % (24 * 60);
}

const ruleFields = {
  days: z.array(Weekday).min(1).max(7).refine(distinct, 'each day once'),
  start: LocalTime,
  end: WindowEnd,
  mode: CommitmentMode,
  blocks: ScheduleBlocks,
  /** Filled into the session's intent when the window starts; the user may still change it then. */
  intent: Intent,
  /** A note of the vault opened for writing when the window starts; none by default. */
  note: NoteName.nullable(),
};

const lengthInBounds = (rule: { start: LocalTime; end: WindowEnd }) => {
  const minutes = nominalMinutes(rule.start, rule.end);
  return minutes >= MIN_SESSION_MINUTES && minutes <= MAX_SESSION_MINUTES;
};
const LENGTH_MESSAGE = { message: `a window lasts from ${MIN_SESSION_MINUTES} to ${MAX_SESSION_MINUTES} minutes`, path: ['end'] };

/** A rule as the Schedule section enters it: the intent checked as any entered intent is. */
export const ScheduleRuleInput = z
  .object({ ...ruleFields, intent: EnteredIntent.default(''), note: NoteName.nullable().default(null) })
  .strict()
  .refine(lengthInBounds, LENGTH_MESSAGE);
export type ScheduleRuleInput = z.input<typeof ScheduleRuleInput>;

/** A stored rule. */
export const ScheduleRule = z
  .object({ id: ScheduleRuleId, ...ruleFields })
  .strict()
  .refine(lengthInBounds, LENGTH_MESSAGE);
export type ScheduleRule = z.infer<typeof ScheduleRule>;

/** "Skip today" for a flexible rule's window starting on that local date; kept for the weekly review. */
export const ScheduleSkip = z.object({ ruleId: ScheduleRuleId, date: LocalDate, at: z.number().int().nonnegative() }).strict();
export type ScheduleSkip = z.infer<typeof ScheduleSkip>;

/**
 * A loosening that waits (the rule of commitment): removing or loosening a locked rule, or shortening the wait
 * itself, takes effect at `effectiveAt`; until then the schedule holds as it was, shown as "pending until …".
 */
export const PendingScheduleChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('update'), rule: ScheduleRule, requestedAt: z.number().int().nonnegative(), effectiveAt: z.number().int().nonnegative() }).strict(),
  z.object({ kind: z.literal('remove'), ruleId: ScheduleRuleId, requestedAt: z.number().int().nonnegative(), effectiveAt: z.number().int().nonnegative() }).strict(),
  z
    .object({
      kind: z.literal('delay'),
      hours: z.number().int().min(LOOSEN_DELAY_HOURS.min).max(LOOSEN_DELAY_HOURS.max),
      requestedAt: z.number().int().nonnegative(),
      effectiveAt: z.number().int().nonnegative(),
    })
    .strict(),
]);
export type PendingScheduleChange = z.infer<typeof PendingScheduleChange>;

/**
 * One concrete window: instants, what it does. Overlapping windows are merged into one: the strictest mode, the
 * union of what they block, the intent and note of the one that starts first; `ruleIds` names every rule in it.
 */
export const ScheduleWindow = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    ruleIds: z.array(ScheduleRuleId).min(1).max(MAX_SCHEDULE_RULES),
    mode: CommitmentMode,
    blocks: ScheduleBlocks,
    intent: Intent,
    note: NoteName.nullable(),
  })
  .strict();
export type ScheduleWindow = z.infer<typeof ScheduleWindow>;

/** The schedule as stored: the rules, the skips, the loosenings waiting, and how long loosening a locked rule waits. */
export const Schedule = z
  .object({
    rules: z.array(ScheduleRule).max(MAX_SCHEDULE_RULES),
    skips: z.array(ScheduleSkip).max(MAX_SCHEDULE_SKIPS),
    /** At most one per rule, and one for the wait itself. */
    pending: z.array(PendingScheduleChange).max(MAX_SCHEDULE_RULES + 1),
    loosenDelayHours: z.number().int().min(LOOSEN_DELAY_HOURS.min).max(LOOSEN_DELAY_HOURS.max),
  })
  .strict();
export type Schedule = z.infer<typeof Schedule>;

export const EMPTY_SCHEDULE: Schedule = { rules: [], skips: [], pending: [], loosenDelayHours: LOOSEN_DELAY_HOURS.default };

/** What a change did: took effect now, or waits until `effectiveAt` (the rule of commitment). */
export const ScheduleChangeEffect = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('applied') }).strict(),
  z.object({ kind: z.literal('pending'), effectiveAt: z.number().int().nonnegative() }).strict(),
]);
export type ScheduleChangeEffect = z.infer<typeof ScheduleChangeEffect>;

/** The schedule as the app shows it: the rules and what waits, with the windows of the coming days; or why it cannot be read. */
export const ScheduleState = z.discriminatedUnion('state', [
  z
    .object({
      state: z.literal('ready'),
      schedule: Schedule,
      windows: z.array(ScheduleWindow).max(MAX_SCHEDULE_RULES * UPCOMING_DAYS * 2),
    })
    .strict(),
  z.object({ state: z.literal('unreadable'), reason: z.string().max(1000) }).strict(),
]);
export type ScheduleState = z.infer<typeof ScheduleState>;

/** The refusals schedule calls answer with; errors.ts joins every domain's into `ErrorCode`. */
export const scheduleErrorCodes = [
  'schedule-invalid-rule',
  'schedule-too-many-rules',
  'schedule-unknown-rule',
  'schedule-skip-not-flexible',
  'schedule-no-window-today',
  'schedule-unreadable',
] as const;

export const ScheduleChangeResult = z.object({ state: ScheduleState, effect: ScheduleChangeEffect }).strict();
export type ScheduleChangeResult = z.infer<typeof ScheduleChangeResult>;

const RuleRef = z.object({ id: ScheduleRuleId }).strict();

/** The calls of the Schedule section in Settings (docs/schedules.md says what it does so far). */
export const scheduleContract = {
  state: call(noInput, ScheduleState),
  add: call(ScheduleRuleInput, ScheduleChangeResult),
  update: call(z.object({ id: ScheduleRuleId, rule: ScheduleRuleInput }).strict(), ScheduleChangeResult),
  remove: call(RuleRef, ScheduleChangeResult),
  skipToday: call(RuleRef, ScheduleChangeResult),
  setLoosenDelay: call(z.object({ hours: z.number().int().min(LOOSEN_DELAY_HOURS.min).max(LOOSEN_DELAY_HOURS.max) }).strict(), ScheduleChangeResult),
};
