import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, systemClock, type Clock } from '../clock';
import { DomainError } from '../ipc/domain-error';
import { FreedesktopTrash } from './freedesktop-trash';
import { versionOf } from './note-file';
import { NoteVault, type NoteVaultOptions } from './note-vault';

let root: string;
let vaultDir: string;
let dataDir: string;
let notesDir: string;
const vaults: NoteVault[] = [];
const logs: string[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'vault-'));
  vaultDir = join(root, 'vault');
  dataDir = join(root, 'data');
  notesDir = join(vaultDir, 'Notes');
  logs.length = 0;
});
afterEach(async () => {
  for (const vault of vaults.splice(0)) await vault.close();
  await rm(root, { recursive: true, force: true });
});

async function openVault(overrides: Partial<NoteVaultOptions> = {}): Promise<NoteVault> {
  const clock: Clock = overrides.clock ?? new ManualClock(Date.UTC(2026, 10, 29, 23, 0, 0));
  const vault = await NoteVault.open({
    vaultDir,
    dataDir,
    clock,
    trash: new FreedesktopTrash(join(root, 'xdg-data'), process.getuid?.() ?? 0, clock),
    revealInFolder: null,
    log: (level, message) => logs.push(`${level}: ${message}`),
    watch: false,
    ...overrides,
  });
  vaults.push(vault);
  return vault;
}

/** The error a vault call refused with, so a test can check its code and params. */
async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const note = (name: string) => join(notesDir, name);
const recoveryText = (name: string) => readFile(join(dataDir, 'recovery', name), 'utf8');

describe('NoteVault: notes are files', () => {
  it('creates notes named after their titles, never replacing one', async () => {
    const vault = await openVault();
    const first = await vault.create('Fourier series');
    const second = await vault.create('fourier SERIES');
    const cjk = await vault.create('傅里叶 / 变换');
    const untitled = await vault.create(undefined);
    expect([first.name, second.name, cjk.name, untitled.name]).toEqual(['Fourier series.md', 'fourier SERIES 2.md', '傅里叶 变换.md', 'Untitled.md']);
    expect(await readFile(note('Fourier series.md'), 'utf8')).toBe('');
    expect(first.version).toBe(versionOf(Buffer.alloc(0)));
    const copy = await vault.create('Copy', 'kept text $x$\n');
    expect(await readFile(note('Copy.md'), 'utf8')).toBe('kept text $x$\n');
    expect(copy.version).toBe(versionOf(Buffer.from('kept text $x$\n')));
  });

  it('does not replace a file created by another program since the last scan', async () => {
    const vault = await openVault();
    await writeFile(note('Draft.md'), 'theirs');
    const created = await vault.create('Draft', 'mine');
    expect(created.name).toBe('Draft 2.md');
    expect(await readFile(note('Draft.md'), 'utf8')).toBe('theirs');
  });

  it('saves byte for byte over the version it was based on', async () => {
    const vault = await openVault();
    const created = await vault.create('Derivation');
    const text = '# Derivation\n\nLet $f(x)=x^2$. Then\n\n$$\n\\int_0^1 f = \\tfrac13\n$$\n\n傅里叶\r\n';
    const saved = await vault.save(created.name, text, created.version);
    expect((await readFile(note(created.name))).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(saved.version).toBe(versionOf(Buffer.from(text, 'utf8')));
    const again = await vault.save(created.name, `${text}more`, saved.version);
    expect((await vault.read(created.name)).version).toBe(again.version);
    expect(existsSync(join(dataDir, 'recovery', created.name))).toBe(false);
  });

  it('lists newest first and searches titles and text', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const vault = await openVault({ clock });
    const a = await vault.create('Alpha');
    await vault.save(a.name, 'The Parseval identity for $L^2$ functions.', a.version);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const b = await vault.create('卷积定理');
    await vault.save(b.name, '卷积的傅里叶变换等于傅里叶变换的乘积。', b.version);
    expect(vault.list().map((item) => item.name)).toEqual(['卷积定理.md', 'Alpha.md']);
    expect(vault.list('parseval').map((item) => item.name)).toEqual(['Alpha.md']);
    expect(vault.list('傅里叶').map((item) => item.name)).toEqual(['卷积定理.md']);
    expect(vault.list('alpha')[0]).toMatchObject({ title: 'Alpha', status: 'text', excerpt: 'The Parseval identity for $L^2$ functions.' });
  });

  it('opens a 5 MB note and saves it', async () => {
    const vault = await openVault();
    const big = 'Line with $\\sum_{k=1}^n k = \\frac{n(n+1)}{2}$ math.\n'.repeat(100_000);
    expect(Buffer.byteLength(big)).toBeGreaterThan(5_000_000);
    await writeFile(note('Big.md'), big);
    await vault.rescan();
    const doc = await vault.read('Big.md');
    expect(doc.content.length).toBe(big.length);
    await vault.save('Big.md', `${big}end\n`, doc.version);
    expect((await stat(note('Big.md'))).size).toBe(Buffer.byteLength(big) + 4);
  });

  it('lists a binary file as unreadable and refuses to open it; refuses notes over the cap', async () => {
    await mkdir(notesDir, { recursive: true });
    await writeFile(note('photo.md'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
    await writeFile(note('huge.md'), 'x'.repeat(2000));
    const vault = await openVault({ maxBytes: 1000 });
    expect(vault.list().find((item) => item.name === 'photo.md')).toMatchObject({ status: 'not-text', excerpt: '' });
    expect(vault.list().find((item) => item.name === 'huge.md')).toMatchObject({ status: 'too-large', size: 2000 });
    expect((await refusal(vault.read('photo.md'))).code).toBe('note-not-text');
    expect((await refusal(vault.read('huge.md'))).code).toBe('note-too-large');
    const small = await vault.create('small');
    expect((await refusal(vault.save(small.name, 'y'.repeat(1001), small.version))).code).toBe('note-too-large');
    expect(await readFile(note(small.name), 'utf8')).toBe('');
    expect((await refusal(vault.read('missing.md'))).code).toBe('note-not-found');
  });

  it('sweeps temp files a crashed save left behind, and never lists them', async () => {
    await mkdir(notesDir, { recursive: true });
    await writeFile(note('.a.md.4242.0123456789ab.tmp'), 'half');
    await writeFile(note('.obsidian-like-hidden.md'), 'not ours');
    const vault = await openVault();
    expect(await readdir(notesDir)).toEqual(['.obsidian-like-hidden.md']);
    expect(vault.list()).toEqual([]);
  });

  it('saves through a symlinked note and keeps the link', async () => {
    const vault = await openVault();
    await writeFile(join(root, 'elsewhere.md'), 'linked');
    await symlink(join(root, 'elsewhere.md'), note('Linked.md'));
    const doc = await vault.read('Linked.md');
    await vault.save('Linked.md', 'linked and edited', doc.version);
    expect((await lstat(note('Linked.md'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(root, 'elsewhere.md'), 'utf8')).toBe('linked and edited');
  });

  it('keeps the file mode of an existing note', async () => {
    const vault = await openVault();
    const doc = await vault.create('Private');
    // 0o664 on purpose: the usual umask (022) would narrow a fresh file to 0o644.
    await chmod(note(doc.name), 0o664);
    await vault.save(doc.name, 'shared with the group', doc.version);
    expect((await stat(note(doc.name))).mode & 0o777).toBe(0o664);
  });
});

describe('NoteVault: a vault it cannot use', () => {
  it('still opens (the app starts), lists nothing, and says why a note cannot be made', async () => {
    await writeFile(join(root, 'not-a-folder'), 'x');
    vaultDir = join(root, 'not-a-folder', 'vault');
    const vault = await openVault();
    expect(vault.list()).toEqual([]);
    expect(logs.some((line) => line.startsWith('error: cannot use the notes folder'))).toBe(true);
    const error = await refusal(vault.create('Anything'));
    expect(error.code).toBe('note-write-failed');
    expect(error.params).toMatchObject({ code: 'ENOTDIR' });
  });
});

describe('NoteVault: never lose a keystroke', () => {
  it('refuses a save over a file changed elsewhere, keeps both texts', async () => {
    const vault = await openVault();
    const doc = await vault.create('Shared');
    await writeFile(note('Shared.md'), 'changed by a sync tool');
    const error = await refusal(vault.save('Shared.md', 'my edit', doc.version));
    expect(error.code).toBe('note-conflict');
    expect(error.params).toEqual({ name: 'Shared.md', version: versionOf(Buffer.from('changed by a sync tool')) });
    expect(await readFile(note('Shared.md'), 'utf8')).toBe('changed by a sync tool');
    expect(await recoveryText('Shared.md')).toBe('my edit');
    // Keep mine: save again on their version.
    await vault.save('Shared.md', 'my edit', String(error.params?.version));
    expect(await readFile(note('Shared.md'), 'utf8')).toBe('my edit');
    expect(existsSync(join(dataDir, 'recovery', 'Shared.md'))).toBe(false);
  });

  it('treats a note deleted elsewhere as a conflict, and a null base as "must not exist"', async () => {
    const vault = await openVault();
    const doc = await vault.create('Gone');
    await unlink(note('Gone.md'));
    const error = await refusal(vault.save('Gone.md', 'still typing', doc.version));
    expect(error.params).toMatchObject({ version: '' });
    await vault.save('Gone.md', 'still typing', null);
    expect(await readFile(note('Gone.md'), 'utf8')).toBe('still typing');
    expect((await refusal(vault.save('Gone.md', 'again', null))).code).toBe('note-conflict');
  });

  it('reports a read-only file with the reason, keeps the text, and saves once it is writable', async () => {
    const vault = await openVault();
    const doc = await vault.create('Locked', 'original\n');
    await chmod(note(doc.name), 0o444);
    const error = await refusal(vault.save(doc.name, 'original\nplus a line\n', doc.version));
    expect(error.code).toBe('note-write-failed');
    expect(error.params).toMatchObject({ name: 'Locked.md', code: 'EACCES' });
    expect(String(error.params?.reason)).toContain('read-only');
    expect(await readFile(note(doc.name), 'utf8')).toBe('original\n');
    expect(await recoveryText(doc.name)).toBe('original\nplus a line\n');
    await chmod(note(doc.name), 0o644);
    await vault.save(doc.name, 'original\nplus a line\n', doc.version);
    expect(await readFile(note(doc.name), 'utf8')).toBe('original\nplus a line\n');
    expect(existsSync(join(dataDir, 'recovery', doc.name))).toBe(false);
  });

  it('offers leftover copies on the next start; restores as the note or as a copy', async () => {
    const first = await openVault();
    const a = await first.create('A', 'disk A');
    const b = await first.create('B', 'disk B');
    await chmod(note('A.md'), 0o444);
    await chmod(note('B.md'), 0o444);
    await refusal(first.save('A.md', 'typed A', a.version));
    await refusal(first.save('B.md', 'typed B', b.version));
    await first.close();
    await chmod(note('A.md'), 0o644);
    await chmod(note('B.md'), 0o644);

    const next = await openVault();
    const items = await next.recoveries();
    expect(items.map((item) => item.name).sort()).toEqual(['A.md', 'B.md']);
    expect(items.find((item) => item.name === 'A.md')).toMatchObject({ excerpt: 'typed A', fileChangedSince: false, fileExists: true, size: 7 });

    const restored = await next.restoreRecovery('A.md', 'replace');
    expect(restored).toMatchObject({ name: 'A.md', content: 'typed A' });
    expect(await readFile(note('A.md'), 'utf8')).toBe('typed A');

    const copy = await next.restoreRecovery('B.md', 'copy');
    expect(copy.name).toBe('B (recovered).md');
    expect(await readFile(note('B.md'), 'utf8')).toBe('disk B');
    expect(await readFile(note('B (recovered).md'), 'utf8')).toBe('typed B');
    expect(await next.recoveries()).toEqual([]);
  });

  it('drops a copy whose text the note already has, and marks one whose note changed since', async () => {
    const vault = await openVault();
    const a = await vault.create('Same', 'v1');
    await writeFile(note('Same.md'), 'v2 elsewhere');
    await refusal(vault.save('Same.md', 'v2 elsewhere', a.version));
    const b = await vault.create('Diverged', 'v1');
    await writeFile(note('Diverged.md'), 'theirs');
    await refusal(vault.save('Diverged.md', 'mine', b.version));
    const items = await vault.recoveries();
    expect(items.map((item) => item.name)).toEqual(['Diverged.md']);
    expect(items[0]).toMatchObject({ fileChangedSince: true });
    await vault.discardRecovery('Diverged.md');
    expect(await vault.recoveries()).toEqual([]);
  });
});

describe('NoteVault: rename, delete, reveal', () => {
  it('renames the file and its recovery copy; refuses a clash', async () => {
    const vault = await openVault();
    const doc = await vault.create('Old', 'text');
    await vault.create('Taken');
    await chmod(note('Old.md'), 0o444);
    await refusal(vault.save('Old.md', 'unsaved', doc.version));
    await chmod(note('Old.md'), 0o644);
    const renamed = await vault.rename('Old.md', 'New: 新');
    expect(renamed).toMatchObject({ name: 'New 新.md', title: 'New 新' });
    expect(await readFile(note('New 新.md'), 'utf8')).toBe('text');
    expect(existsSync(note('Old.md'))).toBe(false);
    expect(await recoveryText('New 新.md')).toBe('unsaved');
    expect((await refusal(vault.rename('New 新.md', 'Taken'))).code).toBe('note-exists');
    expect((await refusal(vault.rename('Nope.md', 'Other'))).code).toBe('note-not-found');
    expect((await vault.rename('Taken.md', 'taken')).name).toBe('taken.md');
    expect(vault.list().map((item) => item.name).sort()).toEqual(['New 新.md', 'taken.md']);
  });

  it('moves a deleted note to the trash, restorable', async () => {
    const vault = await openVault();
    await vault.create('Doomed', 'last words');
    await vault.delete('Doomed.md');
    expect(existsSync(note('Doomed.md'))).toBe(false);
    expect(await readFile(join(root, 'xdg-data', 'Trash', 'files', 'Doomed.md'), 'utf8')).toBe('last words');
    expect(await readFile(join(root, 'xdg-data', 'Trash', 'info', 'Doomed.md.trashinfo'), 'utf8')).toContain('Path=');
    expect(vault.list()).toEqual([]);
    expect((await refusal(vault.delete('Doomed.md'))).code).toBe('note-not-found');
  });

  it('reveals through the host, or says it cannot', async () => {
    const revealed: string[] = [];
    const withHost = await openVault({ revealInFolder: async (path) => void revealed.push(path) });
    await withHost.create('Here');
    expect(await withHost.reveal('Here.md')).toEqual({ revealed: true });
    expect(revealed).toEqual([note('Here.md')]);
    const without = await openVault();
    expect(await without.reveal('Here.md')).toEqual({ revealed: false });
  });
});

describe('NoteVault: changes made by other programs', () => {
  it('picks up changes on re-scan, and stays quiet about its own saves', async () => {
    const vault = await openVault();
    const seen: string[][] = [];
    vault.onChange((names) => seen.push(names));
    const doc = await vault.create('Mine');
    await vault.save('Mine.md', 'own save', doc.version);
    await vault.rescan();
    expect(seen).toEqual([]);
    await writeFile(note('Synced.md'), 'from another machine');
    await writeFile(note('Mine.md'), 'edited in vim');
    await vault.rescan();
    expect(seen.flat().sort()).toEqual(['Mine.md', 'Synced.md']);
    expect((await vault.read('Mine.md')).content).toBe('edited in vim');
    seen.length = 0;
    await unlink(note('Synced.md'));
    await vault.rescan();
    expect(seen).toEqual([['Synced.md']]);
  });

  it('watches the folder: another editor’s change arrives without a re-scan', async () => {
    const vault = await openVault({ clock: systemClock, watch: true });
    const doc = await vault.create('Watched');
    const events: string[][] = [];
    vault.onChange((names) => events.push(names));
    await vault.save('Watched.md', 'own', doc.version);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(events).toEqual([]);
    const arrived = new Promise<string[]>((resolve) => vault.onChange(resolve));
    await writeFile(note('Watched.md'), 'changed outside');
    expect(await arrived).toEqual(['Watched.md']);
    expect(vault.list('outside').map((item) => item.name)).toEqual(['Watched.md']);
    const removed = new Promise<string[]>((resolve) => vault.onChange(resolve));
    await unlink(note('Watched.md'));
    expect(await removed).toEqual(['Watched.md']);
    expect(vault.list()).toEqual([]);
  });
});

describe('NoteVault: random sequences of edits here and elsewhere', () => {
  const titles = ['Alpha', 'alpha', '傅里叶', 'Note: one/two', 'CON', 'x'];
  const op = fc.oneof(
    fc.record({ kind: fc.constant('create' as const), title: fc.constantFrom(...titles) }),
    fc.record({ kind: fc.constant('save' as const), pick: fc.nat(), content: fc.string({ maxLength: 40 }) }),
    fc.record({ kind: fc.constant('outside-write' as const), pick: fc.nat(), content: fc.string({ maxLength: 40 }) }),
    fc.record({ kind: fc.constant('outside-delete' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), title: fc.constantFrom(...titles) }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  );

  it('never overwrites a change it has not seen, and its list always matches the folder after a re-scan', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        vaultDir = join(root, `prop-${run}`, 'vault');
        dataDir = join(root, `prop-${run}`, 'data');
        notesDir = join(vaultDir, 'Notes');
        run++;
        const vault = await openVault();
        // What the "editor" last saw of each note: the version its next save is based on.
        const seen = new Map<string, string | null>();
        const names = () => [...seen.keys()].sort();
        for (const step of ops) {
          const name = names()[('pick' in step ? step.pick : 0) % Math.max(1, seen.size)];
          if (step.kind === 'create') {
            const doc = await vault.create(step.title);
            seen.set(doc.name, doc.version);
          } else if (!name) {
            continue;
          } else if (step.kind === 'save') {
            const before = existsSync(note(name)) ? await readFile(note(name)) : null;
            const current = before ? versionOf(before) : null;
            const outcome = await vault.save(name, step.content, seen.get(name) ?? null).then(
              (saved) => saved.version,
              (error: unknown) => error as DomainError,
            );
            if (current === (seen.get(name) ?? null)) {
              expect(outcome).toBe(versionOf(Buffer.from(step.content)));
              expect(await readFile(note(name), 'utf8')).toBe(step.content);
              seen.set(name, outcome as string);
            } else {
              // Changed or deleted elsewhere since last seen: refused, the disk as it was, the text kept aside.
              expect((outcome as DomainError).code).toBe('note-conflict');
              expect(existsSync(note(name)) ? await readFile(note(name)) : null).toEqual(before);
              expect(await readFile(join(dataDir, 'recovery', name), 'utf8')).toBe(step.content);
            }
          } else if (step.kind === 'outside-write') {
            await writeFile(note(name), step.content);
          } else if (step.kind === 'outside-delete') {
            await rm(note(name), { force: true });
          } else if (step.kind === 'rename') {
            const outcome = await vault.rename(name, step.title).catch((error: unknown) => error as DomainError);
            if (outcome instanceof DomainError) {
              expect(['note-exists', 'note-not-found']).toContain(outcome.code);
            } else if (outcome.name !== name) {
              seen.set(outcome.name, seen.get(name) ?? null);
              seen.delete(name);
              expect(existsSync(note(name)) && name.toLowerCase() !== outcome.name.toLowerCase()).toBe(false);
            }
          } else {
            const outcome = await vault.delete(name).catch((error: unknown) => error as DomainError);
            if (outcome instanceof DomainError) expect(outcome.code).toBe('note-not-found');
            else expect(existsSync(note(name))).toBe(false);
            seen.delete(name);
          }
        }
        await vault.rescan();
        const onDisk = (await readdir(notesDir)).filter((entry) => !entry.startsWith('.')).sort();
        expect(vault.list().map((item) => item.name).sort()).toEqual(onDisk);
        for (const item of vault.list()) {
          expect((await vault.read(item.name)).content).toBe(await readFile(note(item.name), 'utf8'));
        }
        await vault.close();
      }),
      { numRuns: 40 },
    );
  });
});
