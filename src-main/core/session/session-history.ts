import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { FocusSession } from '../../contract/session';
import { writeJsonAtomic } from '../fs/atomic-file';

/** Enough sessions for recent statistics; the reflection log in the vault is the long-term record. */
export const HISTORY_LIMIT = 500;

const SessionHistoryFile = z.object({ version: z.literal(1), sessions: z.array(FocusSession).max(HISTORY_LIMIT) }).strict();

/**
 * Ended sessions, newest last, in one small JSON file replaced atomically. Recording is keyed by session id, so
 * replaying a transition after a crash updates the entry instead of adding a twin.
 */
export class SessionHistory {
  constructor(readonly path: string) {}

  /** The sessions, or an empty list when the file is missing or unreadable (recording then moves it aside). */
  async list(): Promise<FocusSession[]> {
    const loaded = await this.load();
    return loaded.kind === 'sessions' ? loaded.sessions : [];
  }

  async record(session: FocusSession): Promise<void> {
    const loaded = await this.load();
    if (loaded.kind === 'corrupt') await rename(this.path, `${this.path}.corrupt`);
    const sessions = (loaded.kind === 'sessions' ? loaded.sessions : []).filter((candidate) => candidate.id !== session.id);
    sessions.push(session);
    await writeJsonAtomic(this.path, { version: 1, sessions: sessions.slice(-HISTORY_LIMIT) });
  }

  private async load(): Promise<{ kind: 'sessions'; sessions: FocusSession[] } | { kind: 'corrupt' }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'sessions', sessions: [] };
      throw error;
    }
    try {
      const parsed = SessionHistoryFile.safeParse(JSON.parse(text));
      return parsed.success ? { kind: 'sessions', sessions: parsed.data.sessions } : { kind: 'corrupt' };
    } catch {
      return { kind: 'corrupt' };
    }
  }
}
