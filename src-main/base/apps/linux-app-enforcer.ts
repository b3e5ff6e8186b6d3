import { linuxAppMatcher, type LinuxAppMatcher, type LinuxAppRules } from './app-match';
import { OpenAppsAtStart } from './open-apps-at-start';
import type { AppEnforcementOptions, AppEnforcer, AppLaunches, AppsOpenAtStartReport } from './app-enforcer';
import { listProcessIds, ownedWholly, readEnvironVariable, readExe, readFlatpakId, readOwner, readProcStat, selfAndAncestors } from './proc-files';

export interface LinuxAppEnforcerOptions {
  /** Whose processes are closed; no other user's are ever touched. Defaults to this process's user. */
  readonly uid?: number;
  readonly intervalMs?: number;
}

/** Half a second, so a launch is closed within a second of appearing; a scan of 300 processes costs about a millisecond. */
const DEFAULT_APP_SCAN_INTERVAL_MS = 500;

/** A process as last seen: its owner and exe link (a change means it changed user or exec'd) and what it was judged to be. */
interface Seen {
  readonly owner: number | undefined;
  readonly exe: string | null;
  readonly startTime: string | null;
  /** The app it is, or null: not the user's, not on the list, or not known well enough to touch. */
  readonly appId: string | null;
  /** The scan that first saw it under this identity. */
  readonly since: number;
  /** Running when the session started (or a helper it started since): not a launch, and maybe left to the user. */
  readonly openAtStart: boolean;
}

/** A young process is looked at again on every scan (a launcher script exec's into its app within moments)… */
const YOUNG_SCANS = 4;
/** …an older one on every eighth, so that a scan costs little more than listing `/proc`. */
const RECHECK_EVERY = 8;

/**
 * Closes the apps of a list on Linux with a bounded `/proc` scan. What the first scan finds is open at the start:
 * not counted as a launch, and left alone for `openAppsWaitMs` when the user asked to close such apps themselves. Each scan lists `/proc`; a process not seen
 * before is judged (its folder's owner, `exe` link, `stat`, `status`, and where a rule needs them its environment
 * and Flatpak info), and one seen before is looked at again (owner and `exe` only, judged anew if either changed)
 * while young and on every eighth scan after. Never touched: another user's or root's process (every uid must be
 * the user's), this process and its ancestors, the session leader, a system executable (base/app-rule.ts), and a
 * process whose identity cannot be read or has changed between the scan and the signal (start time and exe are
 * read again right before each signal; Node has no pidfd, so a pid reused within those microseconds remains the
 * one gap).
 */
export class LinuxAppEnforcer implements AppEnforcer {
  private readonly uid: number;
  private graceMs = 0;
  private readonly intervalMs: number;
  private matcher: LinuxAppMatcher | null = null;
  private onChange: (() => void) | null = null;
  private readsFlatpakInfo = false;
  private untouchable = new Set<number>();
  private sessionLeader = -1;
  private seen = new Map<number, Seen>();
  private attempts = new Map<string, number>();
  private scans = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly openApps = new OpenAppsAtStart();
  private readonly kills = new Map<number, NodeJS.Timeout>();

  constructor(options: LinuxAppEnforcerOptions = {}) {
    this.uid = options.uid ?? process.getuid?.() ?? -1;
    this.intervalMs = options.intervalMs ?? DEFAULT_APP_SCAN_INTERVAL_MS;
  }

  start(apps: readonly LinuxAppRules[], { graceMs, openAppsWaitMs = 0 }: AppEnforcementOptions, onChange?: () => void): void {
    this.stop();
    this.graceMs = graceMs;
    this.matcher = linuxAppMatcher(apps);
    this.onChange = onChange ?? null;
    this.readsFlatpakInfo = apps.some((app) => app.linux.flatpaks.length > 0);
    this.untouchable = selfAndAncestors();
    this.sessionLeader = readProcStat(process.pid)?.session ?? -1;
    this.seen = new Map();
    this.attempts = new Map();
    this.scans = 0;
    // The wait starts before the first scan, so what it finds open is left alone from the first look.
    this.openApps.begin(openAppsWaitMs, () => {
      this.scan();
      if (this.openApps.found) this.onChange?.();
    });
    this.scan();
    this.timer = setInterval(() => this.scan(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.openApps.end();
    for (const kill of this.kills.values()) clearTimeout(kill);
    this.kills.clear();
    this.matcher = null;
    this.onChange = null;
  }

  report(): readonly AppLaunches[] {
    return [...this.attempts].map(([appId, attempts]) => ({ appId, attempts }));
  }

  openAtStart(): AppsOpenAtStartReport | null {
    return this.openApps.report();
  }

  /**
   * One pass over `/proc`: judges new processes (and young or due ones whose owner or binary changed), then closes
   * each one that is an app of the list.
   */
  scan(): void {
    const matcher = this.matcher;
    if (matcher === null) return;
    const scan = ++this.scans;
    const current = new Map<number, Seen>();
    const fresh: number[] = [];
    for (const pid of listProcessIds()) {
      // Never init (not listed), this process or what started it, nor the login or desktop session this runs in.
      if (this.untouchable.has(pid) || pid === this.sessionLeader) continue;
      const before = this.seen.get(pid);
      if (before !== undefined && scan - before.since > YOUNG_SCANS && (pid + scan) % RECHECK_EVERY !== 0) {
        current.set(pid, before);
        continue;
      }
      const owner = readOwner(pid);
      const exe = owner === this.uid ? readExe(pid) : null;
      if (before !== undefined && before.owner === owner && before.exe === exe) {
        current.set(pid, before);
        continue;
      }
      const judged = this.judge(pid, owner, exe, matcher, scan);
      // The same app under a new binary (an update exec'd) stays what it was: open at the start or a launch.
      current.set(pid, judged.appId !== null && judged.appId === before?.appId ? { ...judged, openAtStart: before.openAtStart } : judged);
      // A process that exec'd into the app is a new launch too; one that was the app and still is, is not.
      if (judged.appId !== null && judged.appId !== before?.appId) fresh.push(pid);
    }
    this.seen = current;
    let counted = false;
    for (const pid of fresh) {
      const seen = current.get(pid)!;
      if (seen.appId === null) continue;
      // What already runs when the session starts was not reached for during it: it is open at the start.
      if (scan === 1) {
        current.set(pid, { ...seen, openAtStart: true });
        this.openApps.add(seen.appId);
        continue;
      }
      // An app's own helpers (Electron's renderers, a launcher's child) are the same launch, not another one.
      const parent = current.get(readProcStat(pid)?.ppid ?? -1);
      if (parent?.appId === seen.appId) {
        if (parent.openAtStart) current.set(pid, { ...seen, openAtStart: true });
        continue;
      }
      this.attempts.set(seen.appId, (this.attempts.get(seen.appId) ?? 0) + 1);
      counted = true;
    }
    for (const [pid, { appId, openAtStart }] of current) {
      if (appId === null || this.kills.has(pid) || (openAtStart && this.openApps.waiting)) continue;
      this.close(pid);
    }
    if (counted) this.onChange?.();
  }

  private judge(pid: number, owner: number | undefined, exe: string | null, matcher: LinuxAppMatcher, scan: number): Seen {
    // What is already running when a session starts is not young: it has long exec'd into what it is.
    const unknown = { owner, exe, startTime: null, appId: null, since: scan === 1 ? -YOUNG_SCANS : scan, openAtStart: false };
    const stat = exe === null ? null : readProcStat(pid);
    if (exe === null || stat === null || !ownedWholly(pid, this.uid)) return unknown;
    const appImage = /\/\.mount_[^/]+\//.test(exe) ? readEnvironVariable(pid, 'APPIMAGE') : null;
    const flatpakId = this.readsFlatpakInfo ? readFlatpakId(pid) : null;
    return { ...unknown, startTime: stat.startTime, appId: matcher({ exe, appImage, flatpakId }) };
  }

  /** SIGTERM now; SIGKILL after the grace if the very same process is still there. */
  private close(pid: number): void {
    if (!this.signalSame(pid, 'SIGTERM')) return;
    const kill = setTimeout(() => {
      this.kills.delete(pid);
      this.signalSame(pid, 'SIGKILL');
    }, this.graceMs);
    kill.unref();
    this.kills.set(pid, kill);
  }

  /** Signals `pid` only if its start time and binary are still those it was judged by: a reused pid is left alone. */
  private signalSame(pid: number, signal: NodeJS.Signals): boolean {
    const judged = this.seen.get(pid);
    if (judged?.appId == null) return false;
    if (readProcStat(pid)?.startTime !== judged.startTime || readExe(pid) !== judged.exe) return false;
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}
