import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * What tells one boot of the machine from the next, so a lease's elapsed time is measured in uptime only within
 * the boot it was taken in (guard invariant 7 in docs/ARCHITECTURE.md). Every source is a fixed file or a fixed command, read once per
 * guard process (a process never outlives its boot):
 * - Linux: the kernel's random boot id.
 * - macOS: the boot session UUID (`kern.bootsessionuuid`), else the boot time (`kern.boottime`, set at boot and not
 *   moved by later clock changes).
 * - Windows: the last boot time as the OS recorded it (Win32_OperatingSystem.LastBootUpTime).
 * Null when none can be read; the lease then tells a reboot only by a smaller uptime.
 */
export interface BootSources {
  readText(path: string): string;
  /** Runs a fixed command and returns its standard output; throws on failure or timeout. */
  run(file: string, args: readonly string[]): string;
}

export const systemBootSources: BootSources = {
  readText: (path) => readFileSync(path, 'utf8'),
  run: (file, args) => execFileSync(file, [...args], { encoding: 'utf8', timeout: 10_000, windowsHide: true, stdio: ['ignore', 'pipe', 'ignore'] }),
};

const SYSCTL = '/usr/sbin/sysctl';
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const LAST_BOOT = "(Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime.ToUniversalTime().ToString('o')";

export function readBootId(platform: NodeJS.Platform, sources: BootSources = systemBootSources): string | null {
  const attempt = (read: () => string | null): string | null => {
    try {
      return read();
    } catch {
      return null;
    }
  };
  switch (platform) {
    case 'linux':
      return attempt(() => matchOrNull(sources.readText('/proc/sys/kernel/random/boot_id').trim(), /^[0-9a-f-]{36}$/i));
    case 'darwin':
      return (
        attempt(() => prefixed('session', matchOrNull(sources.run(SYSCTL, ['-n', 'kern.bootsessionuuid']).trim(), /^[0-9A-F-]{36}$/i))) ??
        attempt(() => {
          // `{ sec = 1764751234, usec = 123456 } Thu Dec  3 08:40:34 2026`
          const found = /sec = (\d+), usec = (\d+)/.exec(sources.run(SYSCTL, ['-n', 'kern.boottime']));
          return found ? `boottime:${found[1]}.${found[2]}` : null;
        })
      );
    case 'win32':
      return attempt(() => {
        const text = sources.run(POWERSHELL, ['-NoProfile', '-NonInteractive', '-Command', LAST_BOOT]).trim();
        return Number.isNaN(Date.parse(text)) ? null : `boottime:${new Date(text).toISOString()}`;
      });
    default:
      return null;
  }
}

const matchOrNull = (text: string, pattern: RegExp): string | null => (pattern.test(text) ? text : null);
const prefixed = (prefix: string, value: string | null): string | null => (value === null ? null : `${prefix}:${value}`);
