import type { GuardConfig } from '../config';
import type { GuardPlatform } from '../paths';

/**
 * How the app asks for the guard to be installed or removed: the guard script's own `install` and `uninstall`
 * command lines (command.ts parses them), wrapped in the OS's admin prompt. This runs in the app, without rights;
 * with the paths table (../paths.ts) and the wire protocol (../protocol.ts) it is all of the guard the app imports.
 */
export interface InstallInput {
  /** The binary that runs the guard: the app's own (with ELECTRON_RUN_AS_NODE=1) or Node in development. */
  runtime: string;
  /** The self-contained guard script to copy (out/guard/stillroom-guard.cjs). */
  bundle: string;
  user: GuardConfig['user'];
  version: string;
}

/** The argv the app runs (through `elevate`) to install: the guard script installs itself. */
export function guardInstallArgv(input: InstallInput): string[] {
  const argv = [input.runtime, input.bundle, 'install', '--runtime', input.runtime, '--user', input.user.name, '--version', input.version];
  if (input.user.uid !== undefined) argv.push('--uid', String(input.user.uid));
  if (input.user.sid !== undefined) argv.push('--sid', input.user.sid);
  return argv;
}

export function guardUninstallArgv(runtime: string, bundle: string): string[] {
  return [runtime, bundle, 'uninstall'];
}

const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

/** The guard's own install/uninstall command line wrapped in each OS's admin prompt, as the app runs it. */
export const elevate: Readonly<Record<GuardPlatform, (guardArgv: readonly string[]) => string[]>> = {
  // pkexec clears the environment, so /usr/bin/env sets ELECTRON_RUN_AS_NODE for the app's binary.
  // Without a polkit agent, pkexec would ask for the password on whatever terminal started the app: it is told to
  // fail instead (core/guard-client/guard-installer.ts then offers the terminal command).
  linux: (guardArgv) => ['/usr/bin/pkexec', '--disable-internal-agent', '/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', ...guardArgv],
  darwin: (guardArgv) => [
    '/usr/bin/osascript',
    '-e',
    `do shell script ${appleScriptString(['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', ...guardArgv].map(shellQuote).join(' '))} with administrator privileges`,
  ],
  win32: (guardArgv) => {
    // The elevated process does not inherit the app's environment, so ELECTRON_RUN_AS_NODE is set inside it.
    const inner = `-NoProfile -NonInteractive -Command "$env:ELECTRON_RUN_AS_NODE='1'; & ${guardArgv.map(psQuote).join(' ')}"`;
    return [POWERSHELL, '-NoProfile', '-NonInteractive', '-Command', `Start-Process -Wait -Verb RunAs -WindowStyle Hidden -FilePath ${psQuote(POWERSHELL)} -ArgumentList ${psQuote(inner)}`];
  },
};

/** POSIX single quotes: the only safe way to hand an argument to `do shell script` or a shell script. */
export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function appleScriptString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** PowerShell single-quoted string: only ' needs doubling. */
function psQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
