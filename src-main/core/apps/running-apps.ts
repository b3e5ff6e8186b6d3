import { posix } from 'node:path';
import { z } from 'zod';
import { MAX_APP_RULE_LENGTH, MAX_RUNNING_APPS, type OwnApp, type OwnAppKind, type RunningApp, type RunningApps } from '../../contract/apps';
import { isSystemExecutable } from '../../base/apps/app-rule';
import { outermostAppBundle } from '../../base/apps/mac-app-rule';
import { execFileOutput, type OutputRunner } from '../../base/command-runner';
import { powershellArgs, powershellPath } from '../../base/powershell';
import { checkOwnAppRule, ownAppName } from './apps-service';
import { listProcessIds, ownedWholly, readEnvironVariable, readExe, readFlatpakId, readOwner, readProcStat, selfAndAncestors } from '../../base/apps/proc-files';

/** Beyond this many processes the list stops looking: a machine with more still gets the first ones found. */
const MAX_PROCESSES_READ = 5000;
/** `ps` answers at once; PowerShell starts .NET first. */
const RUNNING_APPS_TIMEOUT_MS = 20_000;

export interface RunningAppsOptions {
  /** Runs `ps` on macOS and PowerShell on Windows; a recording runner in tests. */
  readonly run?: OutputRunner;
  readonly uid?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The programs of the user's running now that Settings offers to add (issue 21, "pick a running app"), each with
 * the rule a session would recognise it by, and only when that OS's validator (base/apps/*-app-rule.ts) accepts
 * the rule, so no system process, shell, interpreter or Stillroom is ever offered. One entry per rule, by name, at
 * most 200. Elsewhere an empty list that says so.
 */
export async function runningApps(platform: string, options: RunningAppsOptions = {}): Promise<RunningApps> {
  const uid = options.uid ?? process.getuid?.() ?? -1;
  switch (platform) {
    case 'linux':
      return { supported: true, apps: sorted(linuxRunningApps(uid)) };
    case 'darwin':
      return { supported: true, apps: sorted(await macRunningApps(options.run ?? execFileOutput, uid)) };
    case 'win32':
      return { supported: true, apps: sorted(await windowsRunningApps(options.run ?? execFileOutput, options.env ?? process.env)) };
    default:
      return { supported: false, apps: [] };
  }
}

/**
 * Linux, from `/proc` with the enforcer's own reads: a process of this user wholly, started in a graphical session
 * (a display in its environment) and not from a terminal (no controlling terminal), offered by its Flatpak id, its
 * snap, its AppImage's name, else its binary's path.
 */
function linuxRunningApps(uid: number): RunningApp[] {
  const untouchable = selfAndAncestors();
  const found = new Map<string, RunningApp>();
  for (const pid of listProcessIds().slice(0, MAX_PROCESSES_READ)) {
    if (found.size >= MAX_RUNNING_APPS) break;
    if (untouchable.has(pid) || readOwner(pid) !== uid) continue;
    const app = desktopApp(pid, uid);
    if (app !== null) found.set(`${app.own.kind}:${app.own.rule}`, app);
  }
  return [...found.values()];
}

/** macOS: this user's programs running from an `.app` bundle (`ps`), offered by the outermost bundle's path. */
async function macRunningApps(run: OutputRunner, uid: number): Promise<RunningApp[]> {
  const output = await run('/bin/ps', ['-axww', '-o', 'uid=,comm='], RUNNING_APPS_TIMEOUT_MS);
  if (output.kind !== 'ok') return [];
  return output.stdout
    .split('\n')
    .slice(0, MAX_PROCESSES_READ)
    .flatMap((line) => {
      const fields = /^\s*(\d+)\s+(\/.+)$/.exec(line);
      const bundle = fields !== null && Number(fields[1]) === uid ? outermostAppBundle(fields[2]!) : null;
      return bundle === null ? [] : offer('appPath', bundle);
    });
}

/** The Windows script: this session's processes that show a window, by path and description. */
export const WINDOWS_RUNNING_APPS_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '$session = (Get-Process -Id $PID).SessionId',
  '$apps = @(Get-Process | Where-Object { $_.SessionId -eq $session -and $_.MainWindowHandle -ne 0 -and $_.Path } | ForEach-Object {',
  '  [pscustomobject]@{ path = [string]$_.Path; name = [string]$_.Description }',
  '})',
  '[Console]::Out.Write((ConvertTo-Json -InputObject $apps -Compress))',
].join('\n');

const WindowsRunning = z.array(z.object({ path: z.string().max(32_767), name: z.string().max(1000) })).max(MAX_PROCESSES_READ);

/** Windows: the programs with a window in this logon session (PowerShell), offered by their `.exe` path. */
async function windowsRunningApps(run: OutputRunner, env: NodeJS.ProcessEnv): Promise<RunningApp[]> {
  const output = await run(powershellPath(env), powershellArgs(WINDOWS_RUNNING_APPS_SCRIPT), RUNNING_APPS_TIMEOUT_MS);
  if (output.kind !== 'ok') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(output.stdout);
  } catch {
    return [];
  }
  const listed = WindowsRunning.safeParse(parsed);
  if (!listed.success) return [];
  return listed.data.flatMap(({ path, name }) => offer('windowsPath', path, name.trim()));
}

/** The app offered for a rule, when its OS's validator accepts it; named by the app, else by the rule's last part. */
function offer(kind: OwnAppKind, rule: string, name = ''): RunningApp[] {
  const checked = checkOwnAppRule(kind, rule);
  if (!checked.ok) return [];
  const own = { kind, rule: checked.rule };
  return [{ name: (name || ownAppName(own)).slice(0, MAX_APP_RULE_LENGTH), own }];
}

/** One entry per rule, by name, at most 200. */
function sorted(apps: readonly RunningApp[]): RunningApp[] {
  const unique = new Map(apps.map((app) => [`${app.own.kind}:${app.own.rule}`, app]));
  return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name) || a.own.rule.localeCompare(b.own.rule)).slice(0, MAX_RUNNING_APPS);
}

function desktopApp(pid: number, uid: number): RunningApp | null {
  const rawExe = readExe(pid);
  const stat = readProcStat(pid);
  if (rawExe === null || stat === null || stat.tty !== 0 || !ownedWholly(pid, uid)) return null;
  if (readEnvironVariable(pid, 'DISPLAY') === null && readEnvironVariable(pid, 'WAYLAND_DISPLAY') === null) return null;
  const exe = rawExe.replace(/ \(deleted\)$/, '');
  if (!exe.startsWith('/') || isSystemExecutable(posix.basename(exe))) return null;
  const own = ruleOf(pid, exe);
  const name = own?.kind === 'appImage' ? own.rule.replace(/\.appimage$/i, '') : '';
  return own === null ? null : (offer(own.kind, own.rule, name)[0] ?? null);
}

/** How the enforcer would know this process again next time: a path inside a sandbox or a mount changes per run. */
function ruleOf(pid: number, exe: string): OwnApp | null {
  const flatpak = readFlatpakId(pid);
  if (flatpak !== null) return { kind: 'flatpak', rule: flatpak };
  const snap = /^\/snap\/([^/]+)\//.exec(exe)?.[1];
  if (snap !== undefined) return { kind: 'snap', rule: snap };
  if (/\/\.mount_[^/]+\//.test(exe)) {
    const appImage = readEnvironVariable(pid, 'APPIMAGE');
    return appImage === null ? null : { kind: 'appImage', rule: posix.basename(appImage) };
  }
  return { kind: 'path', rule: exe };
}
