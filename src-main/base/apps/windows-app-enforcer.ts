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
 * Run by a service for a user (`service`, the guard as SYSTEM): that user's sessions and SID instead, and the
 * forced close alone, after the grace (see the option).
 * WMI's process creation events (`__InstanceCreationEvent`, `Win32_ProcessStartTrace`) would spare the polling but
 * need a PowerShell kept running and reading them, which this one-shot runner does not do; each scan starts one
 * PowerShell, which costs far more than a `/proc` scan (see docs/apps.md).
 */
export interface WindowsAppEnforcerOptions {
  readonly run?: OutputRunner;
  readonly env?: NodeJS.ProcessEnv;
  readonly intervalMs?: number;
  /**
   * Set when a service closes another user's apps (the guard, as SYSTEM in session 0): whose, by that user's SID.
   * The processes listed are then those of the sessions where that user's desktop (`explorer.exe` owned by the SID)
   * runs, never session 0's, and each is confirmed as owned by that SID. No polite close: taskkill without `/F`
   * posts `WM_CLOSE` to the windows it can enumerate, which from session 0 are none of a user's session (session 0
   * isolation), so the process is forced after the grace. Absent: this process's own user, in its own session.
   */
  readonly service?: { readonly userSid: string };
}

/** A user account's SID (a local or domain account's `S-1-5-21-…`, an Entra ID account's `S-1-12-1-…`): never SYSTEM's or a service's. */
const USER_SID = /^S-1-(?:5-21|12-1)(?:-\d{1,10}){4}$/;

export function isUserSid(sid: string): boolean {
  return USER_SID.test(sid);
}

function checkedUserSid(sid: string): string {
  if (!isUserSid(sid)) throw new Error(`not a user's SID: ${JSON.stringify(sid.slice(0, 100))}`);
  return sid;
}

const DEFAULT_SCAN_INTERVAL_MS = 1000;
/** PowerShell starts .NET on every run: seconds on a slow machine. */
const POWERSHELL_TIMEOUT_MS = 20_000;
const TASKKILL_TIMEOUT_MS = 10_000;
const MAX_PROCESSES = 20_000;

/** `CreationDate` as a FILETIME (100 ns since 1601, UTC), a string of digits: exact, unlike a formatted date. */
const CREATED = `$(if ($_.CreationDate) { $_.CreationDate.ToFileTimeUtc().ToString() } else { $null })`;

/** What the listing answers of each process. */
const LISTED = `  [pscustomobject]@{ pid = [int]$_.ProcessId; ppid = [int]$_.ParentProcessId; path = $_.ExecutablePath; created = ${CREATED} }`;

/** The scan's fixed script: this session's processes, an array even when there is one. */
export const LIST_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  '$session = (Get-Process -Id $PID).SessionId',
  '$processes = @(Get-CimInstance -ClassName Win32_Process -Filter "SessionId = $session" | ForEach-Object {',
  LISTED,
  '})',
  '[Console]::Out.Write((ConvertTo-Json -InputObject $processes -Compress))',
].join('\n');

/**
 * The service's scan (`service`): the processes of every session where this user's desktop runs, found as the
 * sessions of the `explorer.exe` processes whose owner is the user's SID (none: an empty list, nothing judged).
 * Session 0, the services', is never listed. The SID is checked to be a user's, digits and hyphens alone.
 */
export function userListScript(userSid: string): string {
  return [
    "$ErrorActionPreference = 'Stop'",
    `$user = '${checkedUserSid(userSid)}'`,
    `$sessions = @(Get-CimInstance -ClassName Win32_Process -Filter "Name = 'explorer.exe' AND SessionId <> 0" | Where-Object {`,
    '  (Invoke-CimMethod -InputObject $_ -MethodName GetOwnerSid -ErrorAction SilentlyContinue).Sid -eq $user',
    '} | ForEach-Object { [int]$_.SessionId } | Sort-Object -Unique)',
    "$processes = @(if ($sessions.Count -gt 0) { Get-CimInstance -ClassName Win32_Process -Filter (($sessions | ForEach-Object { \"SessionId = $_\" }) -join ' OR ') | ForEach-Object {",
    LISTED,
    '} })',
    '[Console]::Out.Write((ConvertTo-Json -InputObject $processes -Compress))',
  ].join('\n');
}

/** At most this many processes are asked about in one script (a WMI filter of that many terms). */
const MAX_IDENTIFIED_AT_ONCE = 100;

/**
 * These processes' identities and owners, against this process's user or, for a service, `userSid`; the pids are
 * checked integers and the SID a user's, the only parts of the text that vary.
 */
export function identifyScript(pids: readonly number[], userSid: string | null = null): string {
  for (const pid of pids) if (!Number.isSafeInteger(pid) || pid <= 0) throw new Error(`not a process id: ${pid}`);
  if (pids.length === 0 || pids.length > MAX_IDENTIFIED_AT_ONCE) throw new Error(`not 1 to ${MAX_IDENTIFIED_AT_ONCE} process ids: ${pids.length}`);
  return [
    "$ErrorActionPreference = 'Stop'",
    `$filter = '${pids.map((pid) => `ProcessId = ${pid}`).join(' OR ')}'`,
    userSid === null ? '$me = [Security.Principal.WindowsIdentity]::GetCurrent().User.Value' : `$me = '${checkedUserSid(userSid)}'`,
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
  private readonly userSid: string | null;
  private readonly listScript: string;
  /** `taskkill /PID`: a `WM_CLOSE` to the app's windows, which only a process in the user's own session can send. */
  readonly closePolitely: ((pid: number) => Promise<void>) | null;

  constructor(
    private readonly run: OutputRunner,
    private readonly powershell: string,
    windowsFolder: string,
    service: WindowsAppEnforcerOptions['service'] = undefined,
  ) {
    this.taskkill = `${windowsFolder}\\System32\\taskkill.exe`;
    this.userSid = service === undefined ? null : checkedUserSid(service.userSid);
    this.listScript = this.userSid === null ? LIST_SCRIPT : userListScript(this.userSid);
    this.closePolitely =
      service === undefined
        ? async (pid) => {
            await this.run(this.taskkill, ['/PID', String(pid)], TASKKILL_TIMEOUT_MS);
          }
        : null;
  }

  prepare(apps: readonly AppRules[]): void {
    this.matcher = windowsAppMatcher(apps);
  }

  async list(): Promise<readonly ListedProcess[] | null> {
    const parsed = Listing.safeParse(await this.json(this.listScript));
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
      const parsed = Identities.safeParse(await this.json(identifyScript(batch, this.userSid)));
      if (!parsed.success || (this.userSid !== null && parsed.data.me !== this.userSid)) return null;
      const { me, processes } = parsed.data;
      for (const { pid, path, created, owner } of processes)
        if (batch.includes(pid) && owner === me && created !== null && path !== null) identities.set(pid, `${created} ${path}`);
    }
    return identities;
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
    super(new WindowsProcessPlatform(options.run ?? execFileOutput, powershellPath(env), systemRoot(env), options.service), {
      intervalMs: options.intervalMs ?? DEFAULT_SCAN_INTERVAL_MS,
    });
  }
}
