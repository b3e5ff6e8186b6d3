import { describe, expect, it } from 'vitest';
import { execFileRunner, type CommandRunner } from '../base/command-runner';
import { dnsFlushCommands, flushDnsCaches } from './dns-flush';

describe('DNS flush', () => {
  // macOS and Windows cannot run here: their exact argv is checked through the runner interface.
  it('runs the fixed macOS commands', async () => {
    const calls: string[][] = [];
    const record: CommandRunner = async (file, args, timeoutMs) => {
      calls.push([file, ...args, `timeout=${timeoutMs}`]);
      return { ok: true };
    };
    expect(await flushDnsCaches(dnsFlushCommands('darwin'), record)).toEqual([]);
    expect(calls).toEqual([
      ['/usr/bin/dscacheutil', '-flushcache', 'timeout=5000'],
      ['/usr/bin/killall', '-HUP', 'mDNSResponder', 'timeout=5000'],
    ]);
  });

  it('runs ipconfig /flushdns on Windows', () => {
    expect(dnsFlushCommands('win32')).toEqual([['C:\\Windows\\System32\\ipconfig.exe', '/flushdns']]);
  });

  it('uses only the Linux cache daemons that are installed', () => {
    expect(dnsFlushCommands('linux', () => false)).toEqual([]);
    expect(dnsFlushCommands('linux', (path) => path === '/usr/bin/resolvectl' || path === '/usr/sbin/nscd')).toEqual([
      ['/usr/bin/resolvectl', 'flush-caches'],
      ['/usr/sbin/nscd', '-i', 'hosts'],
    ]);
  });

  it('reports failures and time-outs of real commands without throwing', async () => {
    expect(await flushDnsCaches([['/bin/true']], execFileRunner)).toEqual([]);
    const errors = await flushDnsCaches([['/bin/false'], ['/no/such/command']], execFileRunner);
    expect(errors).toHaveLength(2);
    const slow = await execFileRunner('/bin/sleep', ['5'], 100);
    expect(slow.ok).toBe(false);
  });
});
