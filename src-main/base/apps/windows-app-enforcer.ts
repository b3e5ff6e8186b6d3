import { z } from 'zod';
import { execFileOutput, type OutputRunner } from '../command-runner';
import { powershellArgs, powershellPath, systemRoot } from '../powershell';
import { windowsAppMatcher, type AppRules, type WindowsProcessFacts } from './platform-app-match';
import { PolledAppEnforcer, type ListedProcess, type ProcessPlatform } from './polled-app-enforcer';

/**
 * Closing a list's apps on Windows (issue 21), every step a fixed command through the command runner:
 * - listing: Windows PowerShell, `Get-CimInstance Win32_Process` for the processes of this process's own logon
 *   session (ProcessId, ParentProcessId, ExecutablePath, CreationDate), as JSON, parsed with zod and bounded;
 * - identity and owner, on first sight and right before each signal, of all the pids at once (up to 100 a script):
 *   each one's owner's SID (`GetOwnerSid`) against this user's SID, its creation time and path;
 * - the polite close: `taskkill /PID <pid>` (a `WM_CLOSE` to its windows); the forced one: `taskkill /F /PID <pid>`.
 * WMI's process creation events (`__InstanceCreationEvent`, `Win32_ProcessStartTrace`) would spare the polling but
 * need a PowerShell kept running and reading them, which this one-shot runner does not do; each scan starts one
 * PowerShell, which costs far more than a `/proc` scan (see docs/apps.md).
 */
export interface WindowsAppEnforcerOptions {
  readonly run?: OutputRunner;
  readonly env?: NodeJS.ProcessEnv;
  readonly intervalMs?: number;
}

const DEFAULT_SCAN_INTERVAL_MS = 1000;
/** PowerShell starts .NET on every run: seconds on a slow machine. */
const POWERSHELL_TIMEOUT_MS = 20_000;
const TASKKILL_TIMEOUT_MS = 10_000;
const MAX_PROCESSES = 20_000;

/** `CreationDate` as a FILETIME (100 ns since 1601, UTC), a string of digits: exact, unlike a formatted date. */
const CREATED = `$(if ($_.CreationDate) { $_.CreationDate.ToFileTimeUtc().ToString() } else { $null })`;

/** The scan's fixed script: this session's processes, an array even when there is one. */
export const LIST_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '$session = (Get-Process -Id $PID).SessionId',
  '$processes = @(Get-CimInstance -ClassName Win32_Process -Filter "SessionId = $session" | ForEach-Object {',
  `  [pscustomobject]@{ pid = [int]$_.ProcessId; ppid = [int]$_.ParentProcessId; path = $_.ExecutablePath; created = ${CREATED} }`,
  '})',
  '[Console]::Out.Write((ConvertTo-Json -InputObject $processes -Compress))',
].join('\n');

/** At most this many processes are asked about in one script (a WMI filter of that many terms). */
const MAX_IDENTIFIED_AT_ONCE = 100;

/** These processes' identities and owners; the pids are checked integers, the only part of the text that varies. */
export function identifyScript(pids: readonly number[]): string {
  for (const pid of pids) if (!Number.isSafeInteger(pid) || pid <= 0) throw new Error(`not a process id: ${pid}`);
  if (pids.length === 0 || pids.length > MAX_IDENTIFIED_AT_ONCE) throw new Error(`not 1 to ${MAX_IDENTIFIED_AT_ONCE} process ids: ${pids.length}`);
  return [
    "$ErrorActionPreference = 'Stop'",
    `$filter = '${pids.map((pid) => `ProcessId = ${pid}`).join(' OR ')}'`,
    '$me = [Security.Principal.WindowsIdentity]::GetCurrent().User.Value',
    '$processes = @(Get-CimInstance -ClassName Win32_Process -Filter $filter | ForEach-Object {',
    "  $owner = Invoke-CimMethod -InputObject $_ -MethodName GetOwnerSid -ErrorAction SilentlyContinue",
    `  [pscustomobject]@{ pid = [int]$_.ProcessId; path = $_.ExecutablePath; created = ${CREATED}; owner = $owner.Sid }`,
    '})',
    '[Console]::Out.Write((ConvertTo-Json -InputObject @{ me = $me; processes = $processes } -Compress -Depth 3))',
  ].join('\n');
}

const FileTime = z.string().regex(/^\d{1,20}$/);
const Listing = z
  .array(
    z.object({
      pid: z.number().int().nonnegative(),
      ppid: z.number().int().nonnegative(),
      path: z.string().max(32_767).nullable(),
      created: FileTime.nullable(),
    }),
  )
  .max(MAX_PROCESSES);
const Sid = z.string().regex(/^S-1-[0-9-]{1,180}$/);
const Identities = z
  .object({
    me: Sid,
    processes: z
      .array(z.object({ pid: z.number().int().positive(), path: z.string().max(32_767).nullable(), created: FileTime.nullable(), owner: Sid.nullable() }))
      .max(MAX_IDENTIFIED_AT_ONCE),
  });

export class WindowsProcessPlatform implements ProcessPlatform {
  private matcher: (facts: WindowsProcessFacts) => string | null = () => null;
  private readonly taskkill: string;

  constructor(
    private readonly run: OutputRunner,
    private readonly powershell: string,
    windowsFolder: string,
  ) {
    this.taskkill = `${windowsFolder}\\System32\\taskkill.exe`;
  }

  prepare(apps: readonly AppRules[]): void {
    this.matcher = windowsAppMatcher(apps);
  }

  async list(): Promise<readonly ListedProcess[] | null> {
    const parsed = Listing.safeParse(await this.json(LIST_SCRIPT));
    if (!parsed.success) return null;
    return parsed.data.map(({ pid, ppid, path, created }) => ({
      pid,
      ppid,
      identity: `${created ?? '?'} ${path ?? '?'}`,
      // A process whose creation time Windows does not give cannot be told from a later one: never touched.
      appId: created === null ? null : this.matcher({ executablePath: path }),
    }));
  }

  /** The owner must be this user (its SID); a process whose owner cannot be read is left out. */
  async identify(pids: readonly number[]): Promise<ReadonlyMap<number, string> | null> {
    const identities = new Map<number, string>();
    for (let at = 0; at < pids.length; at += MAX_IDENTIFIED_AT_ONCE) {
      const batch = pids.slice(at, at + MAX_IDENTIFIED_AT_ONCE);
      const parsed = Identities.safeParse(await this.json(identifyScript(batch)));
      if (!parsed.success) return null;
      const { me, processes } = parsed.data;
      for (const { pid, path, created, owner } of processes)
        if (batch.includes(pid) && owner === me && created !== null && path !== null) identities.set(pid, `${created} ${path}`);
    }
    return identities;
  }

  async closePolitely(pid: number): Promise<void> {
    await this.run(this.taskkill, ['/PID', String(pid)], TASKKILL_TIMEOUT_MS);
  }

  async closeForcibly(pid: number): Promise<void> {
    await this.run(this.taskkill, ['/F', '/PID', String(pid)], TASKKILL_TIMEOUT_MS);
  }

  /** Runs a fixed script and reads its JSON answer; undefined when it failed or answered something else. */
  private async json(script: string): Promise<unknown> {
    const output = await this.run(this.powershell, powershellArgs(script), POWERSHELL_TIMEOUT_MS);
    if (output.kind !== 'ok') return undefined;
    try {
      return JSON.parse(output.stdout) as unknown;
    } catch {
      return undefined;
    }
  }
}

export class WindowsAppEnforcer extends PolledAppEnforcer {
  constructor(options: WindowsAppEnforcerOptions = {}) {
    const env = options.env ?? process.env;
    super(new WindowsProcessPlatform(options.run ?? execFileOutput, powershellPath(env), systemRoot(env)), {
      intervalMs: options.intervalMs ?? DEFAULT_SCAN_INTERVAL_MS,
    });
  }
}
