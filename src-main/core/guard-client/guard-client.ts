import { guardPathsFor } from '../../guard/paths';
import type { z } from 'zod';
import {
  GuardTransportError,
  type HeldBlocks,
  type ScheduleRequest,
  sendGuardRequest,
  type GuardRequestInput,
  type GuardReport,
  type LeaseApps,
  type LeaseMode,
  type RefusalCode,
  type UrlRule,
  type UrlRules,
} from '../../guard/protocol';

// What a lease may carry, as the guard checks it: core's blocklist builds its lease plans within these.
export { LeaseRequest, MAX_ALLOW_ONLY_SITES, MAX_LEASE_APPS, MAX_LEASE_HOSTNAMES, MAX_URL_RULES, type LeaseApps, type UrlRule, type UrlRules } from '../../guard/protocol';
export { MAX_HELD_BLOCK_SETS, MAX_HELD_WINDOWS, NO_LEASE_APPS, type HeldWindowRequest, type ScheduleReport } from '../../guard/protocol';
export type { GuardAppsReport } from '../../guard/protocol';

/**
 * How core talks to the privileged guard (src-main/guard/). Three calls, each one request over the guard's socket:
 *   status()                 -> the guard's version, active lease, whether the block is applied, last reconcile/error
 *   lease(sessionId, ...)    -> take or replace the block (and the apps it closes) for a session until `endsAt` (the guard re-validates all)
 *   release(sessionId)       -> end the session's block now (refused with code 'locked' for a running locked lease)
 *   holdSchedule(schedule)   -> the schedule's windows of the next days, for the guard to enforce with the app closed
 * Every call resolves (never throws) to `{ ok: true, status }` or `{ ok: false, reason, ... }`:
 *   'not-installed' the socket does not exist; 'unreachable' it exists but no usable answer came in time
 *   (including another user's socket: EACCES); 'refused' the guard said no, with its `code`.
 */
export type GuardCallResult =
  | { ok: true; status: GuardReport }
  | { ok: false; reason: 'not-installed' | 'unreachable'; message: string }
  | { ok: false; reason: 'refused'; code: RefusalCode; message: string };

export interface LeaseInput {
  sessionId: string;
  endsAt: number;
  mode: LeaseMode;
  hostnames: readonly string[];
  /** Absent: the guard's defaults (no browser policy, no URL rules). */
  browserPolicies?: boolean;
  urlRules?: UrlRules;
  /** An allowlist session's sites (browsers block every other); absent or null: an ordinary session. */
  allowOnly?: readonly UrlRule[] | null;
  /** The apps the guard closes for the installing user while the lease runs; absent: none. */
  apps?: LeaseApps;
}

/** What a window carries (as a lease does), windows naming their block set by index, and the wait for loosening a locked one. */
export type HeldScheduleInput = Omit<z.input<typeof ScheduleRequest>, 'type'>;
export type HeldBlocksInput = z.input<typeof HeldBlocks>;

export class GuardClient {
  constructor(
    private readonly socketPath: string = defaultSocketPath(),
    private readonly timeoutMs = 5000,
  ) {}

  status(): Promise<GuardCallResult> {
    return this.call({ type: 'status' });
  }

  lease(input: LeaseInput): Promise<GuardCallResult> {
    const { sessionId, endsAt, mode, browserPolicies, urlRules, apps } = input;
    // Sent only for an allowlist session, so an ordinary one still reaches a guard from before the field.
    const allowOnly = input.allowOnly ? { allowOnly: [...input.allowOnly] } : {};
    return this.call({ type: 'lease', sessionId, endsAt, mode, hostnames: [...input.hostnames], browserPolicies, urlRules, ...allowOnly, apps });
  }

  release(sessionId: string): Promise<GuardCallResult> {
    return this.call({ type: 'release', sessionId });
  }

  holdSchedule(schedule: HeldScheduleInput): Promise<GuardCallResult> {
    return this.call({ type: 'schedule', ...schedule });
  }

  private async call(request: GuardRequestInput): Promise<GuardCallResult> {
    try {
      const reply = await sendGuardRequest(this.socketPath, request, this.timeoutMs);
      return reply.type === 'ok' ? { ok: true, status: reply.status } : { ok: false, reason: 'refused', code: reply.code, message: reply.message };
    } catch (error) {
      const kind = error instanceof GuardTransportError ? error.kind : 'unreachable';
      return { ok: false, reason: kind === 'not-installed' ? 'not-installed' : 'unreachable', message: (error as Error).message };
    }
  }
}

function defaultSocketPath(): string {
  const path = guardPathsFor(process.platform)?.socketPath;
  if (!path) throw new Error(`The guard does not run on ${process.platform}`);
  return path;
}
