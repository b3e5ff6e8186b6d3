import type { Page } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startPreview } from '../../src-main/preview/preview-server';
import { GuardSandbox, guardSkipReason } from '../system/guard-harness';
import { expect, openApp, screenshot, test } from '../support/preview-fixture';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

async function openBlocking(page: Page) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Blocking' });
  await expect(section.getByRole('checkbox', { name: 'Global video' })).toBeVisible();
  return section;
}

const storedBlocking = async (dataDir: string) => JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')).blocking;

test('says honestly that the guard is not installed in the preview', async ({ page, preview }) => {
  await openApp(page, preview);
  const section = await openBlocking(page);
  const status = section.getByTestId('guard-status');
  await expect(status).toContainText('Not installed. Sites are not blocked during sessions.');
  await expect(status).toContainText('This development preview does not install the guard');
  // No button that could only pretend to install.
  await expect(section.getByRole('button', { name: 'Install the guard' })).toHaveCount(0);
  await screenshot(page, 'blocking-guard-not-installed');
});

test('toggles a list, and the counts and the stored settings follow', async ({ page, preview }) => {
  await openApp(page, preview);
  const section = await openBlocking(page);
  const news = section.getByRole('checkbox', { name: 'News' });
  await expect(news).not.toBeChecked();
  const total = section.getByTestId('blocking-total');
  const before = await total.textContent();
  // Keyboard: focus the checkbox and press Space.
  await news.focus();
  await page.keyboard.press('Space');
  await expect(news).toBeChecked();
  await expect(total).not.toHaveText(before ?? '');
  // A toggle shows at once and is saved when main answers: the file is read until it has the change.
  await expect.poll(async () => (await storedBlocking(preview.dataDir)).enabledCategories).toContain('news');
  await section.getByRole('checkbox', { name: 'Global video' }).click();
  await expect(section.getByRole('checkbox', { name: 'Global video' })).not.toBeChecked();
  await expect.poll(async () => (await storedBlocking(preview.dataDir)).enabledCategories).not.toContain('global-video');
});

test('adds a valid domain, and refuses an invalid one with the reason while nothing changes', async ({ page, preview }) => {
  await openApp(page, preview);
  const section = await openBlocking(page);
  const input = section.getByRole('textbox', { name: 'Site to block' });
  await input.fill('https://www.Example.org/');
  await input.press('Enter');
  const list = section.getByRole('list', { name: 'Your sites' });
  await expect(list.getByText('www.example.org')).toBeVisible();
  await expect(input).toHaveValue('');

  const before = await readFile(join(preview.dataDir, 'settings.json'), 'utf8');
  await input.fill('youtube.com/watch?v=1');
  // Each list has its own Add (your sites, the allowlist): this one's.
  await section.getByRole('group', { name: 'Your sites', exact: true }).getByRole('button', { name: 'Add', exact: true }).click();
  await expect(section.getByRole('alert')).toHaveText('“youtube.com/watch?v=1” was not added: it has a query (after ?); give the site and path alone.');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await input.fill(`${'a'.repeat(300)}.com`);
  await input.press('Enter');
  await expect(section.getByRole('alert')).toContainText('one part is longer than 63 characters.');
  expect(await readFile(join(preview.dataDir, 'settings.json'), 'utf8')).toBe(before);
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await screenshot(page, 'blocking-invalid-domain');

  await list.getByRole('button', { name: 'Remove www.example.org' }).click();
  await expect(section.getByText('No sites of your own yet.')).toBeVisible();
});

test('imports a list with bad lines and shows the report; exports both formats', async ({ page, preview }) => {
  await openApp(page, preview);
  const section = await openBlocking(page);
  // A file chosen in the picker is read in the renderer and shown before anything is imported.
  const listFile = '0.0.0.0 from-a-file.example\n';
  await section.locator('input[type=file]').setInputFiles({ name: 'list.hosts', mimeType: 'text/plain', buffer: Buffer.from(listFile) });
  await expect(section.getByRole('textbox', { name: 'List to import' })).toHaveValue(listFile);
  await section.getByRole('textbox', { name: 'List to import' }).fill(
    ['# my list', 'focus-thief.example', 'two words.example', '0.0.0.0 hosts-line.example localhost', '10.0.0.7 nas.example', 'https://x.example/path'].join('\n'),
  );
  await section.getByRole('button', { name: 'Import', exact: true }).click();
  const report = section.getByTestId('import-report');
  // A pasted address with a path is a path rule now; a path inside a hosts line is still a mistake.
  await expect(report).toContainText('Added 3, already there 0, skipped 1 system lines.');
  await expect(report).toContainText('2 lines were not imported:');
  await expect(report).toContainText('Line 3: “two words.example”: it contains a space.');
  await expect(report).toContainText('Line 5: “10.0.0.7 nas.example”: this hosts line sends the name to a real address, not a block.');
  const list = section.getByRole('list', { name: 'Your sites' });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list.getByTestId('reach-x.example/path')).toHaveText('Browsers only');
  expect((await storedBlocking(preview.dataDir)).domains).toEqual(['focus-thief.example', 'hosts-line.example', 'x.example/path']);
  await screenshot(page, 'blocking-import-report');

  const plain = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Export as text' }).click();
  const plainFile = await plain;
  expect(plainFile.suggestedFilename()).toBe('stillroom-blocklist.txt');
  const plainText = await readFile((await plainFile.path())!, 'utf8');
  expect(plainText.split('\n').filter((line) => line && !line.startsWith('#'))).toEqual(['focus-thief.example', 'hosts-line.example', 'x.example/path']);

  const hosts = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Export as hosts file' }).click();
  const hostsText = await readFile((await (await hosts).path())!, 'utf8');
  expect(hostsText).toContain('0.0.0.0 www.focus-thief.example\n:: www.focus-thief.example\n');
  expect(hostsText).not.toContain('x.example');
});

test('a path rule and a path exception show their reach; the switch says what it costs and changes both', async ({ page, preview }) => {
  await openApp(page, preview);
  const section = await openBlocking(page);
  await expect(section.getByTestId('reach-explain')).toHaveText(
    'A rule with a path, such as youtube.com/shorts, is enforced by browsers; the hosts file takes whole sites, for every program.',
  );
  const site = section.getByRole('textbox', { name: 'Site to block' });
  await site.fill('youtube.com/shorts');
  await site.press('Enter');
  await site.fill('example.org');
  await site.press('Enter');
  const exception = section.getByRole('textbox', { name: 'Site to allow' });
  await exception.fill('https://www.youtube.com/watch');
  await exception.press('Enter');
  const sites = section.getByRole('list', { name: 'Your sites' });
  const allowed = section.getByRole('list', { name: 'Always allowed' });
  await expect(sites.getByTestId('reach-youtube.com/shorts')).toHaveText('Browsers only');
  await expect(sites.getByTestId('reach-example.org')).toHaveText('System-wide');
  await expect(allowed.getByTestId('reach-www.youtube.com/watch')).toHaveText('Browsers only');
  await expect(allowed.getByTestId('reach-accounts.youtube.com')).toHaveText('System-wide');
  expect(await storedBlocking(preview.dataDir)).toMatchObject({ domains: ['youtube.com/shorts', 'example.org'], allow: ['accounts.youtube.com', 'www.youtube.com/watch'] });

  // The feed lists carry their own path rules, shown as browsers only.
  await section.getByRole('listitem').filter({ hasText: 'Global feeds' }).getByText('Show sites').click();
  await expect(section.getByTestId('paths-global-feeds')).toHaveText('In browsers only: youtube.com/shorts');

  // The preview has no guard: no browser is said to be covered.
  const policies = section.getByRole('switch', { name: 'Browser policies' });
  await expect(policies).toBeChecked();
  await expect(section.getByTestId('policies-consequence')).toHaveText('Chrome and Edge will show “Managed by your organisation” during a session.');
  await expect(section.getByTestId('policies-reach')).toContainText('so the reflection does not count the times you reached for one there');
  await expect(section.getByTestId('browser-coverage')).toHaveText('The guard is not answering, so it has not said which browsers it covers. None are counted as covered.');
  await expect(section.getByTestId('browser-coverage')).not.toContainText('covered now');
  await section.getByRole('heading', { name: 'Browser policies' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'blocking-path-rules-and-policies');

  await policies.focus();
  await page.keyboard.press('Space');
  await expect(policies).not.toBeChecked();
  await expect(section.getByTestId('policies-consequence')).toContainText('Off: browsers are not asked to do anything.');
  await expect(section.getByTestId('browser-coverage')).toHaveCount(0);
  await expect(section.getByTestId('policies-reach')).toHaveCount(0);
  await expect(sites.getByTestId('reach-youtube.com/shorts')).toHaveText('Not in effect: browser policies are off');
  await expect(allowed.getByTestId('reach-www.youtube.com/watch')).toHaveText('Not in effect: browser policies are off');
  await expect(sites.getByTestId('reach-example.org')).toHaveText('System-wide');
  await expect.poll(async () => (await storedBlocking(preview.dataDir)).browserPolicies).toBe(false);
  // With policies off there is nothing to warn about.
  await expect(page.getByTestId('notice-browser-policies')).toHaveCount(0);
  await screenshot(page, 'blocking-policies-off');

  await page.getByRole('radio', { name: '简体中文' }).check();
  const zh = page.getByRole('region', { name: '屏蔽' });
  const zhPolicies = zh.getByRole('switch', { name: '浏览器策略' });
  await expect(zh.getByTestId('reach-youtube.com/shorts')).toHaveText('未生效：浏览器策略已关闭');
  await zhPolicies.check();
  await expect(zh.getByTestId('reach-youtube.com/shorts')).toHaveText('仅浏览器');
  await expect(zh.getByTestId('reach-example.org')).toHaveText('全系统');
  await expect(zh.getByTestId('policies-consequence')).toHaveText('专注期间，Chrome 和 Edge 会显示“由你的组织管理”。');
  await expect(zh.getByTestId('policies-reach')).toContainText('不会计入反思');
  await expect(zh.getByTestId('reach-explain')).toContainText('带路径的规则');
  await zh.getByRole('heading', { name: '浏览器策略' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'blocking-path-rules-zh-CN');
});

test('says before the first session, once, that Chrome will say it is managed; dismissed, it stays away', async ({ page, preview }) => {
  await openApp(page, preview);
  const notice = page.getByTestId('notice-browser-policies');
  await expect(notice).toHaveRole('status');
  await expect(notice).toContainText('While they are set, Chrome and Edge show “Managed by your organisation”.');
  await expect(notice).toContainText('You can turn this off in Settings, under Blocking.');
  await screenshot(page, 'blocking-policies-notice');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await expect.poll(async () => (await storedBlocking(preview.dataDir)).browserPoliciesNoticeDismissed).toBe(true);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await expect(page.getByTestId('notice-browser-policies')).toHaveCount(0);
});

test('the notice in Chinese, for settings from before browser policies', async ({ page, launch }) => {
  const preview = await launch({
    seed: ({ dataDir }) => writeFile(join(dataDir, 'settings.json'), JSON.stringify({ schemaVersion: 2, appearance: { language: 'zh-CN' }, blocking: { domains: ['example.org'] } })),
  });
  await openApp(page, preview);
  const notice = page.getByTestId('notice-browser-policies');
  await expect(notice).toContainText('策略生效时，Chrome 和 Edge 会显示“由你的组织管理”。');
  // The migration turned browser policies on and kept the user's own sites.
  expect(await storedBlocking(preview.dataDir)).toMatchObject({ domains: ['example.org'], browserPolicies: true });
  await screenshot(page, 'blocking-policies-notice-zh-CN');
  await notice.getByRole('button', { name: '知道了' }).click();
  await expect(notice).toHaveCount(0);
});

test('a palette command takes the keyboard to the site input; the section reads in Chinese', async ({ page, preview }) => {
  await openApp(page, preview);
  await page.keyboard.press(`${mod}+k`);
  await page.keyboard.type('add a site to the blocklist');
  await page.keyboard.press('Enter');
  const input = page.getByRole('textbox', { name: 'Site to block' });
  await expect(input).toBeFocused();
  await page.keyboard.type('bad_host.example');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('it contains a character a domain cannot have.');

  await page.getByRole('radio', { name: '简体中文' }).check();
  const section = page.getByRole('region', { name: '屏蔽' });
  await expect(section.getByTestId('guard-status')).toContainText('尚未安装。专注期间网站不会被屏蔽。');
  await expect(section.getByRole('checkbox', { name: '国内视频' })).toBeChecked();
  await screenshot(page, 'blocking-zh-CN');
});

test('with a real root guard: installed and running, then the lease of a running session', async ({ page }) => {
  const skip = guardSkipReason();
  test.skip(skip !== null, `no real guard here: ${skip}`);
  // The guard runs as root in a private mount namespace over a stand-in /etc/hosts (see e2e/system/guard-harness.ts).
  const sandbox = new GuardSandbox({ original: '127.0.0.1 localhost\n127.0.0.2 www.youtube.com\n', intervalMs: 500 });
  const root = await mkdtemp(join(tmpdir(), 'stillroom-e2e-guard-'));
  const preview = await startPreview({
    dataDir: join(root, 'data'),
    vaultDir: join(root, 'vault'),
    rendererRoot: resolve('out/renderer'),
    clock: 'system',
    host: { log: () => undefined, guardSocketPath: sandbox.socketPath },
  });
  const caller = { trusted: true, description: 'e2e' };
  try {
    const info = await preview.core.router.dispatch('stillroom:app.info', undefined, caller);
    if (!info.ok) throw new Error(info.error.message);
    const { version } = info.value as { version: string };
    // The guard as the installer would configure it for this app's version.
    const config = JSON.parse(await readFile(sandbox.configPath, 'utf8'));
    await writeFile(sandbox.configPath, JSON.stringify({ ...config, version }), { mode: 0o644 });
    await sandbox.startAndWait();

    await page.goto(preview.url);
    const section = await openBlocking(page);
    await expect(section.getByTestId('guard-status')).toHaveText(`Installed and running (version ${version}).`);
    // The guard's own report, before any lease: Debian's Chromium is installed here, its policy not yet written.
    const browsers = section.getByTestId('browser-coverage');
    await expect(browsers).toContainText('Chromium: installed; covered once a session starts.');
    await expect(browsers).toContainText('Google Chrome: not installed.');
    await expect(browsers).not.toContainText('covered now');

    const started = await preview.core.router.dispatch('stillroom:session.start', { minutes: 25, mode: 'flexible' }, caller);
    expect(started.ok).toBe(true);
    const endsAt = (started as { value: { session: { endsAt: number } } }).value.session.endsAt;
    const until = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(endsAt);
    // Core watches the guard and pushes blocking.changed; the lease shows once the guard reports it.
    await expect(section.getByTestId('guard-status')).toContainText(`until ${until}.`, { timeout: 15_000 });
    expect(sandbox.hosts()).toMatch(/^0\.0\.0\.0 www\.youtube\.com$/m);
    await expect(browsers).toContainText('Chromium: covered now.', { timeout: 15_000 });
    await section.getByRole('heading', { name: 'Browser policies' }).scrollIntoViewIfNeeded();
    await section.screenshot({ path: join('test-results', 'screenshots', 'blocking-guard-browsers-covered.png') });
    await screenshot(page, 'blocking-guard-running-lease');
  } finally {
    await preview.close();
    await sandbox.dispose();
    await rm(root, { recursive: true, force: true });
  }
});
