import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBootId, type BootSources } from './boot-id';

/**
 * macOS's sysctl and Windows' PowerShell cannot run here, so their outputs are made up (copied in shape from
 * those systems) behind BootSources; Linux reads the real kernel file.
 */
const answering = (outputs: Record<string, string | Error>): BootSources & { calls: string[][] } => {
  const calls: string[][] = [];
  return {
    calls,
    readText: (path) => {
      throw new Error(`unexpected read of ${path}`);
    },
    run: (file, args) => {
      calls.push([file, ...args]);
      const output = outputs[args.at(-1) ?? ''];
      if (output === undefined || output instanceof Error) throw output ?? new Error('no such command');
      return output;
    },
  };
};

describe('the boot id', () => {
  it.runIf(existsSync('/proc/sys/kernel/random/boot_id'))('is the kernel boot id on Linux', () => {
    expect(readBootId('linux')).toMatch(/^[0-9a-f-]{36}$/);
    expect(readBootId('linux')).toBe(readBootId('linux'));
  });

  it('is the boot session UUID on macOS, from a fixed sysctl command', () => {
    const sources = answering({ 'kern.bootsessionuuid': 'A1B2C3D4-1111-4222-8333-944455556666\n' });
    expect(readBootId('darwin', sources)).toBe('session:A1B2C3D4-1111-4222-8333-944455556666');
    expect(sources.calls).toEqual([['/usr/sbin/sysctl', '-n', 'kern.bootsessionuuid']]);
  });

  it('falls back to kern.boottime on a macOS without a boot session UUID', () => {
    const sources = answering({ 'kern.bootsessionuuid': new Error('unknown oid'), 'kern.boottime': '{ sec = 1764751234, usec = 123456 } Thu Dec  3 08:40:34 2026\n' });
    expect(readBootId('darwin', sources)).toBe('boottime:1764751234.123456');
  });

  it('is the recorded last boot time on Windows, read by a fixed PowerShell command', () => {
    const sources = answering({
      "(Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime.ToUniversalTime().ToString('o')": '2026-12-03T08:40:34.5000000Z\r\n',
    });
    expect(readBootId('win32', sources)).toBe('boottime:2026-12-03T08:40:34.500Z');
    expect(sources.calls[0]?.[0]).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('is null when nothing can be read or the output is not understood', () => {
    expect(readBootId('win32', answering({}))).toBeNull();
    expect(readBootId('darwin', answering({ 'kern.bootsessionuuid': 'garbage', 'kern.boottime': 'garbage' }))).toBeNull();
    expect(readBootId('freebsd', answering({}))).toBeNull();
  });
});
