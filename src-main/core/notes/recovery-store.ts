import { lstat, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { NOTE_MAX_BYTES, isValidNoteName } from '../../contract/notes';
import type { Clock } from '../clock';
import { writeFileAtomic, writeJsonAtomic } from '../../base/atomic-file';
import { isMissing, readBoundedFile, versionOf } from '../vault/file-state';

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

const RECORD_MAX_BYTES = 64 * 1024;

/**
 * Copies of text that did not reach its note (a failed save, a refused conflict), in the app's data folder:
 * `<note>.md` (readable by hand in the worst case) and `<note>.md.json`. Both are written atomically; a copy
 * whose record is missing or describes other text still counts, since the text is what matters. Links are
 * never followed: a copy that is a link, or a recovery folder that is one, is not read or written.
 */
export class RecoveryStore {
  constructor(
    readonly folder: string,
    private readonly clock: Clock,
  ) {}

  async put(name: string, content: string, baseVersion: string | null): Promise<void> {
    if (await this.folderIsLink()) throw Object.assign(new Error(`${this.folder} is a link; no copy is written through it`), { code: 'ELOOP' });
    const bytes = Buffer.from(content, 'utf8');
    await writeFileAtomic(this.textPath(name), bytes, { mode: 0o600 });
    await writeJsonAtomic(
      this.recordPath(name),
      { name, baseVersion, savedAt: this.clock.now(), contentVersion: versionOf(bytes) },
      { mode: 0o600 },
    );
  }

  async get(name: string): Promise<RecoveredText | null> {
    if (await this.folderIsLink()) return null;
    const copy = await readBoundedFile(this.textPath(name), NOTE_MAX_BYTES);
    if (copy?.status !== 'text' || copy.content === null || copy.version === null) return null;
    const { content, version: contentVersion } = copy;
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
    if (await this.folderIsLink()) return [];
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

  /**
   * Follows a renamed note. A copy already kept under the new name (its note was deleted on disk, the name
   * reused) is another note's unsaved text: then this copy stays under its old name, and both are offered.
   */
  async move(from: string, to: string): Promise<void> {
    const taken = await lstat(this.textPath(to)).catch(() => null);
    const sameFile = taken !== null && (await lstat(this.textPath(from)).then((own) => own.ino === taken.ino && own.dev === taken.dev, () => false));
    if (taken && !sameFile) return;
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
      const record = await readBoundedFile(this.recordPath(name), RECORD_MAX_BYTES);
      if (record?.content == null) return null;
      const parsed = RecoveryRecordFile.safeParse(JSON.parse(record.content));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private async folderIsLink(): Promise<boolean> {
    const folder = await lstat(this.folder).catch(() => null);
    return folder?.isSymbolicLink() ?? false;
  }

  private textPath(name: string): string {
    return join(this.folder, name);
  }

  private recordPath(name: string): string {
    return join(this.folder, `${name}.json`);
  }
}
