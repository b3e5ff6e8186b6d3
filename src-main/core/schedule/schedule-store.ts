import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeJsonAtomic } from '../../base/atomic-file';
import { EMPTY_SCHEDULE, Schedule } from '../../contract/schedule';
import { parseVersionedJson, type StoredFormat } from '../fs/versioned-json-file';
import type { Migration } from '../migrations';

export const SCHEDULE_FILE_VERSION = 2;

/** Numbered, pure migrations up to SCHEDULE_FILE_VERSION (../migrations.ts); version 1 is the first. */
export const scheduleFileMigrations: readonly Migration[] = [
  {
    // Version 2: a rule may be an allowlist window ("only these sites"); every rule before was not, and the file says so.
    from: 1,
    migrate: (document) => {
      const schedule = asObject(document.schedule);
      if (!schedule) return { ...document, version: 2 };
      const withAllowOnly = (rule: unknown) => {
        const fields = asObject(rule);
        const blocks = asObject(fields?.blocks);
        return fields && blocks ? { ...fields, blocks: { allowOnly: false, ...blocks } } : rule;
      };
      const pending = Array.isArray(schedule.pending)
        ? schedule.pending.map((change) => {
            const fields = asObject(change);
            return fields && fields.kind === 'update' ? { ...fields, rule: withAllowOnly(fields.rule) } : change;
          })
        : schedule.pending;
      const rules = Array.isArray(schedule.rules) ? schedule.rules.map(withAllowOnly) : schedule.rules;
      return { ...document, version: 2, schedule: { ...schedule, rules, pending } };
    },
  },
];

const asObject = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

const ScheduleFile = z.object({ version: z.literal(SCHEDULE_FILE_VERSION), schedule: Schedule }).strict();
type ScheduleFile = z.infer<typeof ScheduleFile>;

export const scheduleFileFormat: StoredFormat<ScheduleFile> = {
  version: SCHEDULE_FILE_VERSION,
  migrations: scheduleFileMigrations,
  schema: ScheduleFile,
};

export type ScheduleRead =
  | { kind: 'schedule'; schedule: Schedule; migratedFrom: number | null }
  /** Not JSON, not the format, or written by a newer Stillroom: the file is left exactly as it is. */
  | { kind: 'unreadable'; reason: string };

/**
 * The user's schedule, one JSON file in the app's data folder, written atomically. Unlike a journal, a schedule
 * the app cannot read is not moved aside and started over: that would drop locked windows the moment the file
 * broke. It stays in place, and the service refuses to write over it until it can be read.
 */
export class ScheduleStore {
  constructor(
    readonly path: string,
    private readonly format: StoredFormat<ScheduleFile> = scheduleFileFormat,
  ) {}

  async read(): Promise<ScheduleRead> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'schedule', schedule: EMPTY_SCHEDULE, migratedFrom: null };
      throw error;
    }
    const parsed = parseVersionedJson(text, this.format);
    if (parsed.kind === 'read') return { kind: 'schedule', schedule: parsed.document.schedule, migratedFrom: parsed.migratedFrom };
    if (parsed.kind === 'newer') return { kind: 'unreadable', reason: `written by a newer Stillroom (format ${parsed.version})` };
    return { kind: 'unreadable', reason: parsed.reason };
  }

  write(schedule: Schedule): Promise<void> {
    return writeJsonAtomic(this.path, { version: SCHEDULE_FILE_VERSION, schedule });
  }
}
