import { INVISIBLE_CHARACTER, NoteSummary, noteNameProblem, type NoteStatus, type SyncCopy } from '../../contract/notes';
import type { FileState } from '../vault/file-state';
import { conflictCopyOf, iCloudPlaceholderOf, type SyncConflictName } from '../vault/sync-names';
import type { FileStamp, FolderIndex } from '../vault/watched-folder';
import { titleOfNote } from './note-name';

const EXCERPT_CHARS = 160;
const HIDDEN_IN_NAME = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f]|${INVISIBLE_CHARACTER.source}`, 'gu');

/** A title that shows what a flagged name really holds: `<U+202E>` for a bidi override, `<U+0007>` for a bell. */
const visibleTitle = (name: string): string =>
  titleOfNote(name).replace(HIDDEN_IN_NAME, (char) => `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`);

interface IndexedNote {
  /** The file's name in `Notes/`. */
  readonly name: string;
  /** The note's name as listed: the file's, or for an iCloud placeholder the name of the file it stands for. */
  readonly listedName: string;
  /** What the name says when the file is a sync engine's conflict copy (never for a placeholder). */
  readonly copy: SyncConflictName | null;
  readonly title: string;
  readonly titleLower: string;
  readonly status: NoteStatus;
  readonly version: string | null;
  readonly modifiedAt: number;
  readonly size: number;
  readonly content: string | null;
  /** Kept beside the text so a search does not lower-case the whole vault on every keystroke. */
  readonly contentLower: string | null;
}

/**
 * What the sidebar and search see: every note's title and text in memory, kept current by saves and the
 * watcher one file at a time, never by re-reading the folder per query.
 */
export class NoteIndex implements FolderIndex<FileState> {
  private readonly notes = new Map<string, IndexedNote>();

  /** Records a file's state; answers whether anything a reader could notice changed. */
  set(name: string, state: FileState): boolean {
    const before = this.notes.get(name);
    const placeholderOf = iCloudPlaceholderOf(name);
    const listedName = placeholderOf ?? name;
    const title = noteNameProblem(listedName) === null ? titleOfNote(listedName) : visibleTitle(listedName);
    this.notes.set(name, {
      name,
      listedName,
      copy: placeholderOf === null ? conflictCopyOf(name) : null,
      title,
      titleLower: title.toLowerCase(),
      status: state.status,
      version: state.version,
      modifiedAt: state.modifiedAt,
      size: state.size,
      content: state.content,
      contentLower: state.content?.toLowerCase() ?? null,
    });
    return !before || before.status !== state.status || before.version !== state.version || before.size !== state.size;
  }

  delete(name: string): boolean {
    return this.notes.delete(name);
  }

  /** What the file was when it was indexed, in the folder's terms (a note's time and size). */
  stamp(name: string): FileStamp | undefined {
    const note = this.notes.get(name);
    return note && { mtimeMs: note.modifiedAt, size: note.size };
  }

  paths(): IterableIterator<string> {
    return this.notes.keys();
  }

  /** The note's text as indexed, if the index holds it at `version`. */
  textAt(name: string, version: string): string | null {
    const note = this.notes.get(name);
    return note?.version === version ? note.content : null;
  }

  /** Case-insensitive, as the file systems of macOS and Windows are; a note iCloud has not downloaded yet holds its name. */
  hasNameIgnoringCase(lowerCaseName: string): boolean {
    for (const note of this.notes.values()) if (note.listedName.toLowerCase() === lowerCaseName) return true;
    return false;
  }

  /** Whether `name` is there only as an iCloud placeholder (no file of that name yet). */
  isNotDownloaded(name: string): boolean {
    return !this.notes.has(name) && [...this.notes.values()].some((note) => note.listedName === name && note.name !== name);
  }

  /** What a conflict copy's name says, when `name` is one the index holds beside its note (a copy alone is a note). */
  syncCopy(name: string): { readonly copy: SyncCopy; readonly note: string } | null {
    const entry = this.notes.get(name);
    if (!entry?.copy) return null;
    const original = entry.copy.original;
    if (![...this.notes.values()].some((note) => !note.copy && note.listedName === original)) return null;
    return { copy: syncCopyOf(entry, entry.copy), note: original };
  }

  /** Newest first; with a query, notes containing every word in title or text, title matches first. */
  list(query = ''): NoteSummary[] {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    const { rows, copies } = this.rows();
    const found: { note: IndexedNote; inTitle: boolean; hit: number }[] = [];
    for (const note of rows) {
      let inTitle = true;
      let hit = -1;
      let matches = true;
      for (const term of terms) {
        const titleHit = note.titleLower.includes(term);
        const textHit = note.contentLower?.indexOf(term) ?? -1;
        if (!titleHit && textHit < 0) {
          matches = false;
          break;
        }
        if (!titleHit) inTitle = false;
        if (hit < 0 && textHit >= 0) hit = textHit;
      }
      if (matches) found.push({ note, inTitle: terms.length > 0 && inTitle, hit });
    }
    found.sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || b.note.modifiedAt - a.note.modifiedAt || a.note.listedName.localeCompare(b.note.listedName));
    return found.flatMap(({ note, hit }) => listEntry(note, hit, copies.get(note.listedName)));
  }

  /**
   * The list's rows and the conflict copies under them: a copy whose note is here goes under it, one whose note is
   * gone is a row of its own (nothing is hidden); a placeholder is a row only while the file itself is not here.
   */
  private rows(): { rows: IndexedNote[]; copies: Map<string, SyncCopy[]> } {
    const files = new Set<string>();
    const listed = new Set<string>();
    for (const note of this.notes.values()) {
      if (note.copy) continue;
      listed.add(note.listedName);
      if (note.listedName === note.name) files.add(note.name);
    }
    const rows: IndexedNote[] = [];
    const copies = new Map<string, SyncCopy[]>();
    for (const note of this.notes.values()) {
      if (note.copy && listed.has(note.copy.original)) {
        copies.set(note.copy.original, [...(copies.get(note.copy.original) ?? []), syncCopyOf(note, note.copy)]);
      } else if (note.listedName === note.name || !files.has(note.listedName)) {
        rows.push(note);
      }
    }
    for (const list of copies.values()) list.sort((a, b) => a.modifiedAt - b.modifiedAt || a.name.localeCompare(b.name));
    return { rows, copies };
  }
}

function syncCopyOf(note: IndexedNote, copy: SyncConflictName): SyncCopy {
  return { name: note.name, engine: copy.engine, device: copy.device, date: copy.date, time: copy.time, modifiedAt: note.modifiedAt, size: note.size };
}

/**
 * One row of the list, checked against the contract here: a row that would not pass (a time or size no real
 * file has) is shown as unreadable instead of failing the whole list at the IPC boundary.
 */
function listEntry(note: IndexedNote, hit: number, syncCopies: SyncCopy[] | undefined): NoteSummary[] {
  const problem = noteNameProblem(note.listedName);
  const entry = {
    name: note.listedName,
    title: note.title,
    modifiedAt: note.modifiedAt,
    size: note.size,
    status: note.status,
    ...(problem ? { nameProblem: problem } : {}),
    excerpt: excerptOf(note.content, hit),
    ...(syncCopies ? { syncCopies } : {}),
  };
  if (NoteSummary.safeParse(entry).success) return [entry];
  const fallback = { name: note.listedName, title: note.title, modifiedAt: 0, size: 0, status: 'unreadable' as const, ...(problem ? { nameProblem: problem } : {}), excerpt: '' };
  // A name is whatever readdir gave; should even it not pass, the row is left out rather than the list.
  return NoteSummary.safeParse(fallback).success ? [fallback] : [];
}

/** A single line of text: the note's start, or a window around a search hit with ellipses where it was cut. */
export function excerptOf(content: string | null, hit = -1): string {
  if (!content) return '';
  const start = hit > 40 ? hit - 40 : 0;
  // Lower-casing can change lengths for a few letters; the hit is only a position to show text around.
  const raw = content.slice(start, start + EXCERPT_CHARS * 2);
  const line = raw.replace(/\s+/g, ' ').trim();
  const cut = [...line].slice(0, EXCERPT_CHARS).join('');
  const head = start > 0 ? '…' : '';
  const tail = cut.length < line.length || start + raw.length < content.length ? '…' : '';
  return `${head}${cut}${tail}`;
}
