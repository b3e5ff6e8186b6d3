import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChildScript } from '../../test-support/bundle-child';

const run = promisify(execFile);
let root: string;
let child: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'trash-system-'));
  child = await bundleChildScript(join(import.meta.dirname, 'freedesktop-trash.child.ts'), root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// A note on another file system (a USB disk, a second partition) goes to that disk's own trash, as the
// freedesktop.org spec says, instead of being copied across into the home trash.
describe('freedesktop trash across file systems', () => {
  it('uses $top/.Trash-$uid, or $top/.Trash/$uid when an administrator made a sticky .Trash', async (context) => {
    const canUnshare = await run('unshare', ['-m', 'true'], { timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (!canUnshare) context.skip('needs `unshare -m` (root) to mount file systems for the test');
    const { stdout } = await run('unshare', ['-m', process.execPath, child, root], { timeout: 30_000 });
    const result = JSON.parse(stdout) as Record<string, { trashDir: string; files: string[]; content: string; info: string; left: string[] }> & {
      homeTrashUsed: string[];
    };
    const uid = process.getuid?.() ?? 0;
    expect(result.plain).toMatchObject({ trashDir: join(root, 'plain', `.Trash-${uid}`), files: ['Ω note.md'], content: 'on plain', left: [] });
    expect(result.admin).toMatchObject({ trashDir: join(root, 'admin', '.Trash', String(uid)), files: ['Ω note.md'], content: 'on admin', left: [] });
    // Paths in a mount's own trash are relative to the mount's top, so they stay right wherever it is mounted.
    expect(result.plain?.info).toMatch(/^\[Trash Info\]\nPath=vault\/Notes\/%CE%A9%20note\.md\nDeletionDate=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\n$/);
    expect(result.admin?.info).toContain('Path=vault/Notes/%CE%A9%20note.md\n');
    expect(result.homeTrashUsed).toEqual([]);
  });
});
