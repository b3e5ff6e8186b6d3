import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ReflectionVersion, UnreadableReason } from '../../contract/reflections';
import { writeFileAtomic } from '../../base/atomic-file';
import { REFLECTION_FILE_VERSION } from './front-matter-migrations';
import { ReflectionRecord } from './reflection-file';
import type { IndexedFile } from './reflection-index';

/**
 * Raise when the cached shape changes, or what a file is read as; an old cache is then simply rebuilt from the files.
 * 2: links out of the vault are `outside-link`, front matter past its caps `too-large`.
 */
export const INDEX_CACHE_VERSION = 2;

const Stamp = { path: z.string().max(1024), mtimeMs: z.number().min(0), size: z.number().int().min(0) };

const CachedFile = z.discriminatedUnion('kind', [
  z
    .object({
      ...Stamp,
      kind: z.literal('entry'),
      version: ReflectionVersion,
      record: ReflectionRecord,
    })
    .strict(),
  z.object({ ...Stamp, kind: z.literal('unreadable'), reason: UnreadableReason, detail: z.string().max(500) }).strict(),
]);

const IndexCacheFile = z
  .object({
    version: z.literal(INDEX_CACHE_VERSION),
    /** Files are parsed by this file format's reader; another reader re-reads them all. */
    fileFormat: z.literal(REFLECTION_FILE_VERSION),
    vaultDir: z.string(),
    files: z.array(CachedFile),
  })
  .strict();

/**
 * What the index knew at the last run, so a start only stats the files and reads those whose mtime or size
 * changed. A missing, corrupt, outdated or other vault's cache is no error: it yields nothing, and all is re-read.
 */
export async function loadIndexCache(path: string, vaultDir: string): Promise<IndexedFile[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  try {
    const parsed = IndexCacheFile.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.vaultDir === vaultDir ? parsed.data.files : [];
  } catch {
    return [];
  }
}

export async function saveIndexCache(path: string, vaultDir: string, files: Iterable<IndexedFile>): Promise<void> {
  const document = { version: INDEX_CACHE_VERSION, fileFormat: REFLECTION_FILE_VERSION, vaultDir, files: [...files] };
  await writeFileAtomic(path, JSON.stringify(document));
}
