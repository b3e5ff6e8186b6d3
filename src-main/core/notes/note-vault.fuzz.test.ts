import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notesContract, type NoteStatus } from '../../contract/notes';
import { ManualClock } from '../clock';
import { DomainError } from '../domain-error';
import { NoteVault } from './note-vault';

// Issue 9: a fuzz over vault listings with hostile entries, against real files, pipes, sockets and /proc.
// Asserts that the list returns and passes the contract, that each entry is listed as what it is, that nothing
// outside the vault is read or written (canary files: content, mtime and atime), and that memory stays bounded.

const run = promisify(execFile);
const CANARY_MTIME = new Date(Date.UTC(2020, 0, 1));
// Older than the mtime, so even a `relatime` mount records the next read of a canary.
const CANARY_ATIME = new Date(Date.UTC(2000, 0, 1));

type Entry =
  | { kind: 'text'; name: string; content: string; mtime: number | null }
  | { kind: 'outside-link'; name: string; to: 'canary' | 'folder' | 'proc' | 'device' }
  | { kind: 'inside-link'; name: string }
  | { kind: 'fifo' | 'socket' | 'loop' | 'dangling' | 'folder'; name: string }
  | { kind: 'sparse'; name: string; size: number };

const oddNames = fc.constantFrom('a:b.md', 'q?*<>|".md', 'CONIN$.md', 'con.md', 'LPT9.x.md', 'dot..md', 'tab\t.md', 'gpj.\u202Etxt.md', 'zw\u200Bsp.md', ' lead.md', 'x\u0085.md');
const plainNames = fc.stringMatching(/^[A-Za-z0-9 傅里叶😀-]{1,20}$/u).map((stem) => `${stem.trim() || 'n'}.md`);
const names = fc.oneof({ weight: 3, arbitrary: plainNames }, { weight: 1, arbitrary: oddNames });
const oddTimes = fc.constantFrom(null, Date.UTC(1965, 5, 1), Date.UTC(1901, 11, 14), Date.UTC(1970, 0, 1) - 1, Date.UTC(2400, 0, 1), 0);

const entry: fc.Arbitrary<Entry> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), name: names, content: fc.string({ maxLength: 200 }), mtime: oddTimes }),
  fc.record({ kind: fc.constant('outside-link' as const), name: names, to: fc.constantFrom('canary' as const, 'folder' as const, 'proc' as const, 'device' as const) }),
  fc.record({ kind: fc.constant('inside-link' as const), name: names }),
  fc.record({ kind: fc.constantFrom('fifo' as const, 'socket' as const, 'loop' as const, 'dangling' as const, 'folder' as const), name: names }),
  fc.record({ kind: fc.constant('sparse' as const), name: names, size: fc.constantFrom(2 ** 30, 2 ** 40, 9 * 1024 * 1024) }),
);

let root: string;
let canary: string;
const servers: Server[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'vault-fuzz-'));
  canary = join(root, 'outside', 'canary.conf');
  await mkdir(join(root, 'outside'));
  await writeFile(canary, 'canary: never read, never written');
  await utimes(canary, CANARY_ATIME, CANARY_MTIME);
});
afterAll(async () => {
  for (const server of servers.splice(0)) server.close();
  await rm(root, { recursive: true, force: true });
});

async function canaryUntouched(): Promise<void> {
  // The times first: reading the content for the check sets the atime, which is put back for the next run.
  const after = await stat(canary);
  expect([after.mtimeMs, after.atimeMs]).toEqual([CANARY_MTIME.getTime(), CANARY_ATIME.getTime()]);
  expect(await readFile(canary, 'utf8')).toBe('canary: never read, never written');
  await utimes(canary, CANARY_ATIME, CANARY_MTIME);
}

/** What the list must call each kind of entry; null where it must not be listed (a folder). */
function expectedStatus(item: Entry, isBadName: boolean): NoteStatus | null {
  if (item.kind === 'folder') return null;
  if (isBadName) return 'bad-name';
  switch (item.kind) {
    case 'text':
    case 'inside-link':
      return 'text';
    case 'outside-link':
      return 'outside-link';
    case 'sparse':
      return 'too-large';
    default:
      return 'unreadable';
  }
}

async function make(notesDir: string, vaultDir: string, item: Entry): Promise<void> {
  const path = join(notesDir, item.name);
  switch (item.kind) {
    case 'text':
      await writeFile(path, item.content);
      if (item.mtime !== null) await utimes(path, new Date(item.mtime), new Date(item.mtime));
      return;
    case 'outside-link': {
      const targets = { canary, folder: join(root, 'outside'), proc: '/proc/self/pagemap', device: '/dev/zero' };
      await symlink(targets[item.to], path);
      return;
    }
    case 'inside-link':
      await writeFile(join(vaultDir, 'target.txt'), 'inside the vault');
      await symlink(join(vaultDir, 'target.txt'), path);
      return;
    case 'fifo':
      await run('mkfifo', [path]);
      return;
    case 'socket': {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
      return;
    }
    case 'loop':
      await symlink(item.name, path);
      return;
    case 'dangling':
      await symlink(join(vaultDir, 'gone.txt'), path);
      return;
    case 'folder':
      await mkdir(path);
      return;
    case 'sparse':
      await writeFile(path, '');
      await truncate(path, item.size);
  }
}

describe.skipIf(process.platform !== 'linux')('NoteVault fuzz: hostile vault listings', () => {
  it('always lists, as what each entry is, touching nothing outside, in bounded memory', async () => {
    let runIndex = 0;
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(entry, { minLength: 1, maxLength: 14, selector: (item) => item.name.toLowerCase() }), fc.boolean(), async (items, notesIsLinkOut) => {
        const vaultDir = join(root, `vault-${runIndex}`);
        const dataDir = join(root, `data-${runIndex}`);
        runIndex++;
        const notesDir = notesIsLinkOut ? join(root, `outside-notes-${runIndex}`) : join(vaultDir, 'Notes');
        await mkdir(notesDir, { recursive: true });
        await mkdir(vaultDir, { recursive: true });
        if (notesIsLinkOut) await symlink(notesDir, join(vaultDir, 'Notes'));
        for (const item of items) await make(notesDir, vaultDir, item);
        const vault = await NoteVault.open({
          vaultDir,
          dataDir,
          clock: new ManualClock(Date.UTC(2026, 11, 3)),
          trash: { moveToTrash: () => Promise.reject(new Error('the fuzz never deletes')) },
          revealInFolder: null,
          log: () => undefined,
          watch: false,
          maxBytes: 8 * 1024 * 1024,
        });
        try {
          const notes = notesContract.list.output.parse({ notes: vault.list(), notesFolderOutside: vault.notesFolderOutside }).notes;
          expect(vault.notesFolderOutside).toBe(notesIsLinkOut);
          const listed = new Map(notes.map((note) => [note.name, note]));
          if (notesIsLinkOut) {
            expect(notes).toEqual([]);
            await expect(vault.create('Fresh', 'x')).rejects.toMatchObject({ code: 'note-outside-vault' });
          } else {
            for (const item of items) {
              const bad = notesContract.read.input.safeParse({ name: item.name }).success === false;
              expect([item.kind, item.name, listed.get(item.name)?.status ?? null]).toEqual([item.kind, item.name, expectedStatus(item, bad)]);
            }
          }
          // Every listed entry: reading and saving over it answers, and never reaches outside.
          for (const note of notes) {
            if (note.status === 'bad-name') continue;
            const read = await vault.read(note.name).catch((error: unknown) => error);
            if (read instanceof DomainError) expect(['note-outside-vault', 'note-unreadable', 'note-too-large', 'note-not-text']).toContain(read.code);
            const base = read instanceof DomainError ? null : (read as { version: string }).version;
            if (note.status !== 'text') await expect(vault.save(note.name, 'overwrite', base)).rejects.toBeInstanceOf(DomainError);
          }
          expect(vault.list('canary')).toEqual([]);
          await canaryUntouched();
          rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        } finally {
          await vault.close();
          for (const server of servers.splice(0)) server.close();
        }
      }),
      { numRuns: 40 },
    );
    // Forty vaults, each with endless /proc files, 1 TB sparse files and pipes in reach: the process stays small.
    expect(rssPeak - rssBefore).toBeLessThan(256 * 1024 * 1024);
  }, 120_000);
});
