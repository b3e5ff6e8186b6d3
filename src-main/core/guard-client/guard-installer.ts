import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { execFileRunner, type CommandRunner } from '../../base/command-runner';
import { guardPaths, isGuardPlatform, type GuardPlatform } from '../../guard/paths';
import { elevate, guardInstallArgv, guardUninstallArgv, type InstallInput } from '../../guard/install/elevation';
import type { GuardInstaller } from './guard-control';

/** Long enough for a person to read the admin prompt and type a password; then the attempt is given up. */
const PROMPT_TIMEOUT_MS = 5 * 60_000;

export interface ElevatedGuardInstallerOptions extends InstallInput {
  readonly platform: GuardPlatform;
  readonly run: CommandRunner;
  /** Prefix of the guard's installed paths: '/' in the app, a temp folder in tests. */
  readonly root?: string;
}

/**
 * The app's side of installing: the guard script installs itself, run through the OS's own admin prompt (pkexec,
 * osascript, UAC) built by the guard's elevation.ts. Repair is the same install again: it rewrites every file and restarts
 * the service, which also updates a guard of another version.
 */
export class ElevatedGuardInstaller implements GuardInstaller {
  constructor(private readonly options: ElevatedGuardInstallerOptions) {}

  install(): Promise<void> {
    return this.elevated(guardInstallArgv(this.options));
  }

  repair(): Promise<void> {
    return this.install();
  }

  uninstall(): Promise<void> {
    return this.elevated(guardUninstallArgv(this.options.runtime, this.options.bundle));
  }

  async isInstalled(): Promise<boolean> {
    return existsSync(join(this.options.root ?? '/', guardPaths[this.options.platform].configPath));
  }

  private async elevated(guardArgv: string[]): Promise<void> {
    const [file, ...args] = elevate[this.options.platform](guardArgv);
    if (file === undefined) throw new Error('No admin prompt on this system');
    const result = await this.options.run(file, args, PROMPT_TIMEOUT_MS);
    if (!result.ok) throw new Error(result.error);
  }
}

/**
 * What the desktop app hands the core (CoreHost.guardSocketPath and guardInstaller): the guard's fixed socket on this
 * OS and an installer that runs `runtime bundle install` through the admin prompt for the current user.
 */
export function desktopGuard(options: { platform: NodeJS.Platform; runtime: string; bundle: string; version: string }): {
  guardSocketPath: string | null;
  guardInstaller: GuardInstaller | null;
} {
  const { platform } = options;
  if (!isGuardPlatform(platform)) return { guardSocketPath: null, guardInstaller: null };
  const { username, uid } = userInfo();
  // Windows has no uid (-1); the pipe's ACL is the Windows installer's job.
  const user = uid >= 0 ? { name: username, uid } : { name: username };
  return { guardSocketPath: guardPaths[platform].socketPath, guardInstaller: new ElevatedGuardInstaller({ ...options, platform, user, run: execFileRunner }) };
}
