import { mkdir, mkdtemp, readFile, readdir, rm, writeFile, rename, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, systemClock, type Clock } from '../clock';
import { DomainError } from '../domain-error';
import { FreedesktopTrash } from './freedesktop-trash';
import { NoteVault, type NoteVaultOptions } from './note-vault';

// The vault inside a folder a sync engine manages: the engines' own files as they leave them on a real disk.
let root: string;
let notesDir: string;
const vaults: NoteVault[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'vault-sync-'));
  notesDir = join(root, 'vault', 'Notes');
  await mkdir(notesDir, { recursive: true });
});
afterEach(async () => {
  for (const vault of vaults.splice(0)) await vault.close();
  await rm(root, { recursive: true, force: true });
});

async function openVault(overrides: Partial<NoteVaultOptions> = {}): Promise<NoteVault> {
  const clock: Clock = overrides.clock ?? new ManualClock(Date.UTC(2026, 11, 7, 13, 0, 0));
  const vault = await NoteVault.open({
    vaultDir: join(root, 'vault'),
    dataDir: join(root, 'data'),
    clock,
    trash: new FreedesktopTrash(join(root, 'xdg-data'), process.getuid?.() ?? 0, clock),
    revealInFolder: null,
    log: () => undefined,
    watch: false,
    ...overrides,
  });
  vaults.push(vault);
  return vault;
}

const note = (name: string) => join(notesDir, name);

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const SYNCTHING_COPY = 'Plan.sync-conflict-20261207-133737-FYBUD4K.md';

describe('NoteVault in a synced folder: temporary files', () => {
  it('never lists, reads or sweeps an engine’s partial files, and names only the note when one lands', async () => {
    const temporary = ['.syncthing.Plan.md.tmp', '~syncthing~Plan.md.tmp', 'Plan.md.part', '.~lock.Plan.md#', '.Plan.md.~4f2a9c', '.syncthing.x.123.abcdefabcdef.tmp'];
    for (const name of temporary) await writeFile(note(name), 'half a file');
    await mkdir(note('.dropbox.cache'));
    await writeFile(join(note('.dropbox.cache'), 'Plan.md'), 'cached');
    const vault = await openVault({ clock: systemClock, watch: true });
    expect(vault.list()).toEqual([]);
    // The first scan sweeps the app's own leftover temp files, never an engine's that looks like one.
    expect((await readdir(notesDir)).sort()).toEqual([...temporary, '.dropbox.cache'].sort());

    const seen: string[][] = [];
    vault.onChange((names) => seen.push(names));
    const landed = new Promise<void>((resolve) => vault.onChange((names) => names.includes('Plan.md') && resolve()));
    // What Syncthing does with a file that arrives: write the temp file, then rename it over the note.
    await writeFile(note('.syncthing.Plan.md.tmp'), 'from the laptop');
    await rename(note('.syncthing.Plan.md.tmp'), note('Plan.md'));
    await landed;
    expect(seen.flat().every((name) => name === 'Plan.md')).toBe(true);
    expect(vault.list().map((item) => item.name)).toEqual(['Plan.md']);
    expect((await vault.read('Plan.md')).content).toBe('from the laptop');
  });
});

describe('NoteVault in a synced folder: iCloud placeholders', () => {
  it('lists a placeholder as not downloaded, never reads it, and keeps its name taken', async () => {
    await writeFile(note('.Plan.md.icloud'), 'a property list, not the note');
    // Unreadable on purpose: listing it must not open it (a root test process reads anything, so mode 000 alone
    // proves nothing there; the read below checks the refusal instead).
    await chmod(note('.Plan.md.icloud'), 0o000);
    const vault = await openVault();
    expect(vault.list()).toEqual([expect.objectContaining({ name: 'Plan.md', title: 'Plan', status: 'not-downloaded', size: 0, excerpt: '' })]);
    expect((await refusal(vault.read('Plan.md'))).code).toBe('note-not-downloaded');
    // A new note of that title must not take the name iCloud is about to download to.
    expect((await vault.create('Plan')).name).toBe('Plan 2.md');
    expect(await readdir(notesDir)).not.toContain('Plan.md');

    await writeFile(note('Plan.md'), 'downloaded');
    await vault.rescan();
    expect(vault.list().map((item) => [item.name, item.status]).sort()).toEqual([
      ['Plan 2.md', 'text'],
      ['Plan.md', 'text'],
    ]);
  });
});

describe('NoteVault in a synced folder: conflict copies', () => {
  it('shows each engine’s copy under its note with device and time; a copy whose note is gone, and near-misses, as notes', async () => {
    await writeFile(note('Plan.md'), 'mine');
    await writeFile(note(SYNCTHING_COPY), 'theirs');
    await writeFile(note('Plan (conflicted copy 2026-12-07 140102).md'), 'nextcloud');
    await writeFile(note("Plan (Laptop's conflicted copy 2026-12-08).md"), 'dropbox');
    await writeFile(note('Gone.sync-conflict-20261207-133737-FYBUD4K.md'), 'orphan');
    await writeFile(note('Chapter 2.md'), 'a note');
    await writeFile(note('sync-conflict notes.md'), 'a note');
    const vault = await openVault();
    const listed = vault.list();
    expect(listed.map((item) => item.name).sort()).toEqual(['Chapter 2.md', 'Gone.sync-conflict-20261207-133737-FYBUD4K.md', 'Plan.md', 'sync-conflict notes.md']);
    const plan = listed.find((item) => item.name === 'Plan.md')!;
    expect(plan.syncCopies?.map(({ name, engine, device, date, time }) => ({ name, engine, device, date, time }))).toEqual(
      expect.arrayContaining([
        { name: SYNCTHING_COPY, engine: 'syncthing', device: 'FYBUD4K', date: '2026-12-07', time: '13:37:37' },
        { name: 'Plan (conflicted copy 2026-12-07 140102).md', engine: 'nextcloud', device: null, date: '2026-12-07', time: '14:01:02' },
        { name: "Plan (Laptop's conflicted copy 2026-12-08).md", engine: 'dropbox', device: 'Laptop', date: '2026-12-08', time: null },
      ]),
    );
    expect(plan.syncCopies).toHaveLength(3);
    // A search finds the note; its copies come with it.
    expect(vault.list('mine').map((item) => item.syncCopies?.length)).toEqual([3]);
  });

  it('reads both texts, and refuses a name that is not a copy beside its note', async () => {
    await writeFile(note('Plan.md'), 'mine');
    await writeFile(note(SYNCTHING_COPY), 'theirs');
    const vault = await openVault();
    const both = await vault.syncCopy(SYNCTHING_COPY);
    expect(both).toMatchObject({ copy: { name: SYNCTHING_COPY, device: 'FYBUD4K' }, note: { name: 'Plan.md', content: 'mine' }, copyText: 'theirs' });
    expect((await refusal(vault.syncCopy('Plan.md'))).code).toBe('note-not-sync-copy');
    // A copy whose note is gone is a note of its own: never resolved away.
    await writeFile(note('Gone.sync-conflict-20261207-133737-FYBUD4K.md'), 'the only text left');
    await vault.rescan();
    expect((await refusal(vault.syncCopy('Gone.sync-conflict-20261207-133737-FYBUD4K.md'))).code).toBe('note-not-sync-copy');
  });

  it('keeps the copy when its note is deleted after it was shown', async () => {
    await writeFile(note('Plan.md'), 'mine');
    await writeFile(note(SYNCTHING_COPY), 'theirs');
    const vault = await openVault();
    const { copyVersion } = await vault.syncCopy(SYNCTHING_COPY);
    await rm(note('Plan.md'));
    expect((await refusal(vault.resolveSyncCopy(SYNCTHING_COPY, { keep: 'note', noteVersion: null, copyVersion }))).code).toBe('note-not-found');
    expect(await readdir(notesDir)).toEqual([SYNCTHING_COPY]);
  });

  it('keeps the note: the copy is removed, the note untouched', async () => {
    await writeFile(note('Plan.md'), 'mine');
    await writeFile(note(SYNCTHING_COPY), 'theirs');
    const vault = await openVault();
    const { note: shown, copyVersion } = await vault.syncCopy(SYNCTHING_COPY);
    expect(await vault.resolveSyncCopy(SYNCTHING_COPY, { keep: 'note', noteVersion: shown!.version, copyVersion })).toMatchObject({ note: 'Plan.md', copy: null });
    expect(await readdir(notesDir)).toEqual(['Plan.md']);
    expect(await readFile(note('Plan.md'), 'utf8')).toBe('mine');
    expect(vault.list()[0]!.syncCopies).toBeUndefined();
  });

  it('keeps theirs: the copy’s text becomes the note, then the copy goes', async () => {
    await writeFile(note('Plan.md'), 'mine');
    await writeFile(note(SYNCTHING_COPY), 'theirs');
    const vault = await openVault();
    const { note: shown, copyVersion } = await vault.syncCopy(SYNCTHING_COPY);
    await vault.resolveSyncCopy(SYNCTHING_COPY, { keep: 'copy', noteVersion: shown!.version, copyVersion });
    expect(await readdir(notesDir)).toEqual(['Plan.md']);
    expect(await readFile(note('Plan.md'), 'utf8')).toBe('theirs');
  });

  it('keeps both: the copy becomes a note of its own under a clear name, never over another', async () => {
    await writeFile(note('Plan.md'), 'mine');
    await writeFile(note(SYNCTHING_COPY), 'theirs');
    await writeFile(note('Plan (from FYBUD4K).md'), 'already here');
    const vault = await openVault();
    // One more arrives after the index looked: its name is not taken either.
    await writeFile(note('Plan (from FYBUD4K) 2.md'), 'arrived since');
    const { note: shown, copyVersion } = await vault.syncCopy(SYNCTHING_COPY);
    const kept = await vault.resolveSyncCopy(SYNCTHING_COPY, { keep: 'both', noteVersion: shown!.version, copyVersion, copyTitle: 'Plan (from FYBUD4K)' });
    expect(kept).toMatchObject({ note: 'Plan.md', copy: 'Plan (from FYBUD4K) 3.md' });
    expect((await readdir(notesDir)).sort()).toEqual(['Plan (from FYBUD4K) 2.md', 'Plan (from FYBUD4K) 3.md', 'Plan (from FYBUD4K).md', 'Plan.md']);
    expect(await readFile(note('Plan (from FYBUD4K) 3.md'), 'utf8')).toBe('theirs');
    expect(await readFile(note('Plan (from FYBUD4K) 2.md'), 'utf8')).toBe('arrived since');
    expect(await readFile(note('Plan.md'), 'utf8')).toBe('mine');
    expect(vault.list().every((item) => item.syncCopies === undefined)).toBe(true);
  });

  it('changes nothing when either file is no longer the version shown, or the note cannot be written', async () => {
    await writeFile(note('Plan.md'), 'mine');
    await writeFile(note(SYNCTHING_COPY), 'theirs');
    const vault = await openVault();
    const { note: shown, copyVersion } = await vault.syncCopy(SYNCTHING_COPY);
    await writeFile(note('Plan.md'), 'mine, edited meanwhile');
    for (const keep of ['note', 'copy'] as const) {
      expect((await refusal(vault.resolveSyncCopy(SYNCTHING_COPY, { keep, noteVersion: shown!.version, copyVersion }))).code).toBe('note-conflict');
    }
    await writeFile(note('Plan.md'), 'mine');
    await writeFile(note(SYNCTHING_COPY), 'theirs, synced again');
    for (const keep of ['note', 'copy', 'both'] as const) {
      expect((await refusal(vault.resolveSyncCopy(SYNCTHING_COPY, { keep, noteVersion: shown!.version, copyVersion }))).code).toBe('note-conflict');
    }
    // The note's write fails (marked read-only): the copy is kept, since its text was not written anywhere.
    await writeFile(note(SYNCTHING_COPY), 'theirs');
    await chmod(note('Plan.md'), 0o444);
    expect((await refusal(vault.resolveSyncCopy(SYNCTHING_COPY, { keep: 'copy', noteVersion: shown!.version, copyVersion }))).code).toBe('note-write-failed');
    expect((await readdir(notesDir)).sort()).toEqual(['Plan.md', SYNCTHING_COPY]);
    expect(await readFile(note('Plan.md'), 'utf8')).toBe('mine');
    expect(await readFile(note(SYNCTHING_COPY), 'utf8')).toBe('theirs');
  });
});
