import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { writeFileAtomic } from '../../base/atomic-file';
import type { GuardConfig } from '../config';
import { execFileOutput, type CommandRunner } from '../../base/command-runner';
import { BrowserPolicies } from '../browser-policies/browser-policies';
import { browserTargets } from '../browser-policies/browser-targets';
import { PolicyJournal } from '../browser-policies/policy-journal';
import type { GuardPaths } from '../paths';
import type { InstallInput } from './elevation';
import { withoutBlocks } from '../hosts-block';
import { HostsFile } from '../hosts-file';

/**
 * Installing the guard, the same way on every OS: copy the guard script into a root-owned folder, write its config
 * and the service definition, then register and start the service with fixed commands. Each OS supplies only its
 * file contents and commands (linux.ts, macos.ts, windows.ts), as pure functions tested to the byte; the paths
 * come from the one table in ../paths.ts.
 */
export interface InstalledFile {
  path: string;
  mode: number;
  content: string;
}

export interface PlatformInstaller {
  /** This OS's row of the paths table (paths.ts). */
  layout: GuardPaths;
  /** Files written besides the copied script; their paths are `filePaths`, whatever the input. */
  files(input: InstallInput): InstalledFile[];
  filePaths: string[];
  /** Registers and starts the service (after the files are in place). */
  startCommands(input: InstallInput): string[][];
  /** Stops and unregisters the service; failures are expected when it is not registered. */
  stopCommands(): string[][];
  /** Runs after the files are gone (e.g. systemd's daemon-reload). */
  afterRemoveCommands(): string[][];
}

export interface InstallOptions {
  /** Prefix for every path: '/' in production, a temp folder in tests. */
  root: string;
  run: CommandRunner;
  /** Whether to chown to root (false where there is no root, on Windows). */
  rootOwned: boolean;
}

export function guardConfigFor(layout: GuardPaths, input: Pick<InstallInput, 'user' | 'version'>): GuardConfig {
  return {
    version: input.version,
    hostsPath: layout.hostsPath,
    stateDir: layout.stateDir,
    socketPath: layout.socketPath,
    user: input.user,
    reconcileIntervalMs: 2000,
    browserPolicyRoot: '/',
    // On, at the OS's own address (reach/reach-address.ts); written out so a person reading the config sees it.
    reach: { enabled: true, httpPort: 80, httpsPort: 443 },
  };
}

export async function installGuard(platform: PlatformInstaller, input: InstallInput, options: InstallOptions): Promise<string[]> {
  const at = (path: string) => join(options.root, path);
  const owner = options.rootOwned ? { uid: 0, gid: 0 } : undefined;
  const files: InstalledFile[] = [
    { path: platform.layout.scriptPath, mode: 0o644, content: readFileSync(input.bundle, 'utf8') },
    ...platform.files(input),
  ];
  for (const folder of new Set([...files.map((file) => dirname(file.path)), platform.layout.stateDir])) makeFolder(at(folder), owner);
  for (const file of files) await writeFileAtomic(at(file.path), file.content, { mode: file.mode, owner });
  return runAll(platform.startCommands(input), options.run, true);
}

/** Stops the service, takes any block out of the hosts file and any browser policy out, and removes every file and folder the install made. */
export async function uninstallGuard(platform: PlatformInstaller, options: InstallOptions): Promise<string[]> {
  const at = (path: string) => join(options.root, path);
  const errors = await runAll(platform.stopCommands(), options.run, false);
  const hosts = new HostsFile(at(platform.layout.hostsPath));
  const content = await hosts.read();
  await hosts.replace(content, withoutBlocks(content));
  // Browser policies the guard wrote come out before its state folder, which holds how to undo them, goes.
  const stateDir = at(platform.layout.stateDir);
  const targets = browserTargets({ platform: process.platform, root: options.root, stateDir, run: execFileOutput });
  const quiet = { write: () => undefined };
  for (const browser of await new BrowserPolicies(targets, new PolicyJournal(stateDir), quiet).reconcile(null)) {
    if (browser.problem) errors.push(`${browser.id}: ${browser.problem}`);
  }
  rmSync(`${hosts.path}.stillroom-backup`, { force: true });
  const files = [platform.layout.scriptPath, ...platform.filePaths];
  for (const file of files) rmSync(at(file), { force: true });
  rmSync(at(platform.layout.stateDir), { recursive: true, force: true });
  for (const folder of platform.layout.ownFolders) removeIfEmpty(at(folder));
  return [...errors, ...(await runAll(platform.afterRemoveCommands(), options.run, false))];
}

/**
 * The runtime a root service will execute must not be replaceable by the user: it and every folder above it must be
 * root-owned and not writable by group or others (an AppImage or a copy in the home folder is refused).
 */
export function assertRootOwnedPath(path: string): void {
  let current = path;
  for (;;) {
    const info = statSync(current);
    if (info.uid !== 0 || (info.mode & 0o022) !== 0) {
      throw new Error(`${current} must be owned by root and writable only by root before the guard can run ${path}`);
    }
    if (current === parse(current).root) return;
    current = dirname(current);
  }
}

/** Creates the folder and any missing parents as 0755 (root-owned); folders that exist are left as they are. */
function makeFolder(path: string, owner: { uid: number; gid: number } | undefined): void {
  if (existsSync(path)) return;
  makeFolder(dirname(path), owner);
  mkdirSync(path);
  chmodSync(path, 0o755);
  if (owner) chownSync(path, owner.uid, owner.gid);
}

function removeIfEmpty(path: string): void {
  try {
    if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
  } catch {
    // Already gone.
  }
}

async function runAll(commands: string[][], run: CommandRunner, stopOnError: boolean): Promise<string[]> {
  const errors: string[] = [];
  for (const [file, ...args] of commands) {
    if (file === undefined) continue;
    const result = await run(file, args, 30_000);
    if (!result.ok) {
      if (stopOnError) throw new Error(result.error);
      errors.push(result.error);
    }
  }
  return errors;
}
