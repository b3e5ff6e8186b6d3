import { OpenAppsAtStart } from './open-apps-at-start';
import type { AppEnforcementOptions, AppEnforcer, AppLaunches, AppsOpenAtStartReport } from './app-enforcer';
import type { AppRules } from './platform-app-match';

/** A process as one listing shows it, already judged against the list by the OS's matcher. */
export interface ListedProcess {
  readonly pid: number;
  readonly ppid: number;
  /** What tells this process from a later one given the same pid: its start time and executable, as the OS says. */
  readonly identity: string;
  /** The app of the list it is, or null. Whose it is gets confirmed by `identify` before anything is done. */
  readonly appId: string | null;
}

/**
 * What one OS does for the polled enforcer, each step a command through the command runner (base/command-runner.ts),
 * so tests on another OS record the exact commands.
 */
export interface ProcessPlatform {
  /** A new list to enforce: matchers and caches start afresh. */
  prepare(apps: readonly AppRules[]): void;
  /** Every process now, or null when the listing failed: that scan then judges and signals nothing. */
  list(): Promise<readonly ListedProcess[] | null>;
  /**
   * The identity now of each of `pids` that is wholly this user's own; one gone, another user's or unreadable is
   * left out. One command for them all, however many: an app's helpers are asked about together. Null when the
   * command itself failed: nothing is known, so nothing is judged or signalled until a later scan asks again.
   */
  identify(pids: readonly number[]): Promise<ReadonlyMap<number, string> | null>;
  /**
   * The polite close (the quit event, SIGTERM, `WM_CLOSE`): sent only to the process a launch started from. Null
   * where none can reach the user's apps (the Windows guard, a service in session 0): then only the forced close,
   * after the grace.
   */
  readonly closePolitely: ((pid: number) => Promise<void>) | null;
  closeForcibly(pid: number): Promise<void>;
}

export interface PolledAppEnforcerOptions {
  /** Between the end of one scan and the start of the next. */
  readonly intervalMs: number;
}

/** A process of the list, owned by this user, as confirmed when first seen. */
interface Confirmed {
  readonly identity: string;
  readonly ppid: number;
  readonly appId: string;
  /** Running when the session started (or a helper of such a process): not a launch, and left alone during the wait. */
  readonly openAtStart: boolean;
}

/**
 * Keeps a list's apps closed on an OS whose processes are read through commands (macOS, Windows): scans run one
 * after another, never overlapping, each bounded by its commands' timeouts. A process of the list seen for the
 * first time is confirmed as this user's own (`identify`) and counted as a launch unless its parent is the same app
 * (an app's helpers are one launch) or the first scan found it (open at the start: not reached for, and left to
 * the user for `openAppsWaitMs` when asked); the process a launch started from gets the polite close at once (where the
 * platform has one), and any process of it still there after the grace is forced. Never touched: this process and its ancestors, a process not
 * wholly this user's, and one whose identity changed between the look and the signal (it is asked again right
 * before each signal). After `stop` nothing more is signalled, even by a scan or a grace already under way.
 */
export class PolledAppEnforcer implements AppEnforcer {
  private generation = 0;
  /** Between `start` and `stop`: a scan at any other time does nothing. */
  private active = false;
  private graceMs = 0;
  private onChange: (() => void) | null = null;
  private confirmed = new Map<number, Confirmed>();
  /** Processes judged not this user's or not what they were listed as: never looked at again under that identity. */
  private refused = new Map<number, string>();
  private attempts = new Map<string, number>();
  /** Processes given their close and waiting for the grace to end, by the identity they were closed as. */
  private readonly closing = new Map<number, string>();
  private readonly kills = new Set<NodeJS.Timeout>();
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private scanningGeneration = -1;
  /** Whether a scan of this `start` has judged every process once: what it found was open at the start. */
  private judgedOnce = false;
  private readonly openApps = new OpenAppsAtStart();

  constructor(
    private readonly platform: ProcessPlatform,
    private readonly options: PolledAppEnforcerOptions,
  ) {}

  start(apps: readonly AppRules[], { graceMs, openAppsWaitMs = 0 }: AppEnforcementOptions, onChange?: () => void): void {
    this.stop();
    this.graceMs = graceMs;
    this.onChange = onChange ?? null;
    this.judgedOnce = false;
    this.platform.prepare(apps);
    this.confirmed = new Map();
    this.refused = new Map();
    this.attempts = new Map();
    this.active = true;
    const generation = this.generation;
    const loop = () => {
      void this.scan().finally(() => {
        if (generation !== this.generation) return;
        this.timer = setTimeout(loop, this.options.intervalMs);
        this.timer.unref();
      });
    };
    this.openApps.begin(openAppsWaitMs, () => {
      void this.scan();
      if (this.openApps.found) this.onChange?.();
    });
    loop();
  }

  stop(): void {
    this.active = false;
    this.generation++;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.openApps.end();
    for (const kill of this.kills) clearTimeout(kill);
    this.kills.clear();
    this.closing.clear();
    this.onChange = null;
  }

  report(): readonly AppLaunches[] {
    return [...this.attempts].map(([appId, attempts]) => ({ appId, attempts }));
  }

  openAtStart(): AppsOpenAtStartReport | null {
    return this.openApps.report();
  }

  /**
   * One scan; a call while one of this `start` runs waits for that one rather than starting another, and one left
   * from before a restart is waited out first, so two never overlap.
   */
  scan(): Promise<void> {
    if (this.scanning !== null && this.scanningGeneration === this.generation) return this.scanning;
    const run: Promise<void> = (this.scanning ?? Promise.resolve())
      .then(() => this.scanOnce())
      .finally(() => {
        if (this.scanning === run) this.scanning = null;
      });
    this.scanning = run;
    this.scanningGeneration = this.generation;
    return run;
  }

  private async scanOnce(): Promise<void> {
    if (!this.active) return;
    const generation = this.generation;
    const listed = await this.platform.list();
    if (listed === null || generation !== this.generation) return;
    const untouchable = selfAndAncestors(listed);
    const next = new Map<number, Confirmed>();
    const unconfirmed: ListedProcess[] = [];
    for (const candidate of listed) {
      const { pid, identity, appId } = candidate;
      if (appId === null || untouchable.has(pid) || this.refused.get(pid) === identity) continue;
      const before = this.confirmed.get(pid);
      if (before?.identity === identity && before.appId === appId) next.set(pid, before);
      else unconfirmed.push(candidate);
    }
    const now = unconfirmed.length === 0 ? new Map<number, string>() : await this.platform.identify(unconfirmed.map(({ pid }) => pid));
    if (generation !== this.generation) return;
    const fresh: number[] = [];
    for (const { pid, ppid, identity, appId } of now === null ? [] : unconfirmed) {
      if (now?.get(pid) !== identity || appId === null) {
        this.refused.set(pid, identity);
        continue;
      }
      next.set(pid, { identity, ppid, appId, openAtStart: false });
      fresh.push(pid);
    }
    const firstJudging = !this.judgedOnce && now !== null;
    if (now !== null) this.judgedOnce = true;
    this.confirmed = next;
    const present = new Set(listed.map(({ pid }) => pid));
    for (const pid of this.refused.keys()) if (!present.has(pid)) this.refused.delete(pid);
    // A process being closed that is gone or another now: its forced close finds it changed and leaves it.
    for (const [pid, identity] of this.closing) if (next.get(pid)?.identity !== identity) this.closing.delete(pid);

    let counted = false;
    for (const pid of fresh) {
      const confirmed = next.get(pid)!;
      // What already runs when the session starts was not reached for during it, nor are its helpers since.
      if (firstJudging || (this.isHelper(pid, next) && next.get(confirmed.ppid)?.openAtStart)) {
        next.set(pid, { ...confirmed, openAtStart: true });
        if (firstJudging) this.openApps.add(confirmed.appId);
      } else if (!this.isHelper(pid, next)) {
        this.attempts.set(confirmed.appId, (this.attempts.get(confirmed.appId) ?? 0) + 1);
        counted = true;
      }
    }
    if (counted) this.onChange?.();
    const toClose = [...next].filter(([pid, { openAtStart }]) => !this.closing.has(pid) && !(openAtStart && this.openApps.waiting)).map(([pid]) => pid);
    if (toClose.length > 0) await this.close(toClose, next, generation);
  }

  /** A process whose parent is the same app: one of its helpers, closed with it and not another launch. */
  private isHelper(pid: number, confirmed: ReadonlyMap<number, Confirmed>): boolean {
    const self = confirmed.get(pid);
    return self !== undefined && confirmed.get(self.ppid)?.appId === self.appId;
  }

  /**
   * The polite close now to each process a launch started from, the forced one after the grace to each of them and
   * their helpers that is still the very same process.
   */
  private async close(pids: readonly number[], confirmed: ReadonlyMap<number, Confirmed>, generation: number): Promise<void> {
    const identities = new Map(pids.map((pid) => [pid, confirmed.get(pid)!.identity]));
    for (const [pid, identity] of identities) this.closing.set(pid, identity);
    const kill = setTimeout(() => {
      this.kills.delete(kill);
      void this.stillSame(identities, generation).then(async (same) => {
        for (const pid of same) if (generation === this.generation) await this.platform.closeForcibly(pid);
        for (const [pid, identity] of identities) if (this.closing.get(pid) === identity) this.closing.delete(pid);
      });
    }, this.graceMs);
    kill.unref();
    this.kills.add(kill);
    if (this.platform.closePolitely === null) return;
    const roots = new Map([...identities].filter(([pid]) => !this.isHelper(pid, confirmed)));
    for (const pid of await this.stillSame(roots, generation)) if (generation === this.generation) await this.platform.closePolitely?.(pid);
  }

  /** Which of these processes are, right now, the very same they were judged to be (none once stopped). */
  private async stillSame(identities: ReadonlyMap<number, string>, generation: number): Promise<number[]> {
    if (identities.size === 0 || generation !== this.generation) return [];
    const now = await this.platform.identify([...identities.keys()]);
    if (now === null || generation !== this.generation) return [];
    return [...identities].filter(([pid, identity]) => now.get(pid) === identity).map(([pid]) => pid);
  }
}

/** This process and its ancestors, as the listing links them. */
function selfAndAncestors(listed: readonly ListedProcess[]): Set<number> {
  const parents = new Map(listed.map(({ pid, ppid }) => [pid, ppid]));
  const untouchable = new Set<number>();
  for (let pid: number | undefined = process.pid; pid !== undefined && pid > 0 && !untouchable.has(pid); pid = parents.get(pid)) untouchable.add(pid);
  return untouchable;
}
