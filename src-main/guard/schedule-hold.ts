import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../base/atomic-file';
import { checkBlocks, coversBlocks, elapsedSince, Lease, leaseRemainingMs, sameBoot, StoredInstant, unionOfBlocks, type Instant, type Refusal } from './lease';
import type { GuardEvent } from './log';
import { LeaseMode, MAX_HELD_WINDOWS, MAX_LOOSEN_DELAY_MS, MAX_SCHEDULE_AHEAD_MS, WindowId, type ScheduleReport, type ScheduleRequest } from './protocol';

/**
 * The schedule the guard holds while the app is closed (issue 22; docs/GUARD.md, "Held schedule"). Each window is
 * what a lease carries, with a start. Time:
 * - Before a window starts, the guard reads *schedule time*: within one boot, boot time counted from the first moment
 *   the guard saw in that boot (the anchor, kept on disk), so moving the clock within a boot neither starts nor
 *   delays nor skips a window; after a reboot the wall clock as found (it is all there is, and "09:00" needs it).
 * - Once a window starts it becomes a lease taken at that moment (`windowLease`), and runs out in honest time
 *   exactly as a lease does: moving the clock cannot shorten it, and no clock makes it outlast its length.
 * - The wait before a locked window is removed runs in honest elapsed time from the first push that asked for it.
 * Rule of commitment (`decideSchedule`): a push adds or tightens at once; it drops or loosens a flexible or
 * committed window at once; a locked one it leaves out is kept, unless another window of the push covers it, and
 * goes only once the wait has passed; a locked window already started runs to its end. A shorter wait waits the
 * current one.
 */

const HeldBlocks = Lease.pick({ hostnames: true, browserPolicies: true, urlRules: true, allowOnly: true, apps: true });

export const HeldWindow = z
  .object({
    id: WindowId,
    startsAt: z.number().int(),
    endsAt: z.number().int(),
    mode: LeaseMode,
    blocks: HeldBlocks,
    /** When the guard started it (schedule time); from here it runs out as a lease does. */
    startedAt: StoredInstant.nullable(),
    /** When a push first left this locked window out: it goes once the wait has passed since then. */
    removalAskedAt: StoredInstant.nullable(),
  })
  .strict();
export type HeldWindow = z.infer<typeof HeldWindow>;

export const HeldSchedule = z
  .object({
    windows: z.array(HeldWindow).max(MAX_HELD_WINDOWS * 2),
    loosenDelayMs: z.number().int().min(0).max(MAX_LOOSEN_DELAY_MS),
    /** A shorter wait asked for: it takes effect once the current wait has passed since it was first asked. */
    delayChange: z.object({ delayMs: z.number().int().min(0).max(MAX_LOOSEN_DELAY_MS), askedAt: StoredInstant }).strict().nullable(),
    anchor: StoredInstant,
  })
  .strict();
export type HeldSchedule = z.infer<typeof HeldSchedule>;

export interface HeldEvent {
  event: GuardEvent;
  fields: Record<string, string | number | boolean | null>;
}

/** Schedule time at `now` as an instant (its `wallMs` is schedule time), and the anchor it runs from. */
export function scheduleInstant(anchor: Instant | null, now: Instant): { anchor: Instant; at: Instant } {
  if (anchor && sameBoot(anchor, now)) return { anchor, at: { ...now, wallMs: anchor.wallMs + (now.uptimeMs - anchor.uptimeMs) } };
  return { anchor: now, at: now };
}

/** A started window as the lease it acts as (a session id of its own, `schedule-<id>`); null before it starts. */
export function windowLease(window: HeldWindow): Lease | null {
  if (!window.startedAt) return null;
  return { sessionId: `schedule-${window.id}`, endsAt: window.endsAt, mode: window.mode, ...window.blocks, takenAt: window.startedAt };
}

const isRunning = (window: HeldWindow, at: Instant): boolean => {
  const lease = windowLease(window);
  return lease !== null && leaseRemainingMs(lease, at) > 0;
};

/** The leases of the windows running at `now` (on a settled schedule: every started one). */
export function runningWindowLeases(held: HeldSchedule, now: Instant): Lease[] {
  const { at } = scheduleInstant(held.anchor, now);
  return held.windows.filter((window) => isRunning(window, at)).map((window) => windowLease(window)!);
}

/**
 * The schedule brought to `now`: a wait that came due applied, started windows that ran out and windows whose
 * removal came due dropped (a started one runs to its end), windows whose start came started, windows whose end
 * passed unstarted (the machine was off) dropped.
 */
export function settleHeld(held: HeldSchedule, now: Instant): { held: HeldSchedule; events: HeldEvent[] } {
  const { anchor, at } = scheduleInstant(held.anchor, now);
  const events: HeldEvent[] = [];
  let { loosenDelayMs, delayChange } = held;
  if (delayChange && elapsedSince(delayChange.askedAt, at) >= loosenDelayMs) {
    events.push({ event: 'schedule-delay-changed', fields: { fromMs: loosenDelayMs, toMs: delayChange.delayMs } });
    loosenDelayMs = delayChange.delayMs;
    delayChange = null;
  }
  const windows: HeldWindow[] = [];
  for (const window of held.windows) {
    const fields = { windowId: window.id, endsAt: window.endsAt };
    if (window.startedAt) {
      if (isRunning(window, at)) windows.push(window);
      else events.push({ event: 'window-ended', fields });
    } else if (window.removalAskedAt && elapsedSince(window.removalAskedAt, at) >= loosenDelayMs) {
      events.push({ event: 'window-removed', fields });
    } else if (at.wallMs >= window.endsAt) {
      events.push({ event: 'window-passed', fields });
    } else if (at.wallMs >= window.startsAt) {
      windows.push({ ...window, startedAt: at, removalAskedAt: null });
      events.push({ event: 'window-started', fields: { ...fields, mode: window.mode, hostnames: window.blocks.hostnames.length } });
    } else {
      windows.push(window);
    }
  }
  return { held: { windows, loosenDelayMs, delayChange, anchor }, events };
}

const STRICTNESS: Record<LeaseMode, number> = { flexible: 0, committed: 1, locked: 2 };
export const stricterMode = (a: LeaseMode, b: LeaseMode): LeaseMode => (STRICTNESS[b] > STRICTNESS[a] ? b : a);

/** Whether `wider` holds all `narrower` does: at least its stretch of time, as strict a mode, everything it blocks. */
function coversWindow(wider: HeldWindow, narrower: HeldWindow): boolean {
  return (
    wider.startsAt <= narrower.startsAt &&
    wider.endsAt >= narrower.endsAt &&
    STRICTNESS[wider.mode] >= STRICTNESS[narrower.mode] &&
    coversBlocks(wider.blocks, narrower.blocks)
  );
}

export type ScheduleDecision = { ok: true; held: HeldSchedule; pendingRemovals: number } | Refusal;

/**
 * A push of windows against the schedule held (`current`, settled to now). Every block set is validated as a lease
 * is (invariant 2), the whole push refused on one bad entry; nothing may end further than MAX_SCHEDULE_AHEAD_MS
 * ahead; windows already over are left out.
 */
export function decideSchedule(current: HeldSchedule | null, request: ScheduleRequest, now: Instant): ScheduleDecision {
  const { anchor, at } = scheduleInstant(current?.anchor ?? null, now);
  const blockSets = [];
  for (const [index, blocks] of request.blocks.entries()) {
    const checked = checkBlocks(blocks);
    if (!checked.ok) return { ...checked, message: `Block set ${index}: ${checked.message}`.slice(0, 500) };
    blockSets.push(checked.blocks);
  }
  const pushed: HeldWindow[] = [];
  const ids = new Set<string>();
  for (const window of request.windows) {
    const blocks = blockSets[window.blocks];
    if (ids.has(window.id)) return refuse('bad-request', `Window ${window.id} is pushed twice`);
    ids.add(window.id);
    if (!blocks) return refuse('bad-request', `Window ${window.id} names block set ${window.blocks}, which the push does not have`);
    if (window.endsAt <= window.startsAt) return refuse('bad-request', `Window ${window.id} ends before it starts`);
    if (window.endsAt - at.wallMs > MAX_SCHEDULE_AHEAD_MS) return refuse('schedule-too-far', `Window ${window.id} ends more than 8 days ahead`);
    if (window.endsAt <= at.wallMs) continue;
    pushed.push({ id: window.id, startsAt: window.startsAt, endsAt: window.endsAt, mode: window.mode, blocks, startedAt: null, removalAskedAt: null });
  }

  const kept: HeldWindow[] = [];
  let pendingRemovals = 0;
  for (const old of current?.windows ?? []) {
    const started = old.startedAt !== null;
    const same = pushed.find((window) => window.id === old.id);
    if (same && (old.mode !== 'locked' || coversWindow(same, old))) {
      // The same window again (perhaps changed): it keeps running from when it started, not from now.
      if (started && same.startsAt <= at.wallMs) same.startedAt = old.startedAt;
      continue;
    }
    if (old.mode !== 'locked') continue;
    if (started) kept.push(old);
    else if (!pushed.some((window) => coversWindow(window, old))) {
      kept.push({ ...old, removalAskedAt: old.removalAskedAt ?? at });
      pendingRemovals++;
    }
  }
  const windows = [...pushed, ...kept];
  if (windows.length > MAX_HELD_WINDOWS * 2) return refuse('bad-request', 'Too many windows held: locked windows left out still wait to be removed');

  const heldDelay = current?.loosenDelayMs ?? request.loosenDelayMs;
  const shorter = request.loosenDelayMs < heldDelay;
  const delayChange = shorter ? { delayMs: request.loosenDelayMs, askedAt: current?.delayChange?.askedAt ?? at } : null;
  return { ok: true, held: { windows, loosenDelayMs: shorter ? heldDelay : request.loosenDelayMs, delayChange, anchor }, pendingRemovals };
}

function refuse(code: Refusal['code'], message: string): Refusal {
  return { ok: false, code, message };
}

/** What the status says of the schedule held, times in schedule time. */
export function heldReport(held: HeldSchedule, now: Instant, applied: boolean): ScheduleReport {
  const { at } = scheduleInstant(held.anchor, now);
  const dueAt = (askedAt: Instant) => at.wallMs + Math.max(0, held.loosenDelayMs - elapsedSince(askedAt, at));
  return {
    windows: held.windows.map((window) => ({
      id: window.id,
      startsAt: window.startsAt,
      endsAt: window.endsAt,
      mode: window.mode,
      running: isRunning(window, at),
      removalAt: window.removalAskedAt && dueAt(window.removalAskedAt),
    })),
    applied,
    loosenDelayMs: held.loosenDelayMs,
    delayChange: held.delayChange && { delayMs: held.delayChange.delayMs, effectiveAt: dueAt(held.delayChange.askedAt) },
  };
}

/** One lease out of several active at once (a session's, running windows'): the union of what they block, the strictest mode, the latest end; the first names it. */
export function combineLeases(leases: readonly Lease[]): Lease | null {
  const [first, ...rest] = leases;
  if (!first) return null;
  return rest.reduce<Lease>(
    (combined, lease) => ({
      ...combined,
      ...unionOfBlocks(combined, lease),
      mode: stricterMode(combined.mode, lease.mode),
      endsAt: Math.max(combined.endsAt, lease.endsAt),
    }),
    first,
  );
}

/** The held schedule on disk in the guard's root-owned state folder, written atomically. */
export class HeldScheduleStore {
  constructor(private readonly stateDir: string) {}

  get path(): string {
    return join(this.stateDir, 'schedule.json');
  }

  /**
   * A missing file is no schedule. An unreadable one is reported and treated as none (failing open, as for the
   * lease) but left in place, so a person can see it; the next push writes over it.
   */
  async load(): Promise<{ held: HeldSchedule | null; error?: string }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { held: null };
      return { held: null, error: `Cannot read the held schedule: ${(error as Error).message}` };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = HeldSchedule.safeParse(json);
    return parsed.success ? { held: parsed.data } : { held: null, error: 'The held schedule is corrupt; treated as none' };
  }

  save(held: HeldSchedule): Promise<void> {
    return writeJsonAtomic(this.path, held, { mode: 0o600 });
  }

  clear(): Promise<void> {
    return rm(this.path, { force: true });
  }

  /** The schedule settled to `now`, written back when that changed it, each change logged. */
  async settled(now: Instant, log: { write(event: GuardEvent, fields?: HeldEvent['fields']): void }): Promise<HeldSchedule | null> {
    const stored = await this.load();
    if (stored.error) log.write('error', { message: stored.error });
    if (!stored.held) return null;
    const { held, events } = settleHeld(stored.held, now);
    for (const { event, fields } of events) log.write(event, fields);
    if (JSON.stringify(held) !== JSON.stringify(stored.held)) await this.save(held);
    return held;
  }
}
