import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { writeJsonAtomic } from '../fs/atomic-file';
import { SessionRecord } from './focus-session';

const SessionJournalFile = z.object({ version: z.literal(1), record: SessionRecord }).strict();

export type SessionJournalRead = { kind: 'record'; record: SessionRecord } | { kind: 'corrupt'; reason: string; movedTo: string };

/**
 * The current session, written atomically on every transition, so a crash, a quit or a reboot finds it again.
 * No file means no session was ever started here.
 */
export class SessionJournal {
  constructor(readonly path: string) {}

  async read(): Promise<SessionJournalRead> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'record', record: { phase: 'idle' } };
      throw error;
    }
    let reason: string;
    try {
      const parsed = SessionJournalFile.safeParse(JSON.parse(text));
      if (parsed.success) return { kind: 'record', record: parsed.data.record };
      const issue = parsed.error.issues[0];
      reason = `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`;
    } catch (error) {
      reason = (error as Error).message;
    }
    // Kept beside the journal for a human to read; the app starts idle rather than refuse to start.
    const movedTo = `${this.path}.corrupt`;
    await rename(this.path, movedTo);
    return { kind: 'corrupt', reason, movedTo };
  }

  write(record: SessionRecord): Promise<void> {
    return writeJsonAtomic(this.path, { version: 1, record });
  }
}
