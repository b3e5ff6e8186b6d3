import { lstat, readFile } from 'node:fs/promises';
import { removeStaleTempFiles, writeFileAtomic } from '../base/atomic-file';

/**
 * The hosts file on disk. Writes are atomic and confined (guard invariant 5 in docs/ARCHITECTURE.md): the previous content is kept as a
 * backup, the new content is written to a temp file in the same folder, fsynced and renamed over the original
 * (keeping its mode and owner), the folder is fsynced, and the file is read back to verify.
 */
export class HostsFile {
  constructor(readonly path: string) {}

  get backupPath(): string {
    return `${this.path}.stillroom-backup`;
  }

  /** Removes temp files left by a guard killed mid-write; returns their names. */
  async removeStaleTemps(): Promise<string[]> {
    return [...(await removeStaleTempFiles(this.path)), ...(await removeStaleTempFiles(this.backupPath))];
  }

  /** The content as a binary string (one character per byte), so unknown encodings survive exactly. */
  async read(): Promise<string> {
    return (await readFile(this.path)).toString('latin1');
  }

  /** Replaces the content with `next` unless it already is; returns whether the file changed. */
  async replace(previous: string, next: string): Promise<boolean> {
    if (previous === next) return false;
    const info = await lstat(this.path);
    // Renaming over a link would replace the system's link with a file (e.g. a hosts file managed elsewhere).
    if (info.isSymbolicLink()) throw new Error(`The hosts file is a symbolic link; the guard does not replace it: ${this.path}`);
    const keep = { mode: info.mode & 0o7777, owner: { uid: info.uid, gid: info.gid } };
    const canChown = process.getuid?.() === 0;
    const options = canChown ? keep : { mode: keep.mode };
    await writeFileAtomic(this.backupPath, Buffer.from(previous, 'latin1'), options);
    await writeFileAtomic(this.path, Buffer.from(next, 'latin1'), options);
    const written = await this.read();
    if (written !== next) throw new Error(`The hosts file did not read back as written: ${this.path}`);
    return true;
  }
}
