import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exit, ok, recordingRunner } from '../../../test-support/recording-runner';
import type { OutputRunner } from '../command-runner';
import { MAC_ME as ME, MAC_STARTED as STARTED, MAC_WECHAT as WECHAT, MAC_WECHAT_HELPER as WECHAT_HELPER, MAC_STEAM as STEAM, LIST_PS, PS_SOME, PLUTIL, LSOF, QUIT, fakeMac } from '../../../test-support/pretend-desktops';
import { MacAppEnforcer } from './mac-app-enforcer';
import type { AppRules } from './platform-app-match';

// macOS cannot run here. `ps`, `lsof`, `plutil`, `osascript` and `kill` are a recording runner (test-support/
// recording-runner.ts) answering from a pretend process table, so these tests pin the exact commands the enforcer
// runs there and what it does with each answer; no real process is listed or signalled.

const list: AppRules[] = [
  { id: 'wechat', linux: none(), macos: { bundleIds: ['com.tencent.xinWeChat'], appPaths: [] } },
  { id: 'steam', linux: none(), macos: { bundleIds: [], appPaths: ['/Users/ada/Applications/Steam.app'] } },
  // Refused when the matcher is built: nothing of macOS is ever matched, whatever a list says.
  { id: 'finder', linux: none(), macos: { bundleIds: ['com.apple.finder'], appPaths: ['/System/Library/CoreServices/Finder.app'] } },
];

const GRACE_MS = 3000;
let enforcer: MacAppEnforcer | null = null;
/** Scans only when a test calls `scan()`; the grace is run by fake timers, so nothing waits on the clock. */
const start = (mac: ReturnType<typeof fakeMac>, onLaunch?: () => void) => {
  enforcer = new MacAppEnforcer({ run: mac.run, uid: ME, intervalMs: 3_600_000 });
  enforcer.start(list, { graceMs: GRACE_MS }, onLaunch);
  return enforcer;
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  enforcer?.stop();
  vi.useRealTimers();
});

describe('the macOS app enforcer (recorded commands)', () => {
  it('lists with ps, reads the bundle id once, confirms the process, quits the app by its bundle id, and counts its helpers as one launch', async () => {
    const mac = fakeMac({});
    const launches = vi.fn();
    const running = start(mac, launches);
    await running.scan();
    // Launched during the session (the first scan found nothing open).
    mac.processes.set(300, { ppid: 1, uid: ME, started: STARTED, comm: WECHAT });
    mac.processes.set(301, { ppid: 300, uid: ME, started: STARTED, comm: WECHAT_HELPER });
    await running.scan();

    expect(mac.calls.map(({ file, args, timeoutMs }) => ({ line: [file, ...args].join(' '), timeoutMs }))).toEqual([
      { line: LIST_PS, timeoutMs: 10_000 },
      { line: LIST_PS, timeoutMs: 10_000 },
      { line: `${PLUTIL} /Applications/WeChat.app/Contents/Info.plist`, timeoutMs: 10_000 },
      // The app and its helper confirmed together, then the app again right before its quit event.
      { line: `${PS_SOME} 300,301`, timeoutMs: 10_000 },
      { line: `${LSOF} 300,301 -d txt -F pn`, timeoutMs: 10_000 },
      { line: `${PS_SOME} 300`, timeoutMs: 10_000 },
      { line: `${LSOF} 300 -d txt -F pn`, timeoutMs: 10_000 },
      { line: ['/usr/bin/osascript', ...QUIT, 'com.tencent.xinWeChat'].join(' '), timeoutMs: 10_000 },
    ]);
    expect(mac.calls[2]?.args).toEqual(['-extract', 'CFBundleIdentifier', 'raw', '-o', '-', '/Applications/WeChat.app/Contents/Info.plist']);
    expect(running.report()).toEqual([{ appId: 'wechat', attempts: 1 }]);
    expect(launches).toHaveBeenCalledTimes(1);
    expect(mac.processes.size).toBe(0);
    // Gone by the grace's end: nothing is forced.
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(mac.signals()).toEqual(['quit com.tencent.xinWeChat']);
  });

  it('without the quit event (the guard, as root: no Apple events reach the user’s session), closes with SIGTERM, then SIGKILL after the grace', async () => {
    const mac = fakeMac({ 500: { ppid: 1, uid: ME, started: STARTED, comm: WECHAT, ignoresPoliteClose: true } });
    enforcer = new MacAppEnforcer({ run: mac.run, uid: ME, quitEvent: false, intervalMs: 3_600_000 });
    enforcer.start(list, { graceMs: GRACE_MS });
    await enforcer.scan();
    expect(mac.calls.some((call) => call.file === '/usr/bin/osascript')).toBe(false);
    expect(mac.signals()).toEqual(['/bin/kill -TERM 500']);
    expect(mac.calls.at(-1)).toEqual({ file: '/bin/kill', args: ['-TERM', '500'], timeoutMs: 10_000 });
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(mac.signals()).toEqual(['/bin/kill -TERM 500', '/bin/kill -KILL 500']);
    expect(mac.processes.size).toBe(0);
  });

  it('closes every relaunch again and counts it, reading a bundle’s id only once a session, with SIGTERM where the quit event finds no app', async () => {
    const mac = fakeMac({ 400: { ppid: 1, uid: ME, started: STARTED, comm: STEAM } });
    const running = start(mac);
    await running.scan();
    mac.processes.set(410, { ppid: 1, uid: ME, started: 'Mon Dec  7 20:35:02 2026', comm: STEAM });
    await running.scan();
    // The one open at the start was closed but not reached for; the relaunch was.
    expect(running.report()).toEqual([{ appId: 'steam', attempts: 1 }]);
    expect(running.openAtStart()).toEqual({ appIds: ['steam'], closesAt: null, closed: true });
    // Not an app Launch Services knows as running (the pretend Steam): the quit event is not sent, SIGTERM is.
    expect(mac.signals()).toEqual(['quit com.valvesoftware.steam', '/bin/kill -TERM 400', 'quit com.valvesoftware.steam', '/bin/kill -TERM 410']);
    expect(mac.calls.filter((call) => call.file === '/usr/bin/plutil')).toHaveLength(1);
  });

  it('forces what is still the same process after the grace, the app first politely and its helpers only then', async () => {
    const mac = fakeMac({
      500: { ppid: 1, uid: ME, started: STARTED, comm: WECHAT, ignoresPoliteClose: true },
      501: { ppid: 500, uid: ME, started: STARTED, comm: WECHAT_HELPER, ignoresPoliteClose: true },
    });
    const running = start(mac);
    await running.scan();
    expect(mac.signals()).toEqual(['quit com.tencent.xinWeChat']);
    await vi.advanceTimersByTimeAsync(GRACE_MS - 1);
    expect(mac.signals()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(mac.signals().slice(1).sort()).toEqual(['/bin/kill -KILL 500', '/bin/kill -KILL 501']);
    expect(mac.processes.size).toBe(0);
  });

  it('sends SIGTERM where the quit event is refused (no Automation permission)', async () => {
    const mac = fakeMac({ 600: { ppid: 1, uid: ME, started: STARTED, comm: WECHAT } });
    mac.refuseQuitEvents();
    await start(mac).scan();
    expect(mac.signals()).toEqual(['quit com.tencent.xinWeChat', '/bin/kill -TERM 600']);
  });

  it('never touches root’s, another user’s, the system’s, Stillroom’s, or its own and its ancestors’ processes', async () => {
    const parent = process.ppid;
    const mac = fakeMac({
      700: { ppid: 1, uid: 0, started: STARTED, comm: WECHAT },
      701: { ppid: 1, uid: 502, started: STARTED, comm: WECHAT },
      702: { ppid: 1, uid: ME, started: STARTED, comm: '/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder' },
      703: { ppid: 1, uid: ME, started: STARTED, comm: '/System/Library/CoreServices/Dock.app/Contents/MacOS/Dock' },
      704: { ppid: 1, uid: ME, started: STARTED, comm: '/System/Library/CoreServices/loginwindow.app/Contents/MacOS/loginwindow' },
      705: { ppid: 1, uid: ME, started: STARTED, comm: '/Applications/Stillroom.app/Contents/MacOS/Stillroom' },
      // An app whose bundle claims to be Finder: a system id matches nothing, even from /Applications.
      706: { ppid: 1, uid: ME, started: STARTED, comm: '/Applications/Sneaky.app/Contents/MacOS/Sneaky' },
      [parent]: { ppid: 1, uid: ME, started: STARTED, comm: WECHAT },
      [process.pid]: { ppid: parent, uid: ME, started: STARTED, comm: WECHAT },
    });
    const running = start(mac);
    await running.scan();
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(mac.signals()).toEqual([]);
    expect(running.report()).toEqual([]);
    // Only this user's processes are even looked at further.
    expect(mac.calls.filter((call) => call.file === '/bin/ps' && call.args.includes('-p')).map((call) => call.args.at(-1))).toEqual([]);
  });

  it('never takes a program for the app its argv[0] claims to be', async () => {
    const mac = fakeMac({ 750: { ppid: 1, uid: ME, started: STARTED, comm: WECHAT, runs: '/Users/ada/bin/notes' } });
    const running = start(mac);
    await running.scan();
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(mac.signals()).toEqual([]);
    expect(running.report()).toEqual([]);
  });

  it('signals nothing when the pid became another process between the look and the signal', async () => {
    const mac = fakeMac({ 800: { ppid: 1, uid: ME, started: STARTED, comm: WECHAT, ignoresPoliteClose: true } });
    const running = start(mac);
    await running.scan();
    expect(mac.signals()).toEqual(['quit com.tencent.xinWeChat']);
    // During the grace the app ends and its pid is given to another program of the user's.
    mac.processes.set(800, { ppid: 1, uid: ME, started: 'Mon Dec  7 20:36:00 2026', comm: '/Applications/Notes.app/Contents/MacOS/Notes' });
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(mac.signals()).toEqual(['quit com.tencent.xinWeChat']);

    // Listed as WeChat, but another user's by the time it is confirmed: never signalled, never counted.
    const confirming = recordingRunner({
      [LIST_PS]: ok(`  810     1   ${ME} ${STARTED} ${WECHAT}\n`),
      [PS_SOME]: ok(`  810   502 ${STARTED} ${WECHAT}\n`),
      [PLUTIL]: ok('com.tencent.xinWeChat\n'),
    });
    enforcer?.stop();
    enforcer = new MacAppEnforcer({ run: confirming.run, uid: ME, intervalMs: 3_600_000 });
    enforcer.start(list, { graceMs: GRACE_MS });
    await enforcer.scan();
    expect(confirming.calls.some((call) => call.file !== '/bin/ps' && call.file !== '/usr/bin/plutil')).toBe(false);
    expect(enforcer.report()).toEqual([]);
  });

  it('after stop, signals nothing more: not the forced close under way, not a scan', async () => {
    const mac = fakeMac({ 900: { ppid: 1, uid: ME, started: STARTED, comm: WECHAT, ignoresPoliteClose: true } });
    const running = start(mac);
    await running.scan();
    running.stop();
    const before = mac.calls.length;
    await vi.advanceTimersByTimeAsync(GRACE_MS * 2);
    await running.scan();
    expect(mac.calls.length).toBe(before);
    expect(mac.signals()).toEqual(['quit com.tencent.xinWeChat']);
  });

  it('restarted while a scan waits on ps, runs no two scans at once and closes by the new list only', async () => {
    const mac = fakeMac({ 950: { ppid: 1, uid: ME, started: STARTED, comm: WECHAT } });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let listing = 0;
    let mostAtOnce = 0;
    const run: OutputRunner = async (file, args, timeoutMs) => {
      if (args.includes('pid=,ppid=,uid=,lstart=,comm=')) {
        mostAtOnce = Math.max(mostAtOnce, ++listing);
        await held;
        listing--;
      }
      return mac.run(file, args, timeoutMs);
    };
    enforcer = new MacAppEnforcer({ run, uid: ME, intervalMs: 3_600_000 });
    enforcer.start([list[1]!], { graceMs: GRACE_MS });
    enforcer.start(list, { graceMs: GRACE_MS });
    const scanned = enforcer.scan();
    release();
    await scanned;
    expect(mostAtOnce).toBe(1);
    expect(mac.signals()).toEqual(['quit com.tencent.xinWeChat']);
    expect(enforcer.openAtStart()).toEqual({ appIds: ['wechat'], closesAt: null, closed: true });
  });

  it('judges and signals nothing when ps fails or answers in another form', async () => {
    for (const answer of [exit(1, 'ps: illegal option'), { kind: 'timeout' as const }, ok('garbage\n')]) {
      const { run, calls } = recordingRunner({ [LIST_PS]: answer });
      const blind = new MacAppEnforcer({ run, uid: ME, intervalMs: 3_600_000 });
      blind.start(list, { graceMs: GRACE_MS });
      await blind.scan();
      blind.stop();
      expect(calls.map((call) => call.file)).toEqual(['/bin/ps']);
    }
  });
});

function none() {
  return { executables: [], paths: [], appImages: [], flatpaks: [], snaps: [] };
}
