import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok, recordingRunner } from '../../../test-support/recording-runner';
import type { OutputRunner } from '../command-runner';
import { WIN_ME as ME, WIN_OTHER as OTHER, WIN_SYSTEM as SYSTEM, WIN_CREATED as CREATED, WIN_WECHAT as WECHAT, WIN_WECHAT_HELPER as WECHAT_HELPER, WIN_DISCORD as DISCORD, POWERSHELL, TASKKILL, decode, fakeWindows } from '../../../test-support/pretend-desktops';
import { powershellArgs } from '../powershell';
import type { AppRules } from './platform-app-match';
import { LIST_SCRIPT, WindowsAppEnforcer, identifyScript, isUserSid, userListScript } from './windows-app-enforcer';

// Windows cannot run here. PowerShell and taskkill are a recording runner (test-support/recording-runner.ts)
// answering from a pretend process table, so these tests pin the exact commands and scripts the enforcer runs
// there and what it does with each answer; no real process is listed or signalled.

const list: AppRules[] = [
  { id: 'wechat', linux: none(), windows: { imageNames: ['WeChat.exe'], paths: ['C:\\Program Files\\Tencent\\WeChat\\'] } },
  { id: 'discord', linux: none(), windows: { imageNames: ['Discord.exe'], paths: [] } },
  // Refused when the matcher is built: nothing of Windows is ever matched, whatever a list says.
  { id: 'explorer', linux: none(), windows: { imageNames: ['explorer.exe'], paths: ['C:\\Windows\\'] } },
];

const GRACE_MS = 3000;
let enforcer: WindowsAppEnforcer | null = null;
/** Scans only when a test calls `scan()`; the grace is run by fake timers, so nothing waits on the clock. */
const start = (windows: ReturnType<typeof fakeWindows>, onLaunch?: () => void) => {
  enforcer = new WindowsAppEnforcer({ run: windows.run, env: { SystemRoot: 'C:\\Windows' }, intervalMs: 3_600_000 });
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

describe('the Windows app enforcer (recorded commands)', () => {
  it('lists with one PowerShell script, confirms the owner, sends WM_CLOSE to the app (taskkill /PID) and counts its helpers as one launch', async () => {
    const windows = fakeWindows({});
    const launches = vi.fn();
    const running = start(windows, launches);
    await running.scan();
    // Launched during the session (the first scan found nothing open).
    windows.processes.set(3000, { ppid: 1200, path: WECHAT });
    windows.processes.set(3001, { ppid: 3000, path: WECHAT_HELPER });
    await running.scan();

    expect(windows.calls[0]).toEqual({ file: POWERSHELL, args: powershellArgs(LIST_SCRIPT), timeoutMs: 20_000 });
    expect(windows.calls[0]?.args.slice(0, 6)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    // One script confirms the app and its helper; the helper gets no WM_CLOSE of its own.
    expect(windows.steps()).toEqual(['list', 'list', 'identify 3000,3001', 'identify 3000', 'taskkill /PID 3000']);
    expect(windows.calls.at(-1)).toEqual({ file: TASKKILL, args: ['/PID', '3000'], timeoutMs: 10_000 });
    expect(running.report()).toEqual([{ appId: 'wechat', attempts: 1 }]);
    expect(launches).toHaveBeenCalledTimes(1);
  });

  it('pins the scripts: this session’s processes, and the owner SID of the ones asked about against this user’s', () => {
    expect(LIST_SCRIPT).toContain('Get-CimInstance -ClassName Win32_Process -Filter "SessionId = $session"');
    expect(LIST_SCRIPT).toContain('ConvertTo-Json -InputObject $processes -Compress');
    expect(identifyScript([42, 43])).toContain("$filter = 'ProcessId = 42 OR ProcessId = 43'");
    expect(identifyScript([42])).toContain('Invoke-CimMethod -InputObject $_ -MethodName GetOwnerSid');
    expect(identifyScript([42])).toContain('[Security.Principal.WindowsIdentity]::GetCurrent().User.Value');
    for (const pid of [0, -1, 1.5, Number.NaN]) expect(() => identifyScript([7, pid])).toThrow(/not a process id/);
    expect(() => identifyScript([])).toThrow(/process ids/);
  });

  it('asks about at most 100 processes in one script', async () => {
    const many = Object.fromEntries(Array.from({ length: 150 }, (_, index) => [9000 + index, { ppid: 1200, path: `C:\\Games\\Busy\\busy${index}.exe` }]));
    const windows = fakeWindows({ ...many, 8999: { ppid: 1200, path: WECHAT } });
    const busy: AppRules = { id: 'busy', linux: none(), windows: { imageNames: [], paths: ['C:\\Games\\Busy\\'] } };
    enforcer = new WindowsAppEnforcer({ run: windows.run, env: { SystemRoot: 'C:\\Windows' }, intervalMs: 3_600_000 });
    enforcer.start([...list, busy], { graceMs: GRACE_MS });
    await enforcer.scan();
    const identified = windows.steps().filter((step) => step.startsWith('identify')).map((step) => step.split(',').length);
    expect(identified.slice(0, 2)).toEqual([100, 51]);
    // All open at the start: closed, not reached for.
    expect(enforcer.report()).toEqual([]);
    expect(enforcer.openAtStart()).toEqual({ appIds: ['wechat', 'busy'], closesAt: null, closed: true });
  });

  it('closes every relaunch again and counts it', async () => {
    const windows = fakeWindows({ 4000: { ppid: 1200, path: DISCORD } });
    const running = start(windows);
    await running.scan();
    windows.processes.set(4100, { ppid: 1200, path: DISCORD, created: '133780000010000000' });
    await running.scan();
    // The one open at the start was closed but not reached for; the relaunch was.
    expect(running.report()).toEqual([{ appId: 'discord', attempts: 1 }]);
    expect(windows.signals()).toEqual(['/PID 4000', '/PID 4100']);
  });

  it('forces what is still the same process after the grace (an app that hides in the tray), its helpers too', async () => {
    const windows = fakeWindows({
      5000: { ppid: 1200, path: WECHAT, ignoresPoliteClose: true },
      5001: { ppid: 5000, path: WECHAT_HELPER, ignoresPoliteClose: true },
    });
    const running = start(windows);
    await running.scan();
    expect(windows.signals()).toEqual(['/PID 5000']);
    await vi.advanceTimersByTimeAsync(GRACE_MS - 1);
    expect(windows.signals()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(windows.signals().slice(1).sort()).toEqual(['/F /PID 5000', '/F /PID 5001']);
    expect(windows.processes.size).toBe(0);
  });

  it('never touches another user’s or SYSTEM’s process, the desktop, a hidden path, Stillroom, or itself and its ancestors', async () => {
    const parent = process.ppid;
    const windows = fakeWindows({
      6000: { ppid: 1200, path: WECHAT, owner: OTHER },
      6001: { ppid: 1200, path: DISCORD, owner: SYSTEM },
      6002: { ppid: 1200, path: 'C:\\Windows\\explorer.exe' },
      6003: { ppid: 600, path: 'C:\\Windows\\System32\\dwm.exe' },
      6004: { ppid: 1200, path: 'C:\\Tools\\explorer.exe' },
      6005: { ppid: 1200, path: null },
      6006: { ppid: 1200, path: 'C:\\Program Files\\Stillroom\\Stillroom.exe' },
      6007: { ppid: 1200, path: WECHAT, created: null },
      [parent]: { ppid: 1, path: WECHAT },
      [process.pid]: { ppid: parent, path: WECHAT },
    });
    const running = start(windows);
    await running.scan();
    await running.scan();
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(windows.signals()).toEqual([]);
    expect(running.report()).toEqual([]);
    // Only the two listed as apps are asked about, once: refused, they are not looked at again.
    expect(windows.steps()).toEqual(['list', 'identify 6000,6001', 'list']);
  });

  it('signals nothing when the pid became another process between the look and the signal', async () => {
    const windows = fakeWindows({ 7000: { ppid: 1200, path: WECHAT, ignoresPoliteClose: true } });
    const running = start(windows);
    await running.scan();
    windows.processes.set(7000, { ppid: 1200, path: 'C:\\Program Files\\Notepad++\\notepad++.exe', created: '133780000090000000' });
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(windows.signals()).toEqual(['/PID 7000']);
  });

  it('after stop, signals nothing more: not the forced close under way, not a scan', async () => {
    const windows = fakeWindows({ 8000: { ppid: 1200, path: WECHAT, ignoresPoliteClose: true } });
    const running = start(windows);
    await running.scan();
    running.stop();
    const before = windows.calls.length;
    await vi.advanceTimersByTimeAsync(GRACE_MS * 2);
    await running.scan();
    expect(windows.calls.length).toBe(before);
  });

  it('judges nothing while it cannot ask who a process is, and closes it once it can', async () => {
    const windows = fakeWindows({ 9500: { ppid: 1200, path: WECHAT } });
    let identifyFails = true;
    const run: OutputRunner = (file, args, timeoutMs) =>
      identifyFails && file === POWERSHELL && decode({ file, args, timeoutMs }) !== LIST_SCRIPT ? Promise.resolve({ kind: 'timeout' }) : windows.run(file, args, timeoutMs);
    enforcer = new WindowsAppEnforcer({ run, env: { SystemRoot: 'C:\\Windows' }, intervalMs: 3_600_000 });
    enforcer.start(list, { graceMs: GRACE_MS });
    await enforcer.scan();
    expect(windows.signals()).toEqual([]);
    expect(enforcer.report()).toEqual([]);
    identifyFails = false;
    await enforcer.scan();
    expect(windows.signals()).toEqual(['/PID 9500']);
    // The first scan that could judge found it: open at the start, not a launch.
    expect(enforcer.report()).toEqual([]);
    expect(enforcer.openAtStart()).toEqual({ appIds: ['wechat'], closesAt: null, closed: true });
  });

  it('leaves apps open at the start, and their helpers, to the user for the wait, while closing a launch at once', async () => {
    const windows = fakeWindows({ 3500: { ppid: 1200, path: WECHAT }, 3501: { ppid: 3500, path: WECHAT_HELPER } });
    const changes = vi.fn();
    enforcer = new WindowsAppEnforcer({ run: windows.run, env: { SystemRoot: 'C:\\Windows' }, intervalMs: 3_600_000 });
    enforcer.start(list, { graceMs: GRACE_MS, openAppsWaitMs: 30_000 }, changes);
    await enforcer.scan();
    expect(enforcer.openAtStart()).toMatchObject({ appIds: ['wechat'], closed: false });
    windows.processes.set(3600, { ppid: 1200, path: DISCORD });
    windows.processes.set(3502, { ppid: 3500, path: WECHAT_HELPER, created: '133780000010000000' });
    await enforcer.scan();
    expect(windows.signals()).toEqual(['/PID 3600']);
    expect(enforcer.report()).toEqual([{ appId: 'discord', attempts: 1 }]);
    await vi.advanceTimersByTimeAsync(30_000);
    await enforcer.scan();
    expect(windows.signals()).toContain('/PID 3500');
    expect(enforcer.openAtStart()).toMatchObject({ appIds: ['wechat'], closed: true });
    // The open app's new helper was never counted: one change for the launch, one for the wait's end.
    expect(enforcer.report()).toEqual([{ appId: 'discord', attempts: 1 }]);
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it('judges and signals nothing when PowerShell fails or answers in another form', async () => {
    const oversized = JSON.stringify(Array.from({ length: 20_001 }, (_, pid) => ({ pid, ppid: 0, path: WECHAT, created: CREATED })));
    for (const answer of [{ kind: 'timeout' as const }, ok('not json'), ok('{"pid": 1}'), ok('[{"pid": "1", "ppid": 0, "path": null, "created": null}]'), ok(oversized)]) {
      const { run, calls } = recordingRunner({ [POWERSHELL]: answer });
      const blind = new WindowsAppEnforcer({ run, env: { SystemRoot: 'C:\\Windows' }, intervalMs: 3_600_000 });
      blind.start(list, { graceMs: GRACE_MS });
      await blind.scan();
      blind.stop();
      expect(calls).toHaveLength(1);
    }
  });
});

// The guard's variant: a service (SYSTEM, session 0) closing one user's apps, told whose by the config's SID.
describe('the Windows app enforcer run by a service for one user (recorded commands)', () => {
  const EXPLORER = 'C:\\Windows\\explorer.exe';
  const serviceStart = (windows: ReturnType<typeof fakeWindows>) => {
    enforcer = new WindowsAppEnforcer({ run: windows.run, env: { SystemRoot: 'C:\\Windows' }, intervalMs: 3_600_000, service: { userSid: ME } });
    enforcer.start(list, { graceMs: GRACE_MS });
    return enforcer;
  };

  it('pins the scripts: the sessions of that SID’s explorer.exe (never session 0), and owners against that SID', () => {
    const script = userListScript(ME);
    expect(script).toContain(`$user = '${ME}'`);
    expect(script).toContain(`Get-CimInstance -ClassName Win32_Process -Filter "Name = 'explorer.exe' AND SessionId <> 0"`);
    expect(script).toContain('(Invoke-CimMethod -InputObject $_ -MethodName GetOwnerSid -ErrorAction SilentlyContinue).Sid -eq $user');
    expect(script).toContain('$processes = @(if ($sessions.Count -gt 0) {');
    expect(script).not.toContain('Get-Process -Id $PID');
    expect(identifyScript([42], ME)).toContain(`$me = '${ME}'`);
    expect(identifyScript([42], ME)).not.toContain('GetCurrent()');
    // Only a user account's SID is ever spliced into a script: never SYSTEM's, a service's, a group's, or text.
    for (const sid of [SYSTEM, 'S-1-5-19', 'S-1-5-20', 'S-1-5-32-544', "S-1-5-21-1-2-3-4'; Stop-Computer; '", '']) {
      expect(isUserSid(sid)).toBe(false);
      expect(() => userListScript(sid)).toThrow(/not a user's SID/);
      expect(() => identifyScript([42], sid)).toThrow(/not a user's SID/);
      expect(() => new WindowsAppEnforcer({ service: { userSid: sid } })).toThrow(/not a user's SID/);
    }
    expect(isUserSid(ME)).toBe(true);
    expect(isUserSid('S-1-12-1-1234567890-1234567890-1234567890-1234567890')).toBe(true);
  });

  it('lists that user’s sessions, sends no WM_CLOSE (it cannot reach their windows), and forces after the grace', async () => {
    const windows = fakeWindows({ 1100: { ppid: 1000, path: EXPLORER }, 3000: { ppid: 1100, path: WECHAT } }, { userSid: ME });
    const running = serviceStart(windows);
    await running.scan();
    expect(windows.calls[0]).toEqual({ file: POWERSHELL, args: powershellArgs(userListScript(ME)), timeoutMs: 20_000 });
    expect(decode(windows.calls[1]!)).toBe(identifyScript([3000], ME));
    expect(windows.steps()).toEqual(['list', 'identify 3000']);
    await vi.advanceTimersByTimeAsync(GRACE_MS - 1);
    expect(windows.signals()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(windows.steps()).toEqual(['list', 'identify 3000', 'identify 3000', 'taskkill /F /PID 3000']);
    expect(windows.calls.at(-1)).toEqual({ file: TASKKILL, args: ['/F', '/PID', '3000'], timeoutMs: 10_000 });
    // A relaunch is counted and forced the same way.
    windows.processes.set(3100, { ppid: 1100, path: WECHAT, created: '133780000010000000' });
    await running.scan();
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(windows.signals()).toEqual(['/F /PID 3000', '/F /PID 3100']);
    expect(running.report()).toEqual([{ appId: 'wechat', attempts: 1 }]);
  });

  it('never touches SYSTEM’s, session 0’s or another user’s process, nor another user’s session; nothing without the user’s desktop', async () => {
    const windows = fakeWindows(
      {
        1100: { ppid: 1000, path: EXPLORER },
        // In the user's session, but not theirs.
        6000: { ppid: 1100, path: WECHAT, owner: OTHER },
        6001: { ppid: 1100, path: DISCORD, owner: SYSTEM },
        // Session 0, the services': never listed, whoever the owner.
        6100: { ppid: 4, path: WECHAT, owner: SYSTEM, session: 0 },
        6101: { ppid: 4, path: DISCORD, session: 0 },
        // Another user's session (fast user switching), with the same apps.
        2200: { ppid: 2000, path: EXPLORER, owner: OTHER, session: 2 },
        6200: { ppid: 2200, path: WECHAT, owner: OTHER, session: 2 },
      },
      { userSid: ME },
    );
    const running = serviceStart(windows);
    await running.scan();
    await running.scan();
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(windows.signals()).toEqual([]);
    expect(windows.steps()).toEqual(['list', 'identify 6000,6001', 'list']);
    running.stop();

    // The user not logged on (no explorer.exe of theirs): an empty listing, nothing asked or signalled.
    const away = fakeWindows({ 2200: { ppid: 2000, path: EXPLORER, owner: OTHER, session: 2 }, 6200: { ppid: 2200, path: WECHAT, owner: OTHER, session: 2 } }, { userSid: ME });
    const idle = serviceStart(away);
    await idle.scan();
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(away.steps()).toEqual(['list']);
  });

  it('judges nothing when the answer names another owner than the user it was asked about', async () => {
    const windows = fakeWindows({ 1100: { ppid: 1000, path: EXPLORER }, 3000: { ppid: 1100, path: WECHAT } }, { userSid: ME });
    const run: OutputRunner = async (file, args, timeoutMs) => {
      const output = await windows.run(file, args, timeoutMs);
      return output.kind === 'ok' ? { ...output, stdout: output.stdout.replace(`"me":"${ME}"`, `"me":"${SYSTEM}"`) } : output;
    };
    enforcer = new WindowsAppEnforcer({ run, env: { SystemRoot: 'C:\\Windows' }, intervalMs: 3_600_000, service: { userSid: ME } });
    enforcer.start(list, { graceMs: GRACE_MS });
    await enforcer.scan();
    await vi.advanceTimersByTimeAsync(GRACE_MS);
    expect(windows.signals()).toEqual([]);
  });
});

function none() {
  return { executables: [], paths: [], appImages: [], flatpaks: [], snaps: [] };
}
