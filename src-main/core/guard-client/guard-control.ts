import { BrowserId, type BrowserCoverage, type GuardStatus } from '../../contract/blocking';
import type { GuardReport } from '../../guard/protocol';
import type { GuardControl, GuardInstallActions } from '../blocking/blocking-service';
import type { GuardClient } from './guard-client';
import { reachCounterState } from './reach';

/** The installer as the app sees it: how it installs here, the three actions, and whether the guard's files are on this machine. */
export interface GuardInstaller extends GuardInstallActions {
  isInstalled(): Promise<boolean>;
}

export interface GuardControlOptions {
  /** Null where no guard can exist (the browser preview without STILLROOM_GUARD_SOCKET). */
  readonly client: GuardClient | null;
  readonly installer: GuardInstaller | null;
  readonly appVersion: string;
}

/**
 * Asks the guard itself, never a cached belief: "running" means it answered just now, "lease active" means its
 * own status says so. A missing socket is "not installed" unless the installer finds the guard's files.
 */
export function guardControl(options: GuardControlOptions): GuardControl {
  return {
    installer: options.installer,
    async status(): Promise<GuardStatus> {
      if (options.client === null) return { state: 'not-installed' };
      const result = await options.client.status();
      if (result.ok) {
        const { version, lease, applied, browsers } = result.status;
        if (version !== options.appVersion) return { state: 'version-mismatch', guardVersion: version, appVersion: options.appVersion };
        return {
          state: 'running',
          version,
          lease: lease && {
            sessionId: lease.sessionId,
            endsAt: lease.endsAt,
            locked: lease.mode === 'locked',
            applied,
            hostnameCount: lease.hostnameCount,
            ...withReach(reachCounterState(result.status)),
          },
          browsers: knownBrowsers(browsers),
        };
      }
      if (result.reason === 'not-installed' && !(await options.installer?.isInstalled())) return { state: 'not-installed' };
      return { state: 'not-running', detail: result.message.slice(0, 500) };
    },
  };
}

// Absent rather than undefined: the contract's objects are strict, and JSON would drop it anyway.
const withReach = (reach: ReturnType<typeof reachCounterState>) => (reach ? { reach } : {});

/** The browsers of a guard's report that this app knows; one only a newer guard knows is left out. */
function knownBrowsers(browsers: GuardReport['browsers']): BrowserCoverage[] {
  return browsers.flatMap((browser) => {
    const id = BrowserId.safeParse(browser.id);
    return id.success ? [{ ...browser, id: id.data }] : [];
  });
}
