import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installCoreApi } from '../../../../../test-support/renderer-api';
import { testFiles, type TestFiles } from '../../../../../test-support/test-files';
import { createTestCore, type TestCore } from '../../../../../test-support/test-core';
import { useAppInfoStore } from '../../../app/app-info';
import { useMathStore } from '../math-store';
import { createNotesStore } from '../notes-store';

let test: TestCore;
let files: TestFiles;
let store: ReturnType<typeof createNotesStore>;
/** What the host's folder picker answers next (Electron's dialog cannot run here; the core takes any function). */
let picks: (string | null)[];
const elsewhere = () => files.path('elsewhere');

beforeEach(async () => {
  picks = [];
  test = await createTestCore({ host: { chooseFolder: async () => picks.shift() ?? null } });
  installCoreApi(test.core);
  files = testFiles(test.root);
  await files.write('vault/Notes/Old.md', 'from the first vault');
  await files.write('elsewhere/Notes/New.md', 'from the second vault');
  await files.write('elsewhere/preamble.tex', '\\newcommand{\\R}{\\mathbb{R}}');
  store = createNotesStore();
  await store.getState().loadVault();
  expect(store.getState().vault).toMatchObject({ folder: test.vaultDir, isDefault: true, canChoose: true });
});
afterEach(() => test.dispose());

describe('switching the vault folder, against the real core', () => {
  it('saves what is typed first, closes the old vault’s note and shows the new vault’s notes and preamble', async () => {
    expect(await store.getState().openNote('Old.md')).toBe(true);
    store.getState().edited('from the first vault, typed just before');
    expect(await store.getState().changeVault(elsewhere())).toBe(true);
    expect(await files.read('vault/Notes/Old.md')).toBe('from the first vault, typed just before');
    expect(store.getState()).toMatchObject({ open: null, text: '', status: 'saved', switchingVault: false, vault: { folder: elsewhere(), isDefault: false } });
    expect(store.getState().notes.map((note) => note.name)).toEqual(['New.md']);
    await expect.poll(() => useMathStore.getState().preamble).toContain('\\mathbb{R}');
    await expect.poll(() => useAppInfoStore.getState().info?.vaultDir).toBe(elsewhere());
    // Back to the default: the first vault's notes again.
    expect(await store.getState().changeVault(null)).toBe(true);
    expect(store.getState().notes.map((note) => note.name)).toEqual(['Old.md']);
  });

  it('refuses a folder that cannot hold notes, says why beside the field, and changes nothing', async () => {
    expect(await store.getState().openNote('Old.md')).toBe(true);
    await files.write('notes.txt', 'a file, not a folder');
    const file = files.path('notes.txt');
    expect(await store.getState().changeVault(file)).toBe(false);
    expect(store.getState().vaultError?.code).toBe('vault-unusable');
    expect(store.getState()).toMatchObject({ switchingVault: false, open: { name: 'Old.md' }, vault: { folder: test.vaultDir } });
    expect(await window.stillroom.notes.vault()).toMatchObject({ ok: true, value: { folder: test.vaultDir } });
    // The next try starts clean.
    expect(await store.getState().changeVault(elsewhere())).toBe(true);
    expect(store.getState().vaultError).toBeNull();
  });

  it('switches to a folder picked with the system’s picker; a cancelled pick changes nothing', async () => {
    picks = [null, elsewhere()];
    expect(await store.getState().chooseVault()).toBe(false);
    expect(store.getState()).toMatchObject({ vaultError: null, vault: { folder: test.vaultDir } });
    expect(await store.getState().chooseVault()).toBe(true);
    expect(store.getState().vault?.folder).toBe(elsewhere());
  });
});
