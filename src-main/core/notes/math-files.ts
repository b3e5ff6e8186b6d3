import { join } from 'node:path';
import { EXPORTS_FOLDER, PREAMBLE_FILE, PREAMBLE_MAX_BYTES, REFERENCE_FILES, REFERENCES_MAX_BYTES, type ExportFormat, type Preamble } from '../../contract/notes-math';
import { DomainError } from '../domain-error';
import { SerialQueue } from '../../base/serial-queue';
import { ANY_VERSION, VaultFiles } from '../vault/vault-files';
import { noteError, noteUnreadable, outsideVault } from './note-errors';
import type { NoteVault } from './note-vault';

/** Turns standalone HTML into PDF bytes (Electron's printToPDF); absent where nothing can print. */
export type PrintToPdf = (html: string) => Promise<Uint8Array>;

export interface MathFilesOptions {
  readonly vaultDir: string;
  readonly printToPdf: PrintToPdf | null;
  /** The notes exports are made of: `read` refuses one that is not there (note-not-found) or cannot be opened. */
  readonly notes: Pick<NoteVault, 'read'>;
}

/**
 * The math notepad's files beside the notes, through the vault's file API (never through a link out of the vault,
 * never over a read-only file): `preamble.tex` at the vault's top (macros and snippets for every note, saved only
 * over the version the editor showed) and `Exports/`, where a note's HTML, LaTeX or PDF is written atomically.
 * One queue, so a save and an export never interleave.
 */
export class MathFiles {
  private readonly files: VaultFiles;
  private readonly queue = new SerialQueue();

  constructor(private readonly options: MathFilesOptions) {
    this.files = new VaultFiles(options.vaultDir);
  }

  private get preamblePath(): string {
    return join(this.options.vaultDir, PREAMBLE_FILE);
  }

  preamble(): Promise<Preamble> {
    return this.queue.run(() => this.readPreamble());
  }

  savePreamble(content: string, baseVersion: string | null): Promise<Preamble> {
    return this.queue.run(async () => {
      const bytes = Buffer.from(content, 'utf8');
      if (bytes.length > PREAMBLE_MAX_BYTES) {
        throw new DomainError('note-too-large', `${PREAMBLE_FILE} would be ${bytes.length} bytes`, { name: PREAMBLE_FILE, limit: PREAMBLE_MAX_BYTES });
      }
      try {
        const written = await this.files.write(this.preamblePath, bytes, { expected: baseVersion, maxBytes: PREAMBLE_MAX_BYTES });
        return { content, version: written.version };
      } catch (error) {
        throw noteError(PREAMBLE_FILE, error);
      }
    });
  }

  /** The vault's references file (references.bib, else references.json), read as text; the renderer parses it. */
  references(): Promise<{ fileName: (typeof REFERENCE_FILES)[number] | null; content: string }> {
    return this.queue.run(async () => {
      for (const fileName of REFERENCE_FILES) {
        const state = await this.files.read(join(this.options.vaultDir, fileName), REFERENCES_MAX_BYTES).catch((error: unknown) => {
          throw noteError(fileName, error);
        });
        if (!state) continue;
        if (state.status === 'outside-link') throw outsideVault(fileName);
        if (state.status === 'unreadable') throw noteUnreadable(fileName, 'unreadable');
        if (state.status === 'too-large') throw new DomainError('note-too-large', `${fileName} is over ${REFERENCES_MAX_BYTES} bytes`, { name: fileName, limit: REFERENCES_MAX_BYTES });
        if (state.content === null) throw new DomainError('note-not-text', `${fileName} is not text`, { name: fileName });
        return { fileName, content: state.content };
      }
      return { fileName: null, content: '' };
    });
  }

  /**
   * `Exports/<note stem>.<format>` of a note that exists; a PDF is printed from the HTML first. Where nothing can
   * print, a PDF export writes the HTML it would have printed, for the writer to print from a browser.
   */
  exportNote(name: string, format: ExportFormat, content: string): Promise<{ fileName: string; path: string; printFromBrowser: boolean }> {
    return this.queue.run(async () => {
      await this.options.notes.read(name);
      const printFromBrowser = format === 'pdf' && !this.options.printToPdf;
      const data = format === 'pdf' && this.options.printToPdf ? await this.options.printToPdf(content) : content;
      const fileName = `${name.slice(0, -'.md'.length)}.${printFromBrowser ? 'html' : format}`;
      const exportsFolder = join(this.options.vaultDir, EXPORTS_FOLDER);
      const path = join(exportsFolder, fileName);
      try {
        // The write would be refused too, but said of the file; it is the folder that leads out of the vault.
        if ((await this.files.locate(exportsFolder)).kind === 'outside') throw outsideVault(EXPORTS_FOLDER);
        await this.files.write(path, data, { expected: ANY_VERSION });
      } catch (error) {
        throw noteError(fileName, error);
      }
      return { fileName, path, printFromBrowser };
    });
  }

  private async readPreamble(): Promise<Preamble> {
    const state = await this.files.read(this.preamblePath, PREAMBLE_MAX_BYTES).catch((error: unknown) => {
      throw noteError(PREAMBLE_FILE, error);
    });
    if (!state) return { content: '', version: null };
    if (state.status === 'outside-link') throw outsideVault(PREAMBLE_FILE);
    if (state.status === 'unreadable') throw noteUnreadable(PREAMBLE_FILE, 'unreadable');
    if (state.status === 'too-large') {
      throw new DomainError('note-too-large', `${PREAMBLE_FILE} is over ${PREAMBLE_MAX_BYTES} bytes`, { name: PREAMBLE_FILE, limit: PREAMBLE_MAX_BYTES });
    }
    if (state.content === null) throw new DomainError('note-not-text', `${PREAMBLE_FILE} is not text`, { name: PREAMBLE_FILE });
    return { content: state.content, version: state.version };
  }
}
