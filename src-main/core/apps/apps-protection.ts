import type { AppEntry, AppsActive, AppsOpenAtStart, AppsUnavailable } from '../../contract/apps';
import type { ProtectionStatus, VerifiedProtectionStatus } from '../../contract/protection';
import type { ProtectedSession, Protection, ProtectionMemo } from '../protection/protection';
import type { AppEnforcer } from '../../base/apps/app-enforcer';

export interface AppsProtectionOptions {
  /** The switch, the list a session starting now closes, and how it closes them (AppsService, from Settings → Apps). */
  readonly lists: { readonly enabled: boolean; readonly closeGraceMs: number; readonly openAppsWaitMs: number; sessionList(): AppEntry[] };
  /** Null on a system without an enforcer yet (macOS, Windows): the status says so. */
  readonly enforcer: AppEnforcer | null;
  readonly platform: string;
  /** The ids of the list's apps installed on this machine (installed-apps.ts), null where not looked at; absent: not looked at. */
  readonly installed?: (list: readonly AppEntry[]) => readonly string[] | null;
}

/**
 * Closing the apps of the session's list while it runs (issue 21), by the app's own enforcer. Closing changes
 * nothing that could be restored (a closed app is never reopened), so its journal step holds nothing to undo and
 * recovery after a crash only stops the enforcer: it never signals anything. Each launch the enforcer counts, and
 * the end of the wait for apps open at the start, becomes a new status, which the session keeps, so its record and reflection say what was reached for.
 */
export class AppsProtection implements Protection {
  readonly id = 'apps' as const;
  private names = new Map<string, AppEntry['names']>();
  private appCount = 0;
  private installed: AppsActive['installed'] = null;
  /** What was counted before the app restarted mid-session: the enforcer's own count starts again at zero. */
  private countedBefore = new Map<string, number>();
  private waitMs = 0;
  private readonly listeners = new Set<(status: VerifiedProtectionStatus) => void>();

  constructor(private readonly options: AppsProtectionOptions) {}

  activate(): Promise<VerifiedProtectionStatus> {
    this.countedBefore = new Map();
    return this.start();
  }

  private start(): Promise<VerifiedProtectionStatus> {
    const { lists, enforcer, platform } = this.options;
    enforcer?.stop();
    if (!lists.enabled) return Promise.resolve(unavailable({ reason: 'turned-off' }));
    if (enforcer === null) return Promise.resolve(unavailable({ reason: 'unsupported-platform', platform }));
    const list = lists.sessionList();
    if (list.length === 0) return Promise.resolve(unavailable({ reason: 'list-empty' }));
    this.names = new Map(list.map((app) => [app.id, app.names]));
    this.appCount = list.length;
    const installedIds = this.options.installed?.(list) ?? null;
    this.installed = installedIds === null ? null : list.flatMap((app) => (installedIds.includes(app.id) ? [{ appId: app.id, names: app.names }] : [])).slice(0, 200);
    this.waitMs = lists.openAppsWaitMs;
    enforcer.start(list, { graceMs: lists.closeGraceMs, openAppsWaitMs: this.waitMs }, () => {
      const status = this.active();
      for (const listener of this.listeners) listener(status);
    });
    return Promise.resolve(this.active());
  }

  /** The list has no end of its own; a later end only keeps it running. */
  extend(): Promise<VerifiedProtectionStatus> {
    return Promise.resolve(this.active());
  }

  deactivate(): Promise<void> {
    this.options.enforcer?.stop();
    return Promise.resolve();
  }

  /**
   * A session still running closes its apps again from now, counting on from its last status (so the record still
   * says every time an app was reached for); one that ended has nothing to restore.
   */
  recover(_session: ProtectedSession, stillRunning: boolean, _memo: ProtectionMemo, last?: ProtectionStatus): Promise<VerifiedProtectionStatus | null> {
    if (stillRunning) {
      const launches = last?.id === 'apps' && last.state === 'active' ? last.detail.launches : [];
      this.countedBefore = new Map(launches.map(({ appId, attempts }) => [appId, attempts]));
      return this.start();
    }
    this.options.enforcer?.stop();
    return Promise.resolve(null);
  }

  /** The app is quitting: nothing closes apps while it is gone; the next start resumes them (`recover`). */
  suspend(): Promise<void> {
    this.options.enforcer?.stop();
    return Promise.resolve();
  }

  onStatusChange(listener: (status: VerifiedProtectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What is on the list, what was open at the start, and each app reached for, most first. */
  private active(): VerifiedProtectionStatus {
    const attempts = new Map(this.countedBefore);
    for (const launch of this.options.enforcer?.report() ?? []) attempts.set(launch.appId, (attempts.get(launch.appId) ?? 0) + launch.attempts);
    // An app taken off the list since keeps no line: its names are gone with it.
    const launches = [...attempts]
      .flatMap(([appId, count]) => {
        const names = this.names.get(appId);
        return names && count > 0 ? [{ appId, names, attempts: Math.min(count, 1_000_000) }] : [];
      })
      .sort((a, b) => b.attempts - a.attempts)
      .slice(0, 200);
    const openAtStart = this.openAtStart();
    const detail: AppsActive = { appCount: this.appCount, launches, installed: this.installed, ...(openAtStart ? { openAtStart } : {}) };
    return { id: 'apps', state: 'active', detail };
  }

  private openAtStart(): AppsOpenAtStart | null {
    const report = this.options.enforcer?.openAtStart() ?? null;
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
