import { MAX_REACH_ATTEMPTS, type ReachAttempt, type ReachReport } from '../protocol';

/** What one peer (an account, or every connection where the OS does not say whose it is) may add per minute. */
export const MAX_PEER_ATTEMPTS_PER_MINUTE = 60;
const MINUTE_MS = 60_000;
/** Peers tracked separately; past it (only where the counter counts several accounts) they share one budget. */
const MAX_PEERS = 64;

/**
 * The attempts of one lease, in memory only (a guard restart mid-lease starts counting again). Only hosts of the
 * lease are kept: any local program can connect to the listener, and what it names must not end up in the user's
 * session record; others are only counted (`ignored`). One peer adds at most MAX_PEER_ATTEMPTS_PER_MINUTE (a person
 * reaching for a site opens a few connections, not hundreds), and at most MAX_REACH_ATTEMPTS are kept in all; the
 * rest are counted (`dropped`).
 */
export class ReachRecorder {
  private readonly kept: ReachAttempt[] = [];
  private dropped = 0;
  private ignored = 0;
  private hosts: ReadonlySet<string>;
  /** Per peer, the times of its attempts kept within the last minute, oldest first. */
  private readonly recent = new Map<string, number[]>();

  constructor(
    hostnames: readonly string[],
    private readonly limit = MAX_REACH_ATTEMPTS,
  ) {
    this.hosts = new Set(hostnames);
  }

  /** The lease was extended: its hosts from now on (the attempts so far stay). */
  follow(hostnames: readonly string[]): void {
    this.hosts = new Set(hostnames);
  }

  record(host: string | null, kind: ReachAttempt['kind'], at: number, peer: string): 'kept' | 'ignored' | 'dropped' {
    if (host === null || !this.hosts.has(host)) {
      this.ignored++;
      return 'ignored';
    }
    const times = this.recentOf(peer, at);
    if (this.kept.length >= this.limit || times.length >= MAX_PEER_ATTEMPTS_PER_MINUTE) {
      this.dropped++;
      return 'dropped';
    }
    times.push(at);
    this.kept.push({ host, at, kind });
    return 'kept';
  }

  /** A connection that is not counted at all (another account's): only its number is kept. */
  ignore(): void {
    this.ignored++;
  }

  counts(): Pick<ReachReport, 'attempts' | 'dropped' | 'ignored'> {
    return { attempts: [...this.kept], dropped: this.dropped, ignored: this.ignored };
  }

  private recentOf(peer: string, now: number): number[] {
    const key = this.recent.has(peer) || this.recent.size < MAX_PEERS ? peer : 'others';
    const times = (this.recent.get(key) ?? []).filter((time) => now - time < MINUTE_MS);
    this.recent.set(key, times);
    return times;
  }
}
