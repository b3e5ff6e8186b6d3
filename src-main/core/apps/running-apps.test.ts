import { posix } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StandInApps } from '../../../test-support/stand-in-apps';
import { isSystemExecutable } from '../../base/apps/app-rule';
import type { RunningApps } from '../../contract/apps';
import { powershellArgs } from '../../base/powershell';
import { exit, ok, recordingRunner } from '../../../test-support/recording-runner';
import { WINDOWS_RUNNING_APPS_SCRIPT, runningApps } from './running-apps';

// Real processes of this user, started by this test (test-support/stand-in-apps.ts): copies of `sleep` in a folder
// of its own, run as a desktop launches an app (a display in the environment, no controlling terminal).
const standIns = new StandInApps();
const root = standIns.folder;
const standIn = standIns.binary('focus-standin');
const systemLookalike = standIns.binary('gnome-shell');
const terminalOnly = standIns.binary('terminal-tool');
const launch = (file: string, env: NodeJS.ProcessEnv) => standIns.launch(file, env);
const until = async (check: () => Promise<boolean>) => {
  for (let tries = 0; tries < 100 && !(await check()); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
};

afterAll(() => standIns.dispose());

describe('the running apps Settings offers to add', () => {
  it('lists a desktop program once by its path, never a system process, a program without a display, or this process', async () => {
    launch(standIn, { DISPLAY: ':0' });
    launch(standIn, { WAYLAND_DISPLAY: 'wayland-0' });
    launch(systemLookalike, { DISPLAY: ':0' });
    launch(terminalOnly, {});
    // The children have exec'd once their exe link is the copy.
    const ours = (list: RunningApps) => list.apps.filter((app) => app.own.rule.startsWith(`${root}/`));
    await until(async () => ours(await runningApps('linux')).length > 0);
    const before = Date.now();
    const list = await runningApps('linux');
    const elapsed = Date.now() - before;

    expect(list.supported).toBe(true);
    expect(ours(list)).toEqual([{ name: 'focus-standin', own: { kind: 'path', rule: standIn } }]);
    for (const app of list.apps) expect(isSystemExecutable(posix.basename(app.own.rule))).toBe(false);
    expect(list.apps.map((app) => app.own.rule)).not.toContain(process.execPath);
    expect(list.apps.length).toBeLessThanOrEqual(200);
    expect(elapsed).toBeLessThan(1000);
  });

  it('is an empty list that says so where apps are not closed', async () => {
    expect(await runningApps('freebsd')).toEqual({ supported: false, apps: [] });
  });
});

// macOS and Windows cannot run here: `ps` and PowerShell are a recording runner (test-support/recording-runner.ts)
// answering as they would there, so these tests pin the exact commands and how each answer is read.
describe('the running apps Settings offers on macOS (recorded commands)', () => {
  const PS = '/bin/ps -axww -o uid=,comm=';
  const listing = [
    '  501 /Applications/WeChat.app/Contents/MacOS/WeChat',
    '  501 /Applications/WeChat.app/Contents/Frameworks/WeChat Helper.app/Contents/MacOS/WeChat Helper',
    '  501 /Applications/Telegram Desktop.app/Contents/MacOS/Telegram',
    '  501 /System/Library/CoreServices/Finder.app/Contents/MacOS/Finder',
    '  501 /System/Library/CoreServices/Dock.app/Contents/MacOS/Dock',
    '  501 /Applications/Stillroom.app/Contents/MacOS/Stillroom',
    '  501 /usr/libexec/trustd',
    '  501 -zsh',
    '    0 /Applications/Steam.app/Contents/MacOS/steam_osx',
    '  502 /Applications/Discord.app/Contents/MacOS/Discord',
  ].join('\n');

  it('offers each of this user’s app bundles once, by its path, never the system’s, Stillroom, or another user’s', async () => {
    const { run, calls } = recordingRunner({ [PS]: ok(`${listing}\n`) });
    expect(await runningApps('darwin', { run, uid: 501 })).toEqual({
      supported: true,
      apps: [
        { name: 'Telegram Desktop', own: { kind: 'appPath', rule: '/Applications/Telegram Desktop.app' } },
        { name: 'WeChat', own: { kind: 'appPath', rule: '/Applications/WeChat.app' } },
      ],
    });
    expect(calls).toEqual([{ file: '/bin/ps', args: ['-axww', '-o', 'uid=,comm='], timeoutMs: 20_000 }]);
  });

  it('offers nothing when `ps` fails', async () => {
    expect(await runningApps('darwin', { run: recordingRunner({ [PS]: exit(1) }).run, uid: 501 })).toEqual({ supported: true, apps: [] });
  });
});

describe('the running apps Settings offers on Windows (recorded commands)', () => {
  const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
  const env = { SystemRoot: 'C:\\Windows' };
  const answer = JSON.stringify([
    { path: 'C:\\Program Files\\Tencent\\WeChat\\WeChat.exe', name: 'WeChat' },
    { path: 'C:\\Users\\ada\\AppData\\Local\\Discord\\app-1.0\\Discord.exe', name: '' },
    { path: 'C:\\Windows\\explorer.exe', name: 'Windows Explorer' },
    { path: 'C:\\Program Files\\WindowsApps\\Microsoft.WindowsTerminal_1.2\\WindowsTerminal.exe', name: 'Terminal' },
    { path: 'C:\\Program Files\\Stillroom\\Stillroom.exe', name: 'Stillroom' },
  ]);

  it('offers each program with a window by its path, never a system program or Stillroom', async () => {
    const { run, calls } = recordingRunner({ [POWERSHELL]: ok(answer) });
    expect(await runningApps('win32', { run, env })).toEqual({
      supported: true,
      apps: [
        { name: 'Discord.exe', own: { kind: 'windowsPath', rule: 'C:\\Users\\ada\\AppData\\Local\\Discord\\app-1.0\\Discord.exe' } },
        { name: 'WeChat', own: { kind: 'windowsPath', rule: 'C:\\Program Files\\Tencent\\WeChat\\WeChat.exe' } },
      ],
    });
    expect(calls[0]?.file).toBe(POWERSHELL);
    expect(calls[0]?.args).toEqual(powershellArgs(WINDOWS_RUNNING_APPS_SCRIPT));
    expect(calls[0]?.timeoutMs).toBe(20_000);
  });

  it('offers nothing for an answer that is not the expected JSON, or none', async () => {
    for (const stdout of ['not json', '{"path": 1}', JSON.stringify([{ path: 'C:\\x.exe' }])])
      expect(await runningApps('win32', { run: recordingRunner({ [POWERSHELL]: ok(stdout) }).run, env })).toEqual({ supported: true, apps: [] });
    expect(await runningApps('win32', { run: recordingRunner({ [POWERSHELL]: { kind: 'timeout' } }).run, env })).toEqual({ supported: true, apps: [] });
  });
});
