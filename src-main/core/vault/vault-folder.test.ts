import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkVaultFolder } from './vault-folder';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'stillroom-vault-folder-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/**
 * Root writes through permission bits, so as root the folder is made read-only the way a real one would be: a
 * read-only bind mount, in a private mount namespace that only the child process sees.
 */
async function checkOnReadOnlyMount(folder: string, target: string): Promise<unknown> {
  const script = [
    "import { execFileSync } from 'node:child_process';",
    "import { pathToFileURL } from 'node:url';",
    "execFileSync('mount', ['--bind', '-o', 'ro', process.argv[1], process.argv[1]], { timeout: 10000 });",
    'const { checkVaultFolder } = await import(pathToFileURL(process.argv[3]).href);',
    "try { await checkVaultFolder(process.argv[2]); console.log(JSON.stringify('accepted')); } catch (error) { console.log(JSON.stringify({ code: error.code, params: error.params })); }",
  ].join('\n');
  const modulePath = join(import.meta.dirname, 'vault-folder.ts');
  const { stdout } = await run('unshare', ['-m', '--propagation', 'private', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script, folder, target, modulePath], { timeout: 30_000 });
  return JSON.parse(stdout.trim());
}

describe('checkVaultFolder', () => {
  it('refuses a folder it cannot write, with the real reason, and leaves it as it was', async () => {
    const folder = join(root, 'read-only');
    await mkdir(folder);
    if (isRoot) {
      expect(await checkOnReadOnlyMount(folder, folder)).toEqual({ code: 'vault-unusable', params: { folder, reason: 'EROFS' } });
      // A missing folder inside it cannot be made either.
      expect(await checkOnReadOnlyMount(folder, join(folder, 'a', 'b'))).toEqual({ code: 'vault-unusable', params: { folder: join(folder, 'a', 'b'), reason: 'EROFS' } });
    } else {
      await chmod(folder, 0o500);
      await expect(checkVaultFolder(folder)).rejects.toMatchObject({ code: 'vault-unusable', params: { folder, reason: 'EACCES' } });
      await chmod(folder, 0o700);
    }
    expect(await readdir(folder)).toEqual([]);
  }, 60_000);

  it('makes a missing folder with Notes/ in it and leaves no probe file', async () => {
    const folder = join(root, 'new', 'Vault');
    await expect(checkVaultFolder(folder)).resolves.toBe(folder);
    expect(await readdir(join(folder, 'Notes'))).toEqual([]);
  });

  it('removes the folders it made when the check then fails', async () => {
    await mkdir(join(root, 'taken'));
    // A file where Notes/ should be: the folder is usable, its Notes is not.
    await writeFile(join(root, 'taken', 'Notes'), 'in the way');
    await expect(checkVaultFolder(join(root, 'taken'))).rejects.toMatchObject({ code: 'vault-unusable', params: { reason: 'ENOTDIR' } });
    expect(await readdir(join(root, 'taken'))).toEqual(['Notes']);
  });

  it('refuses a relative path', async () => {
    await expect(checkVaultFolder('notes/here')).rejects.toMatchObject({ code: 'vault-unusable', params: { reason: 'not-absolute' } });
  });
});
