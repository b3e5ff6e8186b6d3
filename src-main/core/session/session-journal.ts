import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { writeJsonAtomic } from '../fs/atomic-file';
import { ProtectionStatus } from '../../contract/protection';
import { SessionRecord } from './focus-session';

/**
 * `protections`: what each protection last verifiably did for the session, so a session found ended after the app
 * was closed (or crashed) still tells its reflection the truth. Absent in files written before it existed.
 */
const SessionJournalFile = z
  .object({ version: z.literal(1), record: SessionRecord, protections: z.array(ProtectionStatus).max(8).optional() })
  .strict();

export type SessionJournalRead =
  | { kind: 'record'; record: SessionRecord; protections: ProtectionStatus[] | null }
  | { kind: 'corrupt'; reason: string; movedTo: string };

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
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'record', record: { phase: 'idle' }, protections: null };
      throw error;
    }
    let reason: string;
    try {
      const parsed = SessionJournalFile.safeParse(JSON.parse(text));
      if (parsed.success) return { kind: 'record', record: parsed.data.record, protections: parsed.data.protections ?? null };
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

  /** `protections`: the statuses to remember with the record (none while they are still pending). */
  write(record: SessionRecord, protections: readonly ProtectionStatus[] = []): Promise<void> {
    const remembered = protections.filter((status) => status.state !== 'pending');
    return writeJsonAtomic(this.path, remembered.length > 0 ? { version: 1, record, protections: remembered } : { version: 1, record });
  }
}
