import { readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { isValidNoteName } from '../../contract/notes';
import type { Clock } from '../clock';
import { writeFileAtomic, writeJsonAtomic } from '../fs/atomic-file';
import { decodeNoteText, isMissing, versionOf } from './note-file';

/** The small record beside each copy: what the text was based on, when it was kept, and which text it describes. */
const RecoveryRecordFile = z
  .object({
    name: z.string().max(300),
    baseVersion: z.string().max(100).nullable(),
    savedAt: z.number().int().min(0),
    contentVersion: z.string().max(100),
  })
  .strict();

export interface RecoveredText {
  readonly name: string;
  readonly content: string;
  readonly contentVersion: string;
  /** The version of the file the text was typed on; null when unknown or when the note was new. */
  readonly baseVersion: string | null;
  readonly savedAt: number;
}

/**
 * Copies of text that did not reach its note (a failed save, a refused conflict), in the app's data folder:
 * `<note>.md` (readable by hand in the worst case) and `<note>.md.json`. Both are written atomically; a copy
 * whose record is missing or describes other text still counts, since the text is what matters.
 */
export class RecoveryStore {
  constructor(
    readonly folder: string,
    private readonly clock: Clock,
  ) {}

  async put(name: string, content: string, baseVersion: string | null): Promise<void> {
    const bytes = Buffer.from(content, 'utf8');
    await writeFileAtomic(this.textPath(name), bytes, { mode: 0o600 });
    await writeJsonAtomic(
      this.recordPath(name),
      { name, baseVersion, savedAt: this.clock.now(), contentVersion: versionOf(bytes) },
      { mode: 0o600 },
    );
  }

  async get(name: string): Promise<RecoveredText | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.textPath(name));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    const content = decodeNoteText(bytes);
    if (content === null) return null;
    const contentVersion = versionOf(bytes);
    const record = await this.readRecord(name);
    const matches = record !== null && record.contentVersion === contentVersion;
    return {
      name,
      content,
      contentVersion,
      baseVersion: matches ? record.baseVersion : null,
      savedAt: record?.savedAt ?? 0,
    };
  }

  /** Names with a kept copy; other files in the folder are ignored. */
  async names(): Promise<string[]> {
    let entries: string[];
    try {
      entries = await readdir(this.folder);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    return entries.filter(isValidNoteName).sort();
  }

  async remove(name: string): Promise<void> {
    // The text goes last, so an interrupted removal never leaves a record without its text.
    await rm(this.recordPath(name), { force: true });
    await rm(this.textPath(name), { force: true });
  }

  /** Follows a renamed note (the new name was free, so any copy under it was stale). */
  async move(from: string, to: string): Promise<void> {
    try {
      await rename(this.textPath(from), this.textPath(to));
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    await rename(this.recordPath(from), this.recordPath(to)).catch(() => undefined);
  }

  private async readRecord(name: string): Promise<z.infer<typeof RecoveryRecordFile> | null> {
    try {
      const parsed = RecoveryRecordFile.safeParse(JSON.parse(await readFile(this.recordPath(name), 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private textPath(name: string): string {
    return join(this.folder, name);
  }

  private recordPath(name: string): string {
    return join(this.folder, `${name}.json`);
  }
}
