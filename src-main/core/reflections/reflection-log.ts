import type { Dirent } from 'node:fs';
import { lstat, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type {
  IndexProgress,
  ReflectionAnswers,
  ReflectionEntry,
  ReflectionFacts,
  ReflectionList,
  ReflectionQuery,
} from '../../contract/reflections';
import type { Clock } from '../clock';
import { writeFileAtomic } from '../../base/atomic-file';
import { watchFolder, type FolderWatcher } from '../fs/folder-watcher';
import { DomainError } from '../domain-error';
import { versionOf } from '../notes/note-file';
import { SerialQueue } from '../../base/serial-queue';
import { loadIndexCache, saveIndexCache } from './index-cache';
import { readVaultFile } from './read-vault-file';
import { formatReflection, parseReflection, type ReflectionRecord } from './reflection-file';
import { ReflectionIndex, type IndexedEntry, type IndexedFile } from './reflection-index';
import { REFLECTIONS_FOLDER, reflectionPathFor } from './reflection-path';
import { entryOf, matchesQuery } from './reflection-query';
import { hostTimeZone } from './zoned-calendar';

export interface ReflectionLogOptions {
  readonly vaultDir: string;
  /** The index cache, in the app's data folder (never in the vault, so it is not synced). */
  readonly cachePath: string;
  readonly clock: Clock;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** The zone file names are made in (the local time of the start); the host's unless a test fixes one. */
  readonly timeZone?: () => string;
  /** Tests turn the watcher off to see what a scan alone does. */
  readonly watch?: boolean;
}

const WATCH_DEBOUNCE_MS = 150;
const CACHE_SAVE_DELAY_MS = 2_000;
/** Files read at once while indexing: enough to keep the disk busy, few enough to stay responsive. */
const READ_BATCH = 32;
const MAX_DEPTH = 6;
const MAX_PATH_CHARS = 1000;

export type ImportResult = 'imported' | 'unchanged' | 'kept-existing';

/**
 * The reflection log: one Markdown file per ended session under `Reflections/` in the vault, an in-memory index
 * of them (kept in a cache by mtime and size, so a start re-reads only what changed), a watcher for edits made
 * elsewhere, and the writes, one at a time, atomic, with the facts always taken from the file, never the caller.
 */
export class ReflectionLog {
  readonly folder: string;
  private readonly index = new ReflectionIndex();
  private readonly operations = new SerialQueue();
  private readonly listeners = new Set<(progress: IndexProgress | null) => void>();
  private progress: IndexProgress | null = null;
  private indexed: Promise<void> = Promise.resolve();
  private realRoot: string;
  private watcher: FolderWatcher | null = null;
  private cancelCacheSave: (() => void) | null = null;
  private closed = false;

  private constructor(private readonly options: ReflectionLogOptions) {
    this.folder = join(options.vaultDir, REFLECTIONS_FOLDER);
    this.realRoot = this.folder;
  }

  /**
   * Opens at once with what the cache knew, then checks the files in the background (`progress` while it does).
   * Never fails on a vault it cannot use: the log is then empty and writes say why.
   */
  static async open(options: ReflectionLogOptions): Promise<ReflectionLog> {
    const log = new ReflectionLog(options);
    for (const file of await loadIndexCache(options.cachePath, options.vaultDir)) log.index.set(file);
    try {
      await mkdir(log.folder, { recursive: true });
      log.realRoot = await realpath(log.folder);
    } catch (error) {
      options.log('error', `cannot use the reflections folder ${log.folder}: ${String(error)}`);
    }
    log.indexed = log.operations.run(() => log.scan());
    if (options.watch !== false) log.startWatching();
    return log;
  }

  get vaultDir(): string {
    return this.options.vaultDir;
  }

  /** Settles once the files have been checked against the cache (the first scan, or the one in progress). */
  async whenIndexed(): Promise<void> {
    await this.indexed.catch(() => undefined);
  }

  list(query: ReflectionQuery): ReflectionList {
    const zone = query.timeZone ?? hostTimeZone();
    return { entries: this.matching(query).map((entry) => entryOf(entry, zone)), unreadable: this.index.unreadable(), progress: this.progress };
  }

  /** Readable entries that match, newest first, as the index has them (for export). */
  matching(query: ReflectionQuery): IndexedEntry[] {
    const zone = query.timeZone ?? hostTimeZone();
    return this.index.entries().filter((entry) => matchesQuery(entry, query, zone));
  }

  /** Non-null while the files are being read into the index. */
  indexProgress(): IndexProgress | null {
    return this.progress;
  }

  /** Readable entries, newest first, as the index has them (for stats, the weekly review and export). */
  entries(): readonly IndexedEntry[] {
    return this.index.entries();
  }

  get(sessionId: string, timeZone = hostTimeZone()): ReflectionEntry {
    return entryOf(this.require(sessionId), timeZone);
  }

  /** The newest ended session still waiting for its reflection. */
  pending(timeZone = hostTimeZone()): ReflectionEntry | null {
    const entry = this.index.entries().find((candidate) => candidate.record.status === 'pending');
    return entry ? entryOf(entry, timeZone) : null;
  }

  /** Tags used before, most used first (then alphabetically). */
  tags(prefix = ''): { tag: string; count: number }[] {
    const counts = new Map<string, number>();
    const start = prefix.toLocaleLowerCase();
    for (const entry of this.index.entries()) {
      for (const tag of entry.record.answers.tags) if (tag.toLocaleLowerCase().startsWith(start)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
  }

  /**
   * Writes the answers over the file, only if it is still `baseVersion`; the facts (and any keys another editor
   * added) are read from the file itself. The first answer sets `reflectedAt`; later edits keep it.
   */
  save(sessionId: string, answers: ReflectionAnswers, baseVersion: string): Promise<ReflectionEntry> {
    return this.operations.run(async () => {
      const { indexed, current, extra } = await this.readCurrent(sessionId, baseVersion);
      const record: ReflectionRecord = {
        facts: current.facts,
        answers: normalizeAnswers(answers),
        status: 'reflected',
        reflectedAt: current.reflectedAt ?? this.options.clock.now(),
      };
      return entryOf(await this.write(indexed.path, record, extra), hostTimeZone());
    });
  }

  /** pending -> skipped; any other status is left as it is. */
  skip(sessionId: string): Promise<ReflectionEntry> {
    return this.operations.run(async () => {
      // Whatever the file holds now (an edit elsewhere included) is what gets marked skipped.
      const { indexed, current, extra } = await this.readCurrent(sessionId, null);
      if (current.status !== 'pending') return entryOf(indexed, hostTimeZone());
      return entryOf(await this.write(indexed.path, { ...current, status: 'skipped' }, extra), hostTimeZone());
    });
  }

  /**
   * The file for a session that just ended, waiting for its reflection. Recording a session twice (a replayed
   * end after a crash) keeps the first file.
   */
  recordEnded(facts: ReflectionFacts): Promise<ReflectionEntry> {
    return this.operations.run(async () => {
      const existing = this.index.bySessionId(facts.sessionId);
      if (existing) return entryOf(existing, hostTimeZone());
      const record: ReflectionRecord = { facts, answers: { outcome: null, depth: null, moved: '', next: '', tags: [] }, status: 'pending', reflectedAt: null };
      return entryOf(await this.write(await this.freePath(facts), record, {}), hostTimeZone());
    });
  }

  /** Adds a record from an import or the old history; a session already in the log is never overwritten. */
  add(record: ReflectionRecord): Promise<ImportResult> {
    return this.operations.run(async () => {
      const existing = this.index.bySessionId(record.facts.sessionId);
      if (existing) return sameRecord(existing.record, record) ? 'unchanged' : 'kept-existing';
      await this.write(await this.freePath(record.facts), { ...record, answers: normalizeAnswers(record.answers) }, {});
      return 'imported';
    });
  }

  /** Checks every file against the index again (the watcher stopped, or a test wants to be sure). */
  rescan(): Promise<void> {
    const run = this.operations.run(() => this.scan());
    this.indexed = run;
    return run;
  }

  onChange(listener: (progress: IndexProgress | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher?.close();
    this.watcher = null;
    await this.operations.idle();
    if (this.cancelCacheSave) {
      this.cancelCacheSave();
      this.cancelCacheSave = null;
      await this.saveCache();
    }
  }

  private require(sessionId: string): IndexedEntry {
    const entry = this.index.bySessionId(sessionId);
    if (!entry) throw new DomainError('reflection-not-found', `No reflection for session ${sessionId}`, { sessionId });
    return entry;
  }

  /** The file as it is on disk now, which must still be the version the caller started from (null: any). */
  private async readCurrent(sessionId: string, baseVersion: string | null): Promise<{ indexed: IndexedEntry; current: ReflectionRecord; extra: Record<string, unknown> }> {
    const indexed = this.require(sessionId);
    const fresh = await this.readIndexed(indexed.path);
    if (fresh === null) {
      if (this.index.delete(indexed.path)) this.announce();
      throw new DomainError('reflection-not-found', `${indexed.path} no longer exists`, { sessionId });
    }
    if (this.index.set(fresh.file)) this.announce();
    if (fresh.file.kind !== 'entry' || (baseVersion !== null && fresh.file.version !== baseVersion) || !fresh.extra) {
      throw new DomainError('reflection-conflict', `${indexed.path} changed on disk`, { sessionId, path: indexed.path });
    }
    return { indexed: fresh.file, current: fresh.file.record, extra: fresh.extra };
  }

  private async write(path: string, record: ReflectionRecord, extra: Record<string, unknown>): Promise<IndexedEntry> {
    const text = formatReflection(record, extra);
    const bytes = Buffer.from(text, 'utf8');
    const absolute = this.absolute(path);
    let stamp;
    try {
      const before = await stat(absolute).catch(() => null);
      // A rename would replace a file marked read-only (the folder is writable); the mark means "do not change".
      if (before && (before.mode & 0o200) === 0) throw Object.assign(new Error(`EACCES: the file is read-only, open '${absolute}'`), { code: 'EACCES' });
      await writeFileAtomic(absolute, bytes, before ? { mode: before.mode & 0o7777 } : {});
      stamp = await stat(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
      const reason = error instanceof Error ? error.message : String(error);
      throw new DomainError('reflection-write-failed', `Could not write ${path}: ${reason}`, { path, code, reason: reason.slice(0, 300) });
    }
    // The index takes what was written, so the watcher's echo of this write finds nothing new to announce.
    const file: IndexedEntry = { path, mtimeMs: Math.floor(stamp.mtimeMs), size: bytes.length, kind: 'entry', record, version: versionOf(bytes) };
    this.index.set(file);
    this.announce();
    return file;
  }

  /** A name no file has (compared without case, as on macOS and Windows), from the start's local time. */
  private async freePath(facts: ReflectionFacts): Promise<string> {
    const taken = new Set(this.index.paths().map((path) => path.toLowerCase()));
    const zone = (this.options.timeZone ?? hostTimeZone)();
    for (let attempt = 1; ; attempt++) {
      const path = reflectionPathFor(facts, zone, attempt);
      if (taken.has(path.toLowerCase())) continue;
      const onDisk = await lstat(this.absolute(path)).then(
        () => true,
        () => false,
      );
      if (!onDisk) return path;
    }
  }

  private absolute(path: string): string {
    return join(this.options.vaultDir, ...path.split('/'));
  }

  /** Reads one file into what the index keeps; null when it is gone. */
  private async readIndexed(path: string): Promise<{ file: IndexedFile; extra: Record<string, unknown> | null } | null> {
    const absolute = this.absolute(path);
    const stamp = { path, mtimeMs: 0, size: 0 };
    let state;
    try {
      state = await readVaultFile(this.realRoot, absolute);
    } catch (error) {
      const info = await stat(absolute).catch(() => null);
      return { file: { ...stamp, mtimeMs: Math.floor(info?.mtimeMs ?? 0), size: info?.size ?? 0, kind: 'unreadable', reason: 'unreadable', detail: String(error).slice(0, 500) }, extra: null };
    }
    if (state === null) return null;
    if (state.status === 'outside-vault') {
      const info = await stat(absolute);
      return { file: { ...stamp, mtimeMs: Math.floor(info.mtimeMs), size: info.size, kind: 'unreadable', reason: 'unreadable', detail: 'a link to a file outside the reflections folder' }, extra: null };
    }
    const fileStamp = { path, mtimeMs: state.modifiedAt, size: state.size };
    if (state.status === 'too-large') return { file: { ...fileStamp, kind: 'unreadable', reason: 'too-large', detail: `${state.size} bytes` }, extra: null };
    if (state.status !== 'text' || state.content === null || state.version === null) {
      return { file: { ...fileStamp, kind: 'unreadable', reason: 'not-text', detail: 'not UTF-8 text' }, extra: null };
    }
    const parsed = parseReflection(state.content);
    if (!parsed.ok) return { file: { ...fileStamp, kind: 'unreadable', reason: parsed.reason, detail: parsed.detail }, extra: null };
    return { file: { ...fileStamp, kind: 'entry', record: parsed.record, version: state.version }, extra: parsed.extra };
  }

  /** Stats every file; reads only those whose mtime or size differ from the index, with progress when many. */
  private async scan(): Promise<void> {
    let found: { path: string; mtimeMs: number; size: number }[];
    try {
      found = await this.walk();
    } catch (error) {
      this.options.log('warn', `cannot look at ${this.folder}: ${String(error)}`);
      return;
    }
    let changed = false;
    const seen = new Set(found.map((file) => file.path));
    for (const path of this.index.paths()) if (!seen.has(path)) changed = this.index.delete(path) || changed;
    const stale = found.filter((file) => {
      const known = this.index.file(file.path);
      return !known || known.mtimeMs !== file.mtimeMs || known.size !== file.size;
    });
    if (stale.length > 0) {
      this.progress = { done: 0, total: stale.length };
      this.announce();
    }
    for (let start = 0; start < stale.length && !this.closed; start += READ_BATCH) {
      const batch = stale.slice(start, start + READ_BATCH);
      const read = await Promise.all(batch.map((file) => this.readIndexed(file.path)));
      for (const [offset, result] of read.entries()) {
        if (result) changed = this.index.set(result.file) || changed;
        else changed = this.index.delete(batch[offset]!.path) || changed;
      }
      this.progress = { done: Math.min(stale.length, start + READ_BATCH), total: stale.length };
      this.announce();
    }
    const wasIndexing = this.progress !== null;
    this.progress = null;
    if (changed || wasIndexing) this.announce();
  }

  private async walk(): Promise<{ path: string; mtimeMs: number; size: number }[]> {
    const files: { path: string; mtimeMs: number; size: number }[] = [];
    const visit = async (folder: string, relative: string, depth: number): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch (error) {
        if (depth === 0) throw error;
        this.options.log('warn', `cannot read ${folder}: ${String(error)}`);
        return;
      }
      const stats: Promise<void>[] = [];
      for (const entry of entries) {
        // Hidden names are the atomic writer's temp files, sync tools' state and the OS's own.
        if (entry.name.startsWith('.')) continue;
        const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
        // The log names each file by its path; one longer than the contract carries is left out, and said so.
        if (path.length > MAX_PATH_CHARS) {
          this.options.log('warn', `left out of the reflection log, its path is too long: ${path.slice(0, 200)}…`);
          continue;
        }
        if (entry.isDirectory()) {
          if (depth < MAX_DEPTH) await visit(join(folder, entry.name), path, depth + 1);
        } else if (entry.name.toLowerCase().endsWith('.md') && (entry.isFile() || entry.isSymbolicLink())) {
          stats.push(
            stat(join(folder, entry.name)).then(
              (info) => {
                if (info.isFile()) files.push({ path: `${REFLECTIONS_FOLDER}/${path}`, mtimeMs: Math.floor(info.mtimeMs), size: info.size });
              },
              () => undefined,
            ),
          );
        }
      }
      await Promise.all(stats);
    };
    await visit(this.folder, '', 0);
    return files;
  }

  private startWatching(): void {
    this.watcher = watchFolder(this.folder, {
      recursive: true,
      clock: this.options.clock,
      debounceMs: WATCH_DEBOUNCE_MS,
      log: this.options.log,
      onChange: (changed) => void this.refreshWatched(changed),
    });
  }

  /** Re-reads the files the watcher named (hidden names are temp files and sync state); any other change, all. */
  private async refreshWatched(changed: string[] | 'all'): Promise<void> {
    if (this.closed) return;
    const visible = changed === 'all' ? [] : changed.filter((name) => !name.split('/').some((part) => part.startsWith('.')));
    const all = changed === 'all' || visible.some((name) => !name.toLowerCase().endsWith('.md'));
    const paths = visible.map((name) => `${REFLECTIONS_FOLDER}/${name}`);
    if (!all && paths.length === 0) return;
    await this.operations
      .run(async () => {
        if (all) return this.scan();
        let dirty = false;
        for (const path of paths) {
          const info = await stat(this.absolute(path)).catch(() => null);
          const known = this.index.file(path);
          if (!info?.isFile()) {
            dirty = this.index.delete(path) || dirty;
          } else if (!known || known.mtimeMs !== Math.floor(info.mtimeMs) || known.size !== info.size) {
            const result = await this.readIndexed(path);
            dirty = (result ? this.index.set(result.file) : this.index.delete(path)) || dirty;
          }
        }
        if (dirty) this.announce();
      })
      .catch((error: unknown) => this.options.log('warn', `could not look at changed reflections: ${String(error)}`));
  }

  private announce(): void {
    this.scheduleCacheSave();
    for (const listener of this.listeners) listener(this.progress);
  }

  private scheduleCacheSave(): void {
    if (this.cancelCacheSave || this.closed) return;
    this.cancelCacheSave = this.options.clock.setTimer(CACHE_SAVE_DELAY_MS, () => {
      this.cancelCacheSave = null;
      void this.saveCache();
    });
  }

  private async saveCache(): Promise<void> {
    try {
      await saveIndexCache(this.options.cachePath, this.options.vaultDir, this.index.all());
    } catch (error) {
      this.options.log('warn', `could not save the reflections index: ${String(error)}`);
    }
  }
}

/** What is stored is what the file gives back: trimmed text and each tag once. */
function normalizeAnswers(answers: ReflectionAnswers): ReflectionAnswers {
  return { ...answers, moved: answers.moved.trim(), next: answers.next.trim(), tags: [...new Set(answers.tags)] };
}

function sameRecord(a: ReflectionRecord, b: ReflectionRecord): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify({ ...b, answers: normalizeAnswers(b.answers) })));
}
