import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DesktopSession, desktopSkipReason } from '../system/desktop-session';
import { expect, openApp, screenshot, test, type PreviewHandle } from '../support/preview-fixture';

// A private desktop (temp HOME and XDG dirs set before dbus-run-session, Xvfb on a display it picks itself) with a
// real dunst: the preview's core mutes it through the real NotificationsProtection. The machine's own is untouched.
const skip = desktopSkipReason();
test.skip(skip !== null, skip ?? '');

const MINUTE = 60_000;
let desktop: DesktopSession | null = null;

test.afterEach(async () => {
  await desktop?.dispose();
  desktop = null;
});

const labels = {
  en: { custom: 'Custom', minutes: 'Minutes (5 to 240)', start: 'Start 5 minutes' },
  'zh-CN': { custom: '自定义', minutes: '分钟（5 到 240）', start: '开始 5 分钟' },
};

async function startFiveMinutes(page: Page, preview: PreviewHandle, language: keyof typeof labels = 'en') {
  const label = labels[language];
  await page.clock.install({ time: preview.clock.now() });
  await openApp(page, preview);
  await page.getByRole('radio', { name: label.custom }).check();
  await page.getByLabel(label.minutes).fill('5');
  await page.getByRole('button', { name: label.start }).click();
}

const dunstPaused = () => desktop!.run('dunstctl', ['is-paused']).trim();

test('a session mutes dunst, says so and that it was checked, and unmutes it at the end', async ({ page, launch }) => {
  desktop = await DesktopSession.start();
  await desktop.startDunst();
  expect(dunstPaused()).toBe('false');
  const preview = await launch({ notificationsEnv: desktop.env });

  await startFiveMinutes(page, preview);
  const status = page.locator('[data-protection="notifications"]');
  await expect(status.locator('.protection-status')).toHaveText('Notifications muted (dunst, checked).');
  await expect(status).toHaveAttribute('data-state', 'active');
  expect(dunstPaused()).toBe('true');
  await screenshot(page, 'notifications-muted-en');

  preview.clock.advance(5 * MINUTE);
  await page.clock.runFor(5 * MINUTE);
  await expect(page.getByRole('status').filter({ hasText: 'Session complete' })).toBeVisible();
  await expect.poll(dunstPaused).toBe('false');
});

test('the same in Chinese', async ({ page, launch }) => {
  desktop = await DesktopSession.start();
  await desktop.startDunst();
  const preview = await launch({
    notificationsEnv: desktop.env,
    seed: ({ dataDir }) => writeFile(join(dataDir, 'settings.json'), JSON.stringify({ schemaVersion: 1, appearance: { language: 'zh-CN' } })),
  });
  await startFiveMinutes(page, preview, 'zh-CN');
  await expect(page.locator('[data-protection="notifications"] .protection-status')).toHaveText('通知已静音（dunst，已核实）。');
  expect(dunstPaused()).toBe('true');
  await screenshot(page, 'notifications-muted-zh-CN');

  await page.getByRole('navigation').getByRole('button', { name: '设置' }).click();
  const section = page.getByRole('region', { name: '通知' });
  await expect(section.getByTestId('notifications-session-status')).toHaveText('当前专注：通知已静音（dunst，已核实）。');
  await section.screenshot({ path: join('test-results', 'screenshots', 'notifications-settings-zh-CN.png') });
});

test('a bus with no notification server: it says why notifications are not muted, never a green light', async ({ page, launch }) => {
  desktop = await DesktopSession.start();
  const preview = await launch({ notificationsEnv: desktop.env });
  await startFiveMinutes(page, preview);
  const status = page.locator('[data-protection="notifications"]');
  await expect(status.locator('.protection-status')).toHaveText('Notifications are not muted: no notification server is running, so none can appear.');
  await expect(status).toHaveAttribute('data-state', 'unavailable');
  await screenshot(page, 'notifications-no-server-en');
});

test('Settings before a session, on a bus with no notification server: says so in the caution colour, and looks again on request', async ({ page, launch }) => {
  desktop = await DesktopSession.start();
  const preview = await launch({ notificationsEnv: desktop.env });
  await openApp(page, preview);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  const desktopPart = page.getByRole('region', { name: 'Notifications' }).getByTestId('notifications-desktop');
  const line = desktopPart.getByRole('paragraph').first();
  await expect(line).toHaveText('Notifications are not muted: no notification server is running, so none can appear.');
  await expect(line).toHaveClass('caution');
  // The user starts a notification server; checking again finds it.
  await desktop.startDunst();
  await desktopPart.getByRole('button', { name: 'Check again' }).click();
  await expect(line).toHaveText('A session mutes notifications through dunst, and checks that they are muted.');
  await expect(line).not.toHaveClass('caution');
  await desktopPart.screenshot({ path: join('test-results', 'screenshots', 'notifications-settings-check-en.png') });
});

test('Settings → Notifications: leaving them alone is kept, and the next session says so and leaves dunst running', async ({ page, launch }) => {
  desktop = await DesktopSession.start();
  await desktop.startDunst();
  const preview = await launch({ notificationsEnv: desktop.env });
  await openApp(page, preview);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Notifications' });
  // Before any session, Settings says what one would do here, from a check that only reads.
  const desktopLine = section.getByTestId('notifications-desktop').getByRole('paragraph').first();
  await expect(desktopLine).toHaveText('A session mutes notifications through dunst, and checks that they are muted.');
  expect(dunstPaused()).toBe('false');
  await section.getByRole('radio', { name: 'Leave them alone' }).check();
  await expect(desktopLine).toHaveText('Notifications are left alone, as chosen in Settings.');
  await expect.poll(async () => JSON.parse(await readFile(join(preview.dataDir, 'settings.json'), 'utf8')).notifications).toEqual({ muteDuringSessions: false });
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'notifications-settings-en');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Focus' }).click();
  await page.getByRole('radio', { name: 'Custom' }).check();
  await page.getByLabel('Minutes (5 to 240)').fill('5');
  await page.getByRole('button', { name: 'Start 5 minutes' }).click();
  await expect(page.locator('[data-protection="notifications"] .protection-status')).toHaveText('Notifications are left alone, as chosen in Settings.');
  expect(dunstPaused()).toBe('false');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  await expect(section.getByTestId('notifications-session-status')).toHaveText('In the running session: Notifications are left alone, as chosen in Settings.');
});
