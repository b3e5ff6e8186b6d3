import { join } from 'node:path';
import { EXPORTS_FOLDER, PREAMBLE_FILE, PREAMBLE_MAX_BYTES, type ExportFormat, type Preamble } from '../../contract/notes-math';
import { writeFileAtomic } from '../../base/atomic-file';
import { DomainError } from '../domain-error';
import { SerialQueue } from '../../base/serial-queue';
import { readNoteFile, versionOf } from './note-file';

/** Turns standalone HTML into PDF bytes (Electron's printToPDF); absent where nothing can print. */
export type PrintToPdf = (html: string) => Promise<Uint8Array>;

export interface MathFilesOptions {
  /** The vault in use now (it can change while the app runs). */
  readonly vaultDir: () => string;
  readonly printToPdf: PrintToPdf | null;
}

/**
 * The math notepad's files beside the notes: `preamble.tex` at the vault's top (macros and snippets for every
 * note, saved only over the version the editor showed) and `Exports/`, where a note's HTML, LaTeX or PDF is
 * written atomically. One queue, so a save and an export never interleave.
 */
export class MathFiles {
  private readonly queue = new SerialQueue();

  constructor(private readonly options: MathFilesOptions) {}

  private get preamblePath(): string {
    return join(this.options.vaultDir(), PREAMBLE_FILE);
  }

  preamble(): Promise<Preamble> {
    return this.queue.run(() => this.readPreamble());
  }

  savePreamble(content: string, baseVersion: string | null): Promise<Preamble> {
    return this.queue.run(async () => {
      const current = await this.readPreamble();
      if (current.version !== baseVersion) {
        throw new DomainError('note-conflict', `${PREAMBLE_FILE} changed on disk since it was opened`, { name: PREAMBLE_FILE, version: current.version ?? '' });
      }
      const bytes = Buffer.from(content, 'utf8');
      if (bytes.length > PREAMBLE_MAX_BYTES) {
        throw new DomainError('note-too-large', `${PREAMBLE_FILE} would be ${bytes.length} bytes`, { name: PREAMBLE_FILE, limit: PREAMBLE_MAX_BYTES });
      }
      try {
        await writeFileAtomic(this.preamblePath, bytes);
      } catch (error) {
        throw new DomainError('note-write-failed', `${PREAMBLE_FILE}: ${String(error)}`, { name: PREAMBLE_FILE, reason: String(error) });
      }
      return { content, version: versionOf(bytes) };
    });
  }

  /** `Exports/<note stem>.<format>`; a PDF is printed from the HTML first. */
  exportNote(name: string, format: ExportFormat, content: string): Promise<{ fileName: string; path: string }> {
    return this.queue.run(async () => {
      let data: string | Uint8Array = content;
      if (format === 'pdf') {
        if (!this.options.printToPdf) throw new DomainError('export-unavailable', 'Nothing can print to PDF here');
        data = await this.options.printToPdf(content);
      }
      const fileName = `${name.slice(0, -'.md'.length)}.${format}`;
      const path = join(this.options.vaultDir(), EXPORTS_FOLDER, fileName);
      try {
        await writeFileAtomic(path, data);
      } catch (error) {
        throw new DomainError('note-write-failed', `${fileName}: ${String(error)}`, { name: fileName, reason: String(error) });
      }
      return { fileName, path };
    });
  }

  private async readPreamble(): Promise<Preamble> {
    const state = await readNoteFile(this.preamblePath, PREAMBLE_MAX_BYTES);
    if (!state) return { content: '', version: null };
    if (state.status === 'too-large') {
      throw new DomainError('note-too-large', `${PREAMBLE_FILE} is over ${PREAMBLE_MAX_BYTES} bytes`, { name: PREAMBLE_FILE, limit: PREAMBLE_MAX_BYTES });
    }
    if (state.content === null) throw new DomainError('note-not-text', `${PREAMBLE_FILE} is not text`, { name: PREAMBLE_FILE });
    return { content: state.content, version: state.version };
  }
}
