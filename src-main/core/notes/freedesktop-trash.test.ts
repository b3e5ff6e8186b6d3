import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { FreedesktopTrash, encodeTrashPath, localTimestamp } from './freedesktop-trash';

const run = promisify(execFile);
const gio = '/usr/bin/gio';

let root: string;
let dataHome: string;
let trash: FreedesktopTrash;
const when = new Date(2026, 10, 29, 23, 5, 9);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'trash-'));
  dataHome = join(root, 'data');
  trash = new FreedesktopTrash(dataHome, process.getuid?.() ?? 0, new ManualClock(when.getTime()));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const info = (name: string) => readFile(join(dataHome, 'Trash', 'info', `${name}.trashinfo`), 'utf8');

describe('FreedesktopTrash', () => {
  it('moves the file into Trash/files with an info record of where it was and when', async () => {
    const file = join(root, 'vault', 'Fourier series 傅里叶.md');
    await mkdir(join(root, 'vault'));
    await writeFile(file, '# keep me\n');
    await trash.moveToTrash(file);
    expect(existsSync(file)).toBe(false);
    expect(await readFile(join(dataHome, 'Trash', 'files', 'Fourier series 傅里叶.md'), 'utf8')).toBe('# keep me\n');
    expect(await info('Fourier series 傅里叶.md')).toBe(
      `[Trash Info]\nPath=${encodeTrashPath(file)}\nDeletionDate=2026-11-29T23:05:09\n`,
    );
    expect(encodeTrashPath(file)).toContain('/Fourier%20series%20%E5%82%85%E9%87%8C%E5%8F%B6.md');
  });

  it('keeps both when two deleted files share a name', async () => {
    for (const folder of ['one', 'two', 'three']) {
      await mkdir(join(root, folder));
      await writeFile(join(root, folder, 'a.md'), folder);
      await trash.moveToTrash(join(root, folder, 'a.md'));
    }
    const files = (await readdir(join(dataHome, 'Trash', 'files'))).sort();
    expect(files).toEqual(['a.2.md', 'a.3.md', 'a.md']);
    expect(await readFile(join(dataHome, 'Trash', 'files', 'a.2.md'), 'utf8')).toBe('two');
    expect(await info('a.3.md')).toContain(`Path=${encodeTrashPath(join(root, 'three', 'a.md'))}\n`);
  });

  it('does not overwrite a file left in the trash without its info', async () => {
    await mkdir(join(dataHome, 'Trash', 'files'), { recursive: true });
    await writeFile(join(dataHome, 'Trash', 'files', 'b.md'), 'stray');
    await writeFile(join(root, 'b.md'), 'mine');
    await trash.moveToTrash(join(root, 'b.md'));
    expect(await readFile(join(dataHome, 'Trash', 'files', 'b.md'), 'utf8')).toBe('stray');
    expect(await readFile(join(dataHome, 'Trash', 'files', 'b.2.md'), 'utf8')).toBe('mine');
    expect((await readdir(join(dataHome, 'Trash', 'info'))).sort()).toEqual(['b.2.md.trashinfo']);
  });

  it('refuses a missing file and leaves no info behind', async () => {
    await expect(trash.moveToTrash(join(root, 'nope.md'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(existsSync(join(dataHome, 'Trash', 'info', 'nope.md.trashinfo'))).toBe(false);
  });

  it('formats the deletion date in local time', () => {
    expect(localTimestamp(new Date(2027, 0, 2, 3, 4, 5))).toBe('2027-01-02T03:04:05');
  });

  // gio is GLib's own implementation of the same spec: the two must record a path the same way.
  it.skipIf(!existsSync(gio))('records paths exactly as GLib (gio trash) does', async () => {
    const names = ["a b 傅里叶.md", "100% done.md", "it's (x+y)!~.md", 'Ω #1 & co; =.md'];
    const ours = new FreedesktopTrash(join(root, 'ours'), process.getuid?.() ?? 0, new ManualClock(Date.now()));
    await mkdir(join(root, 'src'));
    for (const name of names) {
      await writeFile(join(root, 'src', name), 'x');
      await ours.moveToTrash(join(root, 'src', name));
      await writeFile(join(root, 'src', name), 'x');
      await run(gio, ['trash', join(root, 'src', name)], {
        timeout: 10_000,
        env: { ...process.env, HOME: root, XDG_DATA_HOME: join(root, 'gio') },
      });
      const pathLine = (text: string) => text.split('\n').find((line) => line.startsWith('Path='));
      const theirs = await readFile(join(root, 'gio', 'Trash', 'info', `${name}.trashinfo`), 'utf8');
      const mine = await readFile(join(root, 'ours', 'Trash', 'info', `${name}.trashinfo`), 'utf8');
      expect(decodeURIComponent(pathLine(mine)?.slice(5) ?? '')).toBe(join(root, 'src', name));
      expect(decodeURIComponent(pathLine(theirs)?.slice(5) ?? '')).toBe(join(root, 'src', name));
      expect(mine.split('\n')[0]).toBe(theirs.split('\n')[0]);
      expect(mine).toMatch(/\nDeletionDate=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\n/);
    }
  });
});
