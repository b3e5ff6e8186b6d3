import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { DomainError } from '../domain-error';

/**
 * Checks that a folder can hold a vault before the app switches to it: absolute, a folder (made if missing),
 * and writable, proven by making `Notes/` and a file in it. A refused folder is left as it was found.
 * Answers the folder, normalised.
 */
export async function checkVaultFolder(folder: string): Promise<string> {
  if (!isAbsolute(folder)) throw unusable(folder, 'not-absolute', 'the path is not absolute');
  const target = resolve(folder);
  const existing = await stat(target).catch(() => null);
  if (existing && !existing.isDirectory()) throw unusable(target, 'not-a-folder', 'a file, not a folder');
  let created: string | undefined;
  try {
    created = await makeFolders(target);
    const notes = join(target, 'Notes');
    const madeNotes = await makeFolders(notes);
    const probe = join(notes, `.stillroom-probe-${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(probe, 'wx', 0o600);
      try {
        await handle.writeFile('stillroom');
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      // Only what this check made is removed: an existing Notes folder stays.
      if (madeNotes) await rm(notes, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    } finally {
      await rm(probe, { force: true });
    }
  } catch (error) {
    if (created) await rm(created, { recursive: true, force: true }).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw unusable(target, code, error instanceof Error ? error.message : String(error));
  }
  return target;
}

/**
 * Makes the folder and any missing parents, one at a time: Node's recursive mkdir reports ENOENT on a read-only
 * file system, and the user should see the real reason. Answers the first folder made, if any.
 */
async function makeFolders(folder: string): Promise<string | undefined> {
  const missing: string[] = [];
  for (let at = folder; !(await stat(at).catch(() => null)); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const each of missing) await mkdir(each);
  return missing[0];
}

function unusable(folder: string, reason: string, detail: string): DomainError {
  return new DomainError('vault-unusable', `Cannot keep notes in ${folder}: ${detail}`, { folder: folder.slice(0, 1024), reason: reason.slice(0, 100) });
}
