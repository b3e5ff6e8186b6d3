// Pretend macOS and Windows process tables behind the recording runner (recording-runner.ts): macOS and Windows
// cannot run on the machine the tests run on, so the enforcers of base/apps/ and the guard's variants of them are
// tested against these, which answer the exact commands the enforcers run and change the table as those would.
import { exit, ok, recordingRunner, type RecordedCall } from './recording-runner';
import { identifyScript, LIST_SCRIPT, userListScript } from '../src-main/base/apps/windows-app-enforcer';

export const MAC_ME = 501;
export const MAC_STARTED = 'Mon Dec  7 20:34:36 2026';
export const MAC_WECHAT = '/Applications/WeChat.app/Contents/MacOS/WeChat';
export const MAC_WECHAT_HELPER = '/Applications/WeChat.app/Contents/Frameworks/WeChat Helper.app/Contents/MacOS/WeChat Helper';
export const MAC_STEAM = '/Users/ada/Applications/Steam.app/Contents/MacOS/steam_osx';
export const LIST_PS = '/bin/ps -axww -o pid=,ppid=,uid=,lstart=,comm=';
export const PS_SOME = '/bin/ps -ww -o pid=,uid=,lstart=,comm= -p';
export const PLUTIL = '/usr/bin/plutil -extract CFBundleIdentifier raw -o -';
export const LSOF = '/usr/sbin/lsof -w -a -p';
export const QUIT = [
  '-e', 'on run argv',
  '-e', 'set bundleId to item 1 of argv',
  '-e', 'if application id bundleId is running then',
  '-e', 'ignoring application responses',
  '-e', 'tell application id bundleId to quit',
  '-e', 'end ignoring',
  '-e', 'return "asked"',
  '-e', 'end if',
  '-e', 'return "not running"',
  '-e', 'end run',
];

export interface MacProcess {
  readonly ppid: number;
  readonly uid: number;
  readonly started: string;
  readonly comm: string;
  /** What the pretend app does with a quit event or SIGTERM. */
  readonly ignoresPoliteClose?: boolean;
  /** The program it really runs, when its `argv[0]` (`comm`) claims another. */
  readonly runs?: string;
}

/** A pretend macOS: a process table the recorded commands read and change. */
export function fakeMac(initial: Record<number, MacProcess>) {
  const processes = new Map(Object.entries(initial).map(([pid, process]) => [Number(pid), process]));
  const bundleIds: Record<string, string> = {
    '/Applications/WeChat.app/Contents/Info.plist': 'com.tencent.xinWeChat\n',
    '/Users/ada/Applications/Steam.app/Contents/Info.plist': 'com.valvesoftware.steam\n',
    '/System/Library/CoreServices/Finder.app/Contents/Info.plist': 'com.apple.finder\n',
    '/Applications/Sneaky.app/Contents/Info.plist': 'com.apple.finder\n',
  };
  let quitRefused = false;
  const pidOf = (call: RecordedCall) => Number(call.args[call.args.length - 1]);
  const recorder = recordingRunner({
    [LIST_PS]: () => ok([...processes].map(([pid, p]) => `${String(pid).padStart(5)} ${String(p.ppid).padStart(5)} ${String(p.uid).padStart(5)} ${p.started} ${p.comm}`).join('\n') + '\n'),
    [PS_SOME]: (call) => {
      const pids = call.args[call.args.length - 1]!.split(',').map(Number);
      const lines = pids.flatMap((pid) => {
        const found = processes.get(pid);
        return found === undefined ? [] : [`${String(pid).padStart(5)} ${String(found.uid).padStart(5)} ${found.started} ${found.comm}`];
      });
      // Like ps: exit status 1 when any pid is gone, the others still listed.
      return lines.length === pids.length ? ok(`${lines.join('\n')}\n`) : exit(1, '', lines.length > 0 ? `${lines.join('\n')}\n` : '');
    },
    [LSOF]: (call) => {
      const pids = call.args[3]!.split(',').map(Number);
      const text = pids.flatMap((pid) => {
        const found = processes.get(pid);
        return found === undefined ? [] : [`p${pid}`, 'ftxt', `n${found.runs ?? found.comm}`, 'ftxt', 'n/usr/lib/dyld'];
      });
      return text.length > 0 ? ok(`${text.join('\n')}\n`) : exit(1);
    },
    [PLUTIL]: (call) => {
      const id = bundleIds[call.args[call.args.length - 1]!];
      return id === undefined ? exit(1, 'file does not exist') : ok(id);
    },
    '/usr/bin/osascript': (call) => {
      if (quitRefused) return exit(1, 'execution error: Not authorized to send Apple events to WeChat. (-1743)');
      const bundle = call.args[call.args.length - 1];
      const app = [...processes].filter(([, p]) => bundle === 'com.tencent.xinWeChat' && p.comm.startsWith('/Applications/WeChat.app/'));
      if (app.length === 0) return ok('not running\n');
      for (const [pid, p] of app) if (!p.ignoresPoliteClose) processes.delete(pid);
      return ok('asked\n');
    },
    '/bin/kill -TERM': (call) => {
      if (!processes.get(pidOf(call))?.ignoresPoliteClose) processes.delete(pidOf(call));
      return ok();
    },
    '/bin/kill -KILL': (call) => {
      processes.delete(pidOf(call));
      return ok();
    },
  });
  const lines = () => recorder.calls.map((call) => [call.file, ...call.args].join(' '));
  return {
    processes,
    calls: recorder.calls,
    run: recorder.run,
    /** The signalling commands so far, one line each (the quit event by its bundle id). */
    signals: () => lines().flatMap((line) => (line.startsWith('/bin/kill') ? [line] : line.startsWith('/usr/bin/osascript') ? [`quit ${line.split(' ').pop()}`] : [])),
    refuseQuitEvents: () => {
      quitRefused = true;
    },
  };
}

export const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
export const TASKKILL = 'C:\\Windows\\System32\\taskkill.exe';
export const WIN_ME = 'S-1-5-21-1004336348-1177238915-682003330-1001';
export const WIN_OTHER = 'S-1-5-21-1004336348-1177238915-682003330-1002';
export const WIN_SYSTEM = 'S-1-5-18';
export const WIN_CREATED = '133780000000000000';
export const WIN_WECHAT = 'C:\\Program Files\\Tencent\\WeChat\\WeChat.exe';
export const WIN_WECHAT_HELPER = 'C:\\Program Files\\Tencent\\WeChat\\WeChatAppEx.exe';
export const WIN_DISCORD = 'C:\\Users\\ada\\AppData\\Local\\Discord\\app-1.0.9\\Discord.exe';

export interface WindowsProcess {
  readonly ppid: number;
  readonly path: string | null;
  readonly created?: string | null;
  readonly owner?: string;
  /** A program that does not close on WM_CLOSE (it hides in the tray). */
  readonly ignoresPoliteClose?: boolean;
  /** Its logon session: 1 unless said (0 is the services'). */
  readonly session?: number;
}

export const decode = (call: RecordedCall) => Buffer.from(call.args[call.args.length - 1]!, 'base64').toString('utf16le');

/**
 * A pretend Windows: a process table the recorded PowerShell scripts and taskkill read and change. As this user
 * (WIN_ME) by default: the listing is every process of the table (its own session's). With `service`, as a service
 * does for that user: the listing is the processes of the sessions where that SID's `explorer.exe` runs, session 0
 * never; any other script than the enforcer's fails.
 */
export function fakeWindows(initial: Record<number, WindowsProcess>, service?: { readonly userSid: string }) {
  const processes = new Map(Object.entries(initial).map(([pid, process]) => [Number(pid), process]));
  const pidOf = (call: RecordedCall) => Number(call.args[call.args.length - 1]);
  const me = service?.userSid ?? WIN_ME;
  const listScript = service === undefined ? LIST_SCRIPT : userListScript(service.userSid);
  const listed = () => {
    if (service === undefined) return [...processes];
    const desktops = [...processes.values()].filter((p) => p.path?.toLowerCase().endsWith('\\explorer.exe') && (p.session ?? 1) !== 0 && (p.owner ?? WIN_ME) === me);
    const sessions = new Set(desktops.map((p) => p.session ?? 1));
    return [...processes].filter(([, p]) => sessions.has(p.session ?? 1));
  };
  const recorder = recordingRunner({
    [POWERSHELL]: (call) => {
      const script = decode(call);
      if (script === listScript)
        return ok(JSON.stringify(listed().map(([pid, p]) => ({ pid, ppid: p.ppid, path: p.path, created: p.created === undefined ? WIN_CREATED : p.created }))));
      const pids = [...script.matchAll(/ProcessId = (\d+)/g)].map((match) => Number(match[1]));
      if (script !== identifyScript(pids, service?.userSid ?? null)) return exit(1, 'not a script of the enforcer');
      const found = pids.flatMap((pid) => {
        const p = processes.get(pid);
        return p === undefined ? [] : [{ pid, path: p.path, created: p.created === undefined ? WIN_CREATED : p.created, owner: p.owner ?? WIN_ME }];
      });
      return ok(JSON.stringify({ me, processes: found }));
    },
    [`${TASKKILL} /PID`]: (call) => {
      if (!processes.get(pidOf(call))?.ignoresPoliteClose) processes.delete(pidOf(call));
      return ok();
    },
    [`${TASKKILL} /F /PID`]: (call) => {
      processes.delete(pidOf(call));
      return ok();
    },
  });
  return {
    processes,
    calls: recorder.calls,
    run: recorder.run,
    /** What was asked of PowerShell (`list`, `identify <pid>`) and taskkill, in order. */
    steps: () =>
      recorder.calls.map((call) => {
        if (call.file === TASKKILL) return `taskkill ${call.args.join(' ')}`;
        const script = decode(call);
        return script === listScript ? 'list' : `identify ${[...script.matchAll(/ProcessId = (\d+)/g)].map((match) => match[1]).join(',')}`;
      }),
    signals: () => recorder.calls.filter((call) => call.file === TASKKILL).map((call) => call.args.join(' ')),
  };
}
