import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** File mode for a newly created file (the temp file carries it across the rename). */
  mode?: number;
  /** Owner to give the file (needs root); used to keep a system file's owner when replacing it. */
  owner?: { uid: number; gid: number };
}

/**
 * Writes a file so that a crash or a full disk leaves either the old content or the new, never a mix:
 * temp file in the same folder, fsync, rename over the target, fsync the folder.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o644);
    try {
      // Set explicitly: the mode given to open() is narrowed by the process umask.
      if (options.mode !== undefined) await handle.chmod(options.mode);
      if (options.owner) await handle.chown(options.owner.uid, options.owner.gid);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** Makes a rename durable. Not every platform lets a folder be opened for fsync (Windows); there it is a no-op. */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const STALE_TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/**
 * Removes the temp files that writers of `path` killed mid-write left next to it (only this module's own temp names,
 * and only those of processes that are gone). Returns the names removed.
 */
export async function removeStaleTempFiles(path: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dirname(path))) {
    const match = STALE_TEMP.exec(name);
    if (!match || match[1] !== basename(path) || isAlive(Number(match[2]))) continue;
    await rm(join(dirname(path), name), { force: true });
    removed.push(name);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function writeJsonAtomic(path: string, value: unknown, options?: AtomicWriteOptions): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}
