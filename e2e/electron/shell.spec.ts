import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { electronSkipReason, launchStillroom, type LaunchedApp } from '../support/electron-app';

// The real desktop shell: runs where an Electron binary is installed (desktops, the GitHub Actions matrix).
const skipReason = electronSkipReason();
test.skip(skipReason !== null, skipReason ?? '');

let launched: LaunchedApp;
test.beforeEach(async () => {
  launched = await launchStillroom();
});
test.afterEach(async () => {
  await launched?.close();
});

test('opens one hardened window on the app:// scheme', async () => {
  const window = await launched.app.firstWindow();
  await expect(window.locator('nav.app-nav')).toBeVisible();
  expect(window.url()).toMatch(/^app:\/\/stillroom\//);
  expect(await window.title()).toBe('Stillroom');

  // No Node in the page, and the contract api is all it got.
  const globals = await window.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    api: Object.keys(window.stillroom).sort(),
  }));
  expect(globals.require).toBe('undefined');
  expect(globals.process).toBe('undefined');
  expect(globals.api).toContain('settings');

  const prefs = await launched.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getLastWebPreferences());
  expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
});

test('denies navigation away and window.open', async () => {
  const window = await launched.app.firstWindow();
  await expect(window.locator('nav.app-nav')).toBeVisible();
  const opened = await window.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  await window.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await window.waitForTimeout(500);
  expect(window.url()).toMatch(/^app:\/\/stillroom\//);
  expect(launched.app.windows()).toHaveLength(1);
});

test('serves a strict CSP and refuses inline script', async () => {
  const window = await launched.app.firstWindow();
  await expect(window.locator('nav.app-nav')).toBeVisible();
  const ran = await window.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true';
    document.head.append(script);
    return (window as { __inline?: boolean }).__inline === true;
  });
  expect(ran).toBe(false);
});

test('keeps settings in its data folder through electron-store', async () => {
  const window = await launched.app.firstWindow();
  await window.getByRole('button', { name: 'Settings' }).click();
  await window.getByRole('radio', { name: 'Dark' }).check();
  await expect(window.locator('html')).toHaveAttribute('data-theme', 'dark');
  const saved = JSON.parse(await readFile(join(launched.userDataDir, 'settings.json'), 'utf8')) as { appearance: { theme: string } };
  expect(saved.appearance.theme).toBe('dark');
});
