import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file';

describe('writeFileAtomic', () => {
  it('replaces the file whole, with exactly the mode asked for (not narrowed by the umask)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(folder, 'hosts');
    writeFileSync(path, 'old');
    const umask = process.umask(0o077);
    try {
      await writeFileAtomic(path, 'new', { mode: 0o664 });
    } finally {
      process.umask(umask);
    }
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o664);
    expect(readdirSync(folder)).toEqual(['hosts']);
  });

  it.skipIf(process.getuid?.() !== 0)('gives the file the owner asked for (as root)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'atomic-')), 'owned');
    await writeFileAtomic(path, 'x', { owner: { uid: 1234, gid: 5678 } });
    expect(statSync(path)).toMatchObject({ uid: 1234, gid: 5678 });
  });
});

describe('removeStaleTempFiles', () => {
  it('removes only the temp files of dead writers of that file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'atomic-'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const names = [`.hosts.${dead}.0123456789ab.tmp`, `.hosts.${process.pid}.0123456789ab.tmp`, `.hosts.stillroom-backup.${dead}.0123456789ab.tmp`, '.hosts.note.tmp', 'hosts'];
    for (const name of names) writeFileSync(join(folder, name), '');
    expect(await removeStaleTempFiles(join(folder, 'hosts'))).toEqual([`.hosts.${dead}.0123456789ab.tmp`]);
    expect(readdirSync(folder).sort()).toEqual(names.filter((name) => !name.startsWith(`.hosts.${dead}`)).sort());
  });
});
