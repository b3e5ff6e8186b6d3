import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The files below a test core's folder, touched as another program would (a sync tool, an editor, a crash). */
export interface TestFiles {
  /** The absolute path of `path` (relative to the root), for a call that names a folder (a vault to switch to). */
  path(path: string): string;
  /** Writes a file, making its folders. */
  write(path: string, content: string): Promise<void>;
  read(path: string): Promise<string>;
  exists(path: string): boolean;
  /** The names in a folder, sorted. */
  list(path: string): Promise<string[]>;
  remove(path: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
}

/**
 * Real files for renderer store tests, which drive the real core (`createTestCore`, `installCoreApi`) and must
 * see and change what it wrote, while the renderer's own code (and its lint) never imports Node. Paths are
 * relative to `root`, e.g. a TestCore's root: `vault/Notes/A.md`, `data/recovery/A.md`.
 */
export function testFiles(root: string): TestFiles {
  const at = (path: string) => join(root, path);
  return {
    path: at,
    async write(path, content) {
      await mkdir(dirname(at(path)), { recursive: true });
      await writeFile(at(path), content);
    },
    read: (path) => readFile(at(path), 'utf8'),
    exists: (path) => existsSync(at(path)),
    list: async (path) => (await readdir(at(path))).sort(),
    remove: (path) => rm(at(path), { recursive: true, force: true }),
    chmod: (path, mode) => chmod(at(path), mode),
  };
}
