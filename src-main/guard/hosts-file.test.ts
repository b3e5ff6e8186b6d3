import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostsFile } from './hosts-file';

describe('HostsFile', () => {
  it('replaces the content, keeps the mode, keeps a backup and leaves no temp file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hosts-file-'));
    const path = join(folder, 'hosts');
    writeFileSync(path, Buffer.from('caf\xe9\r\n', 'latin1'));
    chmodSync(path, 0o664);
    const hosts = new HostsFile(path);
    const before = await hosts.read();
    expect(await hosts.replace(before, `# new\n${before}`)).toBe(true);
    expect(readFileSync(path).toString('latin1')).toBe('# new\ncaf\xe9\r\n');
    expect(readFileSync(`${path}.stillroom-backup`).toString('latin1')).toBe('caf\xe9\r\n');
    expect(statSync(path).mode & 0o777).toBe(0o664);
    expect(readdirSync(folder).sort()).toEqual(['hosts', 'hosts.stillroom-backup']);
    expect(await hosts.replace('same', 'same')).toBe(false);
  });

  it('refuses to replace a symbolic link', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hosts-file-'));
    writeFileSync(join(folder, 'real'), 'x\n');
    symlinkSync(join(folder, 'real'), join(folder, 'hosts'));
    const hosts = new HostsFile(join(folder, 'hosts'));
    await expect(hosts.replace('x\n', 'y\n')).rejects.toThrow(/symbolic link/);
    expect(readFileSync(join(folder, 'real'), 'utf8')).toBe('x\n');
  });
});
