import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { SerialQueue } from '../../base/serial-queue';
import {
  LOOSEN_DELAY_HOURS,
  ScheduleRuleInput,
  UPCOMING_DAYS,
  type Schedule,
  type ScheduleChangeResult,
  type ScheduleRule,
  type ScheduleState,
  type ScheduleWindow,
} from '../../contract/schedule';
import { MINUTE } from '../../contract/session';
import type { Clock } from '../clock';
import { DomainError } from '../domain-error';
import { systemTimeZone } from './local-time';
import { addRule, removeRule, setLoosenDelay, settle, skipToday, updateRule, type ScheduleChange } from './schedule-commitment';
import type { ScheduleStore } from './schedule-store';
import { windowsBetween } from './schedule-windows';

const DAY = 24 * 60 * MINUTE;

export interface ScheduleServiceOptions {
  readonly store: ScheduleStore;
  readonly clock: Clock;
  /** The user's zone; the process's own (it follows `TZ`) unless told. */
  readonly timeZone?: () => string;
}

function refuseInvalid(error: z.ZodError): never {
  const issue = error.issues[0];
  const path = issue?.path.join('.') || '(root)';
  throw new DomainError('schedule-invalid-rule', `${path}: ${issue?.message ?? 'invalid'}`, { path });
}

/**
 * The schedule over its file: every call reads it (it is small, and a file fixed by hand is seen at once), brings
 * it to now (waiting changes whose time came are applied), and a change is written atomically before it is
 * answered, one at a time. A file that cannot be read is never written over.
 */
export class ScheduleService {
  private readonly changes = new SerialQueue();
  private readonly timeZone: () => string;
  private readonly listeners = new Set<(state: ScheduleState) => void>();

  constructor(private readonly options: ScheduleServiceOptions) {
    this.timeZone = options.timeZone ?? systemTimeZone;
  }

  state(): Promise<ScheduleState> {
    return this.changes.run(async () => {
      const read = await this.options.store.read();
      if (read.kind === 'unreadable') return { state: 'unreadable', reason: read.reason };
      return this.stateOf(settle(read.schedule, this.options.clock.now()));
    });
  }

  /** The windows starting or running in the next `days` days. */
  async upcoming(days: number = UPCOMING_DAYS): Promise<ScheduleWindow[]> {
    const schedule = await this.changes.run(() => this.current());
    return this.windowsOf(schedule, days);
  }

  /**
   * The schedule as asked for, for the guard: the next days' windows and the wait with every waiting change
   * applied, since the guard makes a loosening of a locked window wait by itself, from the first push that asks.
   */
  async asked(): Promise<{ windows: ScheduleWindow[]; loosenDelayHours: number }> {
    const schedule = settle(await this.changes.run(() => this.current()), Number.POSITIVE_INFINITY);
    return { windows: this.windowsOf(schedule, UPCOMING_DAYS), loosenDelayHours: schedule.loosenDelayHours };
  }

  /** The window running at `at` (a merged one, if several overlap), or null; an unreadable schedule has none. */
  async windowAt(at: number): Promise<ScheduleWindow | null> {
    const read = await this.changes.run(() => this.options.store.read());
    if (read.kind === 'unreadable') return null;
    const schedule = settle(read.schedule, at);
    const windows = windowsBetween(schedule.rules, at, at + 1, this.timeZone(), { skips: schedule.skips, pending: schedule.pending });
    return windows.find((window) => window.start <= at && at < window.end) ?? null;
  }

  /** Called with the new state after every change, and when `announce` says time moved it on (a window began). */
  onChange(listener: (state: ScheduleState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener the schedule as it is now: a window began or ended, a waiting change came due. */
  async announce(): Promise<void> {
    const state = await this.state();
    for (const listener of this.listeners) listener(state);
  }

  add(input: unknown): Promise<ScheduleChangeResult> {
    const rule = this.parseRule(randomUUID(), input);
    return this.change((schedule) => addRule(schedule, rule));
  }

  update(ruleId: string, input: unknown): Promise<ScheduleChangeResult> {
    const rule = this.parseRule(ruleId, input);
    return this.change((schedule, now) => updateRule(schedule, rule, now));
  }

  remove(ruleId: string): Promise<ScheduleChangeResult> {
    return this.change((schedule, now) => removeRule(schedule, ruleId, now));
  }

  skipToday(ruleId: string): Promise<ScheduleChangeResult> {
    return this.change((schedule, now) => ({ schedule: skipToday(schedule, ruleId, now, this.timeZone()), effect: { kind: 'applied' } }));
  }

  setLoosenDelay(hours: number): Promise<ScheduleChangeResult> {
    if (!Number.isInteger(hours) || hours < LOOSEN_DELAY_HOURS.min || hours > LOOSEN_DELAY_HOURS.max) {
      throw new DomainError('schedule-invalid-rule', `the wait is ${LOOSEN_DELAY_HOURS.min} to ${LOOSEN_DELAY_HOURS.max} hours`, { path: 'loosenDelayHours' });
    }
    return this.change((schedule, now) => setLoosenDelay(schedule, hours, now));
  }

  private parseRule(id: string, input: unknown): ScheduleRule {
    const parsed = ScheduleRuleInput.safeParse(input);
    if (!parsed.success) refuseInvalid(parsed.error);
    return { id, ...parsed.data };
  }

  /** The schedule at now, or a refusal naming why the file cannot be read. */
  private async current(): Promise<Schedule> {
    const read = await this.options.store.read();
    if (read.kind === 'unreadable') {
      throw new DomainError('schedule-unreadable', `${this.options.store.path}: ${read.reason}`, { reason: read.reason });
    }
    return settle(read.schedule, this.options.clock.now());
  }

  private async change(apply: (schedule: Schedule, now: number) => ScheduleChange): Promise<ScheduleChangeResult> {
    const result = await this.changes.run(async () => {
      const { schedule, effect } = apply(await this.current(), this.options.clock.now());
      await this.options.store.write(schedule);
      return { state: this.stateOf(schedule), effect };
    });
    for (const listener of this.listeners) listener(result.state);
    return result;
  }

  private stateOf(schedule: Schedule): ScheduleState {
    return { state: 'ready', schedule, windows: this.windowsOf(schedule, UPCOMING_DAYS) };
  }

  private windowsOf(schedule: Schedule, days: number): ScheduleWindow[] {
    const now = this.options.clock.now();
    return windowsBetween(schedule.rules, now, now + days * DAY, this.timeZone(), { skips: schedule.skips, pending: schedule.pending });
  }
}
