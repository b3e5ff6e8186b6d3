import { chmod, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { versionOf } from './file-state';
import { ANY_VERSION, VaultFiles, refusalOf } from './vault-files';

let root: string;
let vault: string;
let outside: string;
let files: VaultFiles;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'vault-files-'));
  vault = join(root, 'vault');
  outside = join(root, 'outside');
  await mkdir(vault);
  await mkdir(outside);
  files = new VaultFiles(vault);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const refusal = (promise: Promise<unknown>) => promise.then(() => null, refusalOf);

describe('VaultFiles', () => {
  it('writes only over the expected version, makes missing folders, and reads back what it wrote', async () => {
    const path = join(vault, 'Reflections', '2027', '01', 'a.md');
    const first = await files.write(path, 'one', { expected: null, maxBytes: 100 });
    expect(first).toMatchObject({ path, version: versionOf(Buffer.from('one')), size: 3 });
    expect(await refusal(files.write(path, 'two', { expected: null, maxBytes: 100 }))).toEqual({ reason: 'conflict', current: first.version });
    await writeFile(path, 'theirs');
    expect(await refusal(files.write(path, 'two', { expected: first.version, maxBytes: 100 }))).toEqual({ reason: 'conflict', current: versionOf(Buffer.from('theirs')) });
    // Larger than the caller may read: it cannot be the version the caller saw.
    expect(await refusal(files.write(path, 'two', { expected: versionOf(Buffer.from('theirs')), maxBytes: 3 }))).toMatchObject({ reason: 'conflict', current: null });
    await files.write(path, 'two', { expected: versionOf(Buffer.from('theirs')), maxBytes: 100 });
    expect(await files.read(path, 100)).toMatchObject({ status: 'text', content: 'two' });
  });

  it('takes back a file it wrote only while it holds that version, never through a link out', async () => {
    const path = join(vault, 'Reflections', 'a.md');
    const written = await files.write(path, 'ours', { expected: null, maxBytes: 100 });
    await writeFile(path, 'theirs');
    expect(await refusal(files.remove(path, written.version, 100))).toMatchObject({ reason: 'conflict' });
    expect(await readFile(path, 'utf8')).toBe('theirs');
    await files.remove(path, versionOf(Buffer.from('theirs')), 100);
    expect(await readdir(join(vault, 'Reflections'))).toEqual([]);
    await writeFile(join(outside, 'b.md'), 'ours');
    await symlink(join(outside, 'b.md'), join(vault, 'b.md'));
    expect(await refusal(files.remove(join(vault, 'b.md'), versionOf(Buffer.from('ours')), 100))).toEqual({ reason: 'outside' });
    expect(await readFile(join(outside, 'b.md'), 'utf8')).toBe('ours');
  });

  it('refuses a read-only file with the OS code, and keeps it as it is', async () => {
    const path = join(vault, 'locked.md');
    await writeFile(path, 'kept');
    await chmod(path, 0o444);
    expect(await refusal(files.write(path, 'changed', { expected: ANY_VERSION }))).toMatchObject({ reason: 'failed', code: 'EACCES' });
    expect(await readFile(path, 'utf8')).toBe('kept');
  });

  it('never writes, makes folders or renames through a link out of the vault', async () => {
    await symlink(outside, join(vault, 'Linked'));
    await writeFile(join(outside, 'target.md'), 'outside');
    await symlink(join(outside, 'target.md'), join(vault, 'escape.md'));
    expect(await refusal(files.write(join(vault, 'Linked', 'deep', 'new.md'), 'x', { expected: null, maxBytes: 10 }))).toEqual({ reason: 'outside' });
    expect(await refusal(files.create(join(vault, 'Linked', 'made.md'), 'x'))).toEqual({ reason: 'outside' });
    expect(await refusal(files.write(join(vault, 'escape.md'), 'x', { expected: ANY_VERSION }))).toEqual({ reason: 'outside' });
    expect(await refusal(files.rename(join(vault, 'escape.md'), join(vault, 'moved.md')))).toEqual({ reason: 'outside' });
    expect(await files.read(join(vault, 'escape.md'), 100)).toMatchObject({ status: 'outside-link', content: null, size: 0 });
    expect((await readdir(outside)).sort()).toEqual(['target.md']);
    expect(await readFile(join(outside, 'target.md'), 'utf8')).toBe('outside');
  });

  it('creates only a file that does not exist, and renames only onto a free name', async () => {
    const a = join(vault, 'a.md');
    await files.create(a, '');
    expect(await refusal(files.create(a, 'again'))).toEqual({ reason: 'exists' });
    await files.create(join(vault, 'b.md'), 'b');
    expect(await refusal(files.rename(a, join(vault, 'b.md')))).toEqual({ reason: 'exists' });
    expect(await refusal(files.rename(join(vault, 'none.md'), join(vault, 'c.md')))).toEqual({ reason: 'missing' });
    await files.rename(a, join(vault, 'c.md'));
    expect((await readdir(vault)).sort()).toEqual(['b.md', 'c.md']);
  });
});
