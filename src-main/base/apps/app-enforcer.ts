import type { AppRules } from './platform-app-match';

/** How often a session's apps were reached for: each new process of an app seen while active is one attempt. */
export interface AppLaunches {
  readonly appId: string;
  readonly attempts: number;
}

/**
 * The apps of the list already running when `start` was called: not launches (never counted), closed at once, or
 * left to the user until `closesAt` (epoch ms) when `openAppsWaitMs` asked for that.
 */
export interface AppsOpenAtStartReport {
  readonly appIds: readonly string[];
  /** Null: closed at once. */
  readonly closesAt: number | null;
  /** Whether what was still running of them has been closed (the polite close sent; forced after the grace). */
  readonly closed: boolean;
}

/** How a session closes its apps, from the user's settings (the app's core) or the lease (the guard). */
export interface AppEnforcementOptions {
  /** Between the polite close and the forced one. */
  readonly graceMs: number;
  /**
   * How long apps already open at the start are left for the user to close themselves before they are closed
   * (0 or absent: at once). New launches are closed at once whatever this says.
   */
  readonly openAppsWaitMs?: number;
}

/**
 * Keeps the apps of a list closed while a session runs (issue 21). One per OS: `linux-app-enforcer.ts`, and
 * `mac-app-enforcer.ts` and `windows-app-enforcer.ts` on `polled-app-enforcer.ts`. Each reads only its own OS's
 * rules of an entry, so a Linux-only list (`LinuxAppRules`) is a list too. It lives in base/ so the app's core and
 * the guard run the same code. `start` closes what is open (at once, or after `openAppsWaitMs`) and keeps closing
 * every relaunch until `stop`, after which nothing more is signalled; `report` says what was reached for since
 * `start`, `openAtStart` what was already running then (null when nothing was), and `onChange` is told each time
 * either changed.
 */
export interface AppEnforcer {
  start(apps: readonly AppRules[], options: AppEnforcementOptions, onChange?: () => void): void;
  stop(): void;
  report(): readonly AppLaunches[];
  openAtStart(): AppsOpenAtStartReport | null;
}
