import { readFile, rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import { ProtectionId } from '../../contract/protection';
import { CommitmentMode } from '../../contract/session';
import { writeJsonAtomic } from '../fs/atomic-file';

const JournaledSession = z
  .object({ sessionId: z.string().max(64), endsAt: z.number().int().nonnegative(), mode: CommitmentMode })
  .strict();

/** What a protection keeps in its step to undo its own change exactly (a snapshot, the value it wrote); JSON, small. */
export const ProtectionMemoValue = z.json().refine((value) => JSON.stringify(value).length <= 16_000, 'a protection memo is at most 16,000 characters');

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
    /** Written by the protection itself (through `ProtectionMemo.record`) before each change it makes. */
    memo: ProtectionMemoValue.optional(),
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
    // Never write what `read` would refuse: a journal the next start cannot replay would undo nothing.
    const checked = ProtectionJournalFile.safeParse({ version: 1, steps });
    if (!checked.success) throw new Error(`protection journal not written: ${checked.error.issues[0]?.message ?? 'invalid'}`);
    await writeJsonAtomic(this.path, checked.data);
  }

  // A journal we cannot read cannot be replayed; keep it for a human and start clean rather than refuse to run.
  private async moveAside(reason: string): Promise<JournalRead> {
    const movedTo = `${this.path}.corrupt`;
    await rename(this.path, movedTo);
    return { kind: 'corrupt', reason, movedTo };
  }
}
