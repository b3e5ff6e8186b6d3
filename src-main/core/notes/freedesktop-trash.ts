import { lstat, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { Clock } from '../clock';
import type { Trash } from './trash';

const STICKY = 0o1000;

/**
 * The freedesktop.org Trash specification 1.0, for files: the home trash (`$XDG_DATA_HOME/Trash`) when the file
 * is on the same file system, else the trash at the top of the file's own mount (`.Trash/$uid` or
 * `.Trash-$uid`), so a delete never becomes a slow copy. File managers (Nautilus, Dolphin, gio) restore from it.
 */
export class FreedesktopTrash implements Trash {
  constructor(
    private readonly dataHome: string,
    private readonly uid: number,
    private readonly clock: Clock,
  ) {}

  static forEnvironment(env: NodeJS.ProcessEnv, clock: Clock): FreedesktopTrash {
    const dataHome = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(env.HOME || homedir(), '.local', 'share');
    return new FreedesktopTrash(dataHome, process.getuid?.() ?? 0, clock);
  }

  async moveToTrash(path: string): Promise<void> {
    const file = resolve(path);
    const fileStat = await lstat(file);
    const homeTrash = join(this.dataHome, 'Trash');
    await mkdir(homeTrash, { recursive: true, mode: 0o700 });
    if ((await stat(homeTrash)).dev === fileStat.dev) {
      try {
        return await this.moveInto(homeTrash, file, file);
      } catch (error) {
        // Same device number but a different mount (a bind mount): rename says EXDEV; use the mount's own trash.
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      }
    }
    const top = await mountTop(file, fileStat.dev);
    await this.moveInto(await this.topTrash(top), file, relative(top, file));
  }

  /** Writes the `.trashinfo` first, exclusively (it reserves the name), then renames the file next to it. */
  private async moveInto(trashDir: string, file: string, recordedPath: string): Promise<void> {
    const filesDir = join(trashDir, 'files');
    const infoDir = join(trashDir, 'info');
    await mkdir(filesDir, { recursive: true, mode: 0o700 });
    await mkdir(infoDir, { recursive: true, mode: 0o700 });
    const name = basename(file);
    const ext = extname(name);
    const stem = name.slice(0, name.length - ext.length);
    const info = `[Trash Info]\nPath=${encodeTrashPath(recordedPath)}\nDeletionDate=${localTimestamp(new Date(this.clock.now()))}\n`;
    for (let n = 1; n < 10_000; n++) {
      const candidate = n === 1 ? name : `${stem}.${n}${ext}`;
      const infoPath = join(infoDir, `${candidate}.trashinfo`);
      let handle;
      try {
        handle = await open(infoPath, 'wx', 0o600);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw error;
      }
      try {
        await handle.writeFile(info);
        await handle.sync();
      } finally {
        await handle.close();
      }
      const target = join(filesDir, candidate);
      try {
        // A stray file without its info (left by another program) would be overwritten by rename: skip the name.
        if (await exists(target)) {
          await unlink(infoPath);
          continue;
        }
        await rename(file, target);
        return;
      } catch (error) {
        await unlink(infoPath).catch(() => undefined);
        throw error;
      }
    }
    throw new Error(`No free name in ${trashDir} for ${name}`);
  }

  /** `$top/.Trash/$uid` when an administrator made `.Trash` (a real, sticky folder), else `$top/.Trash-$uid`. */
  private async topTrash(top: string): Promise<string> {
    const shared = join(top, '.Trash');
    const sharedStat = await lstat(shared).catch(() => null);
    if (sharedStat && sharedStat.isDirectory() && !sharedStat.isSymbolicLink() && (sharedStat.mode & STICKY) !== 0) {
      const own = join(shared, String(this.uid));
      await mkdir(own, { recursive: true, mode: 0o700 });
      return own;
    }
    const own = join(top, `.Trash-${this.uid}`);
    await mkdir(own, { recursive: true, mode: 0o700 });
    const ownStat = await lstat(own);
    if (!ownStat.isDirectory() || ownStat.uid !== this.uid) throw new Error(`${own} is not a trash folder owned by this user`);
    return own;
  }
}

/** The top folder of the mount holding `file`: the last ancestor still on the file's device. */
async function mountTop(file: string, dev: number): Promise<string> {
  let top = dirname(file);
  for (;;) {
    const parent = dirname(top);
    if (parent === top || (await stat(parent)).dev !== dev) return top;
    top = parent;
  }
}

/** For hosts without an OS shell (the preview): the real trash on Linux; elsewhere deleting refuses, saying why. */
export function trashWithoutShell(clock: Clock, env: NodeJS.ProcessEnv = process.env): Trash {
  if (process.platform === 'linux') return FreedesktopTrash.forEnvironment(env, clock);
  return {
    moveToTrash: async () => {
      throw new Error(`Moving notes to the trash needs the desktop app on ${process.platform}`);
    },
  };
}

/** The spec's `Path=` is a URL-escaped path (RFC 2396): every byte but unreserved characters and `/`. */
export const encodeTrashPath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/** `YYYY-MM-DDThh:mm:ss` in local time, without a zone, as the spec requires. */
export function localTimestamp(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

const exists = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );
