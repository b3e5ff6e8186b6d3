import { join } from 'node:path';
import { EXPORTS_FOLDER, PREAMBLE_FILE, PREAMBLE_MAX_BYTES, REFERENCE_FILES, REFERENCES_MAX_BYTES, SNIPPETS_FILE, SNIPPETS_MAX_BYTES, type ExportFormat, type Preamble, type SnippetsFile } from '../../contract/notes-math';
import { DomainError } from '../domain-error';
import { SerialQueue } from '../../base/serial-queue';
import { ANY_VERSION, VaultFiles } from '../vault/vault-files';
import { noteError, noteUnreadable, outsideVault } from './note-errors';
import type { NoteVault } from './note-vault';

/** Turns standalone HTML into PDF bytes (Electron's printToPDF); absent where nothing can print. */
export type PrintToPdf = (html: string) => Promise<Uint8Array>;

/** A text file of the vault's own (the preamble, the snippets, the references) as read or written, with its version. */
type VaultText = Preamble & SnippetsFile;

export interface MathFilesOptions {
  readonly vaultDir: string;
  readonly printToPdf: PrintToPdf | null;
  /** The notes exports are made of: `read` refuses one that is not there (note-not-found) or cannot be opened. */
  readonly notes: Pick<NoteVault, 'read'>;
}

/**
 * The math notepad's files beside the notes, through the vault's file API (never through a link out of the vault,
 * never over a read-only file): `preamble.tex` (macros for every note) and `snippets.txt` (math snippets) at the
 * vault's top, each saved only over the version the editor showed, the references for citations there (read only),
 * and `Exports/`, where a note's HTML, LaTeX or PDF is written atomically. One queue, so a save and an export never
 * interleave.
 */
export class MathFiles {
  private readonly files: VaultFiles;
  private readonly queue = new SerialQueue();

  constructor(private readonly options: MathFilesOptions) {
    this.files = new VaultFiles(options.vaultDir);
  }

  preamble(): Promise<Preamble> {
    return this.queue.run(() => this.readText(PREAMBLE_FILE, PREAMBLE_MAX_BYTES));
  }

  savePreamble(content: string, baseVersion: string | null): Promise<Preamble> {
    return this.queue.run(() => this.writeText(PREAMBLE_FILE, PREAMBLE_MAX_BYTES, content, baseVersion));
  }

  snippets(): Promise<SnippetsFile> {
    return this.queue.run(() => this.readText(SNIPPETS_FILE, SNIPPETS_MAX_BYTES));
  }

  saveSnippets(content: string, baseVersion: string | null): Promise<SnippetsFile> {
    return this.queue.run(() => this.writeText(SNIPPETS_FILE, SNIPPETS_MAX_BYTES, content, baseVersion));
  }

  /** The vault's references file (references.bib, else references.json), read as text; the renderer parses it. */
  references(): Promise<{ fileName: (typeof REFERENCE_FILES)[number] | null; content: string }> {
    return this.queue.run(async () => {
      for (const fileName of REFERENCE_FILES) {
        const file = await this.readText(fileName, REFERENCES_MAX_BYTES);
        if (file.version !== null) return { fileName, content: file.content };
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

  /** A text file at the vault's top, saved only over the version the editor showed. */
  private async writeText(name: string, limit: number, content: string, baseVersion: string | null): Promise<VaultText> {
    const bytes = Buffer.from(content, 'utf8');
    if (bytes.length > limit) {
      throw new DomainError('note-too-large', `${name} would be ${bytes.length} bytes`, { name, limit });
    }
    try {
      const written = await this.files.write(join(this.options.vaultDir, name), bytes, { expected: baseVersion, maxBytes: limit });
      return { content, version: written.version };
    } catch (error) {
      throw noteError(name, error);
    }
  }

  /** A text file at the vault's top; empty with no version when there is none. */
  private async readText(name: string, limit: number): Promise<VaultText> {
    const state = await this.files.read(join(this.options.vaultDir, name), limit).catch((error: unknown) => {
      throw noteError(name, error);
    });
    if (!state) return { content: '', version: null };
    if (state.status === 'outside-link') throw outsideVault(name);
    if (state.status === 'unreadable') throw noteUnreadable(name, 'unreadable');
    if (state.status === 'too-large') throw new DomainError('note-too-large', `${name} is over ${limit} bytes`, { name, limit });
    if (state.content === null) throw new DomainError('note-not-text', `${name} is not text`, { name });
    return { content: state.content, version: state.version };
  }
}
