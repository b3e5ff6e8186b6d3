import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type {
  IndexProgress,
  ReflectionAnswers,
  ReflectionEntry,
  ReflectionFacts,
  ReflectionList,
  ReflectionQuery,
  UnreadableReflection,
} from '../../contract/reflections';
import type { Clock } from '../clock';
import { DomainError } from '../domain-error';
import { iCloudPlaceholderOf } from '../vault/sync-names';
import { VaultFiles, refusalOf } from '../vault/vault-files';
import { WatchedFolder, type FolderIndex } from '../vault/watched-folder';
import { loadIndexCache, saveIndexCache } from './index-cache';
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

/** A reflection is a few kilobytes; a file far beyond that is not one, and is listed rather than read. */
const REFLECTION_FILE_MAX_BYTES = 1024 * 1024;
const CACHE_SAVE_DELAY_MS = 2_000;
const MAX_DEPTH = 6;
const MAX_PATH_CHARS = 1000;

export type ImportResult = 'imported' | 'unchanged' | 'kept-existing';

/**
 * The reflection log: one Markdown file per ended session under `Reflections/` in the vault, an in-memory index
 * of them (kept in a cache by mtime and size, so a start re-reads only what changed) kept current by the watched
 * folder, and the writes, one at a time, atomic, with the facts always taken from the file, never the caller.
 */
export class ReflectionLog {
  readonly folder: string;
  private readonly files: VaultFiles;
  private readonly watched: WatchedFolder<IndexedFile>;
  private readonly index = new ReflectionIndex();
  private readonly listeners = new Set<(progress: IndexProgress | null) => void>();
  private cancelCacheSave: (() => void) | null = null;
  private closed = false;

  private constructor(private readonly options: ReflectionLogOptions) {
    this.folder = join(options.vaultDir, REFLECTIONS_FOLDER);
    this.files = new VaultFiles(options.vaultDir);
    this.watched = new WatchedFolder(
      { label: 'reflections', folder: REFLECTIONS_FOLDER, depth: MAX_DEPTH, accepts: (path) => this.accepts(path), index: this.folderIndex(), read: (path, { root }) => this.readIndexed(inLog(path), root).then((read) => read?.file ?? null) },
      { files: this.files, clock: options.clock, log: options.log, watch: options.watch, onChange: () => this.announce() },
    );
  }

  /**
   * Opens at once with what the cache knew, then checks the files in the background (`progress` while it does).
   * Never fails on a vault it cannot use: the log is then empty and writes say why.
   */
  static async open(options: ReflectionLogOptions): Promise<ReflectionLog> {
    const log = new ReflectionLog(options);
    for (const file of await loadIndexCache(options.cachePath, options.vaultDir)) log.index.set(file);
    await log.watched.start();
    return log;
  }

  get vaultDir(): string {
    return this.options.vaultDir;
  }

  /** Settles once the files have been checked against the cache (the first scan, or the one in progress). */
  whenIndexed(): Promise<void> {
    return this.watched.whenIndexed();
  }

  list(query: ReflectionQuery): ReflectionList {
    const zone = query.timeZone ?? hostTimeZone();
    const unreadable = [...this.index.unreadable(), ...this.foldersOut()].sort((a, b) => a.path.localeCompare(b.path));
    return { entries: this.matching(query).map((entry) => entryOf(entry, zone)), unreadable, progress: this.watched.progress };
  }

  /** Readable entries that match, newest first, as the index has them (for export). */
  matching(query: ReflectionQuery): IndexedEntry[] {
    const zone = query.timeZone ?? hostTimeZone();
    return this.index.entries().filter((entry) => matchesQuery(entry, query, zone));
  }

  /** Non-null while the files are being read into the index. */
  indexProgress(): IndexProgress | null {
    return this.watched.progress;
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
    return this.watched.run(async () => {
      const { indexed, current, extra } = await this.readCurrent(sessionId, baseVersion);
      const record: ReflectionRecord = {
        facts: current.facts,
        answers: normalizeAnswers(answers),
        status: 'reflected',
        reflectedAt: current.reflectedAt ?? this.options.clock.now(),
      };
      return entryOf(await this.write(indexed.path, record, extra, indexed.version), hostTimeZone());
    });
  }

  /** pending -> skipped; any other status is left as it is. */
  skip(sessionId: string): Promise<ReflectionEntry> {
    return this.watched.run(async () => {
      // Whatever the file holds now (an edit elsewhere included) is what gets marked skipped.
      const { indexed, current, extra } = await this.readCurrent(sessionId, null);
      if (current.status !== 'pending') return entryOf(indexed, hostTimeZone());
      return entryOf(await this.write(indexed.path, { ...current, status: 'skipped' }, extra, indexed.version), hostTimeZone());
    });
  }

  /**
   * The file for a session that just ended, waiting for its reflection. Recording a session twice (a replayed
   * end after a crash) keeps the first file.
   */
  recordEnded(facts: ReflectionFacts): Promise<ReflectionEntry> {
    return this.watched.run(async () => {
      const existing = this.index.bySessionId(facts.sessionId);
      if (existing) return entryOf(existing, hostTimeZone());
      const record: ReflectionRecord = { facts, answers: { outcome: null, depth: null, moved: '', next: '', tags: [] }, status: 'pending', reflectedAt: null };
      return entryOf(await this.write(await this.freePath(facts), record, {}, null), hostTimeZone());
    });
  }

  /**
   * Makes a note of the session's thought `index` with `makeNote` (which answers the new note's name) and records the
   * name with the thought. A thought made a note before answers with that note: one thought never makes two notes.
   */
  thoughtToNote(sessionId: string, index: number, makeNote: (thought: string) => Promise<string>): Promise<{ entry: ReflectionEntry; note: string }> {
    return this.watched.run(async () => {
      const { indexed, current, extra } = await this.readCurrent(sessionId, null);
      const thought = current.facts.thoughts[index];
      if (!thought) throw new DomainError('reflection-thought-not-found', `Session ${sessionId} has no thought ${index}`, { sessionId, index });
      if (thought.note !== null) return { entry: entryOf(indexed, hostTimeZone()), note: thought.note };
      const note = await makeNote(thought.text);
      const thoughts = current.facts.thoughts.map((each, at) => (at === index ? { ...each, note } : each));
      const written = await this.write(indexed.path, { ...current, facts: { ...current.facts, thoughts } }, extra, indexed.version);
      return { entry: entryOf(written, hostTimeZone()), note };
    });
  }

  /** Adds a record from the old history; a session already in the log is never overwritten. */
  add(record: ReflectionRecord): Promise<ImportResult> {
    return this.watched.run(() => this.addNew(record, []));
  }

  /**
   * Adds an import's records, all or none: a session already in the log is never overwritten, and when a write
   * fails, the files this import wrote are taken back before `reflection-import-failed`. Should taking one back fail
   * too (one was edited meanwhile), the answer says exactly which records stayed (`imported`) and which did not.
   * One record per task, so a session that ends during a long import is recorded at once, not after it.
   */
  async addAll(records: readonly ReflectionRecord[]): Promise<(ImportResult | { readonly stopped: string })[]> {
    const written: IndexedEntry[] = [];
    const results: ImportResult[] = [];
    try {
      for (const record of records) results.push(await this.watched.run(() => this.addNew(record, written)));
      return results;
    } catch (error) {
      const reason = error instanceof DomainError ? String(error.params?.reason ?? error.message) : String(error);
      const kept = await this.watched.run(() => this.takeBack(written));
      if (kept.size === 0) throw new DomainError('reflection-import-failed', `The import stopped and was taken back: ${reason}`, { reason: reason.slice(0, 300) });
      const stopped = { stopped: `not imported: the import stopped (${reason})`.slice(0, 500) };
      return records.map((record, index) => {
        const result = results[index];
        if (result === undefined) return stopped;
        return result !== 'imported' || kept.has(record.facts.sessionId) ? result : stopped;
      });
    }
  }

  /** Checks every file against the index again (the watcher stopped, or a test wants to be sure). */
  rescan(): Promise<void> {
    return this.watched.rescan();
  }

  onChange(listener: (progress: IndexProgress | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.watched.close();
    if (this.cancelCacheSave) {
      this.cancelCacheSave();
      this.cancelCacheSave = null;
      await this.saveCache();
    }
  }

  /** The index as the watched folder sees it: paths relative to `Reflections/`. */
  private folderIndex(): FolderIndex<IndexedFile> {
    return {
      stamp: (path) => this.index.file(inLog(path)),
      set: (_path, file) => this.index.set(file),
      delete: (path) => this.index.delete(inLog(path)),
      paths: () => this.index.paths().map((path) => path.slice(REFLECTIONS_FOLDER.length + 1)),
    };
  }

  /** Inside a task: writes a record whose session the log does not have yet, noting the file in `written`. */
  private async addNew(record: ReflectionRecord, written: IndexedEntry[]): Promise<ImportResult> {
    const existing = this.index.bySessionId(record.facts.sessionId);
    if (existing) return sameRecord(existing.record, record) ? 'unchanged' : 'kept-existing';
    written.push(await this.write(await this.freePath(record.facts), { ...record, answers: normalizeAnswers(record.answers) }, {}, null));
    return 'imported';
  }

  /** Inside a task: removes the files a failed import wrote; answers the sessions whose files could not be removed. */
  private async takeBack(written: readonly IndexedEntry[]): Promise<Set<string>> {
    const kept = new Set<string>();
    for (const file of written) {
      try {
        await this.files.remove(this.absolute(file.path), file.version, REFLECTION_FILE_MAX_BYTES);
        this.index.delete(file.path);
      } catch (error) {
        kept.add(file.record.facts.sessionId);
        this.options.log('error', `could not take back ${file.path} after a failed import: ${String(error)}`);
      }
    }
    if (written.length > 0) this.announce();
    return kept;
  }

  /** The log's folder, or folders in it, that are links out of the vault: listed as such, never followed. */
  private foldersOut(): UnreadableReflection[] {
    const detail = 'a link to a folder outside the vault: nothing in it is read or written';
    const paths = this.watched.outside ? [REFLECTIONS_FOLDER] : this.watched.linksOut.map(inLog);
    return paths.map((path) => ({ path, reason: 'outside-link', detail }));
  }

  /** The log names each file by its path; one longer than the contract carries is left out, and said so. */
  private accepts(path: string): boolean {
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (!(iCloudPlaceholderOf(name) ?? name).toLowerCase().endsWith('.md')) return false;
    if (inLog(path).length <= MAX_PATH_CHARS) return true;
    this.options.log('warn', `left out of the reflection log, its path is too long: ${path.slice(0, 200)}…`);
    return false;
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

  /** Writes over `expected` (null: a new file); the index takes what was written, so the watcher's echo is no news. */
  private async write(path: string, record: ReflectionRecord, extra: Record<string, unknown>, expected: string | null): Promise<IndexedEntry> {
    let written;
    try {
      written = await this.files.write(this.absolute(path), formatReflection(record, extra), { expected, maxBytes: REFLECTION_FILE_MAX_BYTES });
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal.reason === 'conflict') throw new DomainError('reflection-conflict', `${path} changed on disk`, { sessionId: record.facts.sessionId, path });
      const [code, reason] = refusal.reason === 'failed' ? [refusal.code, refusal.message] : [refusal.reason, `the vault refused the write (${refusal.reason})`];
      throw new DomainError('reflection-write-failed', `Could not write ${path}: ${reason}`, { path, code, reason: reason.slice(0, 300) });
    }
    const file: IndexedEntry = { path, mtimeMs: written.modifiedAt, size: written.size, kind: 'entry', record, version: written.version };
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
  private async readIndexed(path: string, realRoot?: string): Promise<{ file: IndexedFile; extra: Record<string, unknown> | null } | null> {
    if (iCloudPlaceholderOf(path.slice(path.lastIndexOf('/') + 1)) !== null) return this.notDownloaded(path);
    let state;
    try {
      state = await this.files.read(this.absolute(path), REFLECTION_FILE_MAX_BYTES, realRoot);
    } catch (error) {
      return { file: { path, mtimeMs: 0, size: 0, kind: 'unreadable', reason: 'unreadable', detail: String(error).slice(0, 500) }, extra: null };
    }
    if (state === null) return null;
    const stamp = { path, mtimeMs: state.modifiedAt, size: state.size };
    if (state.status === 'outside-link') return { file: { ...stamp, kind: 'unreadable', reason: 'outside-link', detail: 'a link to a file outside the vault' }, extra: null };
    if (state.status === 'too-large') return { file: { ...stamp, kind: 'unreadable', reason: 'too-large', detail: `${state.size} bytes` }, extra: null };
    if (state.status !== 'text' || state.content === null || state.version === null) {
      return { file: { ...stamp, kind: 'unreadable', reason: 'not-text', detail: 'not UTF-8 text' }, extra: null };
    }
    const parsed = parseReflection(state.content);
    if (!parsed.ok) return { file: { ...stamp, kind: 'unreadable', reason: parsed.reason, detail: parsed.detail }, extra: null };
    return { file: { ...stamp, kind: 'entry', record: parsed.record, version: state.version }, extra: parsed.extra };
  }

  /** An iCloud placeholder is listed from its entry alone: reading it could make iCloud download it. */
  private async notDownloaded(path: string): Promise<{ file: IndexedFile; extra: null } | null> {
    const entry = await lstat(this.absolute(path)).catch(() => null);
    if (!entry || entry.isDirectory()) return null;
    const detail = 'in iCloud, not downloaded to this machine yet';
    return { file: { path, mtimeMs: Math.floor(entry.mtimeMs), size: entry.size, kind: 'unreadable', reason: 'not-downloaded', detail }, extra: null };
  }

  private announce(): void {
    this.scheduleCacheSave();
    for (const listener of this.listeners) listener(this.watched.progress);
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

/** A path in the folder as the log names it: relative to the vault. */
const inLog = (path: string): string => `${REFLECTIONS_FOLDER}/${path}`;

/** What is stored is what the file gives back: trimmed text and each tag once. */
function normalizeAnswers(answers: ReflectionAnswers): ReflectionAnswers {
  return { ...answers, moved: answers.moved.trim(), next: answers.next.trim(), tags: [...new Set(answers.tags)] };
}

function sameRecord(a: ReflectionRecord, b: ReflectionRecord): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify({ ...b, answers: normalizeAnswers(b.answers) })));
}
