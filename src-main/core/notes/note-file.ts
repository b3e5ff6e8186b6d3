import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { NOTE_MAX_BYTES, type NoteStatus } from '../../contract/notes';

/** One look at a note file: its text when it is a note we can open, and what identifies this exact content. */
export interface NoteFileState {
  readonly status: NoteStatus;
  /** The text, only for `text` files. */
  readonly content: string | null;
  /** sha256 of the bytes; null when the file was too large to read. */
  readonly version: string | null;
  readonly modifiedAt: number;
  readonly size: number;
}

export const versionOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

// `ignoreBOM` keeps a byte-order mark in the text, so saving writes back exactly the bytes that were read.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Text is valid UTF-8 without NUL bytes; anything else is a binary file that merely ends in `.md`. */
export function decodeNoteText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

// Non-blocking, so a FIFO named `x.md` (a stray pipe, or a hostile sync) cannot hang the open; Windows has none.
const READ_FLAGS = constants.O_NONBLOCK === undefined ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK;

/** Reads and classifies a note file; null when it is missing or not a regular file. Files over the cap are not read. */
export async function readNoteFile(path: string, maxBytes = NOTE_MAX_BYTES): Promise<NoteFileState | null> {
  let handle;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return null;
    const modifiedAt = Math.floor(stat.mtimeMs);
    if (stat.size > maxBytes) return { status: 'too-large', content: null, version: null, modifiedAt, size: stat.size };
    const bytes = await handle.readFile();
    // The file may have grown between stat and read; the bytes read are what counts.
    if (bytes.length > maxBytes) return { status: 'too-large', content: null, version: null, modifiedAt, size: bytes.length };
    const content = decodeNoteText(bytes);
    return { status: content === null ? 'not-text' : 'text', content, version: versionOf(bytes), modifiedAt, size: bytes.length };
  } finally {
    await handle.close();
  }
}

/** ENOENT, and ENOTDIR when a parent folder was replaced by a file: both mean "no such note". */
export const isMissing = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};
