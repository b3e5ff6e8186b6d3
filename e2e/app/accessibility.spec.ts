import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import type { Page } from '@playwright/test';
import { StandInApps } from '../../test-support/stand-in-apps';
import { advance, expect, openAt, test, todayAt, untilSeen, type PreviewHandle } from '../support/preview-fixture';

/** WCAG 2.1 AA, as axe tags its rules. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const MINUTE = 60_000;

/**
 * axe's source, evaluated only where the page does not hold it yet: the builder sends it before every run (twice
 * in legacy mode), and parsing it again is most of a run's time. Legacy mode runs axe in the page itself instead of
 * finishing in a new blank page each time; the app has no frames for the other mode to reach.
 */
const injectOnce = `if (!window.axe) {${axe.source}}`;

// The app's CSP refuses injected scripts, axe's among them: only this spec's pages let it in.
test.use({ bypassCSP: true, clockStart: todayAt(9) });
// Six independent walks (one app each): the two workers share them. A walk audits fourteen states, so it gets twice
// the usual time.
test.describe.configure({ mode: 'parallel', timeout: 120_000 });

// A stand-in desktop app (a copy of `sleep` this spec starts) so Settings → Apps lists one running app to pick.
let standIns: StandInApps | null = null;
test.afterEach(() => {
  standIns?.dispose();
  standIns = null;
});

/**
 * Runs axe over the whole page as it stands and records every WCAG 2.1 AA violation under `where`. Soft: one run
 * reports every state that fails, not only the first.
 */
async function expectNoViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page, axeSource: injectOnce })
    .withTags(WCAG_21_AA)
    // Only the violations are read: axe then keeps no list of every node that passed.
    .options({ resultTypes: ['violations'] })
    .setLegacyMode()
    .analyze();
  const found = violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact ?? 'n/a'}): ${node.target.join(' ')}\n    ${node.failureSummary?.replace(/\n/g, '\n    ') ?? ''}`),
  );
  expect.soft(found, `axe violations in ${where}`).toEqual([]);
}

const combinations = (['en', 'zh-CN'] as const).flatMap((language) => (['light', 'dark', 'sepia'] as const).map((theme) => ({ language, theme })));

for (const { language, theme } of combinations) {
  test(`every view, dialog, the palette and a running session pass axe (WCAG 2.1 AA) in ${language}, ${theme}`, async ({ page, launch }) => {
    const preview = await launch({
      // A file picker that is never answered: Settings → Apps then shows its "Choose a file…" button for the audit.
      chooseFile: async () => null,
      seed: async ({ vaultDir }) => {
        await mkdir(join(vaultDir, 'Notes'));
        await writeFile(join(vaultDir, 'Notes', 'Fourier series.md'), '# Fourier series\n\nPeriodic functions as sums of $\\sin nx$ and $\\cos nx$:\n\n$$f(x) = \\sum_n c_n e^{inx}$$\n');
      },
    });
    await openAt(page, preview);
    await page.evaluate(
      (appearance) => (window as unknown as { stillroom: { settings: { update(input: unknown): Promise<unknown> } } }).stillroom.settings.update({ appearance }),
      { language, theme },
    );
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await walk(page, preview, `${language}, ${theme}`);
  });
}

/**
 * One app, walked through as a user would: each view, each dialog over it, the palette, and a session from its
 * start through the end dialog to the reflection, audited at every stop.
 */
async function walk(page: Page, preview: PreviewHandle, combination: string): Promise<void> {
  // Language-neutral locators: the same walk runs in both languages.
  const go = async (view: number) => {
    await page.locator('nav.app-nav .nav-item').nth(view).click();
    await expect(page.locator('h1.view-title')).toBeFocused();
  };
  const audit = (where: string) => expectNoViolations(page, `${where} (${combination})`);

  // Focus: the start form, under the browser-policies notice of the first session.
  await expect(page.locator('.start-form')).toBeVisible();
  await audit('Focus');

  // The command palette, with matches and with none.
  await page.keyboard.press(`${mod}+k`);
  const palette = page.locator('.palette[role="dialog"]');
  await expect(palette.locator('[role="option"]').first()).toBeVisible();
  await audit('the command palette');
  await page.keyboard.type('zzz');
  await expect(palette.locator('.palette-empty')).toBeVisible();
  await audit('the command palette without a match');
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  // Notepad: the list, the open note with its formulas, the preamble, and the delete confirmation.
  await go(1);
  const list = page.locator('aside.note-list');
  await list.locator('.note-item').first().click();
  await expect(page.locator('.notepad-editor .katex').first()).toBeVisible();
  await page.locator('.notepad-math-actions button').first().click();
  await expect(page.locator('.preamble-panel')).toBeVisible();
  await list.locator('.note-actions button').nth(1).click();
  const confirmDelete = list.locator('[role="alertdialog"]');
  await expect(confirmDelete).toBeVisible();
  await audit('Notepad with the preamble and the delete confirmation');
  await page.keyboard.press('Escape');
  await expect(confirmDelete).toBeHidden();
  // The snippets panel, with a line it cannot read named by its number.
  await page.locator('.notepad-math-actions button').nth(1).click();
  await page.locator('.snippets-panel textarea').fill('mA lonely');
  await expect(page.locator('.snippet-errors li')).toHaveCount(1);
  await audit('Notepad with the snippets panel and a line it cannot read');
  await page.locator('.snippets-panel').getByRole('button').last().click();
  await expect(page.locator('.snippets-panel')).toBeHidden();

  // A change on disk while unsaved text waits: the conflict dialog.
  await writeFile(join(preview.vaultDir, 'Notes', 'Fourier series.md'), 'Changed elsewhere.\n');
  await page.locator('.notepad-editor .cm-content').click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type(' mine');
  const conflict = page.locator('.conflict[role="alertdialog"]');
  await untilSeen(preview, (soon) => soon(conflict).toBeVisible());
  await audit('the conflict dialog');
  await conflict.locator('button.primary').click();
  await expect(conflict).toBeHidden();

  // A sync engine's conflict copy beside the note, opened side by side with the differences marked.
  await writeFile(join(preview.vaultDir, 'Notes', 'Fourier series.sync-conflict-20261207-133737-FYBUD4K.md'), 'Periodic functions, synced from elsewhere.\n');
  const copyRow = list.locator('.note-sync-copies button');
  await untilSeen(preview, (soon) => soon(copyRow).toBeVisible());
  await copyRow.click();
  const syncCopy = page.locator('.sync-copy');
  await expect(syncCopy.locator('.cm-merge-b .cm-changedText').first()).toBeVisible();
  await audit('a sync conflict copy beside its note');
  await syncCopy.locator('.conflict-actions button').last().click();
  await expect(syncCopy).toBeHidden();

  // Reflections before any session; Settings with every section, a site of one's own and a refused one.
  await go(2);
  await audit('Reflections, empty');
  await go(3);
  const site = page.locator('.domain-form input').first();
  await site.fill('example.org');
  await site.press('Enter');
  await expect(page.locator('.domain-list li', { hasText: 'example.org' })).toBeVisible();
  await site.fill('youtube.com/watch?v=1');
  await site.press('Enter');
  await expect(page.locator('.domain-form + .field-error')).toBeVisible();
  // The running-app picker of Settings → Apps, open on the stand-in (looked for again until it has started).
  standIns = new StandInApps();
  standIns.launch(standIns.binary('focus-standin'));
  await expect(async () => {
    await page.locator('.running-apps > button').click();
    await expect(page.locator('.running-apps select')).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  // Settings → Schedule with a locked rule whose removal waits ("pending until …"); in the evening, so its window
  // is not running at the walk's clock (09:00 today) and the session below is the one the walk starts itself.
  await page.locator('.schedule-form input[type="time"]').first().fill('20:00');
  await page.locator('.schedule-form input[type="time"]').nth(1).fill('21:30');
  await page.locator('.schedule-form .choice input[type="radio"]').nth(2).check();
  await page.locator('.schedule-form button[type="submit"]').click();
  await page.locator('.schedule-rule-actions button').last().click();
  await expect(page.locator('.schedule-pending')).toBeVisible();
  await audit('Settings');

  // A committed session written in the note: full-screen writing, the countdown, the end dialog refusing a phrase.
  await go(0);
  const form = page.locator('.start-form');
  await form.locator('.intent-input').fill('prove Lemma 3');
  await form.locator('input[type="radio"]').first().check();
  await form.locator('.mode-row input[type="radio"]').nth(1).check();
  await form.locator('.write-in-select').selectOption({ index: 2 });
  await form.locator('.start-button').click();
  await expect(page.locator('.notepad-view.full-screen')).toBeVisible();
  await audit('full-screen writing in a session');
  await page.keyboard.press('Escape');
  await expect(page.locator('.notepad-view.full-screen')).toBeHidden();
  await go(0);
  await expect(page.getByRole('timer')).toBeVisible();
  // The quiet line that parks a thought, then the session with its count (the reflection lists the thought below).
  await page.keyboard.press(`${mod}+Alt+Shift+P`);
  await expect(page.locator('.park-line input')).toBeFocused();
  await page.keyboard.type('reply to Li');
  await audit('the line that parks a thought');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('parked-count')).toBeVisible();
  await audit('the running session');
  await page.locator('.running-session .session-actions button').last().click();
  const end = page.locator('form.end-panel');
  await end.locator('input').first().pressSequentially('not the phrase');
  await end.locator('button[type="submit"]').click();
  await expect(end.getByRole('alert')).toBeVisible();
  await audit('the end dialog refusing a phrase');
  await end.locator('button[type="button"]').click();
  await expect(end).toBeHidden();

  // The session runs out: the ending, then the reflection prompt, then the log with the saved reflection.
  await advance(page, preview, 25 * MINUTE);
  await expect(page.locator('.session-ended')).toBeVisible();
  await audit('the ended session');
  await page.locator('.session-ended button.primary').click();
  const prompt = page.getByTestId('reflection-prompt');
  await prompt.locator('textarea').first().fill('From $\\delta S = 0$ to the **Euler–Lagrange** equation.');
  await prompt.locator('input[type="radio"]').first().check();
  await audit('the reflection prompt');
  await page.keyboard.press(`${mod}+Enter`);
  await expect(page.locator('article.log-entry')).toHaveCount(1);
  await audit('Reflections with a reflection');

  // With the reflection written the Focus view offers a new start: a locked session, whose end dialog only says
  // until when.
  await go(0);
  await form.locator('.intent-input').fill('derive the bound');
  await form.locator('.mode-row input[type="radio"]').nth(2).check();
  await form.locator('.write-in-select').selectOption({ index: 0 });
  await form.locator('.start-button').click();
  await expect(page.getByRole('timer')).toBeVisible();
  await page.locator('.running-session .session-actions button').last().click();
  await expect(page.locator('.end-panel[role="group"]')).toBeVisible();
  await audit('the end dialog of a locked session');
}
