import { SerialQueue } from '../../base/serial-queue';
import type { ScheduleBlocks, ScheduleWindow } from '../../contract/schedule';
import { MINUTE } from '../../contract/session';
import type { Clock } from '../clock';
import type { LeasePlan } from '../blocking/blocklist';
import {
  MAX_HELD_BLOCK_SETS,
  MAX_HELD_WINDOWS,
  NO_LEASE_APPS,
  type GuardCallResult,
  type HeldBlocksInput,
  type HeldScheduleInput,
  type HeldWindowRequest,
  type LeaseApps,
} from '../guard-client/guard-client';

const HOUR = 60 * MINUTE;
/** The guard holds 7 days; renewed once a day while the app runs, so it always has six days or more ahead. */
export const SCHEDULE_RENEW_MS = 24 * HOUR;

export interface ScheduleGuardSyncOptions {
  /** The guard client; null where no guard can exist: nothing is pushed. */
  readonly guard: { holdSchedule(schedule: HeldScheduleInput): Promise<GuardCallResult> } | null;
  /** The schedule as asked for (ScheduleService.asked): the next days' windows and the wait. */
  readonly asked: () => Promise<{ windows: ScheduleWindow[]; loosenDelayHours: number }>;
  /**
   * What a window's blocks come to in a lease, built the way a session's lease is (BlockingService.leasePlan and
   * leaseAppsOf with the window's choice); null when it blocks nothing or does not fit a lease.
   */
  readonly resolve: (blocks: ScheduleBlocks) => HeldBlocksInput | null;
  readonly clock: Clock;
  readonly log: (level: 'info' | 'warn', message: string) => void;
}

/**
 * A window's blocks as the guard holds them, from the same two pieces a session's lease is made of (BlockingProtection):
 * the blocklist's plan and the apps to close; null when they block nothing, or the plan is past a lease's limits.
 */
export function heldBlocksOf(plan: LeasePlan, apps: LeaseApps | null): HeldBlocksInput | null {
  if (!plan.ok) return null;
  const { hostnames, browserPolicies, urlRules, allowOnly } = plan;
  if (hostnames.length === 0 && !(browserPolicies && (urlRules.block.length > 0 || allowOnly !== null)) && !apps) return null;
  return { hostnames, browserPolicies, urlRules, allowOnly, apps: apps ?? NO_LEASE_APPS };
}

/** A window's id for the guard: its start and first rule, the same on every push while the rule is unchanged. */
export const heldWindowId = (window: ScheduleWindow): string => `${window.start.toString(36)}-${window.ruleIds[0]}`;

/**
 * The push itself: each distinct set of blocks once, each window naming its set; windows that block nothing are
 * left out (the guard would refuse them), and so is anything past the guard's limits, the earliest windows first.
 */
export function heldScheduleOf(windows: readonly ScheduleWindow[], loosenDelayHours: number, resolve: ScheduleGuardSyncOptions['resolve']): HeldScheduleInput {
  const blocks: HeldBlocksInput[] = [];
  const indexOf = new Map<string, number>();
  const held: HeldWindowRequest[] = [];
  for (const window of [...windows].sort((a, b) => a.start - b.start).slice(0, MAX_HELD_WINDOWS)) {
    const key = JSON.stringify(window.blocks);
    let index = indexOf.get(key);
    if (index === undefined) {
      const resolved = blocks.length < MAX_HELD_BLOCK_SETS ? resolve(window.blocks) : null;
      if (!resolved) continue;
      index = blocks.push(resolved) - 1;
      indexOf.set(key, index);
    }
    held.push({ id: heldWindowId(window), startsAt: window.start, endsAt: window.end, mode: window.mode, blocks: index });
  }
  return { blocks, windows: held, loosenDelayMs: Math.round(loosenDelayHours * HOUR) };
}

/**
 * Keeps the guard holding the schedule, so its windows are enforced with the app closed (issue 22 item 2;
 * docs/schedules.md): a push when the app starts, after every change of the schedule or of what its windows block,
 * and once a day while the app runs. One timer a day, no polling. Without a guard nothing is pushed; a guard not
 * installed or not running is simply tried again at the next occasion.
 */
export class ScheduleGuardSync {
  private readonly pushes = new SerialQueue();
  private cancelRenewal: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly options: ScheduleGuardSyncOptions) {}

  /** Pushes now and then daily. */
  start(): Promise<GuardCallResult | null> {
    return this.push();
  }

  /** Pushes the schedule as it is now; the next daily renewal is counted from here. Null without a guard. */
  push(): Promise<GuardCallResult | null> {
    const { guard, clock } = this.options;
    if (!guard || this.stopped) return Promise.resolve(null);
    return this.pushes.run(async () => {
      if (this.stopped) return null;
      this.cancelRenewal?.();
      this.cancelRenewal = clock.setTimer(SCHEDULE_RENEW_MS, () => void this.push());
      let result: GuardCallResult;
      try {
        const { windows, loosenDelayHours } = await this.options.asked();
        result = await guard.holdSchedule(heldScheduleOf(windows, loosenDelayHours, this.options.resolve));
      } catch (error) {
        // An unreadable schedule (its service says why): the guard keeps what it holds.
        this.options.log('warn', `the schedule was not pushed to the guard: ${String(error)}`);
        return null;
      }
      if (!result.ok && result.reason === 'refused') this.options.log('warn', `the guard refused the schedule (${result.code}): ${result.message}`);
      return result;
    });
  }

  dispose(): void {
    this.stopped = true;
    this.cancelRenewal?.();
    this.cancelRenewal = null;
  }
}
