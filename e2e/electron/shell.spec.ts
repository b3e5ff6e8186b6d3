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
  const page = await launched.app.firstWindow();
  await expect(page.locator('nav.app-nav')).toBeVisible();
  expect(page.url()).toMatch(/^app:\/\/stillroom\//);
  expect(await page.title()).toBe('Stillroom');

  // No Node in the page, and the contract api is all it got.
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    api: Object.keys(window.stillroom).sort(),
  }));
  expect(globals.require).toBe('undefined');
  expect(globals.process).toBe('undefined');
  expect(globals.api).toContain('settings');

  // Sandboxed and isolated: the page's world has no Electron or Node objects at all.
  const isolated = await page.evaluate(() => typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer === 'undefined');
  expect(isolated).toBe(true);
});

test('denies navigation away and window.open', async () => {
  const page = await launched.app.firstWindow();
  await expect(page.locator('nav.app-nav')).toBeVisible();
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  await expect.poll(() => launched.stderr()).toContain('refused window.open(https://example.com/)');
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  // The shell logs each navigation it refuses: once it has, the page must still be ours.
  await expect.poll(() => launched.stderr()).toContain('refused navigation to https://example.com/');
  expect(page.url()).toMatch(/^app:\/\/stillroom\//);
  await expect(page.locator('nav.app-nav')).toBeVisible();
  expect(launched.app.windows()).toHaveLength(1);
});

test('serves a strict CSP and refuses inline script', async () => {
  const page = await launched.app.firstWindow();
  await expect(page.locator('nav.app-nav')).toBeVisible();
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true';
    document.head.append(script);
    return (window as { __inline?: boolean }).__inline === true;
  });
  expect(ran).toBe(false);
});

test('keeps settings in its data folder through electron-store', async () => {
  const page = await launched.app.firstWindow();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const saved = JSON.parse(await readFile(join(launched.userDataDir, 'settings.json'), 'utf8')) as { appearance: { theme: string } };
  expect(saved.appearance.theme).toBe('dark');
});
