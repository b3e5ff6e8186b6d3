import { realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import { readNoteFile, type NoteFileState } from '../notes/note-file';

/** A reflection is a few kilobytes; a file far beyond that is not one, and is listed rather than read. */
export const REFLECTION_FILE_MAX_BYTES = 1024 * 1024;

export type VaultFileRead = NoteFileState | { readonly status: 'outside-vault' } | null;

/**
 * The one place reflection files are read: through the notes' bounded, non-blocking reader, and only when the
 * real path (links resolved) stays inside `realRoot` (itself already resolved), so a link in Reflections/ never reads a file from elsewhere.
 * Null when the file is gone or is not a regular file.
 */
export async function readVaultFile(realRoot: string, path: string, maxBytes = REFLECTION_FILE_MAX_BYTES): Promise<VaultFileRead> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw error;
  }
  if (!real.startsWith(realRoot + sep)) return { status: 'outside-vault' };
  return readNoteFile(real, maxBytes);
}
