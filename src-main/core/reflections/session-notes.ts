import type { NoteSummary } from '../../contract/notes';
import type { ReflectionNoteRef } from '../../contract/reflections';
import { formulaChanges } from '../../../src-shared/markdown/note-formulas';
import { titleOfNote } from '../notes/note-name';

interface EditedNote {
  /** The note's text before the session's first save of it ('' for a note the session created). */
  before: string;
  /** The text of its last save in the session. */
  after: string;
}

/**
 * The notes saved while a session runs, by session: TouchedNotes (touched-notes.ts) reports each save, create and
 * rename of the notes calls, and the session's reflection reads the list when it ends, with each note's formulas
 * added and changed between its text before the session's first save and after its last (`formulaChanges`). In
 * memory only, so it knows whether it followed a session from its start: one resumed or found ended after a
 * restart is not, and its reflection adds the notes whose files changed during it (`notesChangedDuring`).
 */
export class SessionNotes {
  private readonly bySession = new Map<string, Map<string, EditedNote>>();
  /** Sessions this process saw start; the others were resumed after a restart, with saves before it unknown. */
  private readonly startedHere = new Set<string>();
  private running: string | null = null;

  /**
   * The session now running (null: none); saves outside a session are not anyone's. A new one forgets older lists.
   * `resumed`: it began before this process did (the app was restarted during it).
   */
  setRunning(sessionId: string | null, resumed = false): void {
    if (sessionId !== null && sessionId !== this.running) {
      for (const known of [...this.bySession.keys()]) if (known !== sessionId) this.bySession.delete(known);
      for (const known of [...this.startedHere]) if (known !== sessionId) this.startedHere.delete(known);
      if (!resumed && !this.bySession.has(sessionId)) this.startedHere.add(sessionId);
    }
    this.running = sessionId;
  }

  /** True when every save of the session went through this process, so its list is the whole truth. */
  followedFromStart(sessionId: string): boolean {
    return this.startedHere.has(sessionId);
  }

  /**
   * Called before a save writes: the note's text as it is on disk, read only for the running session's first save
   * of that note (null: no need to read; the caller passes the result on to `saved`).
   */
  async textBefore(name: string, read: () => Promise<string>): Promise<string | null> {
    if (this.running === null || this.bySession.get(this.running)?.has(name)) return null;
    return read();
  }

  /** A save (or create, or restore) wrote `content`; `before` is what `textBefore` read (null: already known, or new). */
  saved(name: string, content: string, before: string | null): void {
    if (this.running === null) return;
    let notes = this.bySession.get(this.running);
    if (!notes) this.bySession.set(this.running, (notes = new Map()));
    const known = notes.get(name);
    if (known) known.after = content;
    else notes.set(name, { before: before ?? '', after: content });
  }

  /** A note renamed during the session keeps its place in the list and its texts, under its new name. */
  renamed(from: string, to: string): void {
    for (const notes of this.bySession.values()) {
      const note = notes.get(from);
      if (!note) continue;
      notes.delete(from);
      notes.set(to, note);
    }
  }

  /** The session's notes in the order first saved (kept until the next session starts, for a retried write). */
  notesOf(sessionId: string): ReflectionNoteRef[] {
    return [...(this.bySession.get(sessionId)?.entries() ?? [])].map(([name, note]) => {
      const { added, changed } = formulaChanges(note.before, note.after);
      return { name, title: titleOfNote(name), formulasAdded: added, formulasChanged: changed };
    });
  }
}

/**
 * For a session not followed from its start: the notes it saved here, then every other note whose file changed
 * between its start and its end, uncounted (its text before the session is not known).
 */
export function notesChangedDuring(
  tracked: readonly ReflectionNoteRef[],
  listed: readonly Pick<NoteSummary, 'name' | 'modifiedAt' | 'status'>[],
  from: number,
  to: number,
): ReflectionNoteRef[] {
  const known = new Set(tracked.map((note) => note.name));
  const changed = listed
    .filter((note) => note.status === 'text' && !known.has(note.name) && note.modifiedAt >= from && note.modifiedAt <= to)
    .sort((a, b) => a.modifiedAt - b.modifiedAt)
    .map((note) => ({ name: note.name, title: titleOfNote(note.name), formulasAdded: null, formulasChanged: null }));
  return [...tracked, ...changed];
}
