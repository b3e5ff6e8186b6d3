import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { formatReflection } from '../src-main/core/reflections/reflection-file';
import { reflectionPathFor } from '../src-main/core/reflections/reflection-path';
import { recordFor } from './reflection-fixtures';

/** Files written at once: a sync engine writes many files in parallel. */
const WRITERS = 64;

export const burstSessionId = (index: number): string => `a1b2c3d4-0000-4000-8000-${String(index).padStart(12, '0')}`;
export const burstNoteName = (index: number): string => `Synced note ${index}.md`;
/** A word only note `index` holds, to search for. */
export const burstNoteWord = (index: number): string => `word${index}x`;

/** Writes `path`; every third file as Syncthing does: `.syncthing.<name>.tmp` in the same folder, then a rename. */
async function land(path: string, text: string, index: number): Promise<void> {
  if (index % 3 !== 0) return writeFile(path, text);
  const temporary = join(dirname(path), `.syncthing.${basename(path)}.tmp`);
  await writeFile(temporary, text);
  await rename(temporary, path);
}

async function inParallel(count: number, write: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < count) await write(next++);
    }),
  );
}

/**
 * A first sync landing in `vaultDir` (whose `Notes/` exists): `notes` notes and `reflections` reflections, an hour
 * apart from 2020 on (so across many month folders, made as the sync goes), written as fast as the disk takes them.
 */
export async function writeFirstSync(vaultDir: string, counts: { readonly notes: number; readonly reflections: number }): Promise<void> {
  const reflections = Array.from({ length: counts.reflections }, (_, index) => {
    const facts = { sessionId: burstSessionId(index), intent: `session ${index}`, startedAt: Date.UTC(2020, 0, 1) + index * 3_600_000 };
    return { path: join(vaultDir, ...reflectionPathFor(facts, 'UTC').split('/')), text: formatReflection(recordFor({}, facts), {}) };
  });
  await Promise.all([
    inParallel(counts.notes, (index) =>
      land(join(vaultDir, 'Notes', burstNoteName(index)), `# Synced note ${index}\n\n${burstNoteWord(index)} of the first sync\n`, index),
    ),
    inParallel(counts.reflections, async (index) => {
      const { path, text } = reflections[index]!;
      await mkdir(dirname(path), { recursive: true });
      await land(path, text, index);
    }),
  ]);
}
