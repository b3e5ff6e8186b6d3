// Run in a child process by notes-crash.test.ts (bundled with esbuild first, so each run starts in ~50 ms).
// `loop`: saves one note over and over until the parent kills it with SIGKILL.
// `read-only` / `full-disk`: mounts the Notes folder read-only or as a 64 KiB tmpfs inside the child's own
// mount namespace (started under `unshare -m`), then tries to save and reports what it saw as JSON.
import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DomainError } from '../../src-main/core/domain-error';
import { crashNoteContent, crashNoteIteration } from './notes-crash.content';
import { openSystemVault } from './system-vault';

const run = promisify(execFile);
const [mode, vaultDir, dataDir] = process.argv.slice(2) as ['loop' | 'read-only' | 'full-disk', string, string];
const notesDir = join(vaultDir, 'Notes');
const mount = (args: string[]) => run('mount', args, { timeout: 10_000 });
const openVault = () => openSystemVault(vaultDir, dataDir, (level, message) => process.stderr.write(`${level}: ${message}\n`));

if (mode === 'loop') {
  const vault = await openVault();
  const doc = await vault.read('Crash.md');
  let version = doc.version;
  process.stdout.write('ready\n');
  for (let i = crashNoteIteration(doc.content) + 1; ; i++) {
    version = (await vault.save('Crash.md', crashNoteContent(i), version)).version;
  }
} else {
  await mkdir(notesDir, { recursive: true });
  if (mode === 'full-disk') await mount(['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', notesDir]);
  const vault = await openVault();
  const doc = await vault.create('Kept', 'first line\n');
  if (mode === 'read-only') {
    await mount(['--bind', notesDir, notesDir]);
    await mount(['-o', 'remount,bind,ro', notesDir]);
  }
  const typed = mode === 'full-disk' ? `first line\n${'a long derivation, '.repeat(20_000)}\n` : 'first line\nsecond line\n';
  let error: { code: string; params: unknown } | null = null;
  try {
    await vault.save(doc.name, typed, doc.version);
  } catch (caught) {
    error = caught instanceof DomainError ? { code: caught.code, params: caught.params } : { code: 'thrown', params: String(caught) };
  }
  const onDisk = await readFile(join(notesDir, doc.name), 'utf8');
  const recovered = await readFile(join(dataDir, 'recovery', doc.name), 'utf8').catch(() => null);
  process.stdout.write(
    JSON.stringify({ error, onDisk, entries: await readdir(notesDir), recoveredMatches: recovered === typed, typedLength: typed.length }),
  );
  await vault.close();
}
