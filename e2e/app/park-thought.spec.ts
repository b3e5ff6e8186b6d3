import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { advance, expect, openAt, screenshot, test, todayAt, type PreviewHandle } from '../support/preview-fixture';

const MINUTE = 60_000;
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
/** The window's chord for the line (PARK_LINE_SHORTCUT); the desktop app has the same one as a global shortcut. */
const parkChord = `${mod}+Alt+Shift+P`;

// A session started at 9:00 ends the same day, whenever the suite runs.
test.use({ clockStart: todayAt(9) });

const line = (page: Page) => page.locator('.park-line[role="dialog"]');
const editor = (page: Page) => page.locator('.notepad-editor .cm-content');

const setLanguage = (page: Page, language: 'en' | 'zh-CN') =>
  page.evaluate((next) => (window as unknown as { stillroom: { settings: { update(input: unknown): Promise<unknown> } } }).stillroom.settings.update({ appearance: { language: next } }), language);

/** A flexible 25-minute session started from the Focus view's form (language-neutral locators). */
async function startSession(page: Page, intent: string) {
  await page.locator('nav.app-nav .nav-item').nth(0).click();
  const form = page.locator('.start-form');
  await form.locator('.intent-input').fill(intent);
  await form.locator('input[type="radio"]').first().check();
  await form.locator('.mode-row input[type="radio"]').first().check();
  await form.locator('.start-button').click();
  await expect(page.getByRole('timer')).toBeVisible();
}

async function finishSession(page: Page, preview: PreviewHandle) {
  await page.locator('nav.app-nav .nav-item').nth(0).click();
  await advance(page, preview, 25 * MINUTE);
  await expect(page.locator('.session-ended')).toBeVisible();
  await page.locator('.session-ended button.primary').click();
  await expect(page.getByTestId('reflection-prompt')).toBeVisible();
}

test('park two thoughts with the keyboard, see only their count, then find them in the reflection and make one a note', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openAt(page, preview);

  // Outside a session there is nowhere to park: the chord opens nothing and the palette does not offer it.
  await page.keyboard.press(parkChord);
  await expect(line(page)).toHaveCount(0);
  await page.keyboard.press(`${mod}+k`);
  await page.keyboard.type('park');
  await expect(page.locator('.palette .palette-empty')).toBeVisible();
  await page.keyboard.press('Escape');

  await startSession(page, 'prove Lemma 3');
  // Writing in a note: the line opens over it and the caret comes back where it was.
  await page.getByRole('navigation').getByRole('button', { name: 'Notepad' }).click();
  await page.getByRole('button', { name: 'New note' }).click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.type('Lemma 3. Let');
  await page.keyboard.press(parkChord);
  await expect(line(page)).toBeVisible();
  await expect(line(page).getByRole('textbox', { name: 'Park a thought' })).toBeFocused();
  await page.keyboard.type('reply to Li');
  await page.keyboard.press('Enter');
  await expect(line(page)).toHaveCount(0);
  await expect(editor(page)).toBeFocused();
  await page.keyboard.type(' n be even.');
  await expect(editor(page)).toContainText('Lemma 3. Let n be even.');

  // Esc cancels: nothing is parked.
  await page.keyboard.press(parkChord);
  await page.keyboard.type('not this one');
  await page.keyboard.press('Escape');
  await expect(line(page)).toHaveCount(0);
  await expect(editor(page)).toBeFocused();

  // The palette opens the same line.
  await page.locator('nav.app-nav .nav-item').nth(0).click();
  await page.keyboard.press(`${mod}+k`);
  await page.keyboard.type('park');
  await page.keyboard.press('Enter');
  await expect(line(page).getByRole('textbox')).toBeFocused();
  await page.keyboard.type('check that paper');
  await screenshot(page, 'park-line-en');
  await page.keyboard.press('Enter');
  await expect(line(page)).toHaveCount(0);

  // During the session only the count shows; the thoughts wait for the reflection.
  await expect(page.getByTestId('parked-count')).toHaveText('2 thoughts parked');
  await expect(page.getByText('reply to Li')).toHaveCount(0);
  await screenshot(page, 'session-parked-count-en');

  await finishSession(page, preview);
  const thoughts = page.getByTestId('parked-thoughts');
  await expect(thoughts.getByRole('heading', { name: '2 thoughts parked' })).toBeVisible();
  await expect(thoughts.locator('li')).toHaveText([/reply to Li/, /check that paper/]);
  await expect(thoughts).not.toContainText('not this one');
  await thoughts.getByRole('button', { name: 'Make a note of “check that paper”' }).click();
  await expect(thoughts.getByRole('button', { name: 'Open the note “check that paper”' })).toBeVisible();
  expect(await readFile(join(preview.vaultDir, 'Notes', 'check that paper.md'), 'utf8')).toBe('# check that paper\n\n');
  // The view scrolls inside the window's main area: bring the thoughts into the picture.
  await thoughts.scrollIntoViewIfNeeded();
  await screenshot(page, 'reflection-parked-thoughts-en');

  // The answer is saved over the file the note left: no conflict, and the file keeps both thoughts.
  await page.getByTestId('reflection-prompt').locator('input[type="radio"]').first().check();
  await page.keyboard.press(`${mod}+Enter`);
  await expect(page.locator('article.log-entry')).toHaveCount(1);
  await expect(page.getByTestId('weekly-thoughts')).toHaveText('2 thoughts parked');
});

test('the line, the count and the reflection’s thoughts in Chinese', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openAt(page, preview);
  await setLanguage(page, 'zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await startSession(page, '证明引理 3');
  await page.keyboard.press(parkChord);
  await expect(line(page).getByRole('textbox', { name: '暂放一个念头' })).toBeFocused();
  await page.keyboard.type('回复小李');
  await screenshot(page, 'park-line-zh-CN');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('parked-count')).toHaveText('暂放了 1 个念头');
  await screenshot(page, 'session-parked-count-zh-CN');
  await finishSession(page, preview);
  const thoughts = page.getByTestId('parked-thoughts');
  await expect(thoughts.getByRole('heading', { name: '暂放了 1 个念头' })).toBeVisible();
  await expect(thoughts.getByRole('button', { name: '把“回复小李”记成笔记' })).toBeVisible();
  await thoughts.scrollIntoViewIfNeeded();
  await screenshot(page, 'reflection-parked-thoughts-zh-CN');
});
