import { z } from 'zod';
import { call, noInput } from './define';
import { NoteName, NoteVersion } from './notes';

/** The vault's TeX preamble: macros for every note, plus `%snippet` lines for completion. */
export const PREAMBLE_FILE = 'preamble.tex';
export const PREAMBLE_MAX_BYTES = 200_000;
/** The vault's math snippets: one a line (the renderer's snippet-rules.ts reads them, bad lines by number). */
export const SNIPPETS_FILE = 'snippets.txt';
export const SNIPPETS_MAX_BYTES = 100_000;
/** The vault's references for citations, at its top: BibTeX (BibLaTeX) first, else CSL JSON. */
export const REFERENCE_FILES = ['references.bib', 'references.json'] as const;
export const REFERENCES_MAX_BYTES = 5_000_000;
/** Exports go to this folder of the vault, named after the note. */
export const EXPORTS_FOLDER = 'Exports';
/** An export holds the note, KaTeX's CSS and its fonts as data: URLs: a few MB at most for the largest notes. */
export const EXPORT_MAX_CHARS = 32 * 1024 * 1024;

export const ExportFormat = z.enum(['html', 'tex', 'pdf']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const Preamble = z
  .object({
    content: z.string().max(PREAMBLE_MAX_BYTES),
    /** null: there is no preamble file yet (the defaults apply). */
    version: NoteVersion.nullable(),
  })
  .strict();
export type Preamble = z.infer<typeof Preamble>;

export const SnippetsFile = z
  .object({
    content: z.string().max(SNIPPETS_MAX_BYTES),
    /** null: there is no snippet file yet (the default snippets apply). */
    version: NoteVersion.nullable(),
  })
  .strict();
export type SnippetsFile = z.infer<typeof SnippetsFile>;

/** The refusals this domain's calls answer with; errors.ts joins every domain's into `ErrorCode`. */
export const notesMathErrorCodes = [] as const;

export const notesMathContract = {
  preamble: call(noInput, Preamble),
  /** The first of REFERENCE_FILES the vault has (its text), or nulls when it has none. */
  references: call(noInput, z.object({ fileName: z.enum(REFERENCE_FILES).nullable(), content: z.string().max(REFERENCES_MAX_BYTES) }).strict()),
  /** Refused with `note-conflict` (params: name) when the file is no longer `baseVersion`; null = must not exist. */
  savePreamble: call(z.object({ content: z.string().max(PREAMBLE_MAX_BYTES), baseVersion: NoteVersion.nullable() }).strict(), Preamble),
  snippets: call(noInput, SnippetsFile),
  /** Refused with `note-conflict` (params: name) when the file is no longer `baseVersion`; null = must not exist. */
  saveSnippets: call(z.object({ content: z.string().max(SNIPPETS_MAX_BYTES), baseVersion: NoteVersion.nullable() }).strict(), SnippetsFile),
  /**
   * Writes `Exports/<note>.<format>` in the vault atomically, replacing an earlier export of the note. The
   * renderer builds `content` (the same parser and KaTeX as the editor); for `pdf` it is the standalone HTML,
   * which the desktop app prints. Where nothing can print (the browser preview), a `pdf` export writes that HTML
   * instead and says so with `printFromBrowser`: the writer prints it to PDF from a browser.
   */
  exportNote: call(
    z.object({ name: NoteName, format: ExportFormat, content: z.string().max(EXPORT_MAX_CHARS) }).strict(),
    z.object({ fileName: z.string().max(300), path: z.string().max(4096), printFromBrowser: z.boolean() }).strict(),
  ),
};
