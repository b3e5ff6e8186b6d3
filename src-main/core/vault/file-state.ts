import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readlink, type FileHandle } from 'node:fs/promises';
import { sep } from 'node:path';
import { NOTE_MAX_BYTES, type NoteStatus } from '../../contract/notes';

/** One look at a file in the vault: its text when it is text we can open, and what identifies this exact content. */
export interface FileState {
  readonly status: NoteStatus;
  /** The text, only for `text` files. */
  readonly content: string | null;
  /** sha256 of the bytes; null when the file was too large or could not be read. */
  readonly version: string | null;
  readonly modifiedAt: number;
  readonly size: number;
}

export const versionOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

// `ignoreBOM` keeps a byte-order mark in the text, so saving writes back exactly the bytes that were read.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Text is valid UTF-8 without NUL bytes; anything else is a binary file that merely ends in `.md`. */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

// Non-blocking, so a FIFO named `x.md` (a stray pipe, or a hostile sync) cannot hang the open; no-follow, so the
// path handed in (already resolved inside the vault) cannot have become a link since. Windows has neither flag.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
/** What an open or read reports for a file that is there but cannot be read: no permission, a link, a socket. */
const UNREADABLE_CODES = new Set(['EACCES', 'EPERM', 'ELOOP', 'EMLINK', 'ENXIO', 'EAGAIN', 'EISDIR', 'EIO', 'ENODEV', 'EOPNOTSUPP']);
const FIRST_CHUNK_BYTES = 64 * 1024;
/** Reads are whole pages: some `/proc` files refuse a read of a length that is not a multiple of their record. */
const PAGE_BYTES = 4096;

export const unreadableState = (modifiedAt = 0): FileState => ({ status: 'unreadable', content: null, version: null, modifiedAt, size: 0 });
/** What a link out of the vault is known as: nothing of the target (not even its size or time) is kept. */
export const OUTSIDE_STATE: FileState = { status: 'outside-link', content: null, version: null, modifiedAt: 0, size: 0 };

/**
 * Reads and classifies a file; null when it is missing or a folder. At most `maxBytes + 1` bytes (rounded up
 * to a whole page) are read whatever the size on disk says (`/proc` files say 0 and never end). With `within`, a file that turns out to
 * lie outside that real folder once opened (a link swapped in) is answered `outside-link`, unread.
 */
export async function readBoundedFile(path: string, maxBytes = NOTE_MAX_BYTES, within?: string): Promise<FileState | null> {
  let handle;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (error) {
    if (isMissing(error)) return null;
    if (UNREADABLE_CODES.has(errorCode(error))) return unreadableState();
    throw error;
  }
  try {
    const stat = await handle.stat();
    const modifiedAt = Math.floor(stat.mtimeMs);
    if (stat.isDirectory()) return null;
    if (!stat.isFile()) return unreadableState(modifiedAt);
    if (within !== undefined && !(await openedInside(handle, within))) {
      return OUTSIDE_STATE;
    }
    if (stat.size > maxBytes) return { status: 'too-large', content: null, version: null, modifiedAt, size: stat.size };
    const bytes = await readAtMost(handle, maxBytes + 1, stat.size);
    // The file may have grown between stat and read, or report no size at all; the bytes read are what counts.
    if (bytes.length > maxBytes) return { status: 'too-large', content: null, version: null, modifiedAt, size: Math.max(stat.size, bytes.length) };
    const content = decodeText(bytes);
    return { status: content === null ? 'not-text' : 'text', content, version: versionOf(bytes), modifiedAt, size: bytes.length };
  } catch (error) {
    if (UNREADABLE_CODES.has(errorCode(error))) return unreadableState();
    throw error;
  } finally {
    await handle.close();
  }
}

/** Reads until the end or `limit` bytes (up to a page more), growing the buffer as bytes arrive rather than trusting the size. */
async function readAtMost(handle: FileHandle, atLeast: number, sizeHint: number): Promise<Buffer> {
  const limit = Math.ceil(atLeast / PAGE_BYTES) * PAGE_BYTES;
  let buffer = Buffer.alloc(Math.min(limit, Math.ceil(Math.max(sizeHint + 1, FIRST_CHUNK_BYTES) / PAGE_BYTES) * PAGE_BYTES));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length >= limit) break;
      const bigger = Buffer.alloc(Math.min(limit, length * 2));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return buffer.subarray(0, length);
}

/**
 * Where the open file really is, asked of the kernel after the open (Linux's `/proc/self/fd`), so a folder
 * swapped for a link between the check and the open is still caught. Elsewhere the no-follow open and the
 * resolution before it are the guard.
 */
async function openedInside(handle: FileHandle, folder: string): Promise<boolean> {
  if (process.platform !== 'linux') return true;
  const opened = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => null);
  return opened === null || isInside(folder, opened);
}

/** Whether `path` is `folder` or lies below it; both are real paths (no links, no `..`). */
export const isInside = (folder: string, path: string): boolean => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException | undefined)?.code ?? '';

/** ENOENT, and ENOTDIR when a parent folder was replaced by a file: both mean "no such file". */
export const isMissing = (error: unknown): boolean => {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
};
