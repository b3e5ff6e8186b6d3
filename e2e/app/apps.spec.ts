import { readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { isRunning, StandInApps } from '../../test-support/stand-in-apps';
import { advance, expect, openAt, screenshot, test } from '../support/preview-fixture';

// The preview's real core closes real processes: only a stand-in app this test starts (a copy of `sleep` in a temp
// folder of its own, test-support/stand-in-apps.ts), and the built-in lists are turned off before the session, so
// nothing else of this machine is ever on the list.
test.skip(process.platform !== 'linux', 'the stand-in apps are Linux binaries, found by the app through /proc');

const MINUTE = 60_000;
let standIns: StandInApps | null = null;
test.afterEach(() => {
  standIns?.dispose();
  standIns = null;
});

/** Starts the stand-in and waits until it runs as itself (its exe link is the copy), as an app the user opened. */
async function open(path: string): Promise<ChildProcess> {
  const child = standIns!.launch(path);
  await expect.poll(() => readlink(`/proc/${child.pid}/exe`).catch(() => '')).toBe(path);
  return child;
}

const closed = (child: ChildProcess) => expect.poll(() => isRunning(child), { timeout: 5_000 }).toBe(false);

const setAppearance = (page: Page, appearance: { theme: 'light' | 'dark'; language: 'en' | 'zh-CN' }) =>
  page.evaluate((next) => (window as unknown as { stillroom: { settings: { update(input: unknown): Promise<unknown> } } }).stillroom.settings.update({ appearance: next }), appearance);

test('add an app from the running ones, see a session close it on every launch and count it into the reflection', async ({ page, preview }) => {
  standIns = new StandInApps();
  const app = standIns.binary('focus-standin');
  const first = await open(app);
  await page.emulateMedia({ colorScheme: 'light' });
  await openAt(page, preview);

  // Settings → Apps: turn closing on, keep only this stand-in on the list, and pick it from the running apps.
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Apps' });
  await section.getByRole('checkbox', { name: 'Close these apps during a session' }).check();
  for (const category of ['Chat', 'Video and feeds', 'Games']) await section.getByRole('checkbox', { name: category, exact: true }).uncheck();
  await section.getByRole('button', { name: 'Choose from running apps…' }).click();
  await section.getByLabel('Running apps').selectOption({ label: `focus-standin — ${app}` });
  await section.getByRole('button', { name: 'Add this app' }).click();
  await expect(section.getByRole('list', { name: 'Your own apps' })).toContainText(app);
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: join('test-results', 'screenshots', 'apps-settings-running-en.png') });

  // A session closes the app already open, saying so in one line (it was not reached for), then a relaunch, counted.
  // Its file is there: installed here.
  await page.getByRole('navigation').getByRole('button', { name: 'Focus' }).click();
  await page.getByRole('radio', { name: 'Custom' }).check();
  await page.getByLabel('Minutes (5 to 240)').fill('5');
  await page.getByRole('button', { name: 'Start 5 minutes' }).click();
  const status = page.locator('[data-protection="apps"] .protection-status');
  await closed(first);
  await expect(status).toHaveText('Closing focus-standin for this session. The app on your list is closed whenever it opens. Installed here: focus-standin.');
  const relaunched = standIns.launch(app);
  await closed(relaunched);
  await expect(status).toHaveText('Closing focus-standin for this session. The app on your list is closed whenever it opens; closed once so far. Installed here: focus-standin.');
  await status.scrollIntoViewIfNeeded();
  await screenshot(page, 'apps-session-closed-en');

  await setAppearance(page, { theme: 'light', language: 'zh-CN' });
  await expect(status).toHaveText('本次专注将关闭focus-standin。列表中的 1 个应用一打开就会被关闭；到目前为止关闭了 1 次。这台电脑上装有：focus-standin。');
  await status.scrollIntoViewIfNeeded();
  await screenshot(page, 'apps-session-closed-zh-CN');
  await page.getByRole('navigation').getByRole('button', { name: '设置' }).click();
  const chineseSection = page.getByRole('region', { name: '应用' });
  await chineseSection.getByRole('button', { name: '从正在运行的应用中选择…' }).click();
  // What else runs here is the machine's: either the list or the line saying there is none.
  await expect(chineseSection.getByLabel('正在运行的应用').or(chineseSection.getByText('没有可以添加的正在运行的应用'))).toBeVisible();
  await chineseSection.scrollIntoViewIfNeeded();
  await chineseSection.screenshot({ path: join('test-results', 'screenshots', 'apps-settings-zh-CN.png') });

  await setAppearance(page, { theme: 'dark', language: 'en' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('navigation').getByRole('button', { name: 'Focus' }).click();
  await expect(status).toHaveText('Closing focus-standin for this session. The app on your list is closed whenever it opens; closed once so far. Installed here: focus-standin.');
  await status.scrollIntoViewIfNeeded();
  await screenshot(page, 'apps-session-closed-dark-en');

  // The session ends: the reflection says what was reached for, and the app may open again.
  await advance(page, preview, 5 * MINUTE);
  await expect(page.getByRole('status').filter({ hasText: 'Session complete' })).toBeVisible();
  await page.getByRole('button', { name: 'Write a reflection' }).click();
  await expect(page.getByTestId('fact-reached-apps')).toHaveText('You reached for focus-standin once.');
  await screenshot(page, 'apps-reflection-dark-en');
  const after = await open(app);
  await page.waitForTimeout(1_200);
  expect(isRunning(after)).toBe(true);
});

test('choose an app’s file, import one from a list, leave apps open at the start to the user for 30 s, in both languages', async ({ page, launch }) => {
  standIns = new StandInApps();
  const app = standIns.binary('focus-standin');
  // Electron's file dialog cannot run here: the preview is given a picker that answers as the OS one would.
  const picks: (string | null)[] = ['/usr/bin/bash', app];
  const preview = await launch({ chooseFile: async () => picks.shift() ?? null });
  const first = await open(app);
  await page.emulateMedia({ colorScheme: 'light' });
  await openAt(page, preview);

  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Apps' });
  await section.getByRole('checkbox', { name: 'Close these apps during a session' }).check();
  for (const category of ['Chat', 'Video and feeds', 'Games']) await section.getByRole('checkbox', { name: category, exact: true }).uncheck();
  // A refused file says why and adds nothing; the stand-in's file is added as a path.
  await section.getByRole('button', { name: 'Choose a file…' }).click();
  await expect(section.getByRole('alert')).toHaveText('“/usr/bin/bash” cannot be added: it names a part of the system or the desktop, which Stillroom never closes.');
  await section.getByRole('button', { name: 'Choose a file…' }).click();
  await expect(section.getByRole('list', { name: 'Your own apps' })).toContainText(app);
  await expect(section.getByRole('alert')).toHaveCount(0);

  // Settings → Blocking's import takes app lines too: a refused one is reported with its line and why.
  const blocking = page.getByRole('region', { name: 'Blocking' });
  await blocking.getByRole('textbox', { name: 'List to import' }).fill(['calm.example', 'app:flatpak im.riot.Riot', 'app:executable gnome-shell'].join('\n'));
  await blocking.getByRole('button', { name: 'Import', exact: true }).click();
  const report = blocking.getByTestId('import-report');
  await expect(report).toContainText('Apps: added 1, already there 0.');
  await expect(report).toContainText('Line 3: “app:executable gnome-shell”: it names a part of the system or the desktop, which Stillroom never closes.');
  await expect(section.getByRole('list', { name: 'Your own apps' })).toContainText('im.riot.Riot');

  // How apps close: a longer grace, and the apps open at the start left to the user.
  await section.getByLabel('Time an app has to close by itself before it is forced').selectOption('10');
  await section.getByRole('checkbox', { name: /^Let me close apps already open/ }).check();
  await section.getByRole('group', { name: 'How apps close' }).scrollIntoViewIfNeeded();
  await section.screenshot({ path: join('test-results', 'screenshots', 'apps-settings-closing-en.png') });
  await expect.poll(async () => JSON.parse(await readFile(join(preview.dataDir, 'settings.json'), 'utf8')).apps).toMatchObject({ closeGraceSeconds: 10, waitForOpenApps: true });

  // The session leaves the app that was open alone, and says when it closes; a launch is closed at once.
  await page.getByRole('navigation').getByRole('button', { name: 'Focus' }).click();
  await page.getByRole('radio', { name: 'Custom' }).check();
  await page.getByLabel('Minutes (5 to 240)').fill('5');
  await page.getByRole('button', { name: 'Start 5 minutes' }).click();
  const status = page.locator('[data-protection="apps"] .protection-status');
  await expect(status).toHaveText('focus-standin closes 30 s after the start: save what you were doing. The 2 apps on your list are closed whenever they open. Installed here: focus-standin.');
  const launched = standIns.launch(app);
  await closed(launched);
  await expect(status).toContainText('closed once so far.');
  expect(isRunning(first)).toBe(true);
  await status.scrollIntoViewIfNeeded();
  await screenshot(page, 'apps-open-at-start-en');
  await setAppearance(page, { theme: 'light', language: 'zh-CN' });
  await expect(status).toHaveText('focus-standin将在开始 30 秒后关闭：请先保存手头的内容。列表中的 2 个应用一打开就会被关闭；到目前为止关闭了 1 次。这台电脑上装有：focus-standin。');
  await screenshot(page, 'apps-open-at-start-zh-CN');
  await page.getByRole('navigation').getByRole('button', { name: '设置' }).click();
  const chinese = page.getByRole('region', { name: '应用' });
  await chinese.getByRole('group', { name: '关闭方式' }).scrollIntoViewIfNeeded();
  await expect(chinese.getByRole('button', { name: '选择文件…' })).toBeVisible();
  await chinese.screenshot({ path: join('test-results', 'screenshots', 'apps-settings-closing-zh-CN.png') });
});
