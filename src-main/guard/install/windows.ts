import { guardPaths } from '../paths';
import type { InstallInput } from './elevation';
import type { PlatformInstaller } from './installer';
import { guardConfigFor } from './installer';

/**
 * Windows: the guard runs as SYSTEM at startup from a scheduled task (a plain Node/Electron process cannot answer
 * the service control manager, so a Windows *service* would need a separate service host; the task gives the same
 * "runs as SYSTEM, starts at boot, restarts" without one). Installed through a UAC prompt (PowerShell -Verb RunAs).
 * Not runnable here: the command lines are tested to the byte, and must be verified on Windows.
 */
const windowsLayout = guardPaths.win32;

export const TASK_NAME = 'Stillroom Guard';
const SCHTASKS = 'C:\\Windows\\System32\\schtasks.exe';
const ICACLS = 'C:\\Windows\\System32\\icacls.exe';

/**
 * The state folder (lease, log) is closed to everyone but SYSTEM, Administrators and the installing user (read):
 * ProgramData's inherited ACL lets every local user read, and the log names sessions and end times.
 */
export function stateFolderAclCommand(user: InstallInput['user']): string[] {
  const reader = user.sid ? `*${user.sid}` : user.name;
  return [ICACLS, windowsLayout.stateDir, '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F', `${reader}:(OI)(CI)RX`];
}

/** The task's command line (Windows quoting: every argument in double quotes; paths cannot contain a double quote). */
export function taskCommand(runtime: string): string {
  // The task runs a tiny cmd line so ELECTRON_RUN_AS_NODE is set for the app's binary.
  const args = [runtime, windowsLayout.scriptPath, 'run', '--config', windowsLayout.configPath].map((arg) => {
    if (arg.includes('"')) throw new Error(`Unsupported character in path: ${arg}`);
    return `"${arg}"`;
  });
  return `cmd.exe /d /c "set ELECTRON_RUN_AS_NODE=1&& ${args.join(' ')}"`;
}

export const windowsInstaller: PlatformInstaller = {
  layout: windowsLayout,
  files: (input: InstallInput) => [
    { path: windowsLayout.configPath, mode: 0o644, content: `${JSON.stringify(guardConfigFor(windowsLayout, input), null, 2)}\n` },
  ],
  filePaths: [windowsLayout.configPath],
  startCommands: (input) => [
    stateFolderAclCommand(input.user),
    [SCHTASKS, '/Create', '/F', '/TN', TASK_NAME, '/SC', 'ONSTART', '/RU', 'SYSTEM', '/RL', 'HIGHEST', '/TR', taskCommand(input.runtime)],
    [SCHTASKS, '/Run', '/TN', TASK_NAME],
  ],
  stopCommands: () => [
    [SCHTASKS, '/End', '/TN', TASK_NAME],
    [SCHTASKS, '/Delete', '/F', '/TN', TASK_NAME],
  ],
  afterRemoveCommands: () => [],
};
