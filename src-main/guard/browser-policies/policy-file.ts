import { createHash } from 'node:crypto';
import { lstat, readFile, rm, rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { removeStaleTempFiles, syncFolder, writeFileAtomic } from '../../base/atomic-file';
import type { BrowserRules } from './url-rules';
import type { PolicyJournal } from './policy-journal';
import { checkRootFolder, makeRootFolders, parentIsRootFolder, UntrustedFolderError } from './root-folder';

/**
 * One policy file the guard writes, journaled and restored exactly. What goes into it is the document's business
 * (chromium-json.ts, firefox-policies.ts, macos-managed-prefs.ts); how it is written is the same for every one:
 * - apply: the file's bytes before our first write go into the journal, with the bytes we are about to write, BEFORE
 *   the write (atomic: temp file, fsync, rename, fsync the folder). Re-applied after tampering on top of what is there.
 * - restore: if the file still holds what we wrote, the previous bytes go back exactly (or the file goes, if there was
 *   none); if the crash came before the write, it already holds them; if someone changed it since, only our keys
 *   are taken back out (the document's `unrender`).
 * Both first check the folder's chain from the policy root (root-folder.ts): the guard never writes, restores or
 * removes through a component a user could change, so what it restores is the file it wrote, where it wrote it.
 */
export interface PolicyDocument {
  /** Our content for the file, given its bytes now and before our first write. `problem`: in force, but not fully. */
  render(current: Buffer | null, previous: Buffer | null, rules: BrowserRules): Promise<{ content: Buffer; problem?: string }>;
  /** The file with our keys put back as they were, when it changed after our write; null removes it. */
  unrender(current: Buffer, previous: Buffer | null): Promise<Buffer | null>;
}

export interface PolicyFileOutcome {
  changed: boolean;
  problem: string | null;
}

export class PolicyFile {
  /** What the last render in this process said; undefined until one ran (a restarted guard renders once again). */
  private lastProblem: string | null | undefined;

  /** `anchor`: the policy root (the config's `browserPolicyRoot`), the trusted folder `path` lies inside. */
  constructor(
    readonly path: string,
    private readonly document: PolicyDocument,
    private readonly anchor: string,
  ) {}

  async apply(journal: PolicyJournal, rules: BrowserRules): Promise<PolicyFileOutcome> {
    const missing = await checkRootFolder(this.anchor, dirname(this.path));
    if (missing.length === 0) await this.removeStaleTemps();
    const data = await journal.load();
    const entry = data.files[this.path];
    const current = await readIfAny(this.path);
    const previous = entry ? decode(entry.previous) : current;
    const fingerprint = createHash('sha256').update(JSON.stringify(rules)).digest('hex');
    // Untouched since our write, for the same rules: nothing to do (and no plutil run every few seconds on macOS).
    // The organisation's other files are merged in when the rules change or the file is tampered with.
    const untouched = entry?.fingerprint === fingerprint && current !== null && current.equals(Buffer.from(entry.written, 'base64'));
    if (untouched && this.lastProblem !== undefined) {
      return { changed: false, problem: this.lastProblem };
    }
    const { content, problem } = await this.document.render(current, previous, rules);
    this.lastProblem = problem ?? null;
    data.files[this.path] = { previous: previous === null ? null : previous.toString('base64'), written: content.toString('base64'), fingerprint };
    data.createdFolders = [...new Set([...data.createdFolders, ...missing])];
    await journal.save(data);
    await makeRootFolders(missing);
    await writeFileAtomic(this.path, content, { mode: 0o644 });
    return { changed: true, problem: problem ?? null };
  }

  /** Returns whether anything changed on disk. */
  async restore(journal: PolicyJournal): Promise<boolean> {
    const data = await journal.load();
    const entry = data.files[this.path];
    let missing: string[];
    try {
      missing = await checkRootFolder(this.anchor, dirname(this.path));
    } catch (error) {
      // Nothing of ours was written there: a folder the guard does not trust is no problem while it has no lease.
      if (!entry && error instanceof UntrustedFolderError) return false;
      throw error;
    }
    if (missing.length === 0) await this.removeStaleTemps();
    if (!entry) return false;
    const current = await readIfAny(this.path);
    const previous = decode(entry.previous);
    let changed = false;
    if (!sameBytes(current, previous)) {
      const next = current !== null && !current.equals(Buffer.from(entry.written, 'base64')) ? await this.document.unrender(current, previous) : previous;
      if (next === null) await rm(this.path, { force: true });
      else await writeFileAtomic(this.path, next, { mode: previous === null ? 0o644 : await modeOf(this.path) });
      if (next === null) await syncFolder(dirname(this.path));
      changed = true;
    }
    delete data.files[this.path];
    // Deepest first; a folder another of our files (or anyone else's) still uses is not empty and stays.
    const folders = [...data.createdFolders].sort((a, b) => b.length - a.length);
    data.createdFolders = [];
    for (const folder of folders) if (!(await this.removeIfEmpty(folder))) data.createdFolders.push(folder);
    await journal.save(data);
    return changed;
  }

  // A write killed before its rename leaves a temp file next to ours, and browsers read every file in a policy folder.
  private async removeStaleTemps(): Promise<void> {
    await removeStaleTempFiles(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  /** Whether the folder is gone now; one that is not empty, or whose parents a user could change, stays. */
  private async removeIfEmpty(folder: string): Promise<boolean> {
    if (!(await parentIsRootFolder(this.anchor, folder))) return false;
    try {
      await rmdir(folder);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT';
    }
  }
}

async function readIfAny(path: string): Promise<Buffer | null> {
  let info;
  try {
    info = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // Renaming over a link would replace someone's link with a file; a folder or device is not ours to touch.
  if (!info.isFile()) throw new Error(`Not a regular file; the guard does not replace it: ${path}`);
  return readFile(path);
}

const decode = (base64: string | null): Buffer | null => (base64 === null ? null : Buffer.from(base64, 'base64'));
const sameBytes = (a: Buffer | null, b: Buffer | null): boolean => (a === null || b === null ? a === b : a.equals(b));

async function modeOf(path: string): Promise<number> {
  try {
    return (await lstat(path)).mode & 0o7777;
  } catch {
    return 0o644;
  }
}
