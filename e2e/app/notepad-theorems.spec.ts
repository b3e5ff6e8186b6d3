import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, openApp, screenshot, test } from '../support/preview-fixture';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const editor = (page: Page) => page.locator('.notepad-editor .cm-content');

/** Types lines as a writer does; Escape first so an open completion list never takes the Enter. */
async function typeLines(page: Page, lines: readonly string[]): Promise<void> {
  for (const [index, line] of lines.entries()) {
    if (index > 0) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
    }
    await page.keyboard.type(line);
  }
}

test('a theorem numbered as typed, references reading "Theorem 1" with hover and jump, a warning, a proof, HTML export', async ({ page, preview }) => {
  await openApp(page, preview);
  await page.getByRole('navigation').getByRole('button', { name: 'Notepad' }).click();
  await page.getByRole('button', { name: 'New note' }).click();
  await expect(editor(page)).toBeFocused();

  await typeLines(page, ['Compactness', '', '::: {#thm-main .theorem title="Bolzano"}', 'Every bounded sequence has a convergent subsequence.', ':::', '']);
  // The fence the cursor has left reads as the theorem's heading, numbered.
  const headings = page.locator('.cm-thm-heading');
  await expect(headings).toHaveText(['Theorem 1 (Bolzano).']);

  await typeLines(page, ['', '::: {#lem-next .lemma}', 'A step.', ':::', '', '::: {#thm-two .theorem}', 'More.', ':::', '']);
  await expect(headings).toHaveText(['Theorem 1 (Bolzano).', 'Lemma 1.', 'Theorem 2.']);

  await typeLines(page, ['', 'By @thm-main and $\\ref{thm-two}$, not by @thm-nowhere.', '', '::: proof', 'Bisect the interval.', ':::', '']);
  await expect(page.locator('.cm-thm-qed')).toHaveText('∎');
  const reference = page.locator('.cm-thm-ref');
  await expect(reference).toHaveText(['Theorem 1']);
  await expect(page.locator('.cm-math-inline .katex-html')).toHaveText('2');
  await expect(page.locator('.cm-math-warning')).toHaveAttribute('title', 'No theorem is labelled thm-nowhere');
  await screenshot(page, 'notepad-theorems');

  // Hovering the reference previews the theorem; Mod-click jumps to it (its fence's source opens).
  await reference.hover();
  const card = page.locator('.cm-thm-preview');
  await expect(card).toBeVisible();
  await expect(card.locator('.cm-thm-preview-heading')).toHaveText('Theorem 1 (Bolzano).');
  await expect(card.locator('.cm-thm-preview-body')).toHaveText('Every bounded sequence has a convergent subsequence.');
  await screenshot(page, 'notepad-theorem-hover');
  await page.mouse.move(0, 0);
  await reference.click({ modifiers: [mod] });
  await expect(page.locator('.cm-line', { hasText: '::: {#thm-main .theorem title="Bolzano"}' })).toBeVisible();
  await expect(headings).toHaveText(['Lemma 1.', 'Theorem 2.', 'Proof.']);

  // Exported to HTML and opened by Chromium: the same numbers, the reference a link to the theorem.
  await page.keyboard.press(`${mod}+End`);
  await page.getByRole('button', { name: 'Export as HTML' }).click();
  await expect(page.locator('.notepad-math-notice')).toContainText('Exported to Exports/Compactness.html');
  const file = join(preview.vaultDir, 'Exports', 'Compactness.html');
  expect(await readFile(file, 'utf8')).not.toContain(':::');
  const exported = await page.context().newPage();
  await exported.goto(pathToFileURL(file).href);
  await expect(exported.locator('.theorem-heading')).toHaveText(['Theorem 1 (Bolzano).', 'Lemma 1.', 'Theorem 2.', 'Proof.']);
  await expect(exported.locator('a[href="#thm-main"]')).toHaveText('Theorem 1');
  await screenshot(exported, 'notepad-theorems-export-html');
  await exported.close();

  // Settings → Writing: one count for all kinds renumbers the note at once.
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'One count for all (Theorem 1, Lemma 2)' }).check();
  await page.getByRole('navigation').getByRole('button', { name: 'Notepad' }).click();
  await expect(headings).toHaveText(['Theorem 1 (Bolzano).', 'Lemma 2.', 'Theorem 3.', 'Proof.']);
  await expect(page.locator('.cm-math-inline .katex-html')).toHaveText('3');

  // In Chinese, dark: 定理 1, the reference too.
  await page.evaluate(() =>
    (window as unknown as { stillroom: { settings: { update(input: unknown): Promise<unknown> } } }).stillroom.settings.update({ appearance: { theme: 'dark', language: 'zh-CN' } }),
  );
  await expect(headings).toHaveText(['定理 1（Bolzano）', '引理 2', '定理 3', '证明']);
  await expect(reference).toHaveText(['定理 1']);
  await screenshot(page, 'notepad-theorems-zh-CN-dark');
});
