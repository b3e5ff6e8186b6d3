import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, screenshot, test } from '../support/preview-fixture';

// Issue 23, items 1 and 2: completion in a formula still being typed, and math snippets, typed with real keys.
const editor = (page: Page) => page.locator('.notepad-editor .cm-content');
const settingsLink = (page: Page) => page.getByRole('navigation').getByRole('button', { name: /^(Settings|设置)$/ });
const notepadLink = (page: Page) => page.getByRole('navigation').getByRole('button', { name: /^(Notepad|笔记)$/ });

/** The editor's text as CodeMirror holds it (the screen shows rendered formulas instead of their source). */
const docOf = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const content = document.querySelector('.notepad-editor .cm-content') as (Element & { cmTile?: { root: { view: { state: { doc: { toString(): string } } } } } }) | null;
    return content?.cmTile?.root.view.state.doc.toString() ?? '';
  });

test('completion before the closing $, // and pmat with Tab and Enter, a bad snippet line by number, the switch turns snippets off', async ({ page, preview }) => {
  await openApp(page, preview);
  await notepadLink(page).click();
  await page.getByRole('button', { name: 'New note' }).click();
  await expect(editor(page)).toBeFocused();

  // Completion opens inside a formula that is still open: no closing $ yet.
  await page.keyboard.type('Then $\\alph');
  const list = page.locator('.cm-tooltip-autocomplete');
  await expect(list.getByRole('option', { name: /^\\alpha/ }).first()).toBeVisible();
  await screenshot(page, 'notepad-completion-open-formula');
  await page.keyboard.press('Enter');
  await page.keyboard.type('$ and ');
  await expect.poll(() => docOf(page)).toBe('Then $\\alpha$ and ');

  // mk opens inline math; // a fraction whose fields Tab walks; Tab then steps out of the formula.
  await page.keyboard.type('mk//');
  await expect.poll(() => docOf(page)).toBe('Then $\\alpha$ and $\\frac{}{}$');
  await page.keyboard.type('a');
  await page.keyboard.press('Tab');
  await page.keyboard.type('b');
  await page.keyboard.press('Tab');
  await page.keyboard.type('sr');
  await page.keyboard.press('Tab');
  await page.keyboard.type('.');
  await expect.poll(() => docOf(page)).toBe('Then $\\alpha$ and $\\frac{a}{b}^{2}$.');

  // dm: display math; pmat: Tab adds a cell, Enter a row, Shift+Enter leaves the matrix.
  await page.keyboard.press('Enter');
  await page.keyboard.type('dm');
  await page.keyboard.type('pmat');
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await page.keyboard.type('0');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1');
  await page.keyboard.press('Shift+Enter');
  await expect.poll(() => docOf(page)).toBe('Then $\\alpha$ and $\\frac{a}{b}^{2}$.\n$$\n\\begin{pmatrix}\n1 & 0 \\\\\n0 & 1\n\\end{pmatrix}\n$$');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(page.locator('.cm-math-block .katex-display')).toHaveCount(1);
  await expect(page.locator('.cm-math-block .katex-display .katex-html')).not.toContainText('pmatrix');
  await screenshot(page, 'notepad-snippets-matrix');

  // The snippet file: the defaults shown until saved; a bad line is named by its number, the others still work.
  await page.getByRole('button', { name: 'Snippets', exact: true }).click();
  const file = page.getByRole('textbox', { name: 'Snippets, one a line' });
  await expect(file).toHaveValue(/mA \/\/ \\frac\{\$1\}\{\$2\}\$0/);
  await file.fill('# mine\nmA ;; \\cdot\nmA lonely\nmQ xx \\times');
  await expect(page.getByRole('list', { name: 'Lines that are skipped (the others work)' })).toContainText(
    'Line 3: write the options, the trigger and the replacement, separated by spaces.',
  );
  await expect(page.getByRole('list', { name: 'Lines that are skipped (the others work)' })).toContainText('Line 4: “Q” is not an option');
  await screenshot(page, 'notepad-snippets-panel');
  await page.getByRole('button', { name: 'Save snippets' }).click();
  await expect(page.locator('.notepad-math-notice')).toContainText('Snippets saved');
  expect(await readFile(join(preview.vaultDir, 'snippets.txt'), 'utf8')).toBe('# mine\nmA ;; \\cdot\nmA lonely\nmQ xx \\times');
  await page.getByRole('button', { name: 'Close', exact: true }).click();

  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('So $a;;b //$');
  await expect.poll(() => docOf(page)).toMatch(/So \$a\\cdotb \/\/\$$/);

  // One switch turns expansion off.
  await settingsLink(page).click();
  const snippetSwitch = page.getByRole('checkbox', { name: /^Math snippets expand as I type/ });
  await expect(snippetSwitch).toBeChecked();
  await snippetSwitch.uncheck();
  await expect.poll(async () => JSON.parse(await readFile(join(preview.dataDir, 'settings.json'), 'utf8')).editor.snippets).toBe(false);
  await notepadLink(page).click();
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' $a;;b$');
  await expect.poll(() => docOf(page)).toMatch(/ \$a;;b\$$/);
});
