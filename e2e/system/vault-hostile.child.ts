// Run by vault-hostile.test.ts as a throwaway non-root user, in a private mount namespace where the parent (root)
// has bind-mounted this very process's /proc/<pid>/pagemap over `Notes/Endless.md`: a file inside the vault that
// says it is empty and never ends. Prints its pid, waits for a line on stdin (the mount is in place), then opens
// the vault, lists it, tries a read and a save of every entry, and reports what it saw as JSON.
import { createInterface } from 'node:readline';
import { DomainError } from '../../src-main/core/domain-error';
import { openSystemVault } from './system-vault';

const [vaultDir, dataDir] = process.argv.slice(2) as [string, string];
process.stdout.write(`${process.pid}\n`);
await new Promise<void>((resolve) => {
  const lines = createInterface({ input: process.stdin });
  lines.once('line', () => {
    lines.close();
    resolve();
  });
});

const codeOf = (error: unknown) => (error instanceof DomainError ? error.code : String(error));
const vault = await openSystemVault(vaultDir, dataDir, (level, message) => process.stderr.write(`${level}: ${message}\n`));
const list = vault.list();
const reads: Record<string, string> = {};
const saves: Record<string, string> = {};
for (const note of list) {
  if (note.status === 'bad-name') continue;
  reads[note.name] = await vault.read(note.name).then(() => 'ok', codeOf);
  if (note.status !== 'text') saves[note.name] = await vault.save(note.name, 'typed over it', null).then(() => 'ok', codeOf);
}
await vault.close();
process.stdout.write(`${JSON.stringify({ uid: process.getuid?.(), list, reads, saves, rss: process.memoryUsage().rss })}\n`);
