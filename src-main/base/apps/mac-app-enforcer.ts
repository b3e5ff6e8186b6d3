import { execFileOutput, type OutputRunner } from '../command-runner';
import { outermostAppBundle } from './mac-app-rule';
import { macAppMatcher, type AppRules, type MacProcessFacts } from './platform-app-match';
import { PolledAppEnforcer, type ListedProcess, type ProcessPlatform } from './polled-app-enforcer';

/**
 * Closing a list's apps on macOS (issue 21), every step a fixed command through the command runner:
 * - listing: `/bin/ps -axww -o pid=,ppid=,uid=,lstart=,comm=`; only this user's processes are judged, by `comm`
 *   (the program's path as its `argv[0]` gives it, confirmed below);
 * - a bundle's id, once per bundle: `/usr/bin/plutil -extract CFBundleIdentifier raw -o - <bundle>/Contents/Info.plist`
 *   of the outermost `.app` the executable runs from;
 * - identity, on first sight and right before each signal, of all the pids at once:
 *   `/bin/ps -ww -o pid=,uid=,lstart=,comm= -p <pid,…>` (this user, the same start time and program) and
 *   `/usr/sbin/lsof -w -a -p <pid,…> -d txt -F pn` (that program is a file the process really runs);
 * - the polite close: the quit Apple event to the app's bundle id, only if it is running (`osascript`, without
 *   waiting for the answer, so a "save changes?" sheet cannot hold the scan), and SIGTERM (`/bin/kill -TERM`)
 *   where there is no bundle id or the event is refused (macOS asks the user before one app may send another
 *   Apple events), or always where the quit event cannot be sent (`quitEvent: false`: the guard, as root); the
 *   forced close: `/bin/kill -KILL` after the grace.
 * NSWorkspace launch notifications and kqueue's exec events would spare the polling but need native code, which
 * Stillroom does not ship: a scan a second it is (its cost on a real Mac is not measured yet).
 */
export interface MacAppEnforcerOptions {
  readonly run?: OutputRunner;
  /** Whose processes are closed; no other user's are ever touched. Defaults to this process's user. */
  readonly uid?: number;
  /**
   * Whether the polite close may be the quit Apple event (the default). False for the guard: a daemon run as root
   * by launchd is outside the user's login session, where Apple events to the user's apps are neither delivered
   * nor ever allowed (the Automation consent is asked of a person, and a daemon has none to ask), so its polite
   * close is SIGTERM alone.
   */
  readonly quitEvent?: boolean;
  readonly intervalMs?: number;
}

const DEFAULT_SCAN_INTERVAL_MS = 1000;
const COMMAND_TIMEOUT_MS = 10_000;
const MAX_PROCESSES = 20_000;
/** `lstart`, as `ps` prints it in the C locale: `Mon Dec  7 20:34:36 2026`. */
const PS_LINE = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+([A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4})\s+(.+)$/;
const PS_LINE_BY_PID = /^\s*(\d+)\s+(\d+)\s+([A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4})\s+(.+)$/;
const BUNDLE_ID = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
/**
 * Asks the app to quit only if it runs (`tell application id` alone would start it), waits for no answer, and
 * prints `asked` when it did: anything else (not an app Launch Services knows as running) gets SIGTERM instead.
 */
const QUIT_SCRIPT = [
  'on run argv',
  'set bundleId to item 1 of argv',
  'if application id bundleId is running then',
  'ignoring application responses',
  'tell application id bundleId to quit',
  'end ignoring',
  'return "asked"',
  'end if',
  'return "not running"',
  'end run',
];

export class MacProcessPlatform implements ProcessPlatform {
  private matcher: (facts: MacProcessFacts) => string | null = () => null;
  private readsBundleIds = false;
  private bundleIds = new Map<string, string | null>();
  /** The bundle id of each listed process of the list whose executable is its bundle's own, for the quit event. */
  private quitTargets = new Map<number, string>();

  constructor(
    private readonly run: OutputRunner,
    private readonly uid: number,
    private readonly quitEvent = true,
  ) {}

  prepare(apps: readonly AppRules[]): void {
    this.matcher = macAppMatcher(apps);
    this.readsBundleIds = apps.some((app) => (app.macos?.bundleIds.length ?? 0) > 0);
    this.bundleIds = new Map();
    this.quitTargets = new Map();
  }

  async list(): Promise<readonly ListedProcess[] | null> {
    const output = await this.run('/bin/ps', ['-axww', '-o', 'pid=,ppid=,uid=,lstart=,comm='], COMMAND_TIMEOUT_MS);
    if (output.kind !== 'ok') return null;
    const listed: ListedProcess[] = [];
    this.quitTargets = new Map();
    for (const line of output.stdout.split('\n').slice(0, MAX_PROCESSES)) {
      const fields = PS_LINE.exec(line);
      if (fields === null) continue;
      const [, pid, ppid, uid, started, executable] = fields as unknown as [string, string, string, string, string, string];
      const judged = Number(uid) === this.uid ? await this.judge(Number(pid), executable) : null;
      listed.push({ pid: Number(pid), ppid: Number(ppid), identity: `${started} ${executable}`, appId: judged });
    }
    return listed;
  }

  /**
   * `comm` is the process's `argv[0]`, which whoever started it chose: it counts only when that very file is one
   * the process runs (a `txt` file in `lsof`), so a program claiming to be another is never taken for it.
   */
  async identify(pids: readonly number[]): Promise<ReadonlyMap<number, string> | null> {
    const identities = new Map<number, string>();
    const list = pids.join(',');
    const output = await this.run('/bin/ps', ['-ww', '-o', 'pid=,uid=,lstart=,comm=', '-p', list], COMMAND_TIMEOUT_MS);
    // `ps -p` exits 1 when one of the pids is gone, and still lists the others.
    if (output.kind !== 'ok' && output.kind !== 'exit') return null;
    const claimed = new Map<number, { started: string; executable: string }>();
    for (const line of output.stdout.split('\n')) {
      const fields = PS_LINE_BY_PID.exec(line);
      if (fields === null || Number(fields[2]) !== this.uid || !pids.includes(Number(fields[1]))) continue;
      claimed.set(Number(fields[1]), { started: fields[3]!, executable: fields[4]! });
    }
    if (claimed.size === 0) return identities;
    const mapped = await this.run('/usr/sbin/lsof', ['-w', '-a', '-p', [...claimed.keys()].join(','), '-d', 'txt', '-F', 'pn'], COMMAND_TIMEOUT_MS);
    if (mapped.kind !== 'ok' && mapped.kind !== 'exit') return null;
    let pid = -1;
    for (const line of mapped.stdout.split('\n')) {
      if (line.startsWith('p')) pid = Number(line.slice(1));
      const claim = claimed.get(pid);
      if (line.startsWith('n') && claim !== undefined && line.slice(1) === claim.executable) identities.set(pid, `${claim.started} ${claim.executable}`);
    }
    return identities;
  }

  async closePolitely(pid: number): Promise<void> {
    const bundleId = this.quitEvent ? this.quitTargets.get(pid) : undefined;
    if (bundleId !== undefined) {
      const quit = await this.run('/usr/bin/osascript', [...QUIT_SCRIPT.flatMap((line) => ['-e', line]), bundleId], COMMAND_TIMEOUT_MS);
      if (quit.kind === 'ok' && quit.stdout.trim() === 'asked') return;
    }
    await this.run('/bin/kill', ['-TERM', String(pid)], COMMAND_TIMEOUT_MS);
  }

  async closeForcibly(pid: number): Promise<void> {
    await this.run('/bin/kill', ['-KILL', String(pid)], COMMAND_TIMEOUT_MS);
  }

  private async judge(pid: number, executable: string): Promise<string | null> {
    const bundle = outermostAppBundle(executable);
    const byPath = this.matcher({ executable, bundleId: null });
    // A bundle's id is read when a rule names ids, or to check (and quit) an app matched by its path.
    const bundleId = bundle !== null && (this.readsBundleIds || byPath !== null) ? await this.bundleId(bundle) : null;
    const appId = bundleId === null ? byPath : this.matcher({ executable, bundleId });
    // The quit event goes to the app itself, never through a helper (a nested bundle, a tool elsewhere in `Contents/`).
    const main = bundle !== null && executable.startsWith(`${bundle}/Contents/MacOS/`) && !executable.slice(bundle.length + '/Contents/MacOS/'.length).includes('/');
    if (appId !== null && bundleId !== null && main) this.quitTargets.set(pid, bundleId);
    return appId;
  }

  /** The bundle's `CFBundleIdentifier`, read once per bundle per session; null when unreadable or malformed. */
  private async bundleId(bundle: string): Promise<string | null> {
    if (this.bundleIds.has(bundle)) return this.bundleIds.get(bundle) ?? null;
    const output = await this.run('/usr/bin/plutil', ['-extract', 'CFBundleIdentifier', 'raw', '-o', '-', `${bundle}/Contents/Info.plist`], COMMAND_TIMEOUT_MS);
    const id = output.kind === 'ok' ? output.stdout.trim() : '';
    const bundleId = BUNDLE_ID.test(id) && id.length <= 255 ? id : null;
    this.bundleIds.set(bundle, bundleId);
    return bundleId;
  }
}

export class MacAppEnforcer extends PolledAppEnforcer {
  constructor(options: MacAppEnforcerOptions = {}) {
    super(new MacProcessPlatform(options.run ?? execFileOutput, options.uid ?? process.getuid?.() ?? -1, options.quitEvent), {
      intervalMs: options.intervalMs ?? DEFAULT_SCAN_INTERVAL_MS,
    });
  }
}
