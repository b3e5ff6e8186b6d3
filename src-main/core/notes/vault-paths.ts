import { lstat, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { isInside, isMissing } from './note-file';

/** Where a name in `Notes/` leads, decided on real paths so a link cannot take a read or a write elsewhere. */
export type NoteLocation =
  /** A file, or a link to one elsewhere in the vault: `path` is the real file, read and written there. */
  | { readonly kind: 'file'; readonly path: string }
  /** Nothing by that name: a new note may be made at `path`. */
  | { readonly kind: 'absent'; readonly path: string }
  /** A link to a file outside the vault (or the `Notes/` folder is one): never read, indexed or written. */
  | { readonly kind: 'outside' }
  /** A link that leads nowhere (dangling, a loop) or cannot be followed (no permission on the way). */
  | { readonly kind: 'broken'; readonly code: string };

/**
 * The vault's folders as real paths, looked up on every use: the vault folder itself may be a link (a synced
 * folder mounted elsewhere), and what is inside the real vault folder counts as inside.
 */
export class VaultPaths {
  constructor(
    readonly vaultDir: string,
    readonly notesDir: string,
  ) {}

  /** The real vault folder and the real `Notes/` folder; `notes` is null when `Notes/` is a link out of the vault. */
  async folders(): Promise<{ root: string; notes: string | null }> {
    const root = await realpath(this.vaultDir);
    const notes = await realpath(this.notesDir);
    return { root, notes: isInside(root, notes) ? notes : null };
  }

  /** `folders` may be handed in when many names are located at once (a scan). */
  async locate(name: string, folders?: { root: string; notes: string | null }): Promise<NoteLocation> {
    const { root, notes } = folders ?? (await this.folders());
    if (notes === null) return { kind: 'outside' };
    const path = join(notes, name);
    const entry = await lstat(path).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    if (entry === null) return { kind: 'absent', path };
    if (!entry.isSymbolicLink()) return { kind: 'file', path };
    let target: string;
    try {
      target = await realpath(path);
    } catch (error) {
      return { kind: 'broken', code: (error as NodeJS.ErrnoException).code ?? 'EIO' };
    }
    return isInside(root, target) ? { kind: 'file', path: target } : { kind: 'outside' };
  }
}
