import { lstat, mkdir, open, readdir, realpath, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  NOTE_MAX_BYTES,
  noteNameProblem,
  type NoteDocument,
  type NoteRecovery,
  type NoteSummary,
  type SavedNote,
} from '../../contract/notes';
import type { Clock } from '../clock';
import { syncFolder, writeFileAtomic } from '../../base/atomic-file';
import { watchFolder, type FolderWatcher } from '../fs/folder-watcher';
import { DomainError } from '../domain-error';
import { isInside, isMissing, readNoteFile, unreadableState, versionOf, type NoteFileState } from './note-file';
import { NoteIndex, excerptOf } from './note-index';
import { fileStemForTitle, titleOfNote, uniqueNoteName } from './note-name';
import { RecoveryStore } from './recovery-store';
import type { Trash } from './trash';
import { SerialQueue } from '../../base/serial-queue';
import { VaultPaths, type NoteLocation } from './vault-paths';

/** Quiet time after the last file-system event before the folder is looked at; sync tools write in bursts. */
const WATCH_DEBOUNCE_MS = 150;
/** The temp files `writeFileAtomic` leaves behind when the process dies mid-save. */
const STALE_TEMP = /^\..+\.md\.\d+\.[0-9a-f]{12}\.tmp$/;
/** What a link out of the vault is indexed as: nothing of the target (not even its size or time) is kept. */
const OUTSIDE: NoteFileState = { status: 'outside-link', content: null, version: null, modifiedAt: 0, size: 0 };
/** Files in `Notes/` the list shows: every visible `.md` name, also those a note cannot have (flagged `bad-name`). */
const isListedName = (name: string): boolean => name.endsWith('.md') && name.length > 3 && !name.startsWith('.');

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
 * The notes vault: plain `.md` files, saved atomically and only over the version the editor was showing, with an
 * in-memory index for the sidebar and search, a watcher for changes made by other programs, and a recovery copy
 * of any text that could not be saved. Every change to the folder goes through one queue, in order.
 */
export class NoteVault {
  readonly notesDir: string;
  private readonly paths: VaultPaths;
  private readonly index = new NoteIndex();
  private readonly recovery: RecoveryStore;
  private readonly listeners = new Set<(names: string[]) => void>();
  private readonly maxBytes: number;
  /** File operations run one at a time, so a save, a rename and a rescan never interleave. */
  private readonly operations = new SerialQueue();
  private watcher: FolderWatcher | null = null;
  private closed = false;
  /** The last scan found `Notes/` to be a link out of the vault: the list says so instead of "no notes". */
  private notesOutside = false;

  private constructor(private readonly options: NoteVaultOptions) {
    this.notesDir = join(options.vaultDir, 'Notes');
    this.paths = new VaultPaths(options.vaultDir, this.notesDir);
    this.recovery = new RecoveryStore(join(options.dataDir, 'recovery'), options.clock);
    this.maxBytes = options.maxBytes ?? NOTE_MAX_BYTES;
  }

  /** Never fails on a vault it cannot use (a removed disk, no permission): the app starts, and saves say why. */
  static async open(options: NoteVaultOptions): Promise<NoteVault> {
    const vault = new NoteVault(options);
    try {
      await mkdir(vault.notesDir, { recursive: true });
      await vault.sweepStaleTemps();
      await vault.scan();
    } catch (error) {
      options.log('error', `cannot use the notes folder ${vault.notesDir}: ${String(error)}`);
    }
    if (options.watch !== false) vault.startWatching();
    return vault;
  }

  get notesFolderOutside(): boolean {
    return this.notesOutside;
  }

  list(query?: string): NoteSummary[] {
    return this.index.list(query);
  }

  /** Reads the file itself, not the index, so the editor always opens what is on disk now. */
  read(name: string): Promise<NoteDocument> {
    return this.operations.run(async () => {
      const state = await this.look(name);
      if (!state) {
        if (this.index.delete(name)) this.announce([name]);
        throw new DomainError('note-not-found', `${name} does not exist`, { name });
      }
      if (this.index.set(name, state)) this.announce([name]);
      return documentOf(name, this.refuseUnopenable(name, state));
    });
  }

  /**
   * Saves over the file only if it is still `baseVersion` (null: only if there is no file). Anything refused or
   * failed keeps the text as a recovery copy before the error is reported, so the text exists in two places.
   */
  save(name: string, content: string, baseVersion: string | null): Promise<SavedNote> {
    return this.operations.run(async () => {
      let saved: SavedNote;
      try {
        const bytes = Buffer.from(content, 'utf8');
        if (bytes.length > this.maxBytes) {
          throw new DomainError('note-too-large', `${name} is ${bytes.length} bytes; the limit is ${this.maxBytes}`, { name, limit: this.maxBytes });
        }
        const path = await this.writablePath(name);
        const current = await readNoteFile(path, this.maxBytes, (await this.paths.folders()).root);
        if (current?.status === 'outside-link') throw outsideVault(name);
        const diskVersion = current ? (current.version ?? 'unreadable') : null;
        if (diskVersion !== baseVersion) {
          throw new DomainError('note-conflict', `${name} changed on disk since it was opened`, { name, version: current?.version ?? '' });
        }
        saved = await this.writeNote(name, path, bytes);
      } catch (error) {
        await this.keepRecovery(name, content, baseVersion);
        throw writeFailed(name, error);
      }
      await this.recovery.remove(name).catch((error: unknown) => this.options.log('warn', `could not remove the recovery copy of ${name}: ${String(error)}`));
      return saved;
    });
  }

  /** A new note named after its title (or "Untitled"), never replacing a file that exists. */
  create(title: string | undefined, content = ''): Promise<NoteDocument> {
    return this.operations.run(() => this.createNote(title ?? 'Untitled', content));
  }

  rename(name: string, newTitle: string): Promise<NoteSummary> {
    return this.operations.run(async () => {
      const from = this.pathOf(name);
      // Only the link itself would move, but a link out of the vault is left entirely to the user.
      const location = await this.paths.locate(name);
      if (location.kind === 'absent') throw new DomainError('note-not-found', `${name} does not exist`, { name });
      if (location.kind === 'outside') throw outsideVault(name);
      const fromStat = await lstat(from);
      const newName = `${fileStemForTitle(newTitle)}.md`;
      if (newName !== name) {
        const to = this.pathOf(newName);
        const existing = await lstat(to).catch(() => null);
        // On macOS and Windows `a.md` and `A.md` are one file: renaming to another case is not a clash.
        const sameFile = existing !== null && existing.ino === fromStat.ino && existing.dev === fromStat.dev;
        if ((existing && !sameFile) || (!existing && this.index.hasNameIgnoringCase(newName.toLowerCase()) && newName.toLowerCase() !== name.toLowerCase())) {
          throw new DomainError('note-exists', `${newName} already exists`, { name: newName });
        }
        try {
          await rename(from, to);
          await syncFolder(this.notesDir);
        } catch (error) {
          throw writeFailed(newName, error);
        }
        await this.recovery.move(name, newName);
        this.index.delete(name);
      }
      const state = await this.look(newName);
      if (!state) throw new DomainError('note-not-found', `${newName} vanished while being renamed`, { name: newName });
      this.index.set(newName, state);
      return summaryOf(newName, state);
    });
  }

  /** Moves the note to the OS trash (restorable there) and drops any recovery copy of it. */
  delete(name: string): Promise<null> {
    return this.operations.run(async () => {
      const path = this.pathOf(name);
      const location = await this.paths.locate(name);
      if (location.kind === 'absent') throw new DomainError('note-not-found', `${name} does not exist`, { name });
      if (location.kind === 'outside') throw outsideVault(name);
      try {
        await this.options.trash.moveToTrash(path);
      } catch (error) {
        throw writeFailed(name, error);
      }
      this.index.delete(name);
      await this.recovery.remove(name);
      return null;
    });
  }

  async reveal(name: string): Promise<{ revealed: boolean }> {
    if (!this.options.revealInFolder) return { revealed: false };
    const path = this.pathOf(name);
    if (!(await lstat(path).catch(() => null))) throw new DomainError('note-not-found', `${name} does not exist`, { name });
    await this.options.revealInFolder(path);
    return { revealed: true };
  }

  /** Looks at the whole folder again (the window regained focus, or the watcher had to stop). */
  async rescan(): Promise<void> {
    await this.operations.run(() => this.scan());
    if (!this.watcher && this.options.watch !== false && !this.closed) this.startWatching();
  }

  /** Unsaved text from earlier (a crash, a failed save); copies whose text the note already has are dropped. */
  recoveries(): Promise<NoteRecovery[]> {
    return this.operations.run(async () => {
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
    return this.operations.run(async () => {
      const copy = await this.recovery.get(name);
      if (!copy) throw new DomainError('note-not-found', `No recovered text for ${name}`, { name });
      let document: NoteDocument;
      if (mode === 'copy') {
        document = await this.createNote(`${titleOfNote(name)} (recovered)`, copy.content);
      } else {
        const path = await this.writablePath(name);
        const saved = await this.writeNote(name, path, Buffer.from(copy.content, 'utf8'));
        document = { name, content: copy.content, version: saved.version, modifiedAt: saved.modifiedAt };
      }
      await this.recovery.remove(name);
      return document;
    });
  }

  discardRecovery(name: string): Promise<null> {
    return this.operations.run(async () => {
      await this.recovery.remove(name);
      return null;
    });
  }

  /** Names of notes that changed on disk through anything but this vault's own calls. */
  onChange(listener: (names: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    this.watcher = null;
    await this.operations.idle();
  }

  private pathOf(name: string): string {
    const problem = noteNameProblem(name);
    if (problem) throw new DomainError('note-invalid-name', `Not a note name (${problem}): ${name}`, { name: name.slice(0, 300), problem });
    return join(this.notesDir, name);
  }

  /**
   * Where a save of `name` goes: a note that is a link to elsewhere in the vault (some users link notes in from
   * another folder) is saved where it points, link kept; a link out of the vault or to nothing is refused.
   */
  private async writablePath(name: string): Promise<string> {
    this.pathOf(name);
    let location: NoteLocation;
    try {
      location = await this.paths.locate(name);
    } catch (error) {
      throw writeFailed(name, error);
    }
    if (location.kind === 'outside') throw outsideVault(name);
    if (location.kind === 'broken') throw unreadable(name, location.code);
    return location.path;
  }

  /** The note's state on disk as the list and the editor see it, never following a link out of the vault. */
  private async look(name: string, folders?: { root: string; notes: string | null }): Promise<NoteFileState | null> {
    this.pathOf(name);
    const location = await this.paths.locate(name, folders);
    if (location.kind === 'absent') return null;
    if (location.kind === 'outside') return OUTSIDE;
    if (location.kind === 'broken') return unreadableState();
    return readNoteFile(location.path, this.maxBytes, folders?.root ?? (await this.paths.folders()).root);
  }

  private async writeNote(name: string, path: string, bytes: Buffer): Promise<SavedNote> {
    try {
      // The path is the real file: lstat, so a link swapped in since is replaced by the rename, never followed.
      const before = await lstat(path).catch((error: unknown) => {
        if (isMissing(error)) return null;
        throw error;
      });
      // A rename would replace a file marked read-only (the folder is writable); the mark means "do not change".
      if (before && (before.mode & 0o200) === 0) {
        throw Object.assign(new Error(`EACCES: the file is read-only, open '${path}'`), { code: 'EACCES' });
      }
      // Checked again just before the write: a folder on the way swapped for a link out of the vault since.
      if (!isInside((await this.paths.folders()).root, await realpath(dirname(path)))) throw outsideVault(name);
      await writeFileAtomic(path, bytes, before ? { mode: before.mode & 0o7777 } : {});
      const after = await lstat(path);
      const state: NoteFileState = {
        status: 'text',
        content: bytes.toString('utf8'),
        version: versionOf(bytes),
        modifiedAt: Math.floor(after.mtimeMs),
        size: bytes.length,
      };
      this.index.set(name, state);
      return { name, version: state.version ?? '', modifiedAt: state.modifiedAt, size: state.size };
    } catch (error) {
      throw writeFailed(name, error);
    }
  }

  private async createNote(title: string, content: string): Promise<NoteDocument> {
    const bytes = Buffer.from(content, 'utf8');
    if (bytes.length > this.maxBytes) throw new DomainError('note-too-large', `The text is ${bytes.length} bytes`, { limit: this.maxBytes });
    const { notes } = await this.paths.folders().catch((error: unknown) => {
      throw writeFailed(fileStemForTitle(title), error);
    });
    if (notes === null) throw outsideVault('Notes');
    const tried = new Set<string>();
    for (;;) {
      const name = uniqueNoteName(title, (lower) => tried.has(lower) || this.index.hasNameIgnoringCase(lower));
      tried.add(name.toLowerCase());
      this.pathOf(name);
      const path = join(notes, name);
      try {
        // Exclusive create reserves the name: a file that appeared since the index last looked is never replaced.
        const handle = await open(path, 'wx', 0o644);
        await handle.close();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw writeFailed(name, error);
      }
      if (bytes.length > 0) {
        try {
          await writeFileAtomic(path, bytes);
        } catch (error) {
          await rm(path, { force: true });
          throw writeFailed(name, error);
        }
      } else {
        await syncFolder(this.notesDir);
      }
      const modifiedAt = Math.floor((await lstat(path)).mtimeMs);
      const version = versionOf(bytes);
      this.index.set(name, { status: 'text', content, version, modifiedAt, size: bytes.length });
      return { name, content, version, modifiedAt };
    }
  }

  private refuseUnopenable(name: string, state: NoteFileState): NoteFileState & { content: string; version: string } {
    if (state.status === 'too-large') {
      throw new DomainError('note-too-large', `${name} is ${state.size} bytes; the limit is ${this.maxBytes}`, { name, limit: this.maxBytes });
    }
    if (state.status === 'outside-link') throw outsideVault(name);
    if (state.status === 'unreadable') throw unreadable(name, 'unreadable');
    if (state.status === 'not-text' || state.content === null || state.version === null) {
      throw new DomainError('note-not-text', `${name} is not UTF-8 text`, { name });
    }
    return state as NoteFileState & { content: string; version: string };
  }

  private async keepRecovery(name: string, content: string, baseVersion: string | null): Promise<void> {
    try {
      await this.recovery.put(name, content, baseVersion);
    } catch (error) {
      // The data folder may be on the same full disk; the text is still in the editor, which keeps retrying.
      this.options.log('error', `could not keep a recovery copy of ${name}: ${String(error)}`);
    }
  }

  /**
   * Reads every note whose size or time differs from the index; drops the ones that are gone. One entry that
   * cannot be looked at is listed as unreadable and never stops the others.
   */
  private async scan(): Promise<void> {
    const folders = await this.paths.folders().catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    this.notesOutside = folders?.notes === null;
    if (this.notesOutside) this.options.log('warn', `${this.notesDir} is a link out of the vault; its notes are not read`);
    let entries: string[] = [];
    if (folders?.notes) {
      try {
        entries = await readdir(folders.notes);
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    const present = new Set(entries.filter(isListedName));
    const changed: string[] = [];
    for (const name of this.index.names()) {
      if (!present.has(name) && this.index.delete(name)) changed.push(name);
    }
    for (const name of present) {
      if (folders && (await this.refresh(name, folders, true))) changed.push(name);
    }
    this.announce(changed);
  }

  /**
   * Brings one name's index entry in line with the disk; answers whether the note visibly changed. With
   * `unlessSame`, a file whose size and time match the index is not read again.
   */
  private async refresh(name: string, given?: { root: string; notes: string | null }, unlessSame = false): Promise<boolean> {
    let state: NoteFileState | null;
    try {
      const folders = given ?? (await this.paths.folders());
      if (noteNameProblem(name) !== null) {
        state = await this.badNameState(name, folders);
      } else {
        const known = this.index.get(name);
        const location = await this.paths.locate(name, folders);
        if (unlessSame && known && location.kind === 'file') {
          const current = await lstat(location.path).catch(() => null);
          if (current && known.size === current.size && known.modifiedAt === Math.floor(current.mtimeMs)) return false;
        }
        state = await this.look(name, folders);
      }
    } catch (error) {
      this.options.log('warn', `could not read ${name}: ${String(error)}`);
      state = unreadableState();
    }
    return state ? this.index.set(name, state) : this.index.delete(name);
  }

  /** A file whose name a note cannot have is listed, flagged, from its entry alone: never opened. */
  private async badNameState(name: string, folders: { notes: string | null }): Promise<NoteFileState | null> {
    if (folders.notes === null) return null;
    const entry = await lstat(join(folders.notes, name)).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    if (!entry || entry.isDirectory()) return null;
    return { status: 'bad-name', content: null, version: null, modifiedAt: Math.floor(entry.mtimeMs), size: entry.isFile() ? entry.size : 0 };
  }

  private startWatching(): void {
    this.watcher = watchFolder(this.notesDir, {
      recursive: false,
      clock: this.options.clock,
      debounceMs: WATCH_DEBOUNCE_MS,
      log: (level, message) => this.options.log(level, `${message}; changes show on the next re-scan`),
      onChange: (changed) => void this.flushWatched(changed === 'all' ? 'all' : changed.filter(isListedName)),
      // The folder was removed or replaced: the next re-scan (window focus) starts watching again.
      onStopped: () => (this.watcher = null),
    });
  }

  private async flushWatched(changed: string[] | 'all'): Promise<void> {
    if (changed !== 'all' && changed.length === 0) return;
    if (this.closed) return;
    await this.operations.run(async () => {
      if (changed === 'all') return this.scan();
      const refreshed: string[] = [];
      for (const name of changed) if (await this.refresh(name)) refreshed.push(name);
      this.announce(refreshed);
    }).catch((error: unknown) => this.options.log('warn', `could not look at changed notes: ${String(error)}`));
  }

  private async sweepStaleTemps(): Promise<void> {
    for (const entry of await readdir(this.notesDir)) {
      if (STALE_TEMP.test(entry)) await rm(join(this.notesDir, entry), { force: true });
    }
  }

  private announce(names: string[]): void {
    if (names.length === 0) return;
    for (const listener of this.listeners) listener(names);
  }
}

function documentOf(name: string, state: NoteFileState & { content: string; version: string }): NoteDocument {
  return { name, content: state.content, version: state.version, modifiedAt: state.modifiedAt };
}

function summaryOf(name: string, state: NoteFileState): NoteSummary {
  return { name, title: titleOfNote(name), modifiedAt: state.modifiedAt, size: state.size, status: state.status, excerpt: excerptOf(state.content) };
}

function outsideVault(name: string): DomainError {
  return new DomainError('note-outside-vault', `${name} is a link to a file outside the vault; it is never read or written`, { name });
}

function unreadable(name: string, code: string): DomainError {
  return new DomainError('note-unreadable', `${name} cannot be read (${code})`, { name, code });
}

/** The OS's own reason (ENOSPC, EROFS, EACCES ...) travels with the error, so the user sees what to fix. */
function writeFailed(name: string, error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
  const reason = error instanceof Error ? error.message : String(error);
  return new DomainError('note-write-failed', `Could not write ${name}: ${reason}`, { name, code, reason: reason.slice(0, 300) });
}
