import { z } from 'zod';
import { call, event, noInput } from './define';

/** A note's content is capped so one odd file cannot stall the editor or the index; 5 MB notes still open. */
export const NOTE_MAX_BYTES = 8 * 1024 * 1024;
/** Names are checked in bytes by the file system (255 on most); 200 leaves room for " 2" and temp-file affixes. */
export const NOTE_NAME_MAX_BYTES = 200;
export const NOTE_TITLE_MAX_CHARS = 120;
/**
 * The titles of a note that has none yet: what `create` gives without one, and what "New note" asks for in each
 * language (the notepad's catalogs are checked against this). A note so named takes its name from its text.
 */
export const UNTITLED_NOTE_TITLES: readonly string[] = ['Untitled', '无标题'];

/** Device names Windows reserves with any extension, in any case (`CON.md`, `con.draft.md`, `CONIN$.md`). */
export const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** What NTFS refuses (`:` would even name an alternate data stream of another file). */
const WINDOWS_CHARACTER = /[<>:"|?*]/;
/**
 * Invisible characters that make a name look like another: format characters (bidi overrides, zero-width
 * space, soft hyphen, BOM), line separators and lone surrogates. The zero-width joiners stay: emoji sequences
 * and Persian and Indic words need them.
 */
export const INVISIBLE_CHARACTER = /(?![\u200c\u200d])[\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/** Why a name cannot be a note's file name; the renderer translates each into both languages. */
export const NoteNameProblem = z.enum([
  'not-markdown',
  'separator',
  'hidden',
  'windows-character',
  'device-name',
  'trailing-dot-or-space',
  'control-character',
  'invisible-character',
  'too-long',
]);
export type NoteNameProblem = z.infer<typeof NoteNameProblem>;

/** UTF-8 length without TextEncoder, which this layer's libraries do not declare; a lone surrogate counts as U+FFFD. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * What is wrong with a note's file name inside `Notes/`, or null: one path segment ending in `.md`, never hidden,
 * nothing Windows refuses (its characters, device names, a trailing dot or space), nothing invisible, so it means
 * the same file on every OS the vault is synced to. Checked on every OS, on every side of the IPC and for every
 * file found on disk.
 */
export function noteNameProblem(name: string): NoteNameProblem | null {
  if (!name.endsWith('.md') || name.length <= 3) return 'not-markdown';
  if (name.includes('/') || name.includes('\\')) return 'separator';
  if (CONTROL.test(name)) return 'control-character';
  if (INVISIBLE_CHARACTER.test(name)) return 'invisible-character';
  if (name.startsWith('.')) return 'hidden';
  if (WINDOWS_CHARACTER.test(name)) return 'windows-character';
  const stem = name.slice(0, -3);
  if (name.startsWith(' ') || stem.endsWith('.') || stem.endsWith(' ')) return 'trailing-dot-or-space';
  // Windows refuses `CON.md` and also `CON.draft.md`: the device check applies to the part before the first dot.
  if (WINDOWS_DEVICE.test((stem.split('.')[0] ?? '').trimEnd())) return 'device-name';
  return utf8Length(name) <= NOTE_NAME_MAX_BYTES ? null : 'too-long';
}

export const isValidNoteName = (name: string): boolean => noteNameProblem(name) === null;

export const NoteName = z
  .string()
  .max(NOTE_NAME_MAX_BYTES)
  .superRefine((name, context) => {
    const problem = noteNameProblem(name);
    if (problem) context.addIssue({ code: 'custom', message: `not a valid note file name (${problem})` });
  });
export type NoteName = z.infer<typeof NoteName>;

/** Content hash (sha256, hex) of the bytes on disk: what a save must be based on to be accepted. */
export const NoteVersion = z.string().regex(/^[0-9a-f]{64}$/);
export type NoteVersion = z.infer<typeof NoteVersion>;

export const NoteContent = z.string().max(NOTE_MAX_BYTES);
export const NoteTitle = z.string().trim().min(1).max(NOTE_TITLE_MAX_CHARS);

/**
 * `text` opens in the editor; the others are listed so the user sees them, with why they do not open:
 * `outside-link` is a link to a file outside the vault (never read or written), `unreadable` could not be
 * opened (no permission, a pipe, a broken link), `bad-name` has a name some OS cannot hold (see `nameProblem`).
 */
/** `not-downloaded`: iCloud holds only a placeholder of it here; it is never read (which would force a download). */
export const NoteStatus = z.enum(['text', 'not-text', 'too-large', 'outside-link', 'unreadable', 'bad-name', 'not-downloaded']);
export type NoteStatus = z.infer<typeof NoteStatus>;

/** A time as JavaScript dates hold it; files from before 1970 have negative times. */
const Millis = z.number().int().min(-8.64e15).max(8.64e15);

/**
 * A name as found in `Notes/` (one segment ending in `.md`), which may be one a note cannot have: such a file is
 * listed with status `bad-name`, and nothing but the list ever takes it. 255 bytes is the longest name on disk.
 */
export const ListedNoteName = z
  .string()
  .max(255)
  .refine((name) => name.endsWith('.md') && !name.includes('/') && !name.includes('\0'), 'not a listed note file name');

/** The engines whose conflict copies are recognised by name (core/vault/sync-names.ts). */
export const SyncEngine = z.enum(['syncthing', 'nextcloud', 'dropbox']);
export type SyncEngine = z.infer<typeof SyncEngine>;

/**
 * A copy a sync engine left beside a note edited on two machines at once: shown under its note, never as a note.
 * `date` and `time` are the copying machine's wall clock as the name gives it (its zone unknown); `device` is
 * what the name says (Syncthing's short device id, a Nextcloud user, a Dropbox device), not proof of who wrote it.
 */
export const SyncCopy = z
  .object({
    name: ListedNoteName,
    engine: SyncEngine,
    device: z.string().max(255).nullable(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    time: z.string().regex(/^\d{2}:\d{2}:\d{2}$/).nullable(),
    modifiedAt: Millis,
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  })
  .strict();
export type SyncCopy = z.infer<typeof SyncCopy>;

export const NoteSummary = z
  .object({
    name: ListedNoteName,
    /** For a `bad-name` entry, the name with its invisible and control characters shown as `<U+202E>`. */
    title: z.string().max(2000),
    modifiedAt: Millis,
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    status: NoteStatus,
    nameProblem: NoteNameProblem.optional(),
    /** A line of the text: the start of the note, or around the first search hit. */
    excerpt: z.string().max(400),
    /** Conflict copies of this note a sync engine left, oldest first; absent when there are none. */
    syncCopies: z.array(SyncCopy).max(1000).optional(),
  })
  .strict();
export type NoteSummary = z.infer<typeof NoteSummary>;

export const NoteDocument = z
  .object({ name: NoteName, content: NoteContent, version: NoteVersion, modifiedAt: Millis })
  .strict();
export type NoteDocument = z.infer<typeof NoteDocument>;

export const SavedNote = z.object({ name: NoteName, version: NoteVersion, modifiedAt: Millis, size: z.number().int().min(0) }).strict();
export type SavedNote = z.infer<typeof SavedNote>;

/** Text that was typed but not saved (a failed save, a conflict, a crash), kept in the app's data folder. */
export const NoteRecovery = z
  .object({
    name: NoteName,
    savedAt: Millis,
    size: z.number().int().min(0),
    excerpt: z.string().max(400),
    /** Whether the note's file changed after the text was typed (edited elsewhere, or deleted). */
    fileChangedSince: z.boolean(),
    fileExists: z.boolean(),
  })
  .strict();
export type NoteRecovery = z.infer<typeof NoteRecovery>;

export const EditorFont = z.enum(['serif', 'humanist', 'mono']);
export type EditorFont = z.infer<typeof EditorFont>;

/** Theorem-like blocks numbered per kind (Theorem 1, Lemma 1) or with one counter for all (Theorem 1, Lemma 2). */
export const TheoremNumbering = z.enum(['perKind', 'shared']);
export type TheoremNumbering = z.infer<typeof TheoremNumbering>;

/** The theme follows the app's appearance setting; these are the writing surface's own choices. */
export const EditorPrefs = z
  .object({
    fontFamily: EditorFont.default('serif'),
    fontSize: z.number().int().min(12).max(32).default(18),
    lineHeight: z.number().min(1.2).max(2.4).default(1.7),
    focusDimming: z.boolean().default(false),
    typewriter: z.boolean().default(false),
    /** Vim keys (normal, insert and visual modes) in the editor; off unless the writer turns them on. */
    vim: z.boolean().default(false),
    /** Math snippets expand as they are typed (and on Tab); one switch turns the engine off. */
    snippets: z.boolean().default(true),
    theoremNumbering: TheoremNumbering.default('perKind'),
  })
  .strict();
export type EditorPrefs = z.infer<typeof EditorPrefs>;

/** A folder the user names for the vault: absolute on POSIX (`/...`) or Windows (`C:\\...`, `\\\\server\\share`). */
export const VaultFolder = z
  .string()
  .max(1024)
  // eslint-disable-next-line no-control-regex -- control characters never belong in a folder name
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)[^\u0000-\u001f\u007f]*$/, 'must be an absolute path');

/** Where the notes live; null = the host's default (`~/Documents/Stillroom`). Changed only through `notes.setVault`. */
export const VaultPrefs = z.object({ folder: VaultFolder.nullable().default(null) }).strict();
export type VaultPrefs = z.infer<typeof VaultPrefs>;

export const VaultState = z
  .object({
    /** The folder in use now. */
    folder: z.string().max(4096),
    defaultFolder: z.string().max(4096),
    isDefault: z.boolean(),
    /** Whether `chooseVaultFolder` opens a system folder picker (not in the browser preview). */
    canChoose: z.boolean(),
  })
  .strict();
export type VaultState = z.infer<typeof VaultState>;

const byName = z.object({ name: NoteName }).strict();

/** The refusals this domain's calls answer with; errors.ts joins every domain's into `ErrorCode`. */
export const notesErrorCodes = [
  'note-not-found',
  'note-exists',
  'note-invalid-name',
  'note-conflict',
  'note-write-failed',
  'note-too-large',
  'note-not-text',
  'note-outside-vault',
  'note-unreadable',
  'note-not-downloaded',
  'note-not-sync-copy',
  'vault-unusable',
] as const;

export const notesContract = {
  /** Every note, newest first; with a query, only notes whose title and text contain every word. */
  /** `notesFolderOutside`: the vault's `Notes/` folder is a link out of the vault, so nothing in it is read or written. */
  list: call(
    z.object({ query: z.string().max(200).optional() }).strict(),
    z.object({ notes: z.array(NoteSummary).max(100_000), notesFolderOutside: z.boolean() }).strict(),
  ),
  read: call(byName, NoteDocument),
  /**
   * Refused with `note-conflict` (params: name, version) when the file is no longer `baseVersion`; null = must not exist.
   * `nameFromText` (the editor's autosaves): a note still named by its text takes the name its first heading (or
   * line) gives, and the answer's `name` is the one it has now; a note the writer renamed keeps its name.
   */
  save: call(
    z.object({ name: NoteName, content: NoteContent, baseVersion: NoteVersion.nullable(), nameFromText: z.boolean().optional() }).strict(),
    SavedNote,
  ),
  create: call(z.object({ title: NoteTitle.optional(), content: NoteContent.optional() }).strict(), NoteDocument),
  rename: call(z.object({ name: NoteName, newTitle: NoteTitle }).strict(), NoteSummary),
  /** To the operating system's trash, so it can be restored there. */
  delete: call(byName, z.null()),
  /** Shows the file in the system's file manager; `revealed: false` where the host has none (the browser preview). */
  reveal: call(byName, z.object({ revealed: z.boolean() }).strict()),
  /** Looks at the folder again (the window regained focus); changes arrive as `changed`. */
  rescan: call(noInput, z.null()),
  recoveries: call(noInput, z.object({ items: z.array(NoteRecovery).max(10_000) }).strict()),
  /** `replace` writes the recovered text over the note; `copy` keeps both, the recovered text as a new note. */
  restoreRecovery: call(z.object({ name: NoteName, mode: z.enum(['replace', 'copy']) }).strict(), NoteDocument),
  discardRecovery: call(byName, z.null()),
  vault: call(noInput, VaultState),
  /**
   * Switches to another vault folder (null: the default) after checking it can hold notes; refused with
   * `vault-unusable` (params: folder, reason) and nothing changed otherwise. Notes are never moved or copied.
   */
  setVault: call(z.object({ folder: VaultFolder.nullable() }).strict(), VaultState),
  /** Opens the system's folder picker; null when cancelled or where there is none. Does not switch. */
  chooseVaultFolder: call(noInput, z.object({ folder: z.string().max(4096).nullable() }).strict()),
  /** A conflict copy beside its note: both texts as they are on disk now (`note` null: the note is gone since). */
  syncCopy: call(
    byName,
    z.object({ copy: SyncCopy, note: NoteDocument.nullable(), copyText: NoteContent, copyVersion: NoteVersion }).strict(),
  ),
  /**
   * Resolves a conflict copy: `note` keeps the note as it is, `copy` writes the copy's text over the note, `both`
   * makes the copy a note of its own named `copyTitle`. The copy is removed only after the note is written, and
   * nothing is done (`note-conflict`) when either file is no longer the version shown. Answers the note's name and
   * the kept copy's new name (null when it was removed).
   */
  resolveSyncCopy: call(
    z
      .object({
        name: NoteName,
        keep: z.enum(['note', 'copy', 'both']),
        noteVersion: NoteVersion.nullable(),
        copyVersion: NoteVersion,
        copyTitle: NoteTitle.optional(),
      })
      .strict(),
    z.object({ note: NoteName, copy: NoteName.nullable() }).strict(),
  ),
  /** Notes added, changed or removed on disk by anything but this app's own saves. */
  changed: event(z.object({ names: z.array(NoteName).max(100_000) }).strict()),
};
