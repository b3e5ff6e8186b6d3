import type { AppRules } from './platform-app-match';

/** How often a session's apps were reached for: each new process of an app seen while active is one attempt. */
export interface AppLaunches {
  readonly appId: string;
  readonly attempts: number;
}

/** How a session closes its apps, from the user's settings (the app's core) or the lease (the guard). */
export interface AppEnforcementOptions {
  /** Between the polite close and the forced one. */
  readonly graceMs: number;
}

/**
 * Keeps the apps of a list closed while a session runs (issue 21). One per OS: `linux-app-enforcer.ts`, and
 * `mac-app-enforcer.ts` and `windows-app-enforcer.ts` on `polled-app-enforcer.ts`. Each reads only its own OS's
 * rules of an entry, so a Linux-only list (`LinuxAppRules`) is a list too. It lives in base/ so the app's core and
 * the guard run the same code. `start` closes what is open and keeps closing every relaunch until `stop`, after
 * which nothing more is signalled; `report` says what was reached for since `start`, and `onLaunch` is told each
 * time it counted more.
 */
export interface AppEnforcer {
  start(apps: readonly AppRules[], options: AppEnforcementOptions, onLaunch?: () => void): void;
  stop(): void;
  report(): readonly AppLaunches[];
}
