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

const note = [
  'Let $\\RR^n$ be the space.',
  '',
  '$$',
  '\\begin{equation}E = mc^2 \\label{eq:energy}\\end{equation}',
  '$$',
  '',
  'By $\\eqref{eq:energy}$ it holds, not by $\\eqref{eq:nowhere}$.',
];

test('preamble macro, numbered equation, \\eqref with hover and jump, copy as LaTeX, export to HTML', async ({ page, preview }) => {
  await openApp(page, preview);
  await page.getByRole('navigation').getByRole('button', { name: 'Notepad' }).click();
  await page.getByRole('button', { name: 'New note' }).click();
  await expect(editor(page)).toBeFocused();

  // The preamble: a macro for every note, saved to the vault's preamble.tex.
  await page.getByRole('button', { name: 'Preamble', exact: true }).click();
  await page.getByRole('textbox', { name: 'Preamble (TeX)' }).fill('\\newcommand{\\RR}{\\mathbb{R}}');
  await page.getByRole('button', { name: 'Save preamble' }).click();
  await expect(page.locator('.notepad-math-notice')).toContainText('Preamble saved');
  expect(await readFile(join(preview.vaultDir, 'preamble.tex'), 'utf8')).toBe('\\newcommand{\\RR}{\\mathbb{R}}');

  await editor(page).click();
  await typeLines(page, note);
  await page.keyboard.press('Escape');
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.press('Enter');
  // The macro renders; the equation carries its number from the pre-pass; the reference shows it.
  await expect(page.locator('.cm-math-inline .mathbb')).toHaveCount(1);
  await expect(page.locator('.cm-math-block .katex-display')).toContainText('(1)');
  const refs = page.locator('.cm-math-inline .katex-html');
  await expect(refs.nth(1)).toHaveText('(1)');
  await expect(refs.nth(2)).toHaveText('(??)');
  await screenshot(page, 'notepad-math-references');

  // Changing the macro re-renders the formula that uses it; the time from saving to the new render is reported.
  await page.getByRole('textbox', { name: 'Preamble (TeX)' }).fill('\\newcommand{\\RR}{\\mathbf{R}}');
  await page.evaluate(() => {
    const w = window as unknown as { rerender: Promise<number> };
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Save preamble')!;
    w.rerender = new Promise((resolve) => {
      button.addEventListener('click', () => {
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector('.cm-math-inline .mathbf')) {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        });
        observer.observe(document.querySelector('.cm-content')!, { subtree: true, childList: true });
      });
    });
  });
  await page.getByRole('button', { name: 'Save preamble' }).click();
  const elapsed = await page.evaluate(() => (window as unknown as { rerender: Promise<number> }).rerender);
  test.info().annotations.push({ type: 'timing', description: `preamble save to re-rendered formula: ${elapsed.toFixed(1)} ms (including the save through the core)` });
  expect(elapsed).toBeLessThan(500);
  await page.getByRole('button', { name: 'Close', exact: true }).click();

  // Hovering the reference previews the equation; its button jumps there (the equation's source opens).
  await refs.nth(1).hover();
  const tooltip = page.locator('.cm-math-ref-preview');
  await expect(tooltip).toBeVisible();
  await expect(tooltip.locator('.cm-math-ref-number')).toHaveText('(1)');
  await expect(tooltip.locator('.katex-display')).toBeVisible();
  await screenshot(page, 'notepad-math-ref-hover');
  await tooltip.getByRole('button', { name: 'Go to the equation' }).click();
  await expect(page.locator('.cm-line', { hasText: '\\label{eq:energy}' })).toBeVisible();
  await expect(page.locator('.cm-math-preview .katex-display')).toContainText('(1)'); // its live preview below

  // The undefined label is marked quietly in its source, with the reason as the title.
  await editor(page).locator('.cm-line', { hasText: 'not by' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.cm-math-warning').first()).toHaveAttribute('title', 'No equation is labelled eq:nowhere');

  // Copying everything, rendered formulas included, gives the LaTeX source (a real copy event).
  await page.evaluate(() => {
    document.addEventListener('copy', (event) => {
      (window as unknown as { copied: string }).copied = event.clipboardData?.getData('text/plain') ?? '';
    });
  });
  await page.keyboard.press(`${mod}+Home`);
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.press(`${mod}+c`);
  const copied = await page.evaluate(() => (window as unknown as { copied: string }).copied);
  expect(copied).toBe(`${note.join('\n')}\n`);
  await page.keyboard.press(`${mod}+End`);

  // Export to standalone HTML, written to the vault's Exports folder.
  await page.getByRole('button', { name: 'Export as HTML' }).click();
  // The note is named by its first line (issue 23, item 8), and the export by the note.
  await expect(page.locator('.notepad-math-notice')).toContainText('Exported to Exports/Let RR n be the space.html');
  const file = join(preview.vaultDir, 'Exports', 'Let RR n be the space.html');
  const html = await readFile(file, 'utf8');
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/\son[a-z]+=/i);
  expect(html).not.toMatch(/javascript:/i);
  const remote = html.replace(/xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"/g, '').match(/.{60}https?:\/\/.{60}/g);
  expect(remote).toBeNull();
  expect(html).toMatch(/url\(data:font\/woff2;base64,/);

  // Opened by Chromium from disk: formulas rendered with KaTeX's own fonts, the number and the reference there.
  const exported = await page.context().newPage();
  await exported.goto(pathToFileURL(file).href);
  await expect(exported.locator('.math-display .katex-display')).toContainText('(1)');
  await expect(exported.locator('p .katex .mathbf')).toHaveCount(1);
  const fonts = await exported.evaluate(async () => {
    await document.fonts.ready;
    let loaded = 0;
    document.fonts.forEach((f) => {
      if (f.family.includes('KaTeX') && f.status === 'loaded') loaded++;
    });
    return loaded;
  });
  expect(fonts).toBeGreaterThan(0);
  await screenshot(exported, 'notepad-export-html');
  await exported.close();

  // Copy note as LaTeX, from the palette: the body only, for the writer's own document.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await runCommand(page, 'copy note as LaTeX');
  await expect(page.locator('.notepad-math-notice')).toContainText('Note copied as LaTeX, without the preamble');
  const fragment = await page.evaluate(() => navigator.clipboard.readText());
  expect(fragment).toContain('\\begin{equation}E = mc^2 \\label{eq:energy}\\end{equation}');
  expect(fragment).toContain('By $\\eqref{eq:energy}$ it holds');
  expect(fragment).not.toContain('\\documentclass');
  expect(fragment).not.toContain('\\newcommand');

  // PDF in the browser preview: nothing here prints, so the export leaves the HTML and says how to get a PDF.
  await runCommand(page, 'export note as PDF');
  await expect(page.locator('.notepad-math-notice')).toHaveText(
    /PDF is printed by the desktop app\. Saved Exports\/Let RR n be the space\.html instead: open it in a browser and print it to PDF\./,
  );
  await expect(page.locator('.notepad-math-notice.failed')).toHaveCount(0);
  expect(await readFile(file, 'utf8')).toContain('<!doctype html>');
});

/** Runs a command through the palette (Mod-K), found by part of its title. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press(`${mod}+k`);
  const palette = page.locator('.palette[role="dialog"]');
  await page.keyboard.type(title);
  await expect(palette.locator('[role="option"]').first()).toContainText(title);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}
