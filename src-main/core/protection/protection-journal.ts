import { readFile, rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import { ProtectionId } from '../../contract/protection';
import { CommitmentMode } from '../../contract/session';
import { writeJsonAtomic } from '../fs/atomic-file';

const JournaledSession = z
  .object({ sessionId: z.string().max(64), endsAt: z.number().int().nonnegative(), mode: CommitmentMode })
  .strict();

/**
 * One protection the transaction has touched and not yet fully undone. Written *before* the protection acts:
 * `activating` before `activate`, `deactivating` before `deactivate`; `active` once `activate` returned.
 * A protection with no step was never touched, or was undone, and recovery leaves it alone.
 */
export const ProtectionStep = z
  .object({
    id: ProtectionId,
    phase: z.enum(['activating', 'active', 'deactivating']),
    session: JournaledSession,
  })
  .strict();
export type ProtectionStep = z.infer<typeof ProtectionStep>;

export const ProtectionJournalFile = z
  .object({ version: z.literal(1), steps: z.array(ProtectionStep).max(16) })
  .strict();

export type JournalRead = { kind: 'empty' } | { kind: 'steps'; steps: ProtectionStep[] } | { kind: 'corrupt'; reason: string; movedTo: string };

/** The protection transaction's journal: a small JSON file in the data folder, replaced atomically on every step. */
export class ProtectionJournal {
  constructor(readonly path: string) {}

  async read(): Promise<JournalRead> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'empty' };
      throw error;
    }
    let parsed: z.ZodSafeParseResult<z.infer<typeof ProtectionJournalFile>>;
    try {
      parsed = ProtectionJournalFile.safeParse(JSON.parse(text));
    } catch (error) {
      return this.moveAside((error as Error).message);
    }
    if (!parsed.success) return this.moveAside(parsed.error.issues[0]?.message ?? 'invalid');
    return parsed.data.steps.length === 0 ? { kind: 'empty' } : { kind: 'steps', steps: parsed.data.steps };
  }

  /** Nothing left to undo removes the file, so a clean shutdown leaves no journal behind. */
  async write(steps: readonly ProtectionStep[]): Promise<void> {
    if (steps.length === 0) {
      await rm(this.path, { force: true });
      return;
    }
    await writeJsonAtomic(this.path, { version: 1, steps });
  }

  // A journal we cannot read cannot be replayed; keep it for a human and start clean rather than refuse to run.
  private async moveAside(reason: string): Promise<JournalRead> {
    const movedTo = `${this.path}.corrupt`;
    await rename(this.path, movedTo);
    return { kind: 'corrupt', reason, movedTo };
  }
}
