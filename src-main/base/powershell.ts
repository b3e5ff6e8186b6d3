/**
 * Running Windows PowerShell with a fixed script: the notification adapter (core/dnd) and the Windows app enforcer
 * (base/apps) both do, so it lives here in plain Node, below both.
 */

/** PowerShell takes a script as base64 of its UTF-16LE text: no quoting of the script through the command line. */
export function encodedCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** Windows PowerShell 5.1 ships with every Windows 10 and 11, at a fixed place under the system folder. */
export function powershellPath(env: NodeJS.ProcessEnv = process.env): string {
  return `${systemRoot(env)}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
}

/** The Windows folder (`%SystemRoot%`), where the system's own programs are. */
export function systemRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.SystemRoot || 'C:\\Windows';
}

/** The arguments that run `script` with no profile, no prompt and no logo. */
export function powershellArgs(script: string): string[] {
  return ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodedCommand(script)];
}
