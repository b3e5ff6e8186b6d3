import type { VerifiedProtectionStatus } from '../../contract/protection';
import { GuardTransportError, sendGuardRequest, type GuardReply, type GuardRequest } from '../../guard/protocol';
import type { ProtectedSession, Protection } from '../protection/protection';
import type { Expansion } from './blocklist';

export interface BlockingProtectionOptions {
  /** Null where no guard can exist (the browser preview without a guard socket). */
  readonly socketPath: string | null;
  /** The hostnames to block, as the prefs say at the moment the session starts or extends. */
  readonly hostnames: () => Expansion;
  /** Ports 80/443 answered on loopback: such a server also answers for blocked sites (0.0.0.0 reaches it). */
  readonly localServerPorts?: () => Promise<readonly number[]>;
  readonly timeoutMs?: number;
}

/** Reasons the renderer translates ("Sites are not blocked: the guard is not installed. Install it in Settings."). */
export type BlockingUnavailableReason = 'guard-not-installed' | 'guard-not-running' | 'guard-refused' | 'blocklist-empty' | 'blocklist-too-large';

/**
 * Blocking as one protection of a session: a lease with the guard for the session's end, verified through the
 * guard's own status before it is reported active. The guard, not this object, holds the block: if the app dies,
 * the guard still removes it at `endsAt`.
 */
export class BlockingProtection implements Protection {
  readonly id = 'blocking' as const;

  constructor(private readonly options: BlockingProtectionOptions) {}

  activate(session: ProtectedSession): Promise<VerifiedProtectionStatus> {
    return this.lease(session);
  }

  /** A new lease for the same session: the guard keeps the later end (and, if locked, every host it had). */
  extend(session: ProtectedSession): Promise<VerifiedProtectionStatus> {
    return this.lease(session);
  }

  async deactivate(session: ProtectedSession): Promise<void> {
    const reply = await this.send({ type: 'release', sessionId: session.sessionId });
    if (reply.kind === 'no-guard') return;
    if (reply.kind === 'unreachable') throw new Error(`The guard did not answer the release: ${reply.message}`);
    if (reply.reply.type === 'ok') return;
    // A locked lease is held until its end, and another session's lease is not ours to end: both are correct.
    if (reply.reply.code === 'locked' || reply.reply.code === 'other-session') return;
    throw new Error(`The guard refused the release (${reply.reply.code}): ${reply.reply.message}`);
  }

  async recover(session: ProtectedSession, stillRunning: boolean): Promise<VerifiedProtectionStatus | null> {
    if (stillRunning) return this.lease(session);
    await this.deactivate(session);
    return null;
  }

  private async lease(session: ProtectedSession): Promise<VerifiedProtectionStatus> {
    const expansion = this.options.hostnames();
    if (!expansion.ok) return this.unavailable('blocklist-too-large', { count: expansion.count, limit: expansion.limit });
    if (expansion.hostnames.length === 0) return this.unavailable('blocklist-empty');

    const taken = await this.send({
      type: 'lease',
      sessionId: session.sessionId,
      endsAt: session.endsAt,
      mode: session.mode,
      hostnames: expansion.hostnames,
    });
    if (taken.kind !== 'reply') return this.unavailable(taken.kind === 'no-guard' ? 'guard-not-installed' : 'guard-not-running');
    if (taken.reply.type === 'refused') return this.unavailable('guard-refused', { code: taken.reply.code });

    // Verify with a fresh status: active only when the guard says this session's block is in the hosts file.
    const checked = await this.send({ type: 'status' });
    if (checked.kind !== 'reply') return this.unavailable(checked.kind === 'no-guard' ? 'guard-not-installed' : 'guard-not-running');
    if (checked.reply.type === 'refused') return this.unavailable('guard-refused', { code: checked.reply.code });
    const { lease, applied, lastError } = checked.reply.status;
    if (!lease || lease.sessionId !== session.sessionId || !applied) {
      return { id: this.id, state: 'failed', error: `The guard took the lease but the block is not in place${lastError ? `: ${lastError}` : ''}`.slice(0, 2000) };
    }
    const ports = (await this.options.localServerPorts?.()) ?? [];
    return ports.length === 0
      ? { id: this.id, state: 'active' }
      : { id: this.id, state: 'active', detail: `local-server:${ports.join(',')}` };
  }

  private unavailable(reason: BlockingUnavailableReason, params?: Record<string, string | number>): VerifiedProtectionStatus {
    return params ? { id: this.id, state: 'unavailable', reason, params } : { id: this.id, state: 'unavailable', reason };
  }

  private async send(
    request: GuardRequest,
  ): Promise<{ kind: 'reply'; reply: GuardReply } | { kind: 'no-guard' } | { kind: 'unreachable'; message: string }> {
    if (this.options.socketPath === null) return { kind: 'no-guard' };
    try {
      return { kind: 'reply', reply: await sendGuardRequest(this.options.socketPath, request, this.options.timeoutMs ?? 10_000) };
    } catch (error) {
      if (!(error instanceof GuardTransportError)) throw error;
      return error.kind === 'not-installed' ? { kind: 'no-guard' } : { kind: 'unreachable', message: error.message };
    }
  }
}
