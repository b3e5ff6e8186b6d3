import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, screenshot, test } from '../support/preview-fixture';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

let elsewhere: string;
test.beforeEach(async () => {
  elsewhere = await mkdtemp(join(tmpdir(), 'stillroom-e2e-elsewhere-'));
});
test.afterEach(async () => {
  await rm(elsewhere, { recursive: true, force: true });
});

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Notes folder' })).toBeVisible();
}

const folderGroup = (page: Page) => page.getByRole('group', { name: 'Notes folder' });
/** Whether the notepad's chunk (CodeMirror, KaTeX) has been fetched: Settings and the app-wide commands must not need it. */
const notepadLoaded = (page: Page) => page.evaluate(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('NotepadView')));

test('the notes folder is typed in Settings, new notes land there, a bad path changes nothing, and the default comes back', async ({ page, preview }) => {
  await openApp(page, preview);
  await openSettings(page);
  const group = folderGroup(page);
  await expect(group.getByTestId('vault-folder')).toHaveText(preview.vaultDir);
  await expect(group).toContainText('(the default folder)');
  // The preview has no system folder picker; typing is the way here.
  await expect(group.getByRole('button', { name: 'Choose a folder…' })).toHaveCount(0);
  await expect(group.getByRole('button', { name: 'Use the default folder' })).toHaveCount(0);
  await expect(group).toContainText('Your notes stay where they are; Stillroom now reads and writes the new folder.');

  // Keyboard only: type the path and press Enter.
  const chosen = join(elsewhere, 'My Vault');
  await group.getByLabel('Folder path').fill(chosen);
  await group.getByLabel('Folder path').press('Enter');
  await expect(group.getByRole('status')).toHaveText(`Now using ${chosen}.`);
  await expect(group.getByTestId('vault-folder')).toHaveText(chosen);
  // About shows the folder in use.
  await expect(page.getByText(`Notes and reflections: ${chosen}`)).toBeVisible();
  expect(JSON.parse(await readFile(join(preview.dataDir, 'settings.json'), 'utf8')).vault).toEqual({ folder: chosen });
  await group.scrollIntoViewIfNeeded();
  await screenshot(page, 'notepad-vault-chosen');

  // A path that is a file is refused with the reason, and the folder in use stays.
  const file = join(elsewhere, 'notes.txt');
  await writeFile(file, 'a file, not a folder');
  await group.getByLabel('Folder path').fill(file);
  await group.getByRole('button', { name: 'Use this folder' }).click();
  await expect(group.getByRole('alert')).toContainText(`Notes cannot be kept in ${file}`);
  await expect(group.getByLabel('Folder path')).toHaveAttribute('aria-invalid', 'true');
  await expect(group.getByTestId('vault-folder')).toHaveText(chosen);
  // A relative path never leaves the page.
  await group.getByLabel('Folder path').fill('notes/here');
  await group.getByRole('button', { name: 'Use this folder' }).click();
  await expect(group.getByRole('alert')).toContainText('Type the full path of a folder');
  await group.scrollIntoViewIfNeeded();
  await screenshot(page, 'notepad-vault-refused');
  expect(JSON.parse(await readFile(join(preview.dataDir, 'settings.json'), 'utf8')).vault).toEqual({ folder: chosen });

  // New note from Settings itself: the app-wide command opens the notepad with the editor ready.
  expect(await notepadLoaded(page)).toBe(false);
  await page.keyboard.press(`${mod}+Alt+N`);
  const editor = page.locator('.notepad-editor .cm-content');
  await expect(editor).toBeFocused();
  expect(await notepadLoaded(page)).toBe(true);
  await page.keyboard.type('Kept in the chosen folder, $x^2$.');
  await expect(page.locator('.notepad-status-state')).toHaveText('Saved');
  // Named by its first line (issue 23, item 8).
  const saved = join(chosen, 'Notes', 'Kept in the chosen folder, x 2.md');
  await expect.poll(async () => (existsSync(saved) ? readFile(saved, 'utf8') : '')).toBe('Kept in the chosen folder, $x^2$.');
  expect(await readdir(join(preview.vaultDir, 'Notes'))).toEqual([]);
  await screenshot(page, 'notepad-vault-note');

  // Back to the default folder: the note stays on disk where it was, and the list shows the default folder's notes.
  await openSettings(page);
  await folderGroup(page).getByRole('button', { name: 'Use the default folder' }).click();
  await expect(folderGroup(page).getByTestId('vault-folder')).toHaveText(preview.vaultDir);
  await expect(folderGroup(page)).toContainText('(the default folder)');
  expect(await readFile(saved, 'utf8')).toBe('Kept in the chosen folder, $x^2$.');

  // Search notes, also from Settings: the notepad opens with its search box focused, and the list is empty.
  await page.keyboard.press(`${mod}+Shift+F`);
  await expect(page.getByRole('searchbox')).toBeFocused();
  await expect(page.getByRole('complementary', { name: 'Notes' }).getByText('Kept in the chosen folder')).toHaveCount(0);
});

test('where the host has a folder picker, Settings offers it; a cancelled pick changes nothing', async ({ page, launch }) => {
  // Electron's dialog cannot run here: the preview is given a picker that answers like the OS one would.
  const answers: (string | null)[] = [null, join(elsewhere, 'Picked')];
  const preview = await launch({ chooseFolder: async () => answers.shift() ?? null });
  await openApp(page, preview);
  await openSettings(page);
  const group = folderGroup(page);
  const choose = group.getByRole('button', { name: 'Choose a folder…' });
  await choose.focus();
  await page.keyboard.press('Enter');
  await expect(group.getByTestId('vault-folder')).toHaveText(preview.vaultDir);
  await expect(group.getByRole('status')).toHaveText('');
  await page.keyboard.press('Enter');
  await expect(group.getByRole('status')).toHaveText(`Now using ${join(elsewhere, 'Picked')}.`);
  expect(await readdir(join(elsewhere, 'Picked', 'Notes'))).toEqual([]);
  await group.scrollIntoViewIfNeeded();
  await screenshot(page, 'notepad-vault-picker');
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });
  test('the notes folder reads naturally and reports a bad folder', async ({ page, preview }) => {
    await openApp(page, preview);
    await page.getByRole('navigation').getByRole('button', { name: '设置' }).click();
    const group = page.getByRole('group', { name: '笔记文件夹' });
    await expect(group).toContainText('原有的笔记会留在原处');
    const file = join(elsewhere, 'file.md');
    await writeFile(file, '');
    await group.getByLabel('文件夹路径').fill(join(file, 'Vault'));
    await group.getByRole('button', { name: '使用此文件夹' }).click();
    await expect(group.getByRole('alert')).toContainText('无法把笔记存放在');
    await expect(group.getByTestId('vault-folder')).toHaveText(preview.vaultDir);
    await group.scrollIntoViewIfNeeded();
    await screenshot(page, 'notepad-vault-zh');
  });
});
