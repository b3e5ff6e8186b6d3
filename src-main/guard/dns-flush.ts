import { existsSync } from 'node:fs';
import type { CommandRunner } from '../base/command-runner';

/**
 * Flushing the OS DNS caches after the hosts file changes, so a blocked site stops resolving at once.
 * The commands are fixed argument arrays in this file (guard invariant 9 in docs/ARCHITECTURE.md); failures are logged, never fatal.
 */

const FLUSH_TIMEOUT_MS = 5000;

/** The flush commands for an OS; on Linux only the cache daemons that are installed. */
export function dnsFlushCommands(platform: NodeJS.Platform, exists: (path: string) => boolean = existsSync): string[][] {
  switch (platform) {
    case 'darwin':
      return [
        ['/usr/bin/dscacheutil', '-flushcache'],
        ['/usr/bin/killall', '-HUP', 'mDNSResponder'],
      ];
    case 'win32':
      return [['C:\\Windows\\System32\\ipconfig.exe', '/flushdns']];
    case 'linux': {
      const commands: string[][] = [];
      const resolvectl = ['/usr/bin/resolvectl', '/bin/resolvectl'].find(exists);
      if (resolvectl) commands.push([resolvectl, 'flush-caches']);
      const nscd = ['/usr/sbin/nscd', '/sbin/nscd'].find(exists);
      if (nscd) commands.push([nscd, '-i', 'hosts']);
      return commands;
    }
    default:
      return [];
  }
}

/** Runs every flush command; returns the errors (empty when all worked or none applies). */
export async function flushDnsCaches(commands: readonly string[][], run: CommandRunner): Promise<string[]> {
  const errors: string[] = [];
  for (const [file, ...args] of commands) {
    if (file === undefined) continue;
    const result = await run(file, args, FLUSH_TIMEOUT_MS);
    if (!result.ok) errors.push(result.error);
  }
  return errors;
}
