import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../../base/atomic-file';

/**
 * What the guard must know to take its browser policies back out, saved in its root-owned state folder BEFORE it
 * writes anything (journal first): after a crash at any point the next reconcile restores from here.
 * - files: per policy file, its bytes before our first write (null: there was none), the bytes we are writing and
 *   the rules they were made from;
 * - createdFolders: folders we created for them (several files may share one), removed again once empty.
 * - registry: per Windows policy key, the values we set with what they held before, and the list values we added.
 */
const Base64 = z.string().max(16 * 1024 * 1024);

export const FileJournalEntry = z
  .object({ previous: Base64.nullable(), written: Base64, fingerprint: z.string().max(128) })
  .strict();
export type FileJournalEntry = z.infer<typeof FileJournalEntry>;

export const RegistryValue = z.object({ type: z.enum(['REG_SZ', 'REG_DWORD']), data: z.string().max(4096) }).strict();
export type RegistryValue = z.infer<typeof RegistryValue>;

export const RegistryJournalEntry = z
  .object({
    /** The values we set, and what each held before (null: it did not exist). */
    values: z.array(z.object({ key: z.string().max(512), name: z.string().max(256), previous: RegistryValue.nullable() }).strict()).max(64),
    /** The numbered list values we added next to whatever the organisation put there. */
    added: z.array(z.object({ key: z.string().max(512), name: z.string().max(16) }).strict()).max(20_000),
    /** Keys that did not exist before us: removed again once empty. */
    createdKeys: z.array(z.string().max(512)).max(64),
    /** What the entry was written for, so an unchanged lease costs no registry writes. */
    fingerprint: z.string().max(128),
  })
  .strict();
export type RegistryJournalEntry = z.infer<typeof RegistryJournalEntry>;

export const PolicyJournalData = z
  .object({
    files: z.record(z.string().max(4096), FileJournalEntry).default({}),
    registry: z.record(z.string().max(512), RegistryJournalEntry).default({}),
    createdFolders: z.array(z.string().max(4096)).max(256).default([]),
  })
  .strict();
export type PolicyJournalData = z.infer<typeof PolicyJournalData>;

export class PolicyJournal {
  constructor(private readonly stateDir: string) {}

  get path(): string {
    return join(this.stateDir, 'browser-policies.json');
  }

  /** A missing journal is an empty one; a corrupt one is an error (restoring from a guess could destroy a file). */
  async load(): Promise<PolicyJournalData> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { files: {}, registry: {}, createdFolders: [] };
      throw error;
    }
    return PolicyJournalData.parse(JSON.parse(text));
  }

  save(data: PolicyJournalData): Promise<void> {
    return writeJsonAtomic(this.path, data, { mode: 0o600 });
  }
}
