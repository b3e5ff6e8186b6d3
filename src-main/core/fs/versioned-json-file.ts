import { readFile, rename } from 'node:fs/promises';
import type { z } from 'zod';
import { runMigrations, type Migration } from '../migrations';

/** A small JSON file the app owns (a journal): its `version` key, the migrations up to it, and its schema there. */
export interface StoredFormat<T> {
  readonly version: number;
  readonly migrations: readonly Migration[];
  /** The whole document at `version`, its `version` key included. */
  readonly schema: z.ZodType<T>;
}

export type VersionedRead<T> =
  | { kind: 'missing' }
  | { kind: 'read'; document: T; migratedFrom: number | null }
  | { kind: 'corrupt'; reason: string; movedTo: string }
  | { kind: 'newer'; version: number; movedTo: string };

export type VersionedParse<T> =
  | { kind: 'read'; document: T; migratedFrom: number | null }
  | { kind: 'corrupt'; reason: string }
  | { kind: 'newer'; version: number };

/** Parses a versioned JSON text and brings it to the current version; touches nothing. */
export function parseVersionedJson<T>(text: string, format: StoredFormat<T>): VersionedParse<T> {
  try {
    const raw: unknown = JSON.parse(text);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'corrupt', reason: 'the file does not hold an object' };
    const outcome = runMigrations(raw as Record<string, unknown>, 'version', format.migrations, format.version);
    if (outcome.kind === 'newer') return { kind: 'newer', version: outcome.version };
    if (outcome.kind === 'invalid') return { kind: 'corrupt', reason: outcome.reason };
    const parsed = format.schema.safeParse(outcome.document);
    if (parsed.success) return { kind: 'read', document: parsed.data, migratedFrom: outcome.kind === 'migrated' ? outcome.from : null };
    const issue = parsed.error.issues[0];
    return { kind: 'corrupt', reason: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  } catch (error) {
    // Bad JSON, or a migration that met a shape it does not expect.
    return { kind: 'corrupt', reason: (error as Error).message };
  }
}

/**
 * Reads a versioned JSON file and brings it to the current version. One that cannot be read is moved to
 * `<path>.corrupt` for a human to read; one written by a newer Stillroom is moved, unchanged, to
 * `<path>.newer-v<N>`, so going back to that version loses nothing. Either way the caller starts clean rather
 * than refuse to run, and the next write cannot replace what it could not understand.
 */
export async function readVersionedJson<T>(path: string, format: StoredFormat<T>): Promise<VersionedRead<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  const parsed = parseVersionedJson(text, format);
  if (parsed.kind === 'read') return parsed;
  const movedTo = parsed.kind === 'newer' ? `${path}.newer-v${parsed.version}` : `${path}.corrupt`;
  await rename(path, movedTo);
  return { ...parsed, movedTo };
}
