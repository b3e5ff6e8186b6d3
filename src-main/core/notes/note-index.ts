import { INVISIBLE_CHARACTER, NoteSummary, noteNameProblem, type NoteStatus } from '../../contract/notes';
import type { FileState } from '../vault/file-state';
import type { FileStamp, FolderIndex } from '../vault/watched-folder';
import { titleOfNote } from './note-name';

const EXCERPT_CHARS = 160;
const HIDDEN_IN_NAME = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f]|${INVISIBLE_CHARACTER.source}`, 'gu');

/** A title that shows what a flagged name really holds: `<U+202E>` for a bidi override, `<U+0007>` for a bell. */
const visibleTitle = (name: string): string =>
  titleOfNote(name).replace(HIDDEN_IN_NAME, (char) => `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`);

interface IndexedNote {
  readonly name: string;
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
    const title = noteNameProblem(name) === null ? titleOfNote(name) : visibleTitle(name);
    this.notes.set(name, {
      name,
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

  /** Case-insensitive, as the file systems of macOS and Windows are. */
  hasNameIgnoringCase(lowerCaseName: string): boolean {
    for (const name of this.notes.keys()) if (name.toLowerCase() === lowerCaseName) return true;
    return false;
  }

  /** Newest first; with a query, notes containing every word in title or text, title matches first. */
  list(query = ''): NoteSummary[] {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    const found: { note: IndexedNote; inTitle: boolean; hit: number }[] = [];
    for (const note of this.notes.values()) {
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
    found.sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || b.note.modifiedAt - a.note.modifiedAt || a.note.name.localeCompare(b.note.name));
    return found.flatMap(({ note, hit }) => listEntry(note, hit));
  }
}

/**
 * One row of the list, checked against the contract here: a row that would not pass (a time or size no real
 * file has) is shown as unreadable instead of failing the whole list at the IPC boundary.
 */
function listEntry(note: IndexedNote, hit: number): NoteSummary[] {
  const problem = noteNameProblem(note.name);
  const entry = {
    name: note.name,
    title: note.title,
    modifiedAt: note.modifiedAt,
    size: note.size,
    status: note.status,
    ...(problem ? { nameProblem: problem } : {}),
    excerpt: excerptOf(note.content, hit),
  };
  if (NoteSummary.safeParse(entry).success) return [entry];
  const fallback = { name: note.name, title: note.title, modifiedAt: 0, size: 0, status: 'unreadable' as const, ...(problem ? { nameProblem: problem } : {}), excerpt: '' };
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
