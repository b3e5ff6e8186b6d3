import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, openApp, screenshot, test } from '../support/preview-fixture';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

test('walks the four views by keyboard alone', async ({ page, preview }) => {
  await openApp(page, preview);
  const nav = page.getByRole('navigation', { name: 'Sections' });

  // The Focus view starts in its intent field; Shift+Tab reaches the sections, arrows move (and wrap), Enter opens.
  await expect(page.getByRole('textbox').first()).toBeFocused();
  // Before the first session the browser-policies notice sits above the view: its Dismiss comes first.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('notice-browser-policies').getByRole('button', { name: 'Dismiss' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(nav.getByRole('button', { name: 'Settings' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(nav.getByRole('button', { name: 'Focus' })).toBeFocused();
  for (const name of ['Notepad', 'Reflections', 'Settings']) {
    await page.keyboard.press('ArrowDown');
    await expect(nav.getByRole('button', { name })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
    await expect(nav.getByRole('button', { name })).toHaveAttribute('aria-current', 'page');
    await nav.getByRole('button', { name }).focus();
  }
  await page.keyboard.press('ArrowUp');
  await expect(nav.getByRole('button', { name: 'Reflections' })).toBeFocused();

  // Mod+1..4 go straight to a view from anywhere.
  await page.keyboard.press(`${mod}+2`);
  await expect(page.getByRole('heading', { level: 1, name: 'Notepad' })).toBeFocused();
  await page.keyboard.press(`${mod}+1`);
  await expect(page.getByRole('heading', { level: 1, name: 'Focus' })).toBeVisible();
});

test('the command palette runs commands by keyboard', async ({ page, preview }) => {
  await openApp(page, preview);
  await page.keyboard.press(`${mod}+k`);
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await page.keyboard.type('go to reflections');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Reflections' })).toBeVisible();

  await page.keyboard.press(`${mod}+k`);
  await page.keyboard.type('zzz no such command');
  await expect(palette.getByText('No command matches.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
});

test('switches theme and language, keeps them on disk, and shows every view in both languages', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page, preview);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');

  for (const view of ['Focus', 'Notepad', 'Reflections', 'Settings']) {
    await page.getByRole('button', { name: view }).click();
    await screenshot(page, `foundation-${view.toLowerCase()}-en-light`);
  }

  // Settings by keyboard: the theme radio group, then the language group.
  await page.getByRole('radio', { name: 'Dark' }).focus();
  await page.keyboard.press('Space');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await screenshot(page, 'foundation-settings-en-dark');

  await page.getByRole('radio', { name: '简体中文' }).check();
  await expect(html).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '设置' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: '栏目' });
  for (const [name, file] of [
    ['专注', 'focus'],
    ['笔记', 'notepad'],
    ['回顾', 'reflections'],
    ['设置', 'settings'],
  ] as const) {
    await nav.getByRole('button', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await screenshot(page, `foundation-${file}-zh-CN-dark`);
  }
  await page.getByRole('radio', { name: '浅色' }).check();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await screenshot(page, 'foundation-settings-zh-CN-light');

  const saved = JSON.parse(await readFile(join(preview.dataDir, 'settings.json'), 'utf8')) as { appearance: unknown };
  expect(saved.appearance).toEqual({ theme: 'light', language: 'zh-CN' });

  // A reload reads them back from the core.
  await page.reload();
  await expect(page.getByRole('navigation', { name: '栏目' })).toBeVisible();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('follows the OS theme until the user chooses one', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page, preview);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('forged calls through the bridge are refused with typed errors and change nothing', async ({ request, preview }) => {
  const settingsFile = join(preview.dataDir, 'settings.json');
  const before = await readFile(settingsFile, 'utf8');
  const call = (channel: string, payload: unknown, token = preview.token, extra: Record<string, string> = {}) =>
    request.post(`${preview.origin}/__preview/ipc/${encodeURIComponent(channel)}`, {
      headers: { 'X-Stillroom-Token': token, 'Content-Type': 'application/json', ...extra },
      data: JSON.stringify({ payload }),
    });
  const validTheme = { appearance: { theme: 'dark', language: 'en' } };

  const cases: [string, Promise<Awaited<ReturnType<typeof call>>>, string][] = [
    ['unknown channel', call('stillroom:settings.deleteEverything', undefined), 'unknown-channel'],
    ['channel without prefix', call('settings.update', validTheme), 'unknown-channel'],
    ['wrong types', call('stillroom:settings.update', { appearance: { theme: 42, language: 'en' } }), 'invalid-payload'],
    ['extra fields', call('stillroom:settings.update', { ...validTheme, vaultDir: '/etc' }), 'invalid-payload'],
    ['extra nested field', call('stillroom:settings.update', { appearance: { theme: 'dark', language: 'en', x: 1 } }), 'invalid-payload'],
    ['10 MB string', call('stillroom:app.openExternal', { url: `https://example.com/${'a'.repeat(10 * 1024 * 1024)}` }), 'invalid-payload'],
    ['a file: URL to open', call('stillroom:app.openExternal', { url: 'file:///etc/passwd' }), 'invalid-payload'],
    ['wrong token', call('stillroom:settings.update', validTheme, 'not-the-token'), 'forbidden-sender'],
    ['no token', call('stillroom:settings.update', validTheme, ''), 'forbidden-sender'],
    ['another origin', call('stillroom:settings.update', validTheme, preview.token, { Origin: 'https://evil.example' }), 'forbidden-sender'],
  ];
  for (const [label, pending, code] of cases) {
    const response = await pending;
    const body = (await response.json()) as { ok: boolean; error?: { code: string } };
    expect(body, label).toMatchObject({ ok: false, error: { code } });
  }

  // A body over the bridge's limit is refused before parsing.
  const huge = await call('stillroom:settings.update', 'x'.repeat(33 * 1024 * 1024));
  expect(huge.status()).toBe(413);
  expect(await huge.json()).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });

  // Events need the token too.
  const events = await request.get(`${preview.origin}/__preview/events?token=wrong`);
  expect(events.status()).toBe(403);

  expect(await readFile(settingsFile, 'utf8')).toBe(before);
  expect((await readdir(preview.dataDir)).sort()).toEqual(['settings.json']);

  // And the same bridge does work with the token, so the refusals above are not an accident.
  const accepted = await call('stillroom:settings.update', validTheme);
  expect(await accepted.json()).toMatchObject({ ok: true, value: { settings: { appearance: { theme: 'dark' } } } });
});

test('survives a corrupt settings file: defaults, a dated backup, and a notice', async ({ page, launch }) => {
  const garbage = '{"schemaVersion": 1, "appearance": {"theme": ';
  const handle = await launch({ seed: ({ dataDir }) => writeFile(join(dataDir, 'settings.json'), garbage) });
  await openApp(page, handle);
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('could not be read');
  const backups = (await readdir(handle.dataDir)).filter((name) => name.startsWith('settings.corrupt-'));
  expect(backups).toHaveLength(1);
  expect(await readFile(join(handle.dataDir, backups[0]!), 'utf8')).toBe(garbage);
  await expect(notice).toContainText(backups[0]!);
  await screenshot(page, 'foundation-corrupt-settings-notice');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
});
