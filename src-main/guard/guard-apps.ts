import type { AppEnforcer } from '../base/apps/app-enforcer';
import { LinuxAppEnforcer } from '../base/apps/linux-app-enforcer';
import { MacAppEnforcer } from '../base/apps/mac-app-enforcer';
import { isUserSid, WindowsAppEnforcer } from '../base/apps/windows-app-enforcer';
import type { OutputRunner } from '../base/command-runner';
import type { GuardConfig } from './config';
import type { Lease } from './lease';
import type { GuardLog } from './log';
import type { GuardAppsProblem, GuardAppsReport } from './protocol';

/**
 * The guard's app enforcement (issue 21): while the active lease lists apps, the OS's enforcer (base/apps/) closes
 * them for the installing user, and only for that user: it is built for the config's uid or SID, never root's or
 * SYSTEM's, and the enforcer itself leaves every process not wholly that user's alone. The lease's rules are only
 * compared with the programs that user runs; nothing from the socket is ever opened or run. Followed by every reconcile, like the
 * reach counter: the lease on disk says what is wanted, so a restart with a running lease resumes, and an
 * unreadable lease (treated as none) closes nothing.
 */
export type GuardAppEnforcer = { enforcer: AppEnforcer; problem: null } | { enforcer: null; problem: Exclude<GuardAppsProblem, 'failed'> };

/** For tests of the macOS and Windows guards on another OS: their commands through a recording runner, and a pace. */
export interface GuardAppEnforcerTesting {
  readonly run?: OutputRunner;
  readonly intervalMs?: number;
}

/**
 * The enforcer that closes the installing user's apps, built for that user alone (from the root-owned config, never
 * the socket): on Linux and macOS by the uid, on Windows by the SID. Without one (a config that names none), or with
 * root's or a service account's, nothing is closed and the status says why. What each OS's guard can send:
 * - Linux: SIGTERM, then SIGKILL after the grace;
 * - macOS: SIGTERM, not the quit Apple event (a daemon run as root by launchd is outside the user's login session,
 *   and Automation consent is never given to it), then SIGKILL after the grace;
 * - Windows: no polite close (from session 0, taskkill's `WM_CLOSE` reaches no window of the user's session), the
 *   forced close (`taskkill /F`) after the grace; the user's processes are listed from the sessions of their desktop.
 */
export function guardAppEnforcer(platform: NodeJS.Platform, user: Pick<GuardConfig['user'], 'uid' | 'sid'>, testing: GuardAppEnforcerTesting = {}): GuardAppEnforcer {
  const { uid, sid } = user;
  const byUid = uid !== undefined && uid !== 0;
  const { run, intervalMs } = testing;
  switch (platform) {
    case 'linux':
      return byUid ? { enforcer: new LinuxAppEnforcer({ uid }), problem: null } : { enforcer: null, problem: 'no-user' };
    case 'darwin':
      return byUid ? { enforcer: new MacAppEnforcer({ uid, quitEvent: false, run, intervalMs }), problem: null } : { enforcer: null, problem: 'no-user' };
    case 'win32':
      return sid !== undefined && isUserSid(sid)
        ? { enforcer: new WindowsAppEnforcer({ service: { userSid: sid }, run, intervalMs }), problem: null }
        : { enforcer: null, problem: 'no-user' };
    default:
      return { enforcer: null, problem: 'unsupported-platform' };
  }
}

export class GuardApps {
  /** The lease being enforced now, as sessionId + its apps, so an unchanged lease is not restarted on each reconcile. */
  private enforcing: string | null = null;
  private session: string | null = null;
  private appCount = 0;
  /** Counts of this session from before the enforcer was last restarted (a locked lease extended with more apps). */
  private carried = new Map<string, number>();
  private failed = false;

  constructor(
    private readonly source: GuardAppEnforcer,
    private readonly log: GuardLog,
  ) {}

  follow(lease: Lease | null): void {
    const wanted = lease && lease.apps.entries.length > 0 ? lease : null;
    const key = wanted && JSON.stringify([wanted.sessionId, wanted.apps]);
    if (key === this.enforcing) return;
    this.stop(wanted ? 'lease changed' : 'no lease with apps');
    if (!wanted) return;
    if (wanted.sessionId !== this.session) {
      this.session = wanted.sessionId;
      this.carried = new Map();
    }
    this.appCount = wanted.apps.entries.length;
    const { enforcer, problem } = this.source;
    if (!enforcer) {
      this.log.write('apps-not-enforced', { sessionId: wanted.sessionId, problem });
      this.enforcing = key;
      return;
    }
    try {
      enforcer.start(wanted.apps.entries, { graceMs: wanted.apps.graceMs, openAppsWaitMs: wanted.apps.openAppsWaitMs });
      this.failed = false;
      this.log.write('apps-enforcing', { sessionId: wanted.sessionId, apps: this.appCount, graceMs: wanted.apps.graceMs });
    } catch (error) {
      enforcer.stop();
      this.failed = true;
      this.log.write('error', { message: `App enforcement could not start: ${(error as Error).message}`.slice(0, 2000) });
    }
    this.enforcing = key;
  }

  /** Stops closing apps (the guard stops, or the lease ended); the counts stay readable until the next lease. */
  stop(reason: string): void {
    if (this.enforcing === null) return;
    const { enforcer } = this.source;
    if (enforcer && !this.failed) {
      this.carried = this.counts();
      enforcer.stop();
      this.log.write('apps-stopped', { sessionId: this.session, reason, launches: [...this.carried.values()].reduce((sum, n) => sum + n, 0) });
    }
    this.enforcing = null;
    this.failed = false;
  }

  report(): GuardAppsReport {
    const enforcing = this.enforcing !== null && this.source.enforcer !== null && !this.failed;
    const problem = this.enforcing === null ? null : this.failed ? 'failed' : this.source.problem;
    const launches = [...this.counts()].map(([appId, attempts]) => ({ appId, attempts })).slice(0, 300);
    const openAtStart = enforcing ? (this.source.enforcer?.openAtStart() ?? null) : null;
    return {
      enforcing,
      problem,
      session: this.session,
      appCount: this.enforcing === null ? 0 : this.appCount,
      launches,
      openAtStart: openAtStart && { appIds: openAtStart.appIds.slice(0, 300), closesAt: openAtStart.closesAt, closed: openAtStart.closed },
    };
  }

  private counts(): Map<string, number> {
    const counts = new Map(this.carried);
    if (this.enforcing !== null && !this.failed) {
      for (const { appId, attempts } of this.source.enforcer?.report() ?? []) counts.set(appId, (counts.get(appId) ?? 0) + attempts);
    }
    return counts;
  }
}
