import { lstat, mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncFolder, writeFileAtomic } from '../../base/atomic-file';
import { OUTSIDE_STATE, isInside, isMissing, readBoundedFile, unreadableState, versionOf, type FileState } from './file-state';

/** Where a path in the vault leads, decided on real paths so a link cannot take a read or a write elsewhere. */
export type FileLocation =
  /** A file, or a link to one elsewhere in the vault: `path` is the real file, read and written there. */
  | { readonly kind: 'file'; readonly path: string }
  /** Nothing by that name: a new file may be made at `path`. */
  | { readonly kind: 'absent'; readonly path: string }
  /** A link to a file outside the vault (or a folder on the way is one): never read, indexed or written. */
  | { readonly kind: 'outside' }
  /** A link that leads nowhere (dangling, a loop) or cannot be followed (no permission on the way). */
  | { readonly kind: 'broken'; readonly code: string };

/** Why a vault file operation did not happen; each store turns it into its own domain error. */
export type VaultRefusal =
  | { readonly reason: 'outside' }
  /** The file is no longer the version the caller started from; `current` is its version now (null: no file). */
  | { readonly reason: 'conflict'; readonly current: string | null }
  | { readonly reason: 'exists' }
  | { readonly reason: 'missing' }
  | { readonly reason: 'unreadable'; readonly code: string }
  /** What the OS said (ENOSPC, EROFS, EACCES …), so the user sees what to fix. */
  | { readonly reason: 'failed'; readonly code: string; readonly message: string };

export class VaultFileError extends Error {
  constructor(readonly refusal: Exclude<VaultRefusal, { reason: 'failed' }>) {
    super(`vault file refused: ${refusal.reason}`);
    this.name = 'VaultFileError';
  }
}

/** The one mapping of what went wrong: a refusal of this layer as it is, anything else as the OS's reason. */
export function refusalOf(error: unknown): VaultRefusal {
  if (error instanceof VaultFileError) return error.refusal;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
  return { reason: 'failed', code, message: error instanceof Error ? error.message : String(error) };
}

/** A save over whatever the file holds (an export): still never through a link out, never over a read-only file. */
export const ANY_VERSION = Symbol('any version');

export type WriteOptions =
  | {
      /** The version the caller saw; null: only if there is no file. */
      readonly expected: string | null;
      /** How much of the current file is read to compare versions: a larger one counts as changed. */
      readonly maxBytes: number;
    }
  | { readonly expected: typeof ANY_VERSION };

export interface WrittenFile {
  /** The real path written (a link inside the vault is written where it points, link kept). */
  readonly path: string;
  readonly version: string;
  readonly modifiedAt: number;
  readonly size: number;
}

/**
 * The one way into the files of a vault: bounded reads, real paths that must stay inside the real vault folder
 * (the vault folder itself may be a link, a synced folder mounted elsewhere), atomic writes over an expected
 * version, no write over a file marked read-only, no rename over another file. Paths are absolute, in the vault.
 */
export class VaultFiles {
  constructor(readonly root: string) {}

  /** The vault folder as a real path, looked up on every use: it may be replaced by a link while the app runs. */
  realRoot(): Promise<string> {
    return realpath(this.root);
  }

  /** `realRoot` may be handed in when many paths are located at once (a scan). */
  async locate(path: string, realRoot?: string): Promise<FileLocation> {
    const root = realRoot ?? (await this.realRoot());
    let real: string;
    try {
      real = await realpath(path);
    } catch (error) {
      if (!isMissing(error)) return { kind: 'broken', code: codeOf(error) };
      // A dangling link is there but leads nowhere; only a name with nothing behind it is free.
      const entry = await lstat(path).catch((lstatError: unknown) => {
        if (isMissing(lstatError)) return null;
        throw lstatError;
      });
      if (entry) return { kind: 'broken', code: 'ENOENT' };
      const folder = await realpath(dirname(path)).catch(() => null);
      if (folder !== null && !isInside(root, folder)) return { kind: 'outside' };
      return { kind: 'absent', path: folder === null ? path : join(folder, basename(path)) };
    }
    return isInside(root, real) ? { kind: 'file', path: real } : { kind: 'outside' };
  }

  /** The file as a store sees it; null when there is none (or it is a folder). Never reads outside the vault. */
  async read(path: string, maxBytes: number, realRoot?: string): Promise<FileState | null> {
    const root = realRoot ?? (await this.realRoot());
    const location = await this.locate(path, root);
    if (location.kind === 'absent') return null;
    if (location.kind === 'outside') return OUTSIDE_STATE;
    if (location.kind === 'broken') return unreadableState();
    return readBoundedFile(location.path, maxBytes, root);
  }

  /** Writes atomically over `expected`, keeping the file's mode; refuses with a `VaultFileError`, or the OS error. */
  async write(path: string, data: string | Uint8Array, options: WriteOptions): Promise<WrittenFile> {
    const root = await this.realRoot();
    const location = await this.locate(path, root);
    if (location.kind === 'outside') throw new VaultFileError({ reason: 'outside' });
    if (location.kind === 'broken') throw new VaultFileError({ reason: 'unreadable', code: location.code });
    if (options.expected !== ANY_VERSION) {
      const current = await readBoundedFile(location.path, options.maxBytes, root);
      if (current?.status === 'outside-link') throw new VaultFileError({ reason: 'outside' });
      const onDisk = current ? (current.version ?? 'unreadable') : null;
      if (onDisk !== options.expected) throw new VaultFileError({ reason: 'conflict', current: current?.version ?? null });
    }
    // The real file: lstat, so a link swapped in since is replaced by the rename, never followed.
    const before = await lstat(location.path).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    // A rename would replace a file marked read-only (the folder is writable); the mark means "do not change".
    if (before && (before.mode & 0o200) === 0) {
      throw Object.assign(new Error(`EACCES: the file is read-only, open '${location.path}'`), { code: 'EACCES' });
    }
    await this.makeFolderInside(dirname(location.path), root);
    await writeFileAtomic(location.path, data, before ? { mode: before.mode & 0o7777 } : {});
    return this.written(location.path, data);
  }

  /** Makes a file that must not exist yet: the exclusive create reserves the name, then the bytes go in atomically. */
  async create(path: string, data: string | Uint8Array): Promise<WrittenFile> {
    const root = await this.realRoot();
    await this.makeFolderInside(dirname(path), root);
    try {
      await (await open(path, 'wx', 0o644)).close();
    } catch (error) {
      if (codeOf(error) === 'EEXIST') throw new VaultFileError({ reason: 'exists' });
      throw error;
    }
    try {
      if (Buffer.byteLength(data) > 0) await writeFileAtomic(path, data);
      else await syncFolder(dirname(path));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return this.written(path, data);
  }

  /**
   * Takes back a file this app wrote (an import that failed midway): only while it still holds `version`, so nothing
   * another program wrote since is lost, and never through a link out of the vault.
   */
  async remove(path: string, version: string, maxBytes: number): Promise<void> {
    const root = await this.realRoot();
    const location = await this.locate(path, root);
    if (location.kind === 'absent') throw new VaultFileError({ reason: 'missing' });
    if (location.kind === 'outside') throw new VaultFileError({ reason: 'outside' });
    if (location.kind === 'broken') throw new VaultFileError({ reason: 'unreadable', code: location.code });
    const current = await readBoundedFile(location.path, maxBytes, root);
    if (current?.version !== version) throw new VaultFileError({ reason: 'conflict', current: current?.version ?? null });
    await rm(location.path);
    await syncFolder(dirname(location.path));
  }

  /**
   * Renames the entry itself (a link moves as a link), never onto another file: the same file under another case
   * (macOS and Windows) is not a clash. A link out of the vault is left entirely to the user.
   */
  async rename(from: string, to: string): Promise<void> {
    const root = await this.realRoot();
    const location = await this.locate(from, root);
    if (location.kind === 'absent') throw new VaultFileError({ reason: 'missing' });
    if (location.kind === 'outside') throw new VaultFileError({ reason: 'outside' });
    const fromEntry = await lstat(from);
    const existing = await lstat(to).catch(() => null);
    if (existing && !(existing.ino === fromEntry.ino && existing.dev === fromEntry.dev)) throw new VaultFileError({ reason: 'exists' });
    await this.makeFolderInside(dirname(to), root);
    await rename(from, to);
    await syncFolder(dirname(to));
  }

  /**
   * Makes the folder (and any missing parents) only after the nearest existing one is found inside the vault, then
   * checks the folder itself just before the write: one on the way swapped for a link out of the vault since.
   */
  private async makeFolderInside(folder: string, root: string): Promise<void> {
    let existing = folder;
    while (!(await stat(existing).catch(() => null))) {
      if (dirname(existing) === existing) break;
      existing = dirname(existing);
    }
    if (existing !== folder) {
      if (!isInside(root, await realpath(existing))) throw new VaultFileError({ reason: 'outside' });
      await mkdir(folder, { recursive: true });
    }
    if (!isInside(root, await realpath(folder))) throw new VaultFileError({ reason: 'outside' });
  }

  private async written(path: string, data: string | Uint8Array): Promise<WrittenFile> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const after = await lstat(path);
    return { path, version: versionOf(bytes), modifiedAt: Math.floor(after.mtimeMs), size: bytes.length };
  }
}

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
