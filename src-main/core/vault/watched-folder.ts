import type { Dirent } from 'node:fs';
import { lstat, mkdir, readdir, realpath, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../clock';
import { watchFolder, type FolderWatcher } from '../fs/folder-watcher';
import { SerialQueue } from '../../base/serial-queue';
import { isInside, isMissing } from './file-state';
import { iCloudPlaceholderOf, isSyncTemporaryName } from './sync-names';
import type { VaultFiles } from './vault-files';

/** Quiet time after the last file-system event before the folder is looked at; sync tools write in bursts. */
const WATCH_DEBOUNCE_MS = 150;
/** A sync that writes for minutes is still looked at this often, so its files show (and count) as they arrive. */
const WATCH_MAX_WAIT_MS = 1_000;
/** While files are read for long, the ones that changed are reported this often, so lists fill as a sync lands. */
const REPORT_EVERY_MS = 1_000;
/** Files read at once while indexing: enough to keep the disk busy, few enough to stay responsive. */
const READ_BATCH = 32;
/** The temp files `writeFileAtomic` leaves behind when the process dies mid-save. */
const STALE_TEMP = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/;

/**
 * Names no store ever lists, reads or writes, one rule each. Hidden names are the atomic writer's temp files, sync
 * tools' state and the OS's own, except iCloud's placeholders, which a store shows as "not downloaded"; a sync
 * engine's partial and temporary files (sync-names.ts) are never a file of the vault, hidden or not.
 */
const IGNORED_NAMES: readonly ((name: string) => boolean)[] = [
  (name) => name.startsWith('.') && iCloudPlaceholderOf(name) === null,
  isSyncTemporaryName,
];

/** Whether any part of a path (relative, `/` separators) is a name no store indexes. */
export const isIgnoredPath = (path: string): boolean => path.split('/').some((part) => IGNORED_NAMES.some((ignored) => ignored(part)));

/** What identifies a file's content cheaply: a file whose stamp the index has is not read again. */
export interface FileStamp {
  readonly mtimeMs: number;
  readonly size: number;
}

/** What a store keeps of its files, by path relative to its folder; the watched folder keeps it in line with the disk. */
export interface FolderIndex<T> {
  stamp(path: string): FileStamp | undefined;
  /** Records an entry; answers whether anything a reader could notice changed. */
  set(path: string, entry: T): boolean;
  delete(path: string): boolean;
  paths(): Iterable<string>;
}

/** The vault and the store's folder as real paths; `folder` is null when it is a link out of the vault. */
export interface RealFolders {
  readonly root: string;
  readonly folder: string | null;
}

export interface IndexProgress {
  readonly done: number;
  readonly total: number;
}

/** What the store's folder holds and how a file becomes an entry: the one thing each store configures. */
export interface WatchedFolderConfig<T> {
  /** Named in log lines ("the notes folder"). */
  readonly label: string;
  /** The folder, relative to the vault (`Notes`, `Reflections`). */
  readonly folder: string;
  /** How many folders deep below it files are looked for: 0 for its own files only. */
  readonly depth: number;
  /** Whether a visible file (path relative to the folder, `/` separators) is one of the store's. */
  readonly accepts: (path: string) => boolean;
  readonly index: FolderIndex<T>;
  /** One accepted file as the store keeps it; null when it is gone or not a file. Never throws: unreadable is an entry. */
  readonly read: (path: string, folders: { readonly root: string; readonly folder: string }) => Promise<T | null>;
}

export interface WatchedFolderOptions {
  readonly files: VaultFiles;
  readonly clock: Clock;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Tests turn the watcher off to see what a scan alone does. */
  readonly watch?: boolean;
  /** Paths whose entries changed (not those this store wrote itself), or only the progress of a scan. */
  readonly onChange: (change: { readonly paths: readonly string[]; readonly progress: IndexProgress | null }) => void;
}

/**
 * One store's folder in the vault: its index kept current by scans (which read only files whose stamp changed)
 * and by a watcher for changes other programs make, and one queue that every read and write of the store goes
 * through, so a save, a rename and a rescan never interleave.
 */
export class WatchedFolder<T> {
  readonly path: string;
  private readonly queue = new SerialQueue();
  private watcher: FolderWatcher | null = null;
  private indexed: Promise<void> = Promise.resolve();
  private scanProgress: IndexProgress | null = null;
  /** Files being read in the background, over every scan and watched burst in progress: what progress counts. */
  private reading: { pending: Set<string>; done: number; total: number; whenRead: Promise<void> | null } = { pending: new Set(), done: 0, total: 0, whenRead: null };
  private isOutside = false;
  private foldersOut: readonly string[] = [];
  private closed = false;

  constructor(
    private readonly config: WatchedFolderConfig<T>,
    private readonly options: WatchedFolderOptions,
  ) {
    this.path = join(options.files.root, config.folder);
  }

  /**
   * Makes the folder, starts checking the files against the index in the background (`whenIndexed`) and starts
   * watching. Never fails on a vault it cannot use (a removed disk, no permission): the app starts, writes say why.
   */
  async start(): Promise<void> {
    try {
      await mkdir(this.path, { recursive: true });
    } catch (error) {
      this.options.log('error', `cannot use the ${this.config.label} folder ${this.path}: ${String(error)}`);
    }
    this.indexed = this.scan(true);
    if (this.options.watch !== false) this.startWatching();
  }

  /** The last scan found the folder to be a link out of the vault: a list says so instead of "nothing here". */
  get outside(): boolean {
    return this.isOutside;
  }

  /**
   * Folders below this one (paths relative to it) that the last scan found to be links out of the vault: listed,
   * so the user sees why their files are missing, and never followed.
   */
  get linksOut(): readonly string[] {
    return this.foldersOut;
  }

  /** Non-null while a scan reads files into the index. */
  get progress(): IndexProgress | null {
    return this.scanProgress;
  }

  /** Runs a task of the store in the folder's one queue. */
  run<R>(task: () => Promise<R>): Promise<R> {
    return this.queue.run(task);
  }

  /** Settles once the files have been checked against the index (the first scan, or the one in progress). */
  async whenIndexed(): Promise<void> {
    await this.indexed.catch(() => undefined);
  }

  /** Looks at the whole folder again (the window regained focus, or the watcher had to stop). */
  async rescan(): Promise<void> {
    const run = this.scan(false);
    this.indexed = run;
    await run;
    if (!this.watcher && this.options.watch !== false && !this.closed) this.startWatching();
  }

  /** The vault and this folder as real paths, looked up on every use (either may be a link). */
  async realFolders(): Promise<RealFolders> {
    const root = await this.options.files.realRoot();
    const folder = await realpath(this.path);
    return { root, folder: isInside(root, folder) ? folder : null };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    this.watcher = null;
    await this.queue.idle();
  }

  /**
   * Stats every file (one task); reads those whose stamp differs from the index in the background (`readAll`);
   * drops the ones that are gone. A folder that cannot be looked at leaves the index as it was, and says so.
   */
  private async scan(first: boolean): Promise<void> {
    const stale = await this.queue.run(async () => {
      let found: Map<string, FileStamp | null>;
      try {
        const folders = await this.realFolders().catch((error: unknown) => {
          if (isMissing(error)) return null;
          throw error;
        });
        this.isOutside = folders !== null && folders.folder === null;
        if (this.isOutside) this.options.log('warn', `${this.path} is a link out of the vault; its files are not read`);
        const at = folders?.folder ? { root: folders.root, folder: folders.folder } : null;
        const walked = at ? await this.walk(at, first) : { files: new Map<string, FileStamp | null>(), linksOut: [] };
        found = walked.files;
        this.foldersOut = walked.linksOut;
      } catch (error) {
        this.options.log('warn', `cannot look at ${this.path}: ${String(error)}`);
        return [];
      }
      const gone: string[] = [];
      for (const path of [...this.config.index.paths()]) if (!found.has(path) && this.config.index.delete(path)) gone.push(path);
      if (gone.length > 0) this.report(gone, this.scanProgress);
      return [...found]
        .filter(([path, stamp]) => {
          const known = this.config.index.stamp(path);
          return !known || !stamp || known.mtimeMs !== stamp.mtimeMs || known.size !== stamp.size;
        })
        .map(([path]) => path);
    });
    await this.readAll(stale);
  }

  /**
   * Reads files into the index in the background; settles once they are read. One reader takes READ_BATCH files at a
   * time, each batch a task of its own, from one set of files to read: a save or an open waits for one batch, never
   * for a whole first sync, however many bursts arrive meanwhile, and a file named by several bursts is read once.
   * Progress counts every file until none is left; the paths that changed are reported at least every
   * REPORT_EVERY_MS while the reader runs, and when it is done.
   */
  private readAll(paths: readonly string[]): Promise<void> {
    for (const path of paths) {
      if (this.reading.pending.has(path)) continue;
      this.reading.pending.add(path);
      this.reading.total++;
    }
    if (this.reading.pending.size === 0) return this.reading.whenRead ?? Promise.resolve();
    this.report([], { done: this.reading.done, total: this.reading.total });
    this.reading.whenRead ??= this.drain();
    return this.reading.whenRead;
  }

  private async drain(): Promise<void> {
    let changed: string[] = [];
    let reportedAt = this.options.clock.now();
    let finished = false;
    while (!finished && !this.closed) {
      const batch: string[] = [];
      for (const path of this.reading.pending) if (batch.push(path) === READ_BATCH) break;
      for (const path of batch) this.reading.pending.delete(path);
      await this.queue.run(async () => {
        if (this.closed) return;
        const real = await this.realFolders().catch(() => null);
        const folders = real?.folder ? { root: real.root, folder: real.folder } : null;
        const read = await Promise.all(batch.map((path) => (folders ? this.config.read(path, folders) : null)));
        for (const [offset, entry] of read.entries()) {
          const path = batch[offset]!;
          if (entry === null ? this.config.index.delete(path) : this.config.index.set(path, entry)) changed.push(path);
        }
        this.reading.done += batch.length;
        const progress = { done: this.reading.done, total: this.reading.total };
        if (this.reading.pending.size === 0) {
          // Everything is read: the count is shown at its total once, then cleared.
          this.report([], progress);
          this.reading = { pending: new Set(), done: 0, total: 0, whenRead: null };
          finished = true;
          this.report(changed, null);
          return;
        }
        const now = this.options.clock.now();
        if (now - reportedAt < REPORT_EVERY_MS) return this.report([], progress);
        this.report(changed, progress);
        changed = [];
        reportedAt = now;
      });
    }
  }

  /**
   * Every visible entry that is not a folder, with its stamp (null when it cannot be had), depth first; and the links
   * to folders outside the vault within the depth looked at. A link to a folder is never followed.
   */
  private async walk(at: { root: string; folder: string }, sweep: boolean): Promise<{ files: Map<string, FileStamp | null>; linksOut: string[] }> {
    const files = new Map<string, FileStamp | null>();
    const linksOut: string[] = [];
    const visit = async (folder: string, relative: string, depth: number): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch (error) {
        if (depth === 0) throw error;
        this.options.log('warn', `cannot read ${folder}: ${String(error)}`);
        return;
      }
      const stamps: Promise<void>[] = [];
      for (const entry of entries) {
        // Only the app's own: a sync engine's temp file of a similar name belongs to the engine, mid-download.
        if (sweep && STALE_TEMP.test(entry.name) && !isSyncTemporaryName(entry.name)) stamps.push(rm(join(folder, entry.name), { force: true }));
        if (isIgnoredPath(entry.name)) continue;
        const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory()) {
          if (depth < this.config.depth) await visit(join(folder, entry.name), path, depth + 1);
        } else if (this.config.accepts(path)) {
          stamps.push(stampOf(join(folder, entry.name)).then((stamp) => void files.set(path, stamp)));
        } else if (entry.isSymbolicLink() && depth < this.config.depth) {
          stamps.push(isFolderOutside(join(folder, entry.name), at.root).then((out) => void (out && linksOut.push(path))));
        }
      }
      await Promise.all(stamps);
    };
    await visit(at.folder, '', 0);
    return { files, linksOut: linksOut.sort() };
  }

  private startWatching(): void {
    this.watcher = watchFolder(this.path, {
      recursive: this.config.depth > 0,
      clock: this.options.clock,
      debounceMs: WATCH_DEBOUNCE_MS,
      maxWaitMs: WATCH_MAX_WAIT_MS,
      log: (level, message) => this.options.log(level, `${message}; changes show on the next re-scan`),
      onChange: (changed) => void this.flushWatched(changed),
      // The folder was removed or replaced: the next re-scan (window focus) starts watching again.
      onStopped: () => (this.watcher = null),
    });
  }

  /** Re-reads the files the watcher named; a change to anything else (a folder, a rename the OS could not name), all. */
  private async flushWatched(changed: string[] | 'all'): Promise<void> {
    if (this.closed) return;
    const visible = changed === 'all' ? null : changed.filter((path) => !isIgnoredPath(path));
    if (visible !== null && visible.length === 0) return;
    const all = visible === null || visible.some((path) => !this.config.accepts(path));
    await (all ? this.scan(false) : this.readAll(visible)).catch((error: unknown) =>
      this.options.log('warn', `could not look at changes in the ${this.config.label} folder: ${String(error)}`),
    );
  }

  private report(paths: readonly string[], progress: IndexProgress | null): void {
    this.scanProgress = progress;
    this.options.onChange({ paths, progress });
  }
}

/** Whether a link leads to a folder outside the vault (a dangling one, or one to a file, does not). */
async function isFolderOutside(link: string, root: string): Promise<boolean> {
  const target = await realpath(link).catch(() => null);
  if (target === null || isInside(root, target)) return false;
  return (await stat(target).catch(() => null))?.isDirectory() ?? false;
}

/** A link's target's stamp, or the link's own when it leads nowhere; null when the entry vanished meanwhile. */
async function stampOf(path: string): Promise<FileStamp | null> {
  const info = await stat(path).catch(() => lstat(path).catch(() => null));
  return info ? { mtimeMs: Math.floor(info.mtimeMs), size: info.size } : null;
}
