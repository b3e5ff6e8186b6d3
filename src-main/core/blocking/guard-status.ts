import type { GuardStatus } from '../../contract/blocking';
import { GuardTransportError, sendGuardRequest } from '../../guard/protocol';
import type { GuardControl, GuardInstallActions } from './blocking-service';

/** The installer as the app sees it: the three actions, and whether the guard's files are on this machine. */
export interface GuardInstaller extends GuardInstallActions {
  isInstalled(): Promise<boolean>;
}

export interface GuardStatusOptions {
  /** Null where no guard can exist (the browser preview without STILLROOM_GUARD_SOCKET). */
  readonly socketPath: string | null;
  readonly installer: GuardInstaller | null;
  readonly appVersion: string;
  readonly timeoutMs?: number;
}

/**
 * Asks the guard itself, never a cached belief: "running" means it answered just now, "lease active" means its
 * own status says so. A missing socket is "not installed" unless the installer finds the guard's files.
 */
export function guardControl(options: GuardStatusOptions): GuardControl {
  return {
    installer: options.installer,
    async status(): Promise<GuardStatus> {
      if (options.socketPath === null) return { state: 'not-installed' };
      try {
        const reply = await sendGuardRequest(options.socketPath, { type: 'status' }, options.timeoutMs ?? 2000);
        if (reply.type === 'refused') return { state: 'not-running', detail: `refused: ${reply.message}`.slice(0, 500) };
        const { version, lease, applied } = reply.status;
        if (version !== options.appVersion) return { state: 'version-mismatch', guardVersion: version, appVersion: options.appVersion };
        return {
          state: 'running',
          version,
          lease: lease && { sessionId: lease.sessionId, endsAt: lease.endsAt, locked: lease.mode === 'locked', applied, hostnameCount: lease.hostnameCount },
        };
      } catch (error) {
        if (!(error instanceof GuardTransportError)) throw error;
        if (error.kind === 'not-installed' && !(await options.installer?.isInstalled())) return { state: 'not-installed' };
        return { state: 'not-running', detail: error.message.slice(0, 500) };
      }
    },
  };
}
