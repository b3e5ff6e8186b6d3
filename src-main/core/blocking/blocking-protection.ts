import type { BlockingUnavailable } from '../../contract/blocking';
import type { VerifiedProtectionStatus } from '../../contract/protection';
import type { ProtectedSession, Protection } from '../protection/protection';
import type { LeasePlan } from './blocklist';
import type { GuardCallResult, GuardClient, LeaseApps } from '../guard-client/guard-client';
import type { ReachedHost } from '../../contract/reflections';
import type { SessionBlocks } from '../../contract/session-window';
import { landingAddresses, reachCounterState, reachedOfSession } from '../guard-client/reach';

export interface BlockingProtectionOptions {
  /** Null where no guard can exist (the browser preview without a guard socket). */
  readonly guard: GuardClient | null;
  /**
   * What to block (hosts, and browser rules if browser policies are on) for the session's own lists, or (null) as
   * the prefs say when the session starts or extends; for an allowlist session also the only sites browsers open
   * (browser policies then on whatever the prefs say).
   */
  readonly plan: (blocks: SessionBlocks | null, allowOnly: boolean) => LeasePlan;
  /** Ports 80/443 answered on these loopback addresses: such a server also answers for blocked sites. */
  readonly localServerPorts?: (addresses: readonly string[]) => Promise<readonly number[]>;
  /**
   * The apps the guard closes during the session (core/apps/apps-protection.ts `leaseAppsOf`), null for none: they
   * ride on the session's one lease, and the apps protection then verifies through the guard's status that it closes them.
   */
  readonly apps?: (blocks: SessionBlocks | null) => LeaseApps | null;
  /** Wall-clock now (the core's clock); a release is only owed until the lease's own end. */
  readonly now?: () => number;
}

/**
 * Blocking as one protection of a session: a lease with the guard for the session's end, verified through the
 * guard's own status before it is reported active. The guard, not this object, holds the block: if the app dies,
 * the guard still removes it at `endsAt`.
 */
export class BlockingProtection implements Protection {
  readonly id = 'blocking' as const;
  /** A lease for the apps alone (no site to block) reports blocking unavailable, yet must follow the session's end. */
  readonly extendsWhenInactive = true;

  constructor(private readonly options: BlockingProtectionOptions) {}

  activate(session: ProtectedSession): Promise<VerifiedProtectionStatus> {
    return this.lease(session);
  }

  /** A new lease for the same session: the guard keeps the later end (and, if locked, every host it had). */
  extend(session: ProtectedSession): Promise<VerifiedProtectionStatus> {
    return this.lease(session);
  }

  async deactivate(session: ProtectedSession): Promise<void> {
    if (!this.options.guard) return;
    const result = await this.options.guard.release(session.sessionId);
    if (result.ok) return;
    if (result.reason !== 'refused') {
      // Not installed: there is no block to remove. Unreachable: the caller retries until the guard answers, and
      // from endsAt on nothing is owed any more: the guard ends the lease at its end by itself.
      const now = this.options.now?.() ?? Date.now();
      if (result.reason === 'unreachable' && now < session.endsAt) throw new Error(`The guard did not answer the release: ${result.message}`);
      return;
    }
    // A locked lease is held until its end, and another session's lease is not ours to end: both are correct.
    if (result.code === 'locked' || result.code === 'other-session') return;
    throw new Error(`The guard refused the release (${result.code}): ${result.message}`);
  }

  async reachedAtEnd(session: ProtectedSession): Promise<ReachedHost[] | null> {
    const checked = await this.options.guard?.status();
    return checked?.ok ? reachedOfSession(checked.status, session.sessionId) : null;
  }

  async recover(session: ProtectedSession, stillRunning: boolean): Promise<VerifiedProtectionStatus | null> {
    if (stillRunning) return this.lease(session);
    await this.deactivate(session);
    return null;
  }

  private async lease(session: ProtectedSession): Promise<VerifiedProtectionStatus> {
    const plan = this.options.plan(session.blocks ?? null, session.allowOnly ?? false);
    if (!plan.ok) return this.unavailable({ reason: 'blocklist-too-large', count: plan.count, limit: plan.limit });
    // A lease must block something: a host, (with browser policies on) a browser rule or every site but the allowed, or an app.
    const blocksSites = plan.hostnames.length > 0 || plan.urlRules.block.length > 0 || plan.allowOnly !== null;
    const apps = this.options.apps?.(session.blocks ?? null) ?? null;
    if (!blocksSites && !apps) return this.unavailable({ reason: 'blocklist-empty' });

    const guard = this.options.guard;
    if (!guard) return this.unavailable({ reason: blocksSites ? 'guard-not-installed' : 'blocklist-empty' });
    const { hostnames, browserPolicies, urlRules, allowOnly } = plan;
    const request = { sessionId: session.sessionId, endsAt: session.endsAt, mode: session.mode, hostnames, browserPolicies, urlRules, allowOnly };
    let taken = await guard.lease({ ...request, ...(apps && { apps }) });
    // A guard older than app closing refuses the field, or one refuses a rule this app let through: the sites are
    // blocked all the same, and the apps protection, seeing the guard close nothing, closes the apps itself.
    if (apps && blocksSites && !taken.ok && taken.reason === 'refused' && (taken.code === 'bad-request' || taken.code === 'invalid-app-rule')) taken = await guard.lease(request);
    // A lease for the apps alone blocks no site: whether the guard closes them is the apps protection's to verify.
    if (!blocksSites) return this.unavailable({ reason: 'blocklist-empty' });
    if (!taken.ok) return this.notTaken(taken);

    // Verify with a fresh status: active only when the guard says this session's block is in the hosts file.
    const checked = await guard.status();
    if (!checked.ok) return this.notTaken(checked);
    const { lease, applied, lastError } = checked.status;
    if (!lease || lease.sessionId !== session.sessionId || !applied) {
      return { id: this.id, state: 'failed', error: `The guard took the lease but the block is not in place${lastError ? `: ${lastError}` : ''}`.slice(0, 2000) };
    }
    const reach = reachCounterState(checked.status, session.sessionId);
    const ports = (await this.options.localServerPorts?.(landingAddresses(reach))) ?? [];
    return { id: this.id, state: 'active', detail: { localServerPorts: [...ports], ...(reach && { reach }) } };
  }

  private unavailable(unavailable: BlockingUnavailable): VerifiedProtectionStatus {
    return { id: this.id, state: 'unavailable', unavailable };
  }

  private notTaken(result: Exclude<GuardCallResult, { ok: true }>): VerifiedProtectionStatus {
    if (result.reason === 'refused') return this.unavailable({ reason: 'guard-refused', code: result.code });
    return this.unavailable({ reason: result.reason === 'not-installed' ? 'guard-not-installed' : 'guard-not-running' });
  }
}
