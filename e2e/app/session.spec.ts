import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { advance, expect, openApp, openAt, screenshot, test } from '../support/preview-fixture';

const MINUTE = 60_000;

async function startSession(page: Page, options: { intent: string; minutes: number; mode: 'Flexible' | 'Committed' | 'Locked' }) {
  await page.getByLabel('What is this session for?').fill(options.intent);
  await page.getByRole('radio', { name: 'Custom' }).check();
  await page.getByLabel('Minutes (5 to 240)').fill(String(options.minutes));
  await page.getByRole('radio', { name: new RegExp(`^${options.mode}`) }).check();
  await page.getByRole('button', { name: `Start ${options.minutes} minutes` }).click();
}

test('a committed 5-minute session: countdown, honest protections, wrong phrase refused, right phrase and reason end it', async ({ page, preview }) => {
  await openAt(page, preview);
  await expect(page.getByLabel('What is this session for?')).toBeFocused();
  await startSession(page, { intent: 'prove Lemma 3', minutes: 5, mode: 'Committed' });

  await expect(page.getByRole('timer')).toHaveAccessibleName('5 minutes left');
  await expect(page.locator('.running-session .focus-intent')).toHaveText('prove Lemma 3');
  // The preview has no guard: blocking says so plainly, with what to do.
  await expect(page.locator('[data-protection="blocking"] .protection-status')).toHaveText(
    'Sites are not blocked: the guard is not installed. Install it in Settings.',
  );
  await screenshot(page, 'session-running-en');

  await advance(page, preview, 2 * MINUTE);
  await expect(page.getByRole('timer')).toHaveAccessibleName('3 minutes left');

  await page.getByRole('button', { name: 'End session…' }).click();
  const phrase = (await page.getByTestId('end-phrase').textContent())!.trim();
  expect(phrase.split(' ')).toHaveLength(5);
  const phraseInput = page.getByLabel('Phrase', { exact: true });
  await expect(phraseInput).toBeFocused();

  // Paste is refused: the event is cancelled and the field says why.
  const pasteAllowed = await phraseInput.evaluate((input, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    return input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, phrase);
  expect(pasteAllowed).toBe(false);
  await expect(page.getByText('Pasting is turned off here: type the phrase.')).toBeVisible();
  await expect(phraseInput).toHaveValue('');

  // A wrong phrase changes nothing.
  await phraseInput.pressSequentially('not the phrase');
  await page.getByLabel('Why end now? (one line, kept for your reflection)').fill('a meeting was moved');
  await page.getByRole('button', { name: 'End session', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('The phrase does not match. Type it exactly as shown.');
  await expect(page.getByRole('timer')).toBeVisible();
  await screenshot(page, 'session-wrong-phrase-en');

  await phraseInput.clear();
  await phraseInput.pressSequentially(phrase);
  await page.getByRole('button', { name: 'End session', exact: true }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Session ended early' })).toHaveText('Session ended early, after 2 of 5 minutes.');
  await expect(page.getByText('Your reason: “a meeting was moved”')).toBeVisible();
  await expect(page.getByText('How did it go? Write a few lines while it is fresh.')).toBeVisible();
  await screenshot(page, 'session-ended-early-en');
  await page.getByRole('button', { name: 'Write a reflection' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reflections' })).toBeVisible();

  // The reason and the ending are kept in the session history in the data folder.
  const state = await page.evaluate(() => (window as unknown as { stillroom: { session: { state(): Promise<unknown> } } }).stillroom.session.state());
  expect(state).toMatchObject({ ok: true, value: { phase: 'ended', session: { intent: 'prove Lemma 3', ending: { kind: 'ended-early', reason: 'a meeting was moved' } } } });
});

test('when the clock runs out the session completes on its own and asks for the reflection (in Chinese)', async ({ page, launch }) => {
  const preview = await launch({
    seed: async ({ dataDir }) => {
      await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ schemaVersion: 1, appearance: { language: 'zh-CN' } }));
    },
  });
  await openAt(page, preview);
  await page.getByLabel('这段时间要做什么？').fill('读第四章');
  await page.getByRole('radio', { name: '25 分钟' }).check();
  await page.getByRole('radio', { name: /^灵活/ }).check();
  await page.getByRole('button', { name: '开始 25 分钟' }).click();
  await expect(page.getByRole('timer')).toHaveAccessibleName('还剩 25 分钟');
  await screenshot(page, 'session-running-zh-CN');

  await advance(page, preview, 25 * MINUTE);
  await expect(page.getByRole('status').filter({ hasText: '专注结束' })).toHaveText('专注结束。25 分钟。');
  await expect(page.getByRole('button', { name: '写回顾' })).toBeFocused();
  await screenshot(page, 'session-complete-zh-CN');
});

test('extend adds 15 minutes, and a locked session says plainly until when', async ({ page, preview }) => {
  await openAt(page, preview);
  await startSession(page, { intent: 'derive the bound', minutes: 5, mode: 'Locked' });
  await expect(page.getByRole('timer')).toHaveAccessibleName('5 minutes left');
  await page.getByRole('button', { name: 'Extend 15 minutes' }).click();
  await expect(page.getByRole('timer')).toHaveAccessibleName('20 minutes left');
  await page.getByRole('button', { name: 'End session…' }).click();
  await expect(page.getByText(/^Locked until .+\. This session cannot be ended before then\.$/)).toBeVisible();
  await screenshot(page, 'session-locked-en');
  await page.getByRole('button', { name: 'Keep going' }).click();

  // The palette offers the same actions by keyboard.
  await page.keyboard.press(process.platform === 'darwin' ? 'Meta+k' : 'Control+k');
  await page.keyboard.type('extend by 15');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer')).toHaveAccessibleName('35 minutes left');
});

test('Settings records the global shortcut from the keyboard and says the preview cannot register it', async ({ page, preview }) => {
  await openApp(page, preview);
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Sessions' });
  await expect(section.locator('kbd')).toHaveText(process.platform === 'darwin' ? '⌘⌥⇧F' : 'Ctrl+Alt+Shift+F');
  await expect(section.getByText('The browser preview has no global shortcuts; the desktop app does.')).toBeVisible();

  const record = section.getByRole('button', { name: 'Record a shortcut' });
  await record.click();
  await page.keyboard.press('k');
  await expect(section.getByText('Use at least one of Ctrl, Alt, Shift or Cmd with one other key.')).toBeVisible();
  await page.keyboard.press('Control+Alt+k');
  await expect(section.locator('kbd')).toHaveText(process.platform === 'darwin' ? '⌃⌥K' : 'Ctrl+Alt+K');
  await screenshot(page, 'session-settings-en');
  const settings = await page.evaluate(() => (window as unknown as { stillroom: { settings: { get(): Promise<{ value: { settings: { session: { shortcut: string } } } }> } } }).stillroom.settings.get());
  expect(settings.value.settings.session.shortcut).toBe(process.platform === 'darwin' ? 'Control+Alt+K' : 'CommandOrControl+Alt+K');

  await section.getByRole('button', { name: 'Turn off' }).click();
  await expect(section.locator('kbd')).toHaveText('Off');
});

test('the palette starts a session from any view with the defaults and opens the end dialog', async ({ page, preview }) => {
  await openAt(page, preview);
  await page.getByRole('button', { name: 'Reflections' }).click();
  const palette = async (command: string) => {
    await page.keyboard.press(process.platform === 'darwin' ? 'Meta+k' : 'Control+k');
    await page.keyboard.type(command);
    await page.keyboard.press('Enter');
  };
  await palette('Focus: start');
  await expect(page.getByRole('heading', { level: 1, name: 'Focus' })).toBeVisible();
  // Defaults: 90 minutes, committed.
  await expect(page.getByRole('timer')).toHaveAccessibleName('90 minutes left');
  await palette('Focus: end');
  await expect(page.getByTestId('end-phrase')).toBeVisible();
  await page.getByRole('button', { name: 'Keep going' }).click();
  await expect(page.getByTestId('end-phrase')).toBeHidden();
});
