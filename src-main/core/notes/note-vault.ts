import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  NOTE_MAX_BYTES,
  UNTITLED_NOTE_TITLES,
  noteNameProblem,
  type NoteDocument,
  type NoteRecovery,
  type NoteSummary,
  type SavedNote,
  type SyncCopy,
} from '../../contract/notes';
import type { Clock } from '../clock';
import { DomainError } from '../domain-error';
import { OUTSIDE_STATE, isMissing, unreadableState, type FileState } from '../vault/file-state';
import { iCloudPlaceholderOf } from '../vault/sync-names';
import { ANY_VERSION, VaultFileError, VaultFiles, refusalOf, type WrittenFile } from '../vault/vault-files';
import { WatchedFolder, type IndexProgress } from '../vault/watched-folder';
import { noteError, noteNotFound, noteUnreadable, outsideVault } from './note-errors';
import { NoteIndex, excerptOf } from './note-index';
import { fileStemForTitle, titleOfNote, uniqueNoteName } from './note-name';
import { followsItsText, titleFromText } from './note-title';
import { RecoveryStore } from './recovery-store';
import type { Trash } from './trash';

/**
 * Files in `Notes/` the list shows: every `.md` name, also those a note cannot have (flagged `bad-name`), and
 * iCloud's placeholders of `.md` files (listed as `not-downloaded`).
 */
const isListedName = (name: string): boolean => {
  const listed = iCloudPlaceholderOf(name) ?? name;
  return listed.endsWith('.md') && listed.length > 3;
};

export interface NoteVaultOptions {
  /** The vault folder; notes live in its `Notes/` folder. */
  readonly vaultDir: string;
  /** The app's data folder; copies of unsaved text go to its `recovery/` folder. */
  readonly dataDir: string;
  readonly clock: Clock;
  readonly trash: Trash;
  /** Shows a file in the system's file manager; null where there is none (the browser preview). */
  readonly revealInFolder: ((path: string) => Promise<void>) | null;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Tests turn the watcher off to see what a re-scan alone does. */
  readonly watch?: boolean;
  readonly maxBytes?: number;
}

/**
 * The notes vault: plain `.md` files in the vault's `Notes/` folder, saved atomically and only over the version the
 * editor was showing, with an in-memory index for the sidebar and search kept current by the watched folder, and a
 * recovery copy of any text that could not be saved. Every change to the folder goes through its one queue.
 */
export class NoteVault {
  readonly notesDir: string;
  private readonly files: VaultFiles;
  private readonly folder: WatchedFolder<FileState>;
  private readonly index = new NoteIndex();
  private readonly recovery: RecoveryStore;
  private readonly listeners = new Set<(names: string[]) => void>();
  private readonly maxBytes: number;

  private constructor(private readonly options: NoteVaultOptions) {
    this.files = new VaultFiles(options.vaultDir);
    this.notesDir = join(options.vaultDir, 'Notes');
    this.recovery = new RecoveryStore(join(options.dataDir, 'recovery'), options.clock);
    this.maxBytes = options.maxBytes ?? NOTE_MAX_BYTES;
    this.folder = new WatchedFolder(
      { label: 'notes', folder: 'Notes', depth: 0, accepts: isListedName, index: this.index, read: (name, folders) => this.indexedState(name, folders) },
      { files: this.files, clock: options.clock, log: options.log, watch: options.watch, onChange: ({ paths }) => this.announce([...paths]) },
    );
  }

  /** Never fails on a vault it cannot use (a removed disk, no permission): the app starts, and saves say why. */
  static async open(options: NoteVaultOptions): Promise<NoteVault> {
    const vault = new NoteVault(options);
    await vault.folder.start();
    await vault.folder.whenIndexed();
    return vault;
  }

  /** Non-null while files are being read into the index (a first sync landing, a start on a big folder). */
  indexProgress(): IndexProgress | null {
    return this.folder.progress;
  }

  get notesFolderOutside(): boolean {
    return this.folder.outside;
  }

  list(query?: string): NoteSummary[] {
    return this.index.list(query);
  }

  /** Reads the file itself, not the index, so the editor always opens what is on disk now. */
  read(name: string): Promise<NoteDocument> {
    return this.folder.run(async () => {
      const state = await this.look(name);
      if (!state) {
        if (this.index.delete(name)) this.announce([name]);
        if (this.index.isNotDownloaded(name)) throw notDownloaded(name);
        throw noteNotFound(name);
      }
      if (this.index.set(name, state)) this.announce([name]);
      return documentOf(name, this.refuseUnopenable(name, state));
    });
  }

  /** A conflict copy and its note, both read from disk now. */
  syncCopy(name: string): Promise<{ copy: SyncCopy; note: NoteDocument | null; copyText: string; copyVersion: string }> {
    return this.folder.run(async () => {
      const { copy, note } = this.requireSyncCopy(name);
      const copyState = await this.look(name);
      if (!copyState) throw noteNotFound(name);
      const copyDocument = this.refuseUnopenable(name, copyState);
      const noteState = await this.look(note);
      return {
        copy: { ...copy, modifiedAt: copyState.modifiedAt, size: copyState.size },
        note: noteState ? documentOf(note, this.refuseUnopenable(note, noteState)) : null,
        copyText: copyDocument.content,
        copyVersion: copyDocument.version,
      };
    });
  }

  /**
   * Ends a conflict: keeps the note (`note`), the copy's text as the note (`copy`), or the copy as a note of its own
   * named `copyTitle` (`both`). Either file no longer the version shown refuses it all (`note-conflict`); the copy is
   * removed only once the note's new text is written. Answers the note, the kept copy's new name, and the text
   * written over the note (null: none), which the running session counts as a note it touched.
   */
  resolveSyncCopy(
    name: string,
    resolution: { keep: 'note' | 'copy' | 'both'; noteVersion: string | null; copyVersion: string; copyTitle?: string },
  ): Promise<{ note: string; copy: string | null; written: string | null }> {
    return this.folder.run(async () => {
      const { copy, note } = this.requireSyncCopy(name);
      const copyState = await this.look(name);
      if (!copyState) throw noteNotFound(name);
      const copyText = this.refuseUnopenable(name, copyState);
      if (copyText.version !== resolution.copyVersion) throw noteError(name, new VaultFileError({ reason: 'conflict', current: copyText.version }));
      if (resolution.keep === 'both') {
        const title = resolution.copyTitle ?? `${titleOfNote(note)} (${copy.device ?? copy.engine} ${copy.date})`;
        const kept = await this.moveToFreeName(name, title);
        this.index.set(kept, copyState);
        return { note, copy: kept, written: null };
      }
      let written: string | null = null;
      if (resolution.keep === 'copy') {
        try {
          const saved = await this.files.write(await this.writablePath(note), copyText.content, { expected: resolution.noteVersion, maxBytes: this.maxBytes });
          this.indexWritten(note, copyText.content, saved);
          written = copyText.content;
        } catch (error) {
          throw noteError(note, error);
        }
      } else {
        // Keeping the note keeps the text it has now, which must be the one shown beside the copy; a note deleted
        // meanwhile keeps nothing, so the copy stays.
        const current = await this.look(note);
        if (!current) throw noteNotFound(note);
        if (current.version !== resolution.noteVersion) throw noteError(note, new VaultFileError({ reason: 'conflict', current: current.version }));
      }
      try {
        await this.files.remove(this.pathOf(name), resolution.copyVersion, this.maxBytes);
      } catch (error) {
        throw noteError(name, error);
      }
      this.index.delete(name);
      return { note, copy: null, written };
    });
  }

  /**
   * Saves over the file only if it is still `baseVersion` (null: only if there is no file). Anything refused or
   * failed keeps the text as a recovery copy before the error is reported, so the text exists in two places.
   * With `nameFromText` (the editor's saves), a note that follows its text then takes the name its title gives
   * (note-title.ts), in the same turn of the queue; the answer carries the name the note has now.
   */
  save(name: string, content: string, baseVersion: string | null, { nameFromText = false }: { nameFromText?: boolean } = {}): Promise<SavedNote> {
    return this.folder.run(async () => {
      const textBefore = nameFromText ? await this.textBefore(name, baseVersion) : null;
      let saved: SavedNote;
      let written: WrittenFile;
      try {
        const bytes = this.checkedSize(name, content);
        written = await this.files.write(await this.writablePath(name), bytes, { expected: baseVersion, maxBytes: this.maxBytes });
        saved = this.indexWritten(name, content, written);
      } catch (error) {
        await this.keepRecovery(name, content, baseVersion);
        throw noteError(name, error);
      }
      await this.recovery.remove(name).catch((error: unknown) => this.options.log('warn', `could not remove the recovery copy of ${name}: ${String(error)}`));
      if (textBefore === null || !followsItsText(name, textBefore)) return saved;
      return this.nameAfterTitle(name, content, written);
    });
  }

  /** A new note named after its title (or "Untitled"), never replacing a file that exists. */
  create(title: string | undefined, content = ''): Promise<NoteDocument> {
    return this.folder.run(() => this.createNote(title ?? UNTITLED_NOTE_TITLES[0]!, content));
  }

  rename(name: string, newTitle: string): Promise<NoteSummary> {
    return this.folder.run(async () => {
      const newName = `${fileStemForTitle(newTitle)}.md`;
      if (newName !== name) {
        // On macOS and Windows `a.md` and `A.md` are one file: the index knows the names a case-blind disk would clash on.
        if (this.index.hasNameIgnoringCase(newName.toLowerCase()) && newName.toLowerCase() !== name.toLowerCase()) {
          throw new DomainError('note-exists', `${newName} already exists`, { name: newName });
        }
        await this.move(name, newName);
      }
      const state = await this.look(newName);
      if (!state) throw noteNotFound(newName);
      // Only the link itself would move, but a link out of the vault is left entirely to the user.
      if (state.status === 'outside-link') throw outsideVault(newName);
      this.index.set(newName, state);
      return summaryOf(newName, state);
    });
  }

  /** Moves the note to the OS trash (restorable there) and drops any recovery copy of it. */
  delete(name: string): Promise<null> {
    return this.folder.run(async () => {
      const path = this.pathOf(name);
      const location = await this.files.locate(path);
      if (location.kind === 'absent') throw noteNotFound(name);
      if (location.kind === 'outside') throw outsideVault(name);
      try {
        await this.options.trash.moveToTrash(path);
      } catch (error) {
        throw noteError(name, error);
      }
      this.index.delete(name);
      await this.recovery.remove(name);
      return null;
    });
  }

  async reveal(name: string): Promise<{ revealed: boolean }> {
    if (!this.options.revealInFolder) return { revealed: false };
    const path = this.pathOf(name);
    if (!(await lstat(path).catch(() => null))) throw noteNotFound(name);
    await this.options.revealInFolder(path);
    return { revealed: true };
  }

  /** Looks at the whole folder again (the window regained focus, or the watcher had to stop). */
  rescan(): Promise<void> {
    return this.folder.rescan();
  }

  /** Unsaved text from earlier (a crash, a failed save); copies whose text the note already has are dropped. */
  recoveries(): Promise<NoteRecovery[]> {
    return this.folder.run(async () => {
      const items: NoteRecovery[] = [];
      for (const name of await this.recovery.names()) {
        const copy = await this.recovery.get(name);
        if (!copy) continue;
        const disk = await this.look(name);
        if (disk?.version === copy.contentVersion) {
          await this.recovery.remove(name);
          continue;
        }
        items.push({
          name,
          savedAt: copy.savedAt,
          size: Buffer.byteLength(copy.content),
          excerpt: excerptOf(copy.content),
          fileChangedSince: (disk?.version ?? null) !== copy.baseVersion,
          fileExists: disk !== null,
        });
      }
      return items.sort((a, b) => b.savedAt - a.savedAt);
    });
  }

  /** `replace`: the kept text becomes the note. `copy`: it becomes a new note beside it, both kept. */
  restoreRecovery(name: string, mode: 'replace' | 'copy'): Promise<NoteDocument> {
    return this.folder.run(async () => {
      const copy = await this.recovery.get(name);
      if (!copy) throw new DomainError('note-not-found', `No recovered text for ${name}`, { name });
      let document: NoteDocument;
      if (mode === 'copy') {
        document = await this.createNote(`${titleOfNote(name)} (recovered)`, copy.content);
      } else {
        try {
          const saved = this.indexWritten(name, copy.content, await this.files.write(await this.writablePath(name), copy.content, { expected: ANY_VERSION }));
          document = { name, content: copy.content, version: saved.version, modifiedAt: saved.modifiedAt };
        } catch (error) {
          throw noteError(name, error);
        }
      }
      await this.recovery.remove(name);
      return document;
    });
  }

  discardRecovery(name: string): Promise<null> {
    return this.folder.run(async () => {
      await this.recovery.remove(name);
      return null;
    });
  }

  /** Names of notes that changed on disk through anything but this vault's own calls. */
  onChange(listener: (names: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    return this.folder.close();
  }

  /** Renames the file (never over another) and carries its recovery copy along; the caller indexes the new name. */
  private async move(name: string, newName: string): Promise<void> {
    try {
      await this.files.rename(this.pathOf(name), this.pathOf(newName));
    } catch (error) {
      const { reason } = refusalOf(error);
      throw noteError(reason === 'exists' || reason === 'failed' ? newName : name, error);
    }
    await this.recovery.move(name, newName);
    this.index.delete(name);
  }

  /**
   * The note's text that a save at `baseVersion` replaces; null when it cannot be known, or when there is no file (a
   * note deleted elsewhere and written again keeps the name it had: new notes are made by `create`).
   */
  private async textBefore(name: string, baseVersion: string | null): Promise<string | null> {
    if (baseVersion === null) return null;
    const indexed = this.index.textAt(name, baseVersion);
    if (indexed !== null) return indexed;
    const state = await this.look(name).catch(() => null);
    return state?.version === baseVersion ? state.content : null;
  }

  /**
   * A note that follows its text, just saved: renamed to the name its title gives, unless it has that name (or has
   * no title yet). Never over another file: `Title 2` beside `Title`, also beside one the index has not seen yet. A
   * rename that fails otherwise leaves the note saved under its old name, which then is no longer its title's.
   */
  private async nameAfterTitle(name: string, content: string, written: WrittenFile): Promise<SavedNote> {
    const title = titleFromText(content);
    if (title === null) return this.indexWritten(name, content, written);
    const own = name.toLowerCase();
    const tried = new Set<string>();
    for (;;) {
      // `Plan 2` stays `Plan 2` while `Plan` is another note's, and becomes `Plan` once that name is free.
      const newName = uniqueNoteName(title, (lower) => lower !== own && (tried.has(lower) || this.index.hasNameIgnoringCase(lower)));
      if (newName === name) return this.indexWritten(name, content, written);
      try {
        await this.move(name, newName);
        return this.indexWritten(newName, content, written);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'note-exists') {
          tried.add(newName.toLowerCase());
          continue;
        }
        this.options.log('warn', `could not name ${name} after its title: ${String(error)}`);
        return this.indexWritten(name, content, written);
      }
    }
  }

  /** Renames `name` after `title`, never over another file: a name taken since the index last looked, the next one. */
  private async moveToFreeName(name: string, title: string): Promise<string> {
    const tried = new Set<string>();
    for (;;) {
      const free = uniqueNoteName(title, (lower) => tried.has(lower) || this.index.hasNameIgnoringCase(lower));
      try {
        await this.move(name, free);
        return free;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'note-exists')) throw error;
        tried.add(free.toLowerCase());
      }
    }
  }

  private requireSyncCopy(name: string): { copy: SyncCopy; note: string } {
    const found = this.index.syncCopy(name);
    if (!found) throw new DomainError('note-not-sync-copy', `${name} is not a sync conflict copy beside its note`, { name });
    return found;
  }

  private pathOf(name: string): string {
    const problem = noteNameProblem(name);
    if (problem) throw new DomainError('note-invalid-name', `Not a note name (${problem}): ${name}`, { name: name.slice(0, 300), problem });
    return join(this.notesDir, name);
  }

  /** Where a note is saved: in the real `Notes/` folder, which must be inside the vault. */
  private async writablePath(name: string): Promise<string> {
    this.pathOf(name);
    const { folder } = await this.folder.realFolders();
    if (folder === null) throw outsideVault(name);
    return join(folder, name);
  }

  private checkedSize(name: string, content: string): Buffer {
    const bytes = Buffer.from(content, 'utf8');
    if (bytes.length > this.maxBytes) {
      throw new DomainError('note-too-large', `${name} is ${bytes.length} bytes; the limit is ${this.maxBytes}`, { name, limit: this.maxBytes });
    }
    return bytes;
  }

  /** The note's state on disk as the list and the editor see it, never following a link out of the vault. */
  private async look(name: string, given?: { root: string; folder: string | null }): Promise<FileState | null> {
    this.pathOf(name);
    const folders = given ?? (await this.folder.realFolders());
    if (folders.folder === null) return OUTSIDE_STATE;
    return this.files.read(join(folders.folder, name), this.maxBytes, folders.root);
  }

  /** What the index keeps of a file in `Notes/`; one that cannot be looked at is listed as unreadable. */
  private async indexedState(name: string, folders: { root: string; folder: string }): Promise<FileState | null> {
    try {
      if (iCloudPlaceholderOf(name) !== null) return await notDownloadedState(join(folders.folder, name));
      return noteNameProblem(name) === null ? await this.look(name, folders) : await badNameState(join(folders.folder, name));
    } catch (error) {
      this.options.log('warn', `could not read ${name}: ${String(error)}`);
      return unreadableState();
    }
  }

  /** The index takes what was written, so the watcher's echo of this write finds nothing new to announce. */
  private indexWritten(name: string, content: string, written: WrittenFile): SavedNote {
    this.index.set(name, { status: 'text', content, version: written.version, modifiedAt: written.modifiedAt, size: written.size });
    return { name, version: written.version, modifiedAt: written.modifiedAt, size: written.size };
  }

  private async createNote(title: string, content: string): Promise<NoteDocument> {
    const bytes = Buffer.from(content, 'utf8');
    if (bytes.length > this.maxBytes) throw new DomainError('note-too-large', `The text is ${bytes.length} bytes`, { limit: this.maxBytes });
    const { folder } = await this.folder.realFolders().catch((error: unknown) => {
      throw noteError(fileStemForTitle(title), error);
    });
    if (folder === null) throw outsideVault('Notes');
    const tried = new Set<string>();
    for (;;) {
      const name = uniqueNoteName(title, (lower) => tried.has(lower) || this.index.hasNameIgnoringCase(lower));
      tried.add(name.toLowerCase());
      this.pathOf(name);
      let written: WrittenFile;
      try {
        // A file that appeared since the index last looked is never replaced: the next name is tried.
        written = await this.files.create(join(folder, name), bytes);
      } catch (error) {
        if (refusalOf(error).reason === 'exists') continue;
        throw noteError(name, error);
      }
      const saved = this.indexWritten(name, content, written);
      return { name, content, version: saved.version, modifiedAt: saved.modifiedAt };
    }
  }

  private refuseUnopenable(name: string, state: FileState): FileState & { content: string; version: string } {
    if (state.status === 'too-large') {
      throw new DomainError('note-too-large', `${name} is ${state.size} bytes; the limit is ${this.maxBytes}`, { name, limit: this.maxBytes });
    }
    if (state.status === 'outside-link') throw outsideVault(name);
    if (state.status === 'unreadable') throw noteUnreadable(name, 'unreadable');
    if (state.status === 'not-text' || state.content === null || state.version === null) {
      throw new DomainError('note-not-text', `${name} is not UTF-8 text`, { name });
    }
    return state as FileState & { content: string; version: string };
  }

  private async keepRecovery(name: string, content: string, baseVersion: string | null): Promise<void> {
    try {
      await this.recovery.put(name, content, baseVersion);
    } catch (error) {
      // The data folder may be on the same full disk; the text is still in the editor, which keeps retrying.
      this.options.log('error', `could not keep a recovery copy of ${name}: ${String(error)}`);
    }
  }

  private announce(names: string[]): void {
    if (names.length === 0) return;
    for (const listener of this.listeners) listener(names);
  }
}

/** A file whose name a note cannot have is listed, flagged, from its entry alone: never opened. */
const badNameState = (path: string): Promise<FileState | null> => stateFromEntry(path, 'bad-name');

/** An iCloud placeholder is listed from its entry alone: reading it (or the note) could make iCloud download it. */
const notDownloadedState = async (path: string): Promise<FileState | null> => {
  const state = await stateFromEntry(path, 'not-downloaded');
  return state && { ...state, size: 0 };
};

async function stateFromEntry(path: string, status: 'bad-name' | 'not-downloaded'): Promise<FileState | null> {
  const entry = await lstat(path).catch((error: unknown) => {
    if (isMissing(error)) return null;
    throw error;
  });
  if (!entry || entry.isDirectory()) return null;
  return { status, content: null, version: null, modifiedAt: Math.floor(entry.mtimeMs), size: entry.isFile() ? entry.size : 0 };
}

const notDownloaded = (name: string): DomainError =>
  new DomainError('note-not-downloaded', `${name} is in iCloud and not downloaded to this machine yet`, { name });

function documentOf(name: string, state: FileState & { content: string; version: string }): NoteDocument {
  return { name, content: state.content, version: state.version, modifiedAt: state.modifiedAt };
}

function summaryOf(name: string, state: FileState): NoteSummary {
  return { name, title: titleOfNote(name), modifiedAt: state.modifiedAt, size: state.size, status: state.status, excerpt: excerptOf(state.content) };
}
