import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { systemClock, type ManualClock } from '../../src-main/core/clock';
import type { CoreHost } from '../../src-main/core/app-core';
import { FreedesktopTrash } from '../../src-main/core/notes/freedesktop-trash';
import { startPreview, type Preview } from '../../src-main/preview/preview-server';

export interface PreviewHandle {
  readonly url: string;
  readonly token: string;
  readonly origin: string;
  readonly dataDir: string;
  readonly vaultDir: string;
  /** The freedesktop data folder whose `Trash/` receives deleted notes (inside the test's own folder). */
  readonly trashHome: string;
  /** The core's manual clock: time moves only when a test says so. */
  readonly clock: ManualClock;
  readonly preview: Preview;
}

export interface LaunchOptions {
  /** Writes files into the fresh data and vault folders before the core starts (e.g. a corrupt settings file). */
  seed?: (folders: { dataDir: string; vaultDir: string }) => Promise<void>;
  /** Stands in for Electron's folder picker (the preview has none), answering what the user would pick. */
  chooseFolder?: () => Promise<string | null>;
  /** The host's file picker ("Choose a file…" in Settings → Apps), standing in for Electron's dialog. */
  chooseFile?: () => Promise<string | null>;
  /** A private desktop session (bus address, HOME, XDG dirs) whose notifications sessions mute. */
  notificationsEnv?: NodeJS.ProcessEnv;
  /** The guard's socket and installer, as `npm start` hands them over (src-main/preview/preview-guard.ts). */
  guard?: Partial<Pick<CoreHost, 'guardSocketPath' | 'guardInstaller'>>;
}

const rendererRoot = resolve('out/renderer');

/**
 * Every test gets its own preview: the real core in this test process with temporary data and vault folders,
 * the built renderer served on 127.0.0.1, and the token-protected bridge between them.
 */
export const test = base.extend<{
  /** Where the core's manual clock starts (ms since the epoch); now by default. See `todayAt`. */
  clockStart: number | undefined;
  launch: (options?: LaunchOptions) => Promise<PreviewHandle>;
  preview: PreviewHandle;
}>({
  clockStart: [undefined, { option: true }],
  launch: async ({ clockStart }, use) => {
    if (!existsSync(join(rendererRoot, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first');
    const started: { preview: Preview; root: string }[] = [];
    await use(async (options = {}) => {
      const root = await mkdtemp(join(tmpdir(), 'stillroom-e2e-'));
      const dataDir = join(root, 'data');
      const vaultDir = join(root, 'vault');
      await mkdir(dataDir, { recursive: true });
      await mkdir(vaultDir, { recursive: true });
      await options.seed?.({ dataDir, vaultDir });
      // Deleted notes go to a trash inside the test's own folder, never the machine's.
      const trashHome = join(root, 'xdg-data');
      const trash = new FreedesktopTrash(trashHome, process.getuid?.() ?? 0, systemClock);
      const preview = await startPreview({
        dataDir,
        vaultDir,
        rendererRoot,
        clock: 'manual',
        ...(clockStart === undefined ? {} : { manualClockStart: clockStart }),
        host: {
          log: () => undefined,
          trash,
          ...(options.chooseFolder ? { chooseFolder: options.chooseFolder } : {}),
          ...(options.chooseFile ? { chooseFile: options.chooseFile } : {}),
          ...options.guard,
          // Never the machine's own desktop: without a private session there is no bus and no desktop to mute.
          notificationsEnv: options.notificationsEnv ?? { PATH: process.env.PATH },
        },
      });
      started.push({ preview, root });
      return {
        url: preview.url,
        token: preview.token,
        origin: new URL(preview.url).origin,
        dataDir,
        vaultDir,
        trashHome,
        clock: preview.clock as ManualClock,
        preview,
      };
    });
    for (const { preview, root } of started) {
      await preview.close();
      await rm(root, { recursive: true, force: true });
    }
  },
  preview: async ({ launch }, use) => {
    await use(await launch());
  },
});

export { expect };

/** Opens the app and waits until it has loaded its settings from the core. */
export async function openApp(page: Page, handle: PreviewHandle): Promise<void> {
  await page.goto(handle.url);
  await expect(page.locator('nav.app-nav')).toBeVisible();
}

/** Saves a screenshot under test-results/screenshots/ (kept as a CI artifact). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join('test-results', 'screenshots', `${name}.png`), fullPage: true });
}

/** The core's clock and the page's clock move together; neither waits for real time. */
export async function advance(page: Page, preview: PreviewHandle, ms: number): Promise<void> {
  preview.clock.advance(ms);
  await page.clock.runFor(ms);
}

/**
 * Today at a fixed local hour, for `test.use({ clockStart })`: a test that moves the clock over hours and days
 * then never crosses midnight or a week at a different point depending on when it runs.
 */
export function todayAt(hour: number): number {
  const time = new Date();
  time.setHours(hour, 0, 0, 0);
  return time.getTime();
}

/** Opens the app with the page's clock installed at the core's manual time, so both can be moved together. */
export async function openAt(page: Page, preview: PreviewHandle): Promise<void> {
  await page.clock.install({ time: preview.clock.now() });
  await openApp(page, preview);
}

/**
 * The core's watchers debounce on the preview's manual clock: after a file changes on disk, keep moving that
 * clock until the change has reached the page. `check` asserts with `soon`, whose short wait lets the loop move the
 * clock again (the watcher's event may arrive after a move, and then waits for the next one).
 */
export async function untilSeen(preview: PreviewHandle, check: (soon: typeof expect) => Promise<void>): Promise<void> {
  const soon = expect.configure({ timeout: 1_000 });
  await expect(async () => {
    preview.clock.advance(500);
    await check(soon);
  }).toPass({ timeout: 20_000 });
}
