import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashNoteContent, crashNoteIteration } from './notes-crash.content';
import { openSystemVault } from './system-vault';
import { bundleChildScript } from '../../test-support/bundle-child';

const run = promisify(execFile);
const RUNS = 50;

let root: string;
let child: string;
let canUnshare = false;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'notes-crash-'));
  child = await bundleChildScript(join(import.meta.dirname, 'notes-crash.child.ts'), root);
  canUnshare = await run('unshare', ['-m', 'true'], { timeout: 5_000 }).then(
    () => true,
    () => false,
  );
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Starts the saving loop, waits until it is saving, lets it run a random few milliseconds, then SIGKILLs it. */
function killMidSave(vaultDir: string, dataDir: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, 'loop', vaultDir, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const guard = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error('the saving child never became ready'));
    }, 20_000);
    proc.stdout.once('data', () => setTimeout(() => proc.kill('SIGKILL'), delayMs));
    proc.on('exit', (_code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the saving child exited by itself (${String(signal)})`));
    });
  });
}

describe('notes survive a killed process', () => {
  // About 40 s alone; the longer limit leaves room for a busy machine running the other suites at once.
  it(`is always the old or the new content, never a mix or cut short (${RUNS} kills at random points)`, { timeout: 300_000 }, async () => {
    const vaultDir = join(root, 'kill-vault');
    const dataDir = join(root, 'kill-data');
    await mkdir(join(vaultDir, 'Notes'), { recursive: true });
    await writeFile(join(vaultDir, 'Notes', 'Crash.md'), 'the starting text\n');
    let previous = 0;
    let advanced = 0;
    for (let n = 0; n < RUNS; n++) {
      await killMidSave(vaultDir, dataDir, Math.floor(Math.random() * 250));
      const content = await readFile(join(vaultDir, 'Notes', 'Crash.md'), 'utf8');
      const iteration = crashNoteIteration(content);
      if (iteration === 0) expect(content).toBe('the starting text\n');
      else expect(content === crashNoteContent(iteration), `run ${n}: the file is not exactly save ${iteration}`).toBe(true);
      // Never back to an older save: every completed rename is durable.
      expect(iteration).toBeGreaterThanOrEqual(previous);
      if (iteration > previous) advanced++;
      previous = iteration;
    }
    // The kills landed while saves were going on, not only before the first one.
    expect(advanced).toBeGreaterThan(RUNS / 2);
    // Opening the vault again sweeps the temp files the killed saves left behind; the note opens.
    const vault = await openSystemVault(vaultDir, dataDir);
    expect(await readdir(join(vaultDir, 'Notes'))).toEqual(['Crash.md']);
    expect((await vault.read('Crash.md')).content).toBe(crashNoteContent(previous));
    await vault.close();
  });
});

// Both need a private mount namespace (root, as in CI): the mounts never reach the machine's own tree.
describe('a vault that cannot be written', () => {
  const inNamespace = async (mode: 'read-only' | 'full-disk') => {
    const vaultDir = join(root, `${mode}-vault`);
    const dataDir = join(root, `${mode}-data`);
    const { stdout } = await run('unshare', ['-m', process.execPath, child, mode, vaultDir, dataDir], { timeout: 30_000 });
    return JSON.parse(stdout) as {
      error: { code: string; params: Record<string, string> } | null;
      onDisk: string;
      entries: string[];
      recoveredMatches: boolean;
    };
  };

  it('reports a read-only file system with the OS reason and keeps the text as a recovery copy', async (context) => {
    if (!canUnshare) context.skip('needs `unshare -m` (root) to mount the vault read-only');
    const result = await inNamespace('read-only');
    expect(result.error?.code).toBe('note-write-failed');
    expect(result.error?.params).toMatchObject({ name: 'Kept.md', code: 'EROFS' });
    expect(result.onDisk).toBe('first line\n');
    expect(result.recoveredMatches).toBe(true);
  });

  it('reports a full disk (a 64 KiB tmpfs), leaves the old file and no temp file, keeps the text', async (context) => {
    if (!canUnshare) context.skip('needs `unshare -m` (root) to mount a tiny tmpfs');
    const result = await inNamespace('full-disk');
    expect(result.error?.code).toBe('note-write-failed');
    expect(result.error?.params).toMatchObject({ name: 'Kept.md', code: 'ENOSPC' });
    expect(result.onDisk).toBe('first line\n');
    expect(result.entries).toEqual(['Kept.md']);
    expect(result.recoveredMatches).toBe(true);
  });
});
