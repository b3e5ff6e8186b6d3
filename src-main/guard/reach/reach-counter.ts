import { FALLBACK_BLOCK_ADDRESS } from '../hosts-block';
import type { Lease } from '../lease';
import type { GuardLog } from '../log';
import type { ReachListener, ReachReport } from '../protocol';
import { peerOwnerLookup, type PeerOwner } from './peer-owner';
import { quietPageResponse } from './quiet-page';
import { ReachListeners, type ReachEndpoint } from './reach-listener';
import { ReachRecorder } from './reach-recorder';

export interface ReachCounterOptions {
  /** Null: turned off in the config; blocked hosts point at 0.0.0.0. */
  readonly endpoint: ReachEndpoint | null;
  readonly now: () => number;
  readonly log: GuardLog;
  /** The installing user's uid (the config's): where the OS says whose a connection is, only theirs count. */
  readonly user?: number;
}

interface Current {
  readonly sessionId: string;
  endsAt: number;
  readonly recorder: ReachRecorder;
  listeners: ReachListeners | null;
  listener: ReachListener;
}

/**
 * The reach counter follows the lease: it listens only while one is active, so between sessions nothing of
 * Stillroom holds a port (a web server the user starts later gets 80 and 443 as usual). Whether it could listen is
 * decided once per session, when its lease is first applied: the hosts file then points at the listener's address,
 * or at 0.0.0.0 when it could not (a port in use is reported, never fatal), and stays so for that session.
 * Any local account can connect, so where the OS says whose a connection is, another account's is not counted
 * (`ignored`), and one closed before it could be asked is not either; where it does not say, every connection counts.
 */
export class ReachCounter {
  private current: Current | null = null;
  /** The lease that ended last, whose attempts are reported until the next one. */
  private last: Current | null = null;

  /** One lookup for both ports and every session, so a flood's lookups share reads. */
  private readonly ownerOf = peerOwnerLookup(process.platform);

  constructor(private readonly options: ReachCounterOptions) {}

  /** Called by every reconcile with the active lease (or null); returns the address blocked hosts point at. */
  async follow(lease: Lease | null): Promise<string> {
    const current = this.current;
    if (current && current.sessionId === lease?.sessionId) {
      // An extension: the same session, perhaps a later end and more hosts (a locked lease keeps its hosts).
      current.endsAt = lease.endsAt;
      current.recorder.follow(lease.hostnames);
      return addressOf(current);
    }
    if (current) {
      this.current = null;
      this.last = current;
      await current.listeners?.close();
    }
    if (!lease) return FALLBACK_BLOCK_ADDRESS;
    this.last = null;
    this.current = await this.open(lease);
    return addressOf(this.current);
  }

  report(): ReachReport {
    const shown = this.current ?? this.last;
    const listener = this.current?.listener ?? { state: 'idle' as const };
    if (!shown) return { listener, session: null, attempts: [], dropped: 0, ignored: 0 };
    return { listener, session: { sessionId: shown.sessionId, counted: shown.listener.state === 'listening' }, ...shown.recorder.counts() };
  }

  private async open(lease: Lease): Promise<Current> {
    const { endpoint, log, now } = this.options;
    const current: Current = {
      sessionId: lease.sessionId,
      endsAt: lease.endsAt,
      recorder: new ReachRecorder(lease.hostnames),
      listeners: null,
      listener: { state: 'fallback', problem: 'disabled', port: null, message: 'The reach counter is turned off in the guard config' },
    };
    if (!endpoint) return current;
    const opened = await ReachListeners.open(
      endpoint,
      {
        attempt: (host, kind, owner) => {
          if (this.counts(owner)) current.recorder.record(host, kind, now(), String(owner));
          else current.recorder.ignore();
        },
        page: () => quietPageResponse(current.endsAt, now()),
      },
      this.ownerOf,
    );
    if (!opened.ok) {
      const { problem, port, message } = opened;
      current.listener = { state: 'fallback', problem, port, message };
      log.write('reach-fallback', { sessionId: lease.sessionId, problem, port, message });
      return current;
    }
    current.listeners = opened.listeners;
    current.listener = { state: 'listening', ...opened.endpoint };
    log.write('reach-listening', { sessionId: lease.sessionId, ...opened.endpoint });
    return current;
  }

  private counts(owner: PeerOwner): boolean {
    if (owner === 'gone') return false;
    return owner === 'unknown' || this.options.user === undefined || owner === this.options.user;
  }
}

function addressOf(current: Current): string {
  return current.listener.state === 'listening' ? current.listener.address : FALLBACK_BLOCK_ADDRESS;
}
