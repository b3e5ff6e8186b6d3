import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { isUserSid } from '../../base/apps/windows-app-enforcer';
import { execFileOutput, execFileRunner, type CommandRunner, type OutputRunner } from '../../base/command-runner';
import { systemRoot } from '../../base/powershell';
import type { GuardInstallSupport } from '../../contract/blocking';
import { guardPaths, isGuardPlatform, type GuardPlatform } from '../../guard/paths';
import { elevate, guardInstallArgv, guardUninstallArgv, shellQuote, type InstallInput } from '../../guard/install/elevation';
import type { GuardInstaller } from './guard-control';

/** Long enough for a person to read the admin prompt and type a password; then the attempt is given up. */
const PROMPT_TIMEOUT_MS = 5 * 60_000;

export interface ElevatedGuardInstallerOptions extends InstallInput {
  readonly platform: GuardPlatform;
  readonly run: CommandRunner;
  /** Prefix of the guard's installed paths: '/' in the app, a temp folder in tests. */
  readonly root?: string;
  /** How this machine installs (see previewGuard): the admin prompt unless the host found none can be shown. */
  readonly route?: InstallRoute;
  /** Reads the user's SID on Windows (`whoami`); the machine's by default, a recording runner in tests. */
  readonly output?: OutputRunner;
}

const WHOAMI_TIMEOUT_MS = 10_000;

/**
 * This user's SID, from `whoami /user /fo csv /nh` (`"pc\ada","S-1-5-21-…-1001"`), or null when it cannot be
 * read or is not a user account's. Read by the app before the admin prompt: elevation may run as another account
 * (an administrator's, typed in), and the guard must know the one who uses the app.
 */
export async function windowsUserSid(output: OutputRunner, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const answer = await output(`${systemRoot(env)}\\System32\\whoami.exe`, ['/user', '/fo', 'csv', '/nh'], WHOAMI_TIMEOUT_MS);
  if (answer.kind !== 'ok') return null;
  const sid = /"(S-1-[0-9-]+)"\s*$/.exec(answer.stdout.trim())?.[1];
  return sid !== undefined && isUserSid(sid) ? sid : null;
}

/** The support the host found, before any attempt: the terminal's commands are made here from the install's argv. */
export type InstallRoute =
  | { readonly via: 'prompt' }
  | { readonly via: 'terminal'; readonly reason: 'no-pkexec' | 'no-polkit-agent' }
  | Extract<GuardInstallSupport, { via: 'none' }>;

/** pkexec's own words when no polkit agent can show its prompt (it then exits 127 without asking anyone). */
const NO_AGENT = /No authentication agent found/;

/**
 * The app's side of installing: the guard script installs itself, run through the OS's own admin prompt (pkexec,
 * osascript, UAC) built by the guard's elevation.ts. Repair is the same install again: it rewrites every file and restarts
 * the service, which also updates a guard of another version.
 */
export class ElevatedGuardInstaller implements GuardInstaller {
  private route: InstallRoute;

  constructor(private readonly options: ElevatedGuardInstallerOptions) {
    this.route = options.route ?? { via: 'prompt' };
  }

  support(): GuardInstallSupport {
    if (this.route.via !== 'terminal') return this.route;
    const { runtime, bundle, user } = this.options;
    // The command a person types: what they may leave out, the guard fills in (guard/install/install-request.ts).
    return {
      via: 'terminal',
      reason: this.route.reason,
      install: asRoot([runtime, bundle, 'install', '--user', user.name]),
      uninstall: asRoot(guardUninstallArgv(runtime, bundle)),
    };
  }

  async install(): Promise<void> {
    return this.elevated(guardInstallArgv({ ...this.options, user: await this.installingUser() }));
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

  /**
   * On Windows the guard knows the user by SID too: its state folder's reader, and whose apps it closes (without
   * one it closes none). Where the SID cannot be read, the install goes on by name, as before.
   */
  private async installingUser(): Promise<InstallInput['user']> {
    const { platform, user, output } = this.options;
    if (platform !== 'win32' || user.sid !== undefined) return user;
    const sid = await windowsUserSid(output ?? execFileOutput);
    return sid === null ? user : { ...user, sid };
  }

  private async elevated(guardArgv: string[]): Promise<void> {
    if (this.route.via !== 'prompt') throw new Error('No admin prompt can be shown here');
    const [file, ...args] = elevate[this.options.platform](guardArgv);
    if (file === undefined) throw new Error('No admin prompt on this system');
    const result = await this.options.run(file, args, PROMPT_TIMEOUT_MS);
    if (result.ok) return;
    if (NO_AGENT.test(result.error)) {
      this.route = { via: 'terminal', reason: 'no-polkit-agent' };
      throw new Error('No admin prompt could be shown (no polkit authentication agent runs in this session): Settings now shows the command to run in a terminal');
    }
    throw new Error(result.error);
  }
}

/** A shell command line run with sudo, quoting only the arguments that need it so that it reads as typed. */
function asRoot(argv: readonly string[]): string {
  return ['sudo', ...argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : shellQuote(arg)))].join(' ');
}

/**
 * What the desktop app (and `npm start` in the browser, preview/preview-guard.ts) hands the core
 * (CoreHost.guardSocketPath and guardInstaller): the guard's fixed socket on this OS and an installer that runs
 * `runtime bundle install` for the current user, through the admin prompt unless the route says none can be shown.
 */
export function desktopGuard(options: { platform: NodeJS.Platform; runtime: string; bundle: string; version: string; route?: InstallRoute; run?: CommandRunner }): {
  guardSocketPath: string | null;
  guardInstaller: GuardInstaller | null;
} {
  const { platform } = options;
  if (!isGuardPlatform(platform)) return { guardSocketPath: null, guardInstaller: null };
  const { username, uid } = userInfo();
  // Windows has no uid (-1); the pipe's ACL is the Windows installer's job.
  const user = uid >= 0 ? { name: username, uid } : { name: username };
  return { guardSocketPath: guardPaths[platform].socketPath, guardInstaller: new ElevatedGuardInstaller({ ...options, platform, user, run: options.run ?? execFileRunner }) };
}
