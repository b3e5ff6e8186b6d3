import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, screenshot, test } from '../support/preview-fixture';

// Issue 23, item 8: a new note is named by its first heading (or line) until the writer names it.
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const editor = (page: Page) => page.locator('.notepad-editor .cm-content');
const notesList = (page: Page) => page.getByRole('complementary', { name: /^(Notes|笔记列表)$/ });

test('a new note takes its heading as its name, follows it while typing on, and stops once renamed', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page, preview);
  await page.getByRole('navigation').getByRole('button', { name: 'Notepad' }).click();
  await page.getByRole('button', { name: 'New note' }).click();
  await expect(editor(page)).toBeFocused();
  await expect(notesList(page).locator('.note-title')).toHaveText(['Untitled']);

  await page.keyboard.type("# Green's functions");
  await page.keyboard.press('Enter');
  await page.keyboard.type('Let $G$ solve $LG = \\delta$.');
  const notes = join(preview.vaultDir, 'Notes');
  await expect(notesList(page).locator('.note-title')).toHaveText(["Green's functions"]);
  await expect(notesList(page).locator('.note-row.selected')).toContainText("Green's functions");
  await expect.poll(() => readdir(notes)).toEqual(["Green's functions.md"]);
  // The editor kept the note, its focus and its caret through the rename: typing goes on where it was.
  await expect(editor(page)).toBeFocused();
  await page.keyboard.type(' Then');
  await expect(page.locator('.notepad-status-state')).toHaveText('Saved');
  expect(await readFile(join(notes, "Green's functions.md"), 'utf8')).toBe("# Green's functions\nLet $G$ solve $LG = \\delta$. Then");
  await screenshot(page, 'notepad-named-by-heading-light');

  // Editing the heading renames the note again, formatting and math taken off the name.
  await page.keyboard.press(`${mod}+Home`);
  await page.keyboard.press('End');
  await page.keyboard.type(' for $\\Delta$, **revisited**');
  await expect(notesList(page).locator('.note-title')).toHaveText(["Green's functions for Delta, revisited"]);
  await expect.poll(() => readdir(notes)).toEqual(["Green's functions for Delta, revisited.md"]);

  // A name the writer chose is kept: the heading no longer renames the note, also after a reload.
  const row = notesList(page).getByRole('button', { name: /^Green's functions/ });
  await row.focus();
  await page.keyboard.press('F2');
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.type('Chapter 2 draft');
  await page.keyboard.press('Enter');
  await expect(notesList(page).locator('.note-title')).toHaveText(['Chapter 2 draft']);
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Notepad' }).click();
  await notesList(page).getByRole('button', { name: /^Chapter 2 draft/ }).click();
  await editor(page).click();
  await page.keyboard.press(`${mod}+Home`);
  await page.keyboard.press('End');
  await page.keyboard.type(' (new heading)');
  await expect(page.locator('.notepad-status-state')).toHaveText('Saved');
  expect(await readdir(notes)).toEqual(['Chapter 2 draft.md']);
  await expect(notesList(page).locator('.note-title')).toHaveText(['Chapter 2 draft']);

  // A second note with the same heading never takes the first one's file: it is "… 2".
  await page.getByRole('button', { name: 'New note' }).click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.type('# Chapter 2 draft');
  await expect.poll(async () => (await readdir(notes)).sort()).toEqual(['Chapter 2 draft 2.md', 'Chapter 2 draft.md']);
  expect(await readFile(join(notes, 'Chapter 2 draft.md'), 'utf8')).toContain('(new heading)');

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshot(page, 'notepad-named-by-heading-dark');
});

test('in Chinese, a new note is named by its Chinese heading, or by its first line without one', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page, preview);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: '简体中文' }).check();
  await page.getByRole('navigation').getByRole('button', { name: '笔记' }).click();
  await page.getByRole('button', { name: '新建笔记' }).click();
  await expect(editor(page)).toBeFocused();
  await expect(notesList(page).locator('.note-title')).toHaveText(['无标题']);
  await page.keyboard.type('# 格林函数：边值问题');
  await page.keyboard.press('Enter');
  await page.keyboard.type('设 $G$ 满足 $LG = \\delta$。');
  const notes = join(preview.vaultDir, 'Notes');
  await expect(notesList(page).locator('.note-title')).toHaveText(['格林函数：边值问题']);
  await expect.poll(() => readdir(notes)).toEqual(['格林函数：边值问题.md']);
  await expect(page.locator('.notepad-status-state')).toHaveText('已保存');
  await screenshot(page, 'notepad-named-by-heading-zh-CN-light');

  // No heading: the first line names it.
  await page.getByRole('button', { name: '新建笔记' }).click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.type('关于极限的一点想法');
  await expect(notesList(page).locator('.note-title')).toContainText(['关于极限的一点想法']);
  await expect.poll(() => existsSync(join(notes, '关于极限的一点想法.md'))).toBe(true);
});
