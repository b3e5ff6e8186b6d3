import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelName } from '../../contract/define';
import type { AppInfo } from '../../contract/app';
import type { NoteDocument, VaultState } from '../../contract/notes';
import type { SettingsState } from '../../contract/settings';
import type { Core } from '../app-core';
import { createTestCore } from '../../../test-support/test-core';

let root: string;
let core: Core;
let events: { channel: string; payload: unknown }[];
const caller = { trusted: true, description: 'test' };

async function start(chooseFolder?: () => Promise<string | null>): Promise<Core> {
  const { core: started } = await createTestCore({ root, now: Date.UTC(2026, 10, 30, 1), host: chooseFolder ? { chooseFolder } : {} });
  started.events.listen((channel, payload) => events.push({ channel, payload }));
  return started;
}

async function call<T>(domain: 'notes' | 'app' | 'settings', name: string, payload?: unknown): Promise<T> {
  const result = await core.router.dispatch(channelName(domain, name), payload, caller);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { appError: result.error });
  return result.value as T;
}

async function refused(domain: 'notes' | 'settings', name: string, payload: unknown) {
  const result = await core.router.dispatch(channelName(domain, name), payload, caller);
  expect(result.ok).toBe(false);
  return (result as { error: { code: string; params?: Record<string, unknown> } }).error;
}

const changedNotes = () => events.filter((event) => event.channel === channelName('notes', 'changed')).flatMap((event) => (event.payload as { names: string[] }).names);
const settingsEvents = () => events.filter((event) => event.channel === channelName('settings', 'changed')).map((event) => event.payload as SettingsState);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'stillroom-vault-choice-'));
  events = [];
  core = await start();
});
afterEach(async () => {
  await core.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('choosing the vault folder', () => {
  it('switches to a new folder, leaves the old notes where they are, and announces both changes', async () => {
    const old = await call<NoteDocument>('notes', 'create', { title: 'Old note', content: 'stays here' });
    const chosen = join(root, 'elsewhere', 'Vault');
    const state = await call<VaultState>('notes', 'setVault', { folder: chosen });
    expect(state).toEqual({ folder: chosen, defaultFolder: join(root, 'vault'), isDefault: false, canChoose: false });
    expect((await call<AppInfo>('app', 'info')).vaultDir).toBe(chosen);
    expect(changedNotes()).toContain(old.name);
    expect(settingsEvents().at(-1)?.settings.vault.folder).toBe(chosen);

    expect((await call<{ notes: unknown[] }>('notes', 'list', {})).notes).toEqual([]);
    const created = await call<NoteDocument>('notes', 'create', { title: 'New note', content: 'written in the new folder' });
    expect(await readFile(join(chosen, 'Notes', created.name), 'utf8')).toBe('written in the new folder');
    expect(await readFile(join(root, 'vault', 'Notes', old.name), 'utf8')).toBe('stays here');
    // No probe file is left behind by the check.
    expect(await readdir(join(chosen, 'Notes'))).toEqual([created.name]);

    // Other sections change without touching the vault (or each other).
    await call('settings', 'update', { appearance: { language: 'en', theme: 'dark' } });
    const afterEditor = await call<SettingsState>('settings', 'update', { editor: { fontFamily: 'mono', fontSize: 20, lineHeight: 1.7, focusDimming: false, typewriter: false } });
    expect(afterEditor.settings.appearance.theme).toBe('dark');
    expect(afterEditor.settings.vault.folder).toBe(chosen);

    // The choice is kept: a restarted core opens the chosen folder.
    await core.dispose();
    core = await start();
    expect((await call<VaultState>('notes', 'vault')).folder).toBe(chosen);
    expect((await call<{ notes: { name: string }[] }>('notes', 'list', {})).notes.map((note) => note.name)).toEqual([created.name]);

    const reset = await call<VaultState>('notes', 'setVault', { folder: null });
    expect(reset).toMatchObject({ folder: join(root, 'vault'), isDefault: true });
    expect((await call<{ notes: { name: string }[] }>('notes', 'list', {})).notes.map((note) => note.name)).toEqual([old.name]);
    expect(settingsEvents().at(-1)?.settings.vault.folder).toBeNull();

    // The default folder typed out is the default.
    await call('notes', 'setVault', { folder: chosen });
    expect(await call<VaultState>('notes', 'setVault', { folder: join(root, 'vault') })).toMatchObject({ isDefault: true });
    expect(settingsEvents().at(-1)?.settings.vault.folder).toBeNull();
  });

  it('refuses a file, a folder under a file, a relative path and a folder it cannot write, changing nothing', async () => {
    const file = join(root, 'a-file.txt');
    await writeFile(file, 'not a folder');
    await call<NoteDocument>('notes', 'create', { title: 'Kept' });
    events.length = 0;

    expect(await refused('notes', 'setVault', { folder: file })).toMatchObject({ code: 'vault-unusable', params: { folder: file, reason: 'not-a-folder' } });
    expect(await refused('notes', 'setVault', { folder: join(file, 'Vault') })).toMatchObject({ code: 'vault-unusable', params: { reason: 'ENOTDIR' } });
    expect(await refused('notes', 'setVault', { folder: 'relative/Vault' })).toMatchObject({ code: 'invalid-payload' });
    // Root ignores permission bits, so as root the unwritable place is one the kernel refuses (sysfs).
    const unwritable = process.getuid?.() === 0 ? '/sys/stillroom-vault' : join(root, 'locked', 'Vault');
    if (process.getuid?.() !== 0) {
      await mkdir(join(root, 'locked'), { mode: 0o500 });
    }
    expect(await refused('notes', 'setVault', { folder: unwritable })).toMatchObject({ code: 'vault-unusable' });
    expect(existsSync(unwritable)).toBe(false);
    // The settings section cannot be written around the check.
    expect(await refused('settings', 'update', { vault: { folder: join(root, 'sneaky') } })).toMatchObject({ code: 'settings-invalid' });

    expect(await call<VaultState>('notes', 'vault')).toMatchObject({ folder: join(root, 'vault'), isDefault: true });
    expect((await call<{ notes: { name: string }[] }>('notes', 'list', {})).notes.map((note) => note.name)).toEqual(['Kept.md']);
    expect(events).toEqual([]);
  });

  it('finishes a save that was already asked for in the old folder before switching', async () => {
    const note = await call<NoteDocument>('notes', 'create', { title: 'Draft' });
    const text = 'x'.repeat(2_000_000);
    const saving = core.router.dispatch(channelName('notes', 'save'), { name: note.name, content: text, baseVersion: note.version }, caller);
    const switching = call<VaultState>('notes', 'setVault', { folder: join(root, 'next') });
    let savedFirst = false;
    void saving.then(() => (savedFirst = true));
    await switching;
    expect(savedFirst).toBe(true);
    expect((await saving).ok).toBe(true);
    expect(await readFile(join(root, 'vault', 'Notes', note.name), 'utf8')).toBe(text);
    expect(existsSync(join(root, 'next', 'Notes', note.name))).toBe(false);
  });

  it('keeps recovery copies with the vault they belong to', async () => {
    const note = await call<NoteDocument>('notes', 'create', { title: 'Same name', content: 'default text' });
    const chosen = join(root, 'chosen');
    await call('notes', 'setVault', { folder: chosen });
    const there = await call<NoteDocument>('notes', 'create', { title: 'Same name', content: 'chosen text' });
    expect(there.name).toBe(note.name);
    // A save over a version the file no longer has is refused and the typed text kept as a recovery copy.
    expect(await refused('notes', 'save', { name: note.name, content: 'typed in the chosen vault', baseVersion: note.version })).toMatchObject({ code: 'note-conflict' });
    expect((await call<{ items: { name: string }[] }>('notes', 'recoveries')).items.map((item) => item.name)).toEqual([note.name]);

    await call('notes', 'setVault', { folder: null });
    expect((await call<{ items: unknown[] }>('notes', 'recoveries')).items).toEqual([]);
    await call('notes', 'setVault', { folder: chosen });
    const restored = await call<NoteDocument>('notes', 'restoreRecovery', { name: note.name, mode: 'replace' });
    expect(restored.content).toBe('typed in the chosen vault');
    expect(await readFile(join(root, 'vault', 'Notes', note.name), 'utf8')).toBe('default text');
  });

  it('hands the host folder picker answer back, and says whether there is one', async () => {
    await core.dispose();
    const picked = join(root, 'picked');
    core = await start(async () => picked);
    expect((await call<VaultState>('notes', 'vault')).canChoose).toBe(true);
    expect(await call('notes', 'chooseVaultFolder')).toEqual({ folder: picked });
    await core.dispose();
    core = await start();
    expect(await call('notes', 'chooseVaultFolder')).toEqual({ folder: null });
  });
});
