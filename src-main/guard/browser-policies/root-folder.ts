import { constants } from 'node:fs';
import { lstat, mkdir, open } from 'node:fs/promises';
import { dirname, isAbsolute, relative, sep } from 'node:path';

/**
 * A root process must never follow a path component an unprivileged user can change (GUARD.md, "Where policies
 * go"). Before the guard writes, restores or removes anything in a policy folder, every component from a trusted
 * anchor (the policy root of the root-owned config: `/` when installed) down to that folder is looked at without
 * following links: each must be a real folder, owned by root (or by the guard's own account, for a test run as a
 * user), and writable by nobody else. Such a chain can only be changed by root, so what was checked stays true
 * while the guard uses the path. Anything else is refused with the component named, and nothing is written.
 */
const trustedOwners = (): ReadonlySet<number> => new Set([0, process.getuid?.() ?? 0]);

export class UntrustedFolderError extends Error {}

/**
 * Checks the chain from `anchor` down to `folder` (both absolute; `folder` inside `anchor`) and returns the folders
 * still missing, top-most first: the caller creates them with `makeRootFolders`.
 */
export async function checkRootFolder(anchor: string, folder: string): Promise<string[]> {
  const below = relative(anchor, folder);
  if (!isAbsolute(anchor) || !isAbsolute(folder) || below.startsWith('..') || isAbsolute(below)) {
    throw new UntrustedFolderError(`${folder} is not inside the guard's policy root ${anchor}; the guard does not write there`);
  }
  const chain = [anchor];
  for (const name of below ? below.split(sep) : []) chain.push(`${chain[chain.length - 1]!.replace(/\/$/, '')}/${name}`);
  for (const [index, path] of chain.entries()) {
    let info;
    try {
      info = await lstat(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return chain.slice(index);
      throw error;
    }
    assertRootFolder(path, info);
  }
  return [];
}

function assertRootFolder(path: string, info: { isDirectory(): boolean; isSymbolicLink(): boolean; uid: number; mode: number }): void {
  if (info.isSymbolicLink()) throw new UntrustedFolderError(`${path} is a symbolic link; the guard does not follow it`);
  if (!info.isDirectory()) throw new UntrustedFolderError(`${path} is not a folder; the guard does not write through it`);
  if (!trustedOwners().has(info.uid) || (info.mode & 0o022) !== 0) {
    throw new UntrustedFolderError(`${path} can be changed by a user other than root; the guard does not write through it`);
  }
}

/**
 * Creates `folders` (top-most first, as `checkRootFolder` returned them), each 0755 whatever the guard's umask since
 * browsers run as the user and must read the policy. The mode is set through a descriptor opened without following
 * links, and only on a folder this call created and found owned by root.
 */
export async function makeRootFolders(folders: readonly string[]): Promise<void> {
  for (const folder of folders) {
    await mkdir(folder, { mode: 0o700 });
    const handle = await open(folder, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
    try {
      // O_NOFOLLOW refused a link; what was opened must be the folder just made, as root.
      const info = await handle.stat();
      if (!info.isDirectory() || !trustedOwners().has(info.uid)) throw new UntrustedFolderError(`${folder} changed while the guard made it; it does not write there`);
      await handle.chmod(0o755);
    } finally {
      await handle.close();
    }
  }
}

/** Whether `folder`'s parent chain from `anchor` is root's, so removing the folder touches only what it names. */
export async function parentIsRootFolder(anchor: string, folder: string): Promise<boolean> {
  try {
    return (await checkRootFolder(anchor, dirname(folder))).length === 0;
  } catch (error) {
    if (error instanceof UntrustedFolderError) return false;
    throw error;
  }
}
