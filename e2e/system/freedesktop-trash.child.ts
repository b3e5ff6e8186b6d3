// Run under `unshare -m` by freedesktop-trash.test.ts: mounts two small tmpfs file systems (so the files are on
// another device than the home trash) and trashes a file on each; prints what ended up where, as JSON.
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { systemClock } from '../../src-main/core/clock';
import { FreedesktopTrash } from '../../src-main/core/notes/freedesktop-trash';

const run = promisify(execFile);
const [root] = process.argv.slice(2) as [string];
const uid = process.getuid?.() ?? 0;
const trash = new FreedesktopTrash(join(root, 'home-data'), uid, systemClock);
const result: Record<string, unknown> = {};

for (const [disk, adminTrash] of [['plain', false], ['admin', true]] as const) {
  const top = join(root, disk);
  await mkdir(top, { recursive: true });
  await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', top], { timeout: 10_000 });
  if (adminTrash) {
    await mkdir(join(top, '.Trash'));
    await chmod(join(top, '.Trash'), 0o1777);
  }
  await mkdir(join(top, 'vault', 'Notes'), { recursive: true });
  await writeFile(join(top, 'vault', 'Notes', 'Ω note.md'), `on ${disk}`);
  await trash.moveToTrash(join(top, 'vault', 'Notes', 'Ω note.md'));
  const trashDir = adminTrash ? join(top, '.Trash', String(uid)) : join(top, `.Trash-${uid}`);
  result[disk] = {
    trashDir,
    files: await readdir(join(trashDir, 'files')),
    content: await readFile(join(trashDir, 'files', 'Ω note.md'), 'utf8'),
    info: await readFile(join(trashDir, 'info', 'Ω note.md.trashinfo'), 'utf8'),
    left: await readdir(join(top, 'vault', 'Notes')),
  };
}
result.homeTrashUsed = await readdir(join(root, 'home-data', 'Trash', 'files')).catch(() => []);
process.stdout.write(JSON.stringify(result));
