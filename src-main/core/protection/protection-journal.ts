import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { ProtectionId } from '../../contract/protection';
import { CommitmentMode } from '../../contract/session';
import { writeJsonAtomic } from '../../base/atomic-file';
import { readVersionedJson, type StoredFormat } from '../fs/versioned-json-file';
import type { Migration } from '../migrations';

const JournaledSession = z
  .object({
    sessionId: z.string().max(64),
    endsAt: z.number().int().nonnegative(),
    mode: CommitmentMode,
    // Absent in steps written before allowlist sessions (and for ordinary ones): recovery leases an ordinary session.
    allowOnly: z.boolean().optional(),
  })
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

export const PROTECTION_JOURNAL_VERSION = 1;

/** Numbered, pure migrations up to PROTECTION_JOURNAL_VERSION (../migrations.ts); version 1 is the first. */
export const protectionJournalMigrations: readonly Migration[] = [];

export const ProtectionJournalFile = z
  .object({ version: z.literal(PROTECTION_JOURNAL_VERSION), steps: z.array(ProtectionStep).max(16) })
  .strict();
type ProtectionJournalFile = z.infer<typeof ProtectionJournalFile>;

export const protectionJournalFormat: StoredFormat<ProtectionJournalFile> = {
  version: PROTECTION_JOURNAL_VERSION,
  migrations: protectionJournalMigrations,
  schema: ProtectionJournalFile,
};

export type JournalRead =
  | { kind: 'empty' }
  | { kind: 'steps'; steps: ProtectionStep[] }
  | { kind: 'corrupt'; reason: string; movedTo: string }
  | { kind: 'newer'; version: number; movedTo: string };

/** The protection transaction's journal: a small JSON file in the data folder, replaced atomically on every step. */
export class ProtectionJournal {
  constructor(
    readonly path: string,
    private readonly format: StoredFormat<ProtectionJournalFile> = protectionJournalFormat,
  ) {}

  /**
   * A journal we cannot read (corrupt, or from a newer Stillroom) cannot be replayed: it is kept aside for a human
   * (see readVersionedJson) and the transaction starts clean rather than refuse to run.
   */
  async read(): Promise<JournalRead> {
    const read = await readVersionedJson(this.path, this.format);
    if (read.kind === 'missing') return { kind: 'empty' };
    if (read.kind !== 'read') return read;
    return read.document.steps.length === 0 ? { kind: 'empty' } : { kind: 'steps', steps: read.document.steps };
  }

  /** Nothing left to undo removes the file, so a clean shutdown leaves no journal behind. */
  async write(steps: readonly ProtectionStep[]): Promise<void> {
    if (steps.length === 0) {
      await rm(this.path, { force: true });
      return;
    }
    // Never write what `read` would refuse: a journal the next start cannot replay would undo nothing.
    const checked = ProtectionJournalFile.safeParse({ version: PROTECTION_JOURNAL_VERSION, steps });
    if (!checked.success) throw new Error(`protection journal not written: ${checked.error.issues[0]?.message ?? 'invalid'}`);
    await writeJsonAtomic(this.path, checked.data);
  }
}
