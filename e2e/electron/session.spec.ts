import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary, electronSkipReason, launchStillroom, type LaunchedApp } from '../support/electron-app';

// The session's desktop wiring (tray, global shortcut, command line, second instance, quit): runs where an
// Electron binary is installed; the decisions behind it are unit-tested in src-main/core/session.
const skipReason = electronSkipReason();
test.skip(skipReason !== null, skipReason ?? '');

let launched: LaunchedApp | null = null;
test.afterEach(async () => {
  // The quit test has already closed its app; closing again may throw, and must not fail the test.
  await launched?.close().catch(() => undefined);
  launched = null;
});

async function sessionState(window: Page) {
  return window.evaluate(async () => {
    const result = await (window as unknown as { stillroom: { session: { state(): Promise<{ ok: boolean; value: { phase: string; session?: Record<string, unknown>; shortcut: { state: string } } }> } } }).stillroom.session.state();
    return result.value;
  });
}

// No OS tray can be clicked from Playwright and Electron lists no trays, so the test (not the app) wraps
// Menu.buildFromTemplate in the main process and keeps the last menu built from the tray's items; clicking one of
// its items runs the app's own click handler, as a click in the tray would. The menu's contents for every state
// are unit-tested beside trayMenu in src-main/core/session/session-presence.test.ts.
async function watchTray(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ Menu }) => {
    const build = Menu.buildFromTemplate.bind(Menu);
    Menu.buildFromTemplate = (template) => {
      const menu = build(template);
      if (template.some((item) => item.label === 'Open notepad')) Object.assign(globalThis, { trayMenuForTest: menu });
      return menu;
    };
  });
}

const trayLabels = (app: ElectronApplication) =>
  app.evaluate(() => {
    const menu = (globalThis as { trayMenuForTest?: Electron.Menu }).trayMenuForTest;
    return menu ? menu.items.map((item) => (item.type === 'separator' ? 'separator' : item.label)) : [];
  });

const pressTray = (app: ElectronApplication, label: string) =>
  app.evaluate((_electron, label) => {
    const menu = (globalThis as { trayMenuForTest?: Electron.Menu }).trayMenuForTest;
    const item = menu?.items.find((candidate) => candidate.label === label);
    if (!item) throw new Error(`the tray has no item ${label}`);
    item.click();
  }, label);

test('the tray starts a session with the last intent, then offers extend and end', async () => {
  launched = await launchStillroom();
  const window = await launched.app.firstWindow();
  await expect(window.locator('nav.app-nav')).toBeVisible();
  await watchTray(launched.app);
  // Any settings change redraws the tray: here the theme.
  await window.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await window.getByRole('radio', { name: 'Dark' }).check();
  await expect.poll(() => trayLabels(launched!.app)).toEqual(['Start 25 minutes', 'Start 50 minutes', 'Start 90 minutes', 'Start…', 'separator', 'Open Stillroom', 'Open notepad', 'separator', 'Quit']);

  await pressTray(launched.app, 'Start 25 minutes');
  await window.getByRole('navigation').getByRole('button', { name: 'Focus' }).click();
  await expect(window.getByRole('timer')).toHaveAccessibleName('25 minutes left');
  await expect.poll(() => trayLabels(launched!.app)).toContain('Extend 15 minutes');

  await pressTray(launched.app, 'Extend 15 minutes');
  await expect(window.getByRole('timer')).toHaveAccessibleName('40 minutes left');
});

test('after a session ends the tray offers the reflection and opens the window on its prompt', async () => {
  launched = await launchStillroom(['--start', '30', '--intent', 'e2e reflection', '--mode', 'flexible']);
  const window = await launched.app.firstWindow();
  await expect(window.getByRole('timer')).toHaveAccessibleName('30 minutes left');
  await watchTray(launched.app);
  await window.evaluate(() => (window as unknown as { stillroom: { session: { end(request: unknown): Promise<unknown> } } }).stillroom.session.end({ kind: 'confirm' }));
  await expect.poll(() => trayLabels(launched!.app)).toContain('Write a reflection');
  expect((await trayLabels(launched.app))[0]).toBe('Write a reflection');

  await window.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await pressTray(launched.app, 'Write a reflection');
  await expect(window.getByRole('heading', { level: 1, name: 'Reflections' })).toBeVisible();
  await expect(window.locator('.prompt-intent')).toHaveText('e2e reflection');
});

test('the command line starts a session, a second instance stops it, bad input starts nothing', async () => {
  launched = await launchStillroom(['--start', '30', '--intent', 'e2e intent', '--mode', 'flexible']);
  const window = await launched.app.firstWindow();
  await expect(window.getByRole('timer')).toHaveAccessibleName('30 minutes left');
  expect(await sessionState(window)).toMatchObject({ phase: 'running', session: { intent: 'e2e intent', plannedMinutes: 30, mode: 'flexible' } });

  // A second process hands its argv to the running one through the single-instance lock, then exits.
  const binary = electronBinary();
  if (!('path' in binary)) throw new Error(binary.missing);
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const second = (args: string[]) =>
    promisify(execFile)(binary.path, [resolve('out/main/index.js'), `--user-data-dir=${launched!.userDataDir}`, ...sandbox, ...args], { env, timeout: 30_000 });
  await second(['--stop']);
  await expect.poll(async () => (await sessionState(window)).phase).toBe('ended');

  // The running app logs each refused command line: wait for both refusals, then check nothing started.
  const refusals = () => launched!.stderr().split('\n').filter((line) => line.startsWith('[stillroom warn]')).length;
  const before = refusals();
  await second(['--start', '-5']);
  await second(['stillroom://start?minutes=99999']);
  await expect.poll(refusals).toBe(before + 2);
  expect((await sessionState(window)).phase).toBe('ended');
});

test('registers the global shortcut and reports whether the system accepted it', async () => {
  launched = await launchStillroom();
  const window = await launched.app.firstWindow();
  await expect(window.locator('nav.app-nav')).toBeVisible();
  const { shortcut } = await sessionState(window);
  expect(['registered', 'refused']).toContain(shortcut.state);
  expect(shortcut).toMatchObject({ accelerator: 'CommandOrControl+Alt+Shift+F' });
  if (shortcut.state === 'registered') {
    expect(await launched.app.evaluate(({ globalShortcut }) => globalShortcut.isRegistered('CommandOrControl+Alt+Shift+F'))).toBe(true);
  }
});

test('quitting during a session asks, and keeps the session in the journal', async () => {
  launched = await launchStillroom(['--start', '25', '--mode', 'locked']);
  const window = await launched.app.firstWindow();
  await expect(window.getByRole('timer')).toBeVisible();

  // The native dialog cannot be clicked from here: answer "Cancel" first, then "Quit, keep the session".
  await launched.app.evaluate(({ app, dialog }) => {
    dialog.showMessageBox = (async () => {
      Object.assign(globalThis, { quitAskedForTest: true });
      return { response: 0, checkboxChecked: false };
    }) as typeof dialog.showMessageBox;
    app.quit();
  });
  // Asked and answered "Cancel": the app is still there, with its session.
  await expect.poll(() => launched!.app.evaluate(() => (globalThis as { quitAskedForTest?: boolean }).quitAskedForTest === true)).toBe(true);
  await expect(window.getByRole('timer')).toBeVisible();
  expect((await sessionState(window)).phase).toBe('running');

  const closed = new Promise<void>((done) => launched!.app.once('close', () => done()));
  await launched.app.evaluate(({ app, dialog }) => {
    dialog.showMessageBox = (async () => ({ response: 1, checkboxChecked: false })) as typeof dialog.showMessageBox;
    app.quit();
  });
  await closed;
  const journal = JSON.parse(await readFile(join(launched.userDataDir, 'session', 'current.json'), 'utf8')) as { record: { phase: string } };
  expect(journal.record.phase).toBe('running');
});
