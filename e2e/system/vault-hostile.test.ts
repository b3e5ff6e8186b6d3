import { execFile, spawn } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notesContract, type NoteSummary } from '../../src-main/contract/notes';
import { bundleChildScript } from '../../test-support/bundle-child';
import { systemUser, type SystemUser } from '../../test-support/system-user';

// Issue 9, vault items, as a real non-root user (ownership matters: a file only root may read, a linked file the
// user may write), with a real endless file inside the vault (a bind-mounted /proc pagemap, in a private mount
// namespace). Needs root for useradd, unshare and nsenter, as CI has.
const run = promisify(execFile);
const USER = 'stillroom-t-vault';
const skip = process.platform !== 'linux' || process.getuid?.() !== 0 ? 'needs root on Linux (useradd, unshare -m, nsenter), as in CI' : null;
const CANARY_MTIME = new Date(Date.UTC(2020, 0, 1));
const CANARY_ATIME = new Date(Date.UTC(2000, 0, 1));

let root: string;
let child: string;
let user: SystemUser;
let uid = 0;
let gid = 0;

beforeAll(async () => {
  if (skip) return;
  root = await mkdtemp(join(tmpdir(), 'vault-hostile-'));
  await chmod(root, 0o755);
  child = await bundleChildScript(join(import.meta.dirname, 'vault-hostile.child.ts'), root);
  user = systemUser(USER);
  ({ uid, gid } = user);
});
afterAll(async () => {
  if (skip) return;
  await rm(root, { recursive: true, force: true });
  user.remove();
});

/** Files the user owns, as a vault synced from elsewhere could hold them. */
async function owned(path: string, content?: string): Promise<void> {
  if (content === undefined) await mkdir(path, { recursive: true });
  else await writeFile(path, content);
  await chown(path, uid, gid);
}

/** Starts the child as the user in its own mount namespace, mounts its pagemap over `endless`, lets it run. */
function runChild(vaultDir: string, dataDir: string, endless: string): Promise<{ uid: number; list: NoteSummary[]; reads: Record<string, string>; saves: Record<string, string>; rss: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn('unshare', ['-m', '--propagation', 'private', 'runuser', '-u', USER, '--', process.execPath, '--max-old-space-size=96', child, vaultDir, dataDir], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error('the child did not finish in 60 s (an endless read, or a pipe that blocked)'));
    }, 60_000);
    let out = '';
    let mounted = false;
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const pid = /^(\d+)\n/.exec(out)?.[1];
      if (!mounted && pid) {
        mounted = true;
        run('nsenter', ['-t', pid, '-m', 'mount', '--bind', `/proc/${pid}/pagemap`, endless], { timeout: 10_000 }).then(
          () => proc.stdin.end('go\n'),
          (error: unknown) => {
            proc.kill('SIGKILL');
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0) resolve(JSON.parse(last) as never);
      else reject(new Error(`the child exited with ${String(code)}: ${out}`));
    });
  });
}

describe.skipIf(skip !== null)('a hostile vault, opened by a real user', () => {
  it('lists every entry as what it is, reads at most the cap of an endless file, and touches nothing outside', async () => {
    const vaultDir = join(root, 'vault');
    const notes = join(vaultDir, 'Notes');
    const dataDir = join(root, 'data');
    const outside = join(root, 'outside');
    await owned(vaultDir);
    await owned(notes);
    await owned(dataDir);
    await owned(outside);
    const victim = join(outside, 'victim.conf');
    await owned(victim, 'the user could write this, so one autosave would have');
    await utimes(victim, CANARY_ATIME, CANARY_MTIME);

    await owned(join(notes, 'Plain.md'), 'plain text');
    await symlink(victim, join(notes, 'innocent.md'));
    await owned(join(vaultDir, 'Elsewhere.txt'), 'linked from inside the vault');
    await symlink(join(vaultDir, 'Elsewhere.txt'), join(notes, 'Inside link.md'));
    await owned(join(notes, 'Old.md'), 'from 1965');
    await utimes(join(notes, 'Old.md'), new Date('1965-06-01'), new Date('1965-06-01'));
    // Root's file, readable by root only: the user gets EACCES.
    await writeFile(join(notes, 'Roots only.md'), 'secret');
    await chmod(join(notes, 'Roots only.md'), 0o600);
    await run('mkfifo', [join(notes, 'pipe.md')]);
    await owned(join(notes, 'a:b.md'), 'stream');
    await owned(join(notes, 'CONIN$.md'), 'device');
    await owned(join(notes, 'Endless.md'), '');

    const result = await runChild(vaultDir, dataDir, join(notes, 'Endless.md'));
    expect(result.uid).toBe(uid);
    const list = notesContract.list.output.parse({ notes: result.list, notesFolderOutside: false }).notes;
    const status = Object.fromEntries(list.map((note) => [note.name, note.status]));
    expect(status).toEqual({
      'Plain.md': 'text',
      'innocent.md': 'outside-link',
      'Inside link.md': 'text',
      'Old.md': 'text',
      'Roots only.md': 'unreadable',
      'pipe.md': 'unreadable',
      'a:b.md': 'bad-name',
      'CONIN$.md': 'bad-name',
      'Endless.md': 'too-large',
    });
    expect(list.find((note) => note.name === 'Old.md')?.modifiedAt).toBe(new Date('1965-06-01').getTime());
    expect(list.find((note) => note.name === 'innocent.md')).toMatchObject({ excerpt: '', size: 0 });
    expect(result.reads).toMatchObject({ 'innocent.md': 'note-outside-vault', 'Roots only.md': 'note-unreadable', 'pipe.md': 'note-unreadable', 'Endless.md': 'note-too-large', 'Inside link.md': 'ok' });
    expect(result.saves['innocent.md']).toBe('note-outside-vault');
    expect(result.saves['Roots only.md']).not.toBe('ok');
    // An endless file was read to the cap and no further: the process stayed small.
    expect(result.rss).toBeLessThan(300 * 1024 * 1024);

    // The times first: reading the content for the check would itself set the atime.
    const after = await stat(victim);
    expect([after.mtimeMs, after.atimeMs]).toEqual([CANARY_MTIME.getTime(), CANARY_ATIME.getTime()]);
    expect(await readFile(victim, 'utf8')).toBe('the user could write this, so one autosave would have');
    expect(await readFile(join(notes, 'Roots only.md'), 'utf8')).toBe('secret');
  });
});
