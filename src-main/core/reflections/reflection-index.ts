import type { UnreadableReflection } from '../../contract/reflections';
import { conflictCopyOf } from '../vault/sync-names';
import type { ReflectionRecord } from './reflection-file';

/** What the index knows about one file, keyed by its vault-relative path, valid while mtime and size match. */
export type IndexedFile = { readonly path: string; readonly mtimeMs: number; readonly size: number } & (
  | { readonly kind: 'entry'; readonly record: ReflectionRecord; readonly version: string }
  | { readonly kind: 'unreadable'; readonly reason: UnreadableReflection['reason']; readonly detail: string }
);

export type IndexedEntry = Extract<IndexedFile, { kind: 'entry' }>;

/**
 * The reflection files in memory: one map by path, one by session, and the entries sorted newest first, rebuilt
 * only after a change. Two files claiming one session keep the first path (a sync conflict copy comes after
 * the file it copies); the other is listed as unreadable with the reason, so nothing is hidden.
 */
export class ReflectionIndex {
  private readonly files = new Map<string, IndexedFile>();
  private sorted: IndexedEntry[] | null = null;
  private bySession: Map<string, IndexedEntry> | null = null;
  private duplicates: UnreadableReflection[] = [];

  get size(): number {
    return this.files.size;
  }

  file(path: string): IndexedFile | undefined {
    return this.files.get(path);
  }

  paths(): string[] {
    return [...this.files.keys()];
  }

  /** Answers whether anything the log shows changed. */
  set(file: IndexedFile): boolean {
    const before = this.files.get(file.path);
    this.files.set(file.path, file);
    const changed = !before || before.mtimeMs !== file.mtimeMs || before.size !== file.size || before.kind !== file.kind;
    if (changed) this.invalidate();
    return changed;
  }

  delete(path: string): boolean {
    const deleted = this.files.delete(path);
    if (deleted) this.invalidate();
    return deleted;
  }

  /** Readable entries, newest start first. */
  entries(): readonly IndexedEntry[] {
    this.build();
    return this.sorted!;
  }

  bySessionId(sessionId: string): IndexedEntry | undefined {
    this.build();
    return this.bySession!.get(sessionId);
  }

  unreadable(): UnreadableReflection[] {
    this.build();
    const listed: UnreadableReflection[] = [];
    for (const file of this.files.values()) {
      if (file.kind === 'unreadable') listed.push({ path: file.path, reason: file.reason, detail: file.detail });
    }
    return [...listed, ...this.duplicates].sort((a, b) => a.path.localeCompare(b.path));
  }

  all(): IterableIterator<IndexedFile> {
    return this.files.values();
  }

  private invalidate(): void {
    this.sorted = null;
    this.bySession = null;
  }

  private build(): void {
    if (this.sorted && this.bySession) return;
    const bySession = new Map<string, IndexedEntry>();
    const duplicates: UnreadableReflection[] = [];
    // A sync engine's conflict copy comes after the file it is a copy of, whatever the names' order.
    const byPath = [...this.files.values()]
      .filter((file): file is IndexedEntry => file.kind === 'entry')
      .map((file) => ({ file, copy: isConflictCopy(file.path) }))
      .sort((a, b) => Number(a.copy) - Number(b.copy) || (a.file.path < b.file.path ? -1 : 1))
      .map(({ file }) => file);
    for (const file of byPath) {
      const first = bySession.get(file.record.facts.sessionId);
      if (first) duplicates.push({ path: file.path, reason: 'bad-fields', detail: duplicateDetail(file.path, first.path) });
      else bySession.set(file.record.facts.sessionId, file);
    }
    this.sorted = [...bySession.values()].sort((a, b) => b.record.facts.startedAt - a.record.facts.startedAt || (a.path < b.path ? -1 : 1));
    this.bySession = bySession;
    this.duplicates = duplicates;
  }
}

/** A sync engine's conflict copy says so: the reflection was changed on two machines, and one text must be kept. */
function duplicateDetail(path: string, first: string): string {
  const copy = conflictCopyOf(fileName(path));
  const detail = copy
    ? `a conflict copy ${copy.engine} made of ${first} (changed on two machines): keep the text you want in ${first} and delete this file`
    : `the same session as ${first}`;
  return detail.slice(0, 500);
}

const fileName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
const isConflictCopy = (path: string): boolean => conflictCopyOf(fileName(path)) !== null;
