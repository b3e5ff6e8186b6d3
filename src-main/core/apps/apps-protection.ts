import type { AppEntry, AppsActive, AppsEnforcedBy, AppsOpenAtStart, AppsUnavailable } from '../../contract/apps';
import type { ProtectionStatus, VerifiedProtectionStatus } from '../../contract/protection';
import type { SessionBlocks } from '../../contract/session-window';
import type { ProtectedSession, Protection, ProtectionMemo } from '../protection/protection';
import type { AppEnforcer, AppLaunches } from '../../base/apps/app-enforcer';
import type { Clock } from '../clock';
import { MAX_LEASE_APPS, type GuardAppsReport, type GuardCallResult, type LeaseApps } from '../guard-client/guard-client';
import { GUARD_WATCH_MS, watchGuard } from '../guard-client/guard-watch';

export interface AppsProtectionOptions {
  /** The switch, the list a session starting now closes, and how it closes them (AppsService, from Settings → Apps). */
  readonly lists: AppLists;
  /** The app's own enforcer; null on a system without one: the status says so. */
  readonly enforcer: AppEnforcer | null;
  readonly platform: string;
  /** The ids of the list's apps installed on this machine (installed-apps.ts), null where not looked at; absent: not looked at. */
  readonly installed?: (list: readonly AppEntry[]) => readonly string[] | null;
  /**
   * The guard, where a socket for it exists: when its status says it closes this session's apps (from the lease
   * blocking took, see `leaseAppsOf`), it is the one that does, and the app's own enforcer stays off.
   */
  readonly guard?: { status(): Promise<GuardCallResult> } | null;
  /** Paces the checks of the guard's launch counts while it closes the apps. */
  readonly clock?: Clock;
  readonly watchMs?: number;
}

export interface AppLists {
  readonly enabled: boolean;
  /** Between the polite close and the forced one. */
  readonly closeGraceMs: number;
  /** How long apps open at the start are left to the user (0: closed at once). */
  readonly openAppsWaitMs: number;
  /** The apps a session closes: those of its own lists, or (null) of the lists in Settings. */
  sessionList(blocks: SessionBlocks | null): AppEntry[];
}

/**
 * The apps a session's lease asks the guard to close, with their rules for every OS (the guard uses its own OS's):
 * only when closing apps is on and the list holds some. `only`: a schedule window's choice instead of Settings' list.
 */
export function leaseAppsOf(lists: AppLists, blocks: SessionBlocks | null): LeaseApps | null {
  if (!lists.enabled) return null;
  const entries = lists.sessionList(blocks).slice(0, MAX_LEASE_APPS).map(({ id, linux, macos, windows }) => ({ id, linux, macos, windows }));
  return entries.length > 0 ? { entries, graceMs: lists.closeGraceMs, openAppsWaitMs: lists.openAppsWaitMs } : null;
}

/**
 * Closing the apps of the session's list while it runs (issue 21), by the guard when it verifiably does so for this
 * session's lease (it then holds while the app is closed, as for a locked session), else by the app's own enforcer;
 * never both, so no launch is closed or counted twice. Closing changes nothing that could be restored (a closed
 * app is never reopened), so its journal step holds nothing to undo and recovery after a crash only stops the
 * enforcer: it never signals anything. Each launch counted, and the end of the wait for apps open at the start,
 * becomes a new status, which the session keeps, so its record and reflection say what was reached for: the app's
 * enforcer tells at once, the guard's counts are read on the guard watch's pace and once more as the session ends.
 */
export class AppsProtection implements Protection {
  readonly id = 'apps' as const;
  private names = new Map<string, AppEntry['names']>();
  private appCount = 0;
  private installed: AppsActive['installed'] = null;
  private waitMs = 0;
  private list: AppEntry[] = [];
  private by: AppsEnforcedBy | null = null;
  /** Counts of this session from an enforcer no longer in charge (the guard stopped or took over, the app restarted). */
  private carried = new Map<string, number>();
  private guardLaunches: readonly AppLaunches[] = [];
  private guardOpenAtStart: GuardAppsReport['openAtStart'] = null;
  private stopWatch: (() => void) | null = null;
  private readonly listeners = new Set<(status: VerifiedProtectionStatus) => void>();

  constructor(private readonly options: AppsProtectionOptions) {}

  async activate(session: ProtectedSession): Promise<VerifiedProtectionStatus> {
    const { lists, enforcer, platform } = this.options;
    this.stop();
    this.carried = new Map();
    if (!lists.enabled) return unavailable({ reason: 'turned-off' });
    const list = lists.sessionList(session.blocks ?? null);
    if (list.length === 0) return unavailable({ reason: 'list-empty' });
    const report = await this.guardEnforcing(session.sessionId);
    if (!report && enforcer === null) return unavailable({ reason: 'unsupported-platform', platform });
    this.list = list;
    this.names = new Map(list.map((app) => [app.id, app.names]));
    this.appCount = list.length;
    const installedIds = this.options.installed?.(list) ?? null;
    this.installed = installedIds === null ? null : list.flatMap((app) => (installedIds.includes(app.id) ? [{ appId: app.id, names: app.names }] : [])).slice(0, 200);
    this.waitMs = lists.openAppsWaitMs;
    this.follow(report);
    this.watch(session.sessionId, report);
    return this.active();
  }

  /** The lease was taken again by blocking (a later end): whoever closes the apps now is asked afresh. */
  async extend(session: ProtectedSession): Promise<VerifiedProtectionStatus> {
    if (this.by === null) return this.activate(session);
    this.follow(await this.guardEnforcing(session.sessionId));
    return this.active();
  }

  deactivate(): Promise<void> {
    this.stop();
    return Promise.resolve();
  }

  /**
   * A session still running closes its apps again from now, counting on from its last status (so the record still
   * says every time an app was reached for: the app's own enforcer counts again from zero, the guard's may not have
   * stopped); one that ended has nothing to restore.
   */
  async recover(session: ProtectedSession, stillRunning: boolean, _memo: ProtectionMemo, last?: ProtectionStatus): Promise<VerifiedProtectionStatus | null> {
    if (!stillRunning) {
      this.stop();
      return null;
    }
    const status = await this.activate(session);
    if (status.state !== 'active' || last?.id !== 'apps' || last.state !== 'active') return status;
    const counted = this.counts();
    for (const { appId, attempts } of last.detail.launches) this.carried.set(appId, Math.max(0, attempts - (counted.get(appId) ?? 0)));
    return this.active();
  }

  /** The app is quitting: its own enforcer stops (the guard's goes on with the lease); the next start resumes (`recover`). */
  suspend(): Promise<void> {
    this.stop();
    return Promise.resolve();
  }

  /** The session is ending: the guard's final counts, read before the lease is released, for the reflection. */
  async statusAtEnd(session: ProtectedSession, held?: ProtectionStatus): Promise<VerifiedProtectionStatus | null> {
    if (this.by === null) return held ? this.countedWhileClosed(session, held) : null;
    if (this.by === 'guard') {
      const report = await this.guardEnforcing(session.sessionId);
      if (report) this.countGuard(report);
    }
    return this.active();
  }

  /**
   * A session that ended while the app was closed: the guard's counts for it (readable until its next lease) where
   * they are more than the last status the session showed. Never more than was counted: launches the app counted
   * itself earlier in the session are not added to the guard's, so an app both counted may show fewer.
   */
  private async countedWhileClosed(session: ProtectedSession, held: ProtectionStatus): Promise<VerifiedProtectionStatus | null> {
    if (held.id !== 'apps' || held.state !== 'active') return null;
    const checked = await this.options.guard?.status();
    const report = checked?.ok ? checked.status.apps : undefined;
    if (!report || report.session !== session.sessionId) return null;
    const counts = new Map(held.detail.launches.map(({ appId, attempts }) => [appId, attempts]));
    for (const { appId, attempts } of report.launches) counts.set(appId, Math.max(counts.get(appId) ?? 0, attempts));
    const names = new Map([...this.options.lists.sessionList(session.blocks ?? null).map((app) => [app.id, app.names] as const), ...held.detail.launches.map(({ appId, names }) => [appId, names] as const)]);
    const launches = [...counts]
      .flatMap(([appId, attempts]) => {
        const appNames = names.get(appId);
        return appNames && attempts > 0 ? [{ appId, names: appNames, attempts: Math.min(attempts, 1_000_000) }] : [];
      })
      .sort((a, b) => b.attempts - a.attempts)
      .slice(0, 200);
    return { id: 'apps', state: 'active', detail: { ...held.detail, launches } };
  }

  onStatusChange(listener: (status: VerifiedProtectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The guard's app report when it closes `sessionId`'s apps now, else null (no guard, another lease, not closing). */
  private async guardEnforcing(sessionId: string): Promise<GuardAppsReport | null> {
    const checked = await this.options.guard?.status();
    if (!checked?.ok) return null;
    const { lease, apps } = checked.status;
    return apps?.enforcing && apps.session === sessionId && lease?.sessionId === sessionId ? apps : null;
  }

  /** Hands the closing to the guard when it does it, else to the app's own enforcer, carrying the counts across. */
  private follow(report: GuardAppsReport | null): void {
    const { enforcer } = this.options;
    if (report) {
      if (this.by === 'app' && enforcer) {
        this.carry(enforcer.report());
        enforcer.stop();
      }
      if (this.by !== 'guard') this.guardLaunches = [];
      this.by = 'guard';
      this.countGuard(report);
      return;
    }
    if (this.by === 'app') return;
    if (this.by === 'guard') this.carry(this.guardLaunches);
    this.guardLaunches = [];
    this.by = enforcer ? 'app' : null;
    enforcer?.start(this.list, { graceMs: this.options.lists.closeGraceMs, openAppsWaitMs: this.waitMs }, () => this.announce());
  }

  /** The guard's counts since its enforcer started; fewer than before means it restarted, so what it had is kept. */
  private countGuard(report: GuardAppsReport): void {
    const now = new Map(report.launches.map(({ appId, attempts }) => [appId, attempts]));
    if (this.guardLaunches.some(({ appId, attempts }) => (now.get(appId) ?? 0) < attempts)) this.carry(this.guardLaunches);
    this.guardLaunches = report.launches;
    this.guardOpenAtStart = report.openAtStart;
  }

  private carry(launches: readonly AppLaunches[]): void {
    for (const { appId, attempts } of launches) this.carried.set(appId, (this.carried.get(appId) ?? 0) + attempts);
  }

  /** Where a guard exists, its answer is checked on the guard watch's pace: a new count, or the guard stopping or resuming. */
  private watch(sessionId: string, initial: GuardAppsReport | null): void {
    const { guard, clock } = this.options;
    if (!guard || !clock) return;
    this.stopWatch = watchGuard({
      status: () => this.guardEnforcing(sessionId),
      failed: () => null,
      initial,
      clock,
      intervalMs: this.options.watchMs ?? GUARD_WATCH_MS,
      onChange: (report) => {
        this.follow(report);
        this.announce();
      },
    });
  }

  private stop(): void {
    this.stopWatch?.();
    this.stopWatch = null;
    this.options.enforcer?.stop();
    this.by = null;
    this.guardLaunches = [];
  }

  private announce(): void {
    const status = this.active();
    for (const listener of this.listeners) listener(status);
  }

  /** The counts of whoever closes the apps now, since it started. */
  private counts(): Map<string, number> {
    const current = this.by === 'guard' ? this.guardLaunches : (this.options.enforcer?.report() ?? []);
    return new Map(current.map(({ appId, attempts }) => [appId, attempts]));
  }

  /** Who closes the apps, what is on the list, and each app reached for, most first; failed when nobody closes them. */
  private active(): VerifiedProtectionStatus {
    if (this.by === null) return { id: 'apps', state: 'failed', error: 'The guard stopped closing the apps, and this system has no other way to close them' };
    const counts = new Map(this.carried);
    for (const [appId, attempts] of this.counts()) counts.set(appId, (counts.get(appId) ?? 0) + attempts);
    // An app taken off the list since keeps no line: its names are gone with it.
    const launches = [...counts]
      .flatMap(([appId, count]) => {
        const names = this.names.get(appId);
        return names && count > 0 ? [{ appId, names, attempts: Math.min(count, 1_000_000) }] : [];
      })
      .sort((a, b) => b.attempts - a.attempts)
      .slice(0, 200);
    const openAtStart = this.openAtStart();
    const detail: AppsActive = { by: this.by, appCount: this.appCount, launches, installed: this.installed, ...(openAtStart ? { openAtStart } : {}) };
    return { id: 'apps', state: 'active', detail };
  }

  private openAtStart(): AppsOpenAtStart | null {
    const report = this.by === 'guard' ? this.guardOpenAtStart : (this.options.enforcer?.openAtStart() ?? null);
    const apps = (report?.appIds ?? []).flatMap((appId) => {
      const names = this.names.get(appId);
      return names ? [{ appId, names }] : [];
    });
    if (report === null || apps.length === 0) return null;
    return { apps: apps.slice(0, 200), closesAt: report.closesAt, waitMs: report.closesAt === null ? 0 : this.waitMs, closed: report.closed };
  }
}

function unavailable(reason: AppsUnavailable): VerifiedProtectionStatus {
  return { id: 'apps', state: 'unavailable', unavailable: reason };
}
