import { z } from 'zod';
import { writeJsonAtomic } from '../../base/atomic-file';
import { readVersionedJson, type StoredFormat } from '../fs/versioned-json-file';
import type { Migration } from '../migrations';
import { ProtectionStatus } from '../../contract/protection';
import { SessionRecord } from './focus-session';

/**
 * `protections`: what each protection last verifiably did for the session, so a session found ended after the app
 * was closed (or crashed) still tells its reflection the truth. Absent in files written before it existed.
 */
export const SESSION_JOURNAL_VERSION = 3;

/** Numbered, pure migrations up to SESSION_JOURNAL_VERSION (../migrations.ts); version 1 is the first. */
export const sessionJournalMigrations: readonly Migration[] = [
  {
    // Version 2 keeps the thoughts parked during a session; a session journaled before had none.
    from: 1,
    migrate: (document) => {
      const record = asObject(document.record);
      const session = asObject(record?.session);
      if (!record || !session) return { ...document, version: 2 };
      return { ...document, version: 2, record: { ...record, session: { parkedThoughts: [], ...session } } };
    },
  },
  {
    // Version 3 keeps what a session blocks and the schedule window it runs for; before, every session was
    // started by hand and blocked the lists in Settings.
    from: 2,
    migrate: (document) => {
      const record = asObject(document.record);
      const session = asObject(record?.session);
      if (!record || !session) return { ...document, version: 3 };
      return { ...document, version: 3, record: { ...record, session: { blocks: null, window: null, ...session } } };
    },
  },
];

const asObject = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

const SessionJournalFile = z
  .object({ version: z.literal(SESSION_JOURNAL_VERSION), record: SessionRecord, protections: z.array(ProtectionStatus).max(8).optional() })
  .strict();
type SessionJournalFile = z.infer<typeof SessionJournalFile>;

export const sessionJournalFormat: StoredFormat<SessionJournalFile> = {
  version: SESSION_JOURNAL_VERSION,
  migrations: sessionJournalMigrations,
  schema: SessionJournalFile,
};

export type SessionJournalRead =
  | { kind: 'record'; record: SessionRecord; protections: ProtectionStatus[] | null }
  | { kind: 'corrupt'; reason: string; movedTo: string }
  | { kind: 'newer'; version: number; movedTo: string };

/**
 * The current session, written atomically on every transition, so a crash, a quit or a reboot finds it again.
 * No file means no session was ever started here.
 */
export class SessionJournal {
  constructor(
    readonly path: string,
    private readonly format: StoredFormat<SessionJournalFile> = sessionJournalFormat,
  ) {}

  /** A corrupt journal, or one from a newer Stillroom, is kept aside (see readVersionedJson) and the app starts idle. */
  async read(): Promise<SessionJournalRead> {
    const read = await readVersionedJson(this.path, this.format);
    if (read.kind === 'missing') return { kind: 'record', record: { phase: 'idle' }, protections: null };
    if (read.kind === 'read') return { kind: 'record', record: read.document.record, protections: read.document.protections ?? null };
    return read;
  }

  /** `protections`: the statuses to remember with the record (none while they are still pending). */
  write(record: SessionRecord, protections: readonly ProtectionStatus[] = []): Promise<void> {
    const remembered = protections.filter((status) => status.state !== 'pending');
    const version = SESSION_JOURNAL_VERSION;
    return writeJsonAtomic(this.path, remembered.length > 0 ? { version, record, protections: remembered } : { version, record });
  }
}
