import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { advance, expect, openAt, test } from '../support/preview-fixture';

// A fixed zone without DST for both the core (this process) and the page, and a fixed instant in it: Monday
// 2026-11-30, 17:00 in Shanghai. No midnight or DST change is near, whenever the suite runs.
const ZONE = 'Asia/Shanghai';
test.use({ clockStart: Date.UTC(2026, 10, 30, 9), timezoneId: ZONE });
const zoneBefore = process.env.TZ;
test.beforeAll(() => {
  process.env.TZ = ZONE;
});
test.afterAll(() => {
  // process.env turns undefined into the string "undefined": an unset zone is deleted again.
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

const setAppearance = (page: Page, appearance: { theme: 'light' | 'dark'; language: 'en' | 'zh-CN' }) =>
  page.evaluate((next) => (window as unknown as { stillroom: { settings: { update(input: unknown): Promise<unknown> } } }).stillroom.settings.update({ appearance: next }), appearance);

test('add a rule with the keyboard and one with the mouse, see their next windows, skip today, and remove a locked rule (pending)', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openAt(page, preview);
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Schedule' });
  await expect(section).toContainText('Scheduled sessions start only while Stillroom runs: a closed app means no scheduled block.');
  await expect(section).toContainText('No rules yet.');
  const form = section.getByRole('form', { name: 'Add a rule' });

  // With the keyboard: Monday and Wednesday (Mon–Fri is chosen to begin with), 18:00 for 45 minutes, flexible.
  for (const day of ['Tue', 'Thu', 'Fri']) {
    await form.getByRole('button', { name: day, exact: true }).focus();
    await page.keyboard.press('Space');
  }
  await expect(form.getByRole('button', { name: 'Tue', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await form.getByLabel('Start').focus();
  await page.keyboard.type('1800');
  await form.getByLabel('Ends').focus();
  await form.getByLabel('Ends').selectOption('length');
  await form.getByLabel('Length in minutes').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('45');
  await form.getByRole('radio', { name: 'Flexible' }).focus();
  await page.keyboard.press('Space');
  await form.getByRole('checkbox', { name: 'your own sites' }).focus();
  await page.keyboard.press('Space');
  await form.getByLabel('Intent').focus();
  await page.keyboard.type('Read the paper');
  await page.keyboard.press('Enter');

  const rules = section.getByRole('list', { name: 'Rules' }).getByRole('listitem');
  await expect(rules).toHaveCount(1);
  await expect(rules.nth(0)).toContainText('Mon, Wed 18:00, 45 min · Flexible');
  await expect(rules.nth(0)).toContainText('Blocks your own sites');
  await expect(rules.nth(0)).toContainText('Intent: “Read the paper”');
  await expect(rules.nth(0).getByTestId('schedule-next')).toHaveText('Next: Mon 18:00');

  // With the mouse: the form starts over (Mon–Fri 09:00–11:30); locked, blocking your own apps.
  await form.getByRole('radio', { name: 'Locked' }).click();
  await form.getByRole('checkbox', { name: 'your own apps' }).click();
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(rules).toHaveCount(2);
  await expect(rules.nth(1)).toContainText('Mon, Tue, Wed, Thu, Fri 09:00–11:30 · Locked');
  await expect(rules.nth(1).getByTestId('schedule-next')).toHaveText('Next: Tue 09:00');
  await expect(rules.nth(1).getByRole('button', { name: 'Skip today' })).toHaveCount(0);

  await rules.nth(0).getByRole('button', { name: 'Skip today' }).click();
  await expect(rules.nth(0).getByTestId('schedule-next')).toHaveText('Skipped today');

  // Removing the locked rule waits a day: it stays, pending, with the reason in one line.
  await rules.nth(1).getByRole('button', { name: 'Remove the rule Mon, Tue, Wed, Thu, Fri 09:00–11:30' }).click();
  await expect(rules.nth(1).locator('.schedule-pending')).toHaveText('Removal pending until Tue, Dec 1, 17:00.');
  await expect(rules.nth(1)).toContainText('A locked rule is loosened or removed only after 24 hours');
  await expect(rules).toHaveCount(2);
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: join('test-results', 'screenshots', 'schedule-settings-en.png') });

  await setAppearance(page, { theme: 'dark', language: 'zh-CN' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const chinese = page.getByRole('region', { name: '日程' });
  // Chromium's and Node's Chinese date formats differ by a space between the weekday and the time.
  await expect(chinese).toContainText('计划专注只在静室运行时开始：静室关闭时，不会有计划的屏蔽。');
  await expect(chinese.getByTestId('schedule-next').nth(0)).toHaveText('今天已跳过');
  await expect(chinese.getByRole('list', { name: '规则' }).getByRole('listitem').nth(1)).toContainText('周一、周二、周三、周四、周五 09:00–11:30 · 锁定');
  await expect(chinese.getByTestId('schedule-next').nth(1)).toHaveText(/^下次：周二 ?09:00$/);
  await expect(chinese.locator('.schedule-pending')).toHaveText(/^移除待生效，生效时间：12月1日周二 ?17:00。$/);
  await chinese.scrollIntoViewIfNeeded();
  await chinese.screenshot({ path: join('test-results', 'screenshots', 'schedule-settings-zh-CN-dark.png') });
});

test('the Focus view shows the next window, and its session starting by itself at the window\'s start (test clock)', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openAt(page, preview);
  await page.evaluate(
    (rule) => (window as unknown as { stillroom: { schedule: { add(input: unknown): Promise<unknown> } } }).stillroom.schedule.add(rule),
    {
      days: ['mo'],
      start: '17:30',
      end: { kind: 'until', time: '18:15' },
      mode: 'committed',
      blocks: { sites: ['global-feeds'], ownSites: false, apps: [], ownApps: false },
      intent: 'the thesis',
    },
  );
  // Pushed by main (schedule.changed): the Focus view shows it without a reload.
  const next = page.getByTestId('next-window');
  await expect(next).toContainText('Next scheduled session: Mon 17:30–18:15');
  await expect(next).toContainText('Scheduled sessions start only while Stillroom runs: a closed app means no scheduled block.');
  await page.screenshot({ path: join('test-results', 'screenshots', 'schedule-focus-next-en.png'), fullPage: true });

  // 17:30 on both clocks: the core starts the window's session; the Focus view shows it running, marked.
  await advance(page, preview, 30 * 60_000);
  await expect(page.getByTestId('scheduled-mark')).toHaveText('Scheduled: 17:30–18:15');
  await expect(page.locator('.focus-intent')).toHaveText('the thesis');
  await page.screenshot({ path: join('test-results', 'screenshots', 'schedule-focus-running-en.png'), fullPage: true });

  await setAppearance(page, { theme: 'light', language: 'zh-CN' });
  await expect(page.getByTestId('scheduled-mark')).toHaveText('计划专注：17:30–18:15');
  await page.screenshot({ path: join('test-results', 'screenshots', 'schedule-focus-running-zh-CN.png'), fullPage: true });
});
