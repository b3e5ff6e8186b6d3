import { MAX_REACH_ATTEMPTS, type ReachAttempt, type ReachReport } from '../protocol';

/**
 * The attempts of one lease, in memory only (a guard restart mid-lease starts counting again). Only hosts of the
 * lease are kept: any local program can connect to the listener, and what it names must not end up in the user's
 * session record; others are only counted (`ignored`). At most MAX_REACH_ATTEMPTS are kept, the rest counted.
 */
export class ReachRecorder {
  private readonly kept: ReachAttempt[] = [];
  private dropped = 0;
  private ignored = 0;
  private hosts: ReadonlySet<string>;

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

  record(host: string | null, kind: ReachAttempt['kind'], at: number): 'kept' | 'ignored' | 'dropped' {
    if (host === null || !this.hosts.has(host)) {
      this.ignored++;
      return 'ignored';
    }
    if (this.kept.length >= this.limit) {
      this.dropped++;
      return 'dropped';
    }
    this.kept.push({ host, at, kind });
    return 'kept';
  }

  counts(): Pick<ReachReport, 'attempts' | 'dropped' | 'ignored'> {
    return { attempts: [...this.kept], dropped: this.dropped, ignored: this.ignored };
  }
}
