import type { ReflectionNoteRef } from '../../contract/reflections';
import { titleOfNote } from '../notes/note-name';

/**
 * The notes saved while a session runs, by session: app-core reports each save, create and rename through the
 * notes calls, and the session's reflection reads the list when it ends. In memory only: a session found ended
 * after a restart has no list (its reflection says so by having none).
 */
export class SessionNotes {
  private readonly bySession = new Map<string, Map<string, ReflectionNoteRef>>();
  private running: string | null = null;

  /** The session now running (null: none); saves outside a session are not anyone's. A new one forgets older lists. */
  setRunning(sessionId: string | null): void {
    if (sessionId !== null && sessionId !== this.running) {
      for (const known of [...this.bySession.keys()]) if (known !== sessionId) this.bySession.delete(known);
    }
    this.running = sessionId;
  }

  saved(name: string): void {
    if (this.running === null) return;
    let notes = this.bySession.get(this.running);
    if (!notes) this.bySession.set(this.running, (notes = new Map()));
    notes.set(name, { name, title: titleOfNote(name) });
  }

  /** A note renamed during the session keeps its place in the list, under its new name. */
  renamed(from: string, to: string): void {
    for (const notes of this.bySession.values()) {
      if (!notes.delete(from)) continue;
      notes.set(to, { name: to, title: titleOfNote(to) });
    }
  }

  /** The session's notes in the order first saved (kept until the next session starts, for a retried write). */
  notesOf(sessionId: string): ReflectionNoteRef[] {
    return [...(this.bySession.get(sessionId)?.values() ?? [])];
  }
}
