import type { NoteSummary } from '../../contract/notes';
import type { ReflectionNoteRef } from '../../contract/reflections';
import type { FocusSession, SessionState } from '../../contract/session';
import type { NoteWrites } from '../notes/notes-handlers';
import { notesChangedDuring, SessionNotes } from './session-notes';

/** The vault as far as the notes a session touched read it: a note's text, and every note's file time. */
export interface NotesOnDisk {
  read(name: string): Promise<{ readonly content: string }>;
  list(): readonly Pick<NoteSummary, 'name' | 'modifiedAt' | 'status'>[];
}

/** The session service as far as the notes a session touched follow it. */
export interface FollowedSession {
  state(): SessionState;
  onChange(listener: (state: SessionState) => void): () => void;
}

/**
 * The notes a session touched, for its reflection: the notes calls run their writes through it (NoteWrites), it
 * follows which session runs, and an ended session's reflection takes the list (`of`). The bookkeeping is
 * SessionNotes'; this is where it meets the vault and the session.
 */
export class TouchedNotes implements NoteWrites {
  private readonly sessions = new SessionNotes();

  /** `notes`: the vault in use now (it changes with the vault chosen in Settings). */
  constructor(private readonly notes: () => NotesOnDisk) {}

  /**
   * Follows the session from now on; one already running began before this process did (the app was restarted
   * during it), so what it saved before is not known. Returns the unsubscribe function.
   */
  follow(session: FollowedSession): () => void {
    const now = session.state();
    if (now.phase === 'running') this.sessions.setRunning(now.session.id, true);
    return session.onChange((state) => this.sessions.setRunning(state.phase === 'running' ? state.session.id : null));
  }

  async overwrite<T extends { readonly name: string }>(name: string, write: () => Promise<T>, text: (written: T) => string): Promise<T> {
    const before = await this.sessions.textBefore(name, () => this.textOnDisk(name));
    const written = await write();
    if (written.name !== name) this.sessions.renamed(name, written.name);
    this.sessions.saved(written.name, text(written), before);
    return written;
  }

  async add<T extends { readonly name: string; readonly content: string }>(write: () => Promise<T>): Promise<T> {
    const added = await write();
    this.sessions.saved(added.name, added.content, '');
    return added;
  }

  async rename<T extends { readonly name: string }>(name: string, write: () => Promise<T>): Promise<T> {
    const renamed = await write();
    this.sessions.renamed(name, renamed.name);
    return renamed;
  }

  /**
   * The notes of an ended session, for its reflection: those it saved here, and for a session not followed from its
   * start (resumed, or found ended after a restart) also every note whose file changed while it ran.
   */
  of(session: FocusSession): ReflectionNoteRef[] {
    const tracked = this.sessions.notesOf(session.id);
    if (this.sessions.followedFromStart(session.id)) return tracked;
    return notesChangedDuring(tracked, this.notes().list(), session.startedAt, session.ending?.at ?? session.endsAt);
  }

  /** A note's text before the session's first save of it: '' when it does not exist yet (or cannot be read). */
  private async textOnDisk(name: string): Promise<string> {
    try {
      return (await this.notes().read(name)).content;
    } catch {
      return '';
    }
  }
}
