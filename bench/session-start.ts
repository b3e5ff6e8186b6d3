import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import { startPreview } from '../src-main/preview/preview-server';
import { DesktopSession, desktopSkipReason } from '../e2e/system/desktop-session';
import { GuardSandbox, guardSkipReason } from '../e2e/system/guard-harness';
import { percentile } from './stats';

export type SessionStart =
  | { readonly measured: true; readonly ms: number; readonly runs: number; readonly protections: readonly string[]; readonly includes: string }
  | { readonly measured: false; readonly reason: string };

const INCLUDES =
  'the real guard as root in a private mount namespace over a stand-in /etc/hosts (its lease on the blocked sites), and dunst paused under dbus-run-session with a temp HOME and XDG dirs';

/**
 * The Start button's click to every protection of the session shown as verified active (the Focus view's list),
 * in the built app on the real core, the median of `runs` sessions. The guard and the notification daemon are the
 * real programs, in throwaway places: the machine's own /etc/hosts and desktop settings are never touched. Each
 * run starts from nothing (a new guard, desktop session and app), as a session that cannot be ended by a click
 * (the phrase must be typed) leaves its lease and paused daemon behind.
 */
export async function benchSessionStart(browser: Browser, runs = 3): Promise<SessionStart> {
  const skip = guardSkipReason() ?? desktopSkipReason();
  if (skip) return { measured: false, reason: skip };
  const times: number[] = [];
  let protections: readonly string[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await oneSessionStart(browser);
    times.push(run.ms);
    protections = run.protections;
  }
  return { measured: true, ms: percentile(times, 50), runs, protections, includes: INCLUDES };
}

// In the page, as source (tsx would name the functions through a helper the page lacks): the click's time, and
// the first frame whose list shows every protection verified active.
const WATCH_PROTECTIONS = `{
  const probe = { clickedAt: 0, activeAt: null, ids: [] };
  window.benchStart = probe;
  document.addEventListener('click', (event) => (probe.clickedAt = event.timeStamp), { capture: true, once: true });
  const poll = () => {
    const items = [...document.querySelectorAll('.protections li.protection')];
    if (items.length > 0 && items.every((item) => item.dataset.state === 'active')) {
      probe.activeAt = performance.now();
      probe.ids = items.map((item) => item.dataset.protection ?? '');
    } else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}`;

interface StartProbe {
  clickedAt: number;
  activeAt: number | null;
  ids: string[];
}

async function oneSessionStart(browser: Browser): Promise<{ ms: number; protections: readonly string[] }> {
  const sandbox = new GuardSandbox({ original: '127.0.0.1 localhost\n' });
  const desktop = await DesktopSession.start();
  const root = await mkdtemp(join(tmpdir(), 'stillroom-bench-session-'));
  await mkdir(join(root, 'vault'), { recursive: true });
  const preview = await startPreview({
    dataDir: join(root, 'data'),
    vaultDir: join(root, 'vault'),
    rendererRoot: resolve('out/renderer'),
    clock: 'system',
    host: { log: () => undefined, guardSocketPath: sandbox.socketPath, notificationsEnv: desktop.env },
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  try {
    await desktop.startDunst();
    // The guard as the installer configures it: for this app's version.
    const info = await preview.core.router.dispatch('stillroom:app.info', undefined, { trusted: true, description: 'bench' });
    if (!info.ok) throw new Error(info.error.message);
    const config = JSON.parse(await readFile(sandbox.configPath, 'utf8')) as Record<string, unknown>;
    await writeFile(sandbox.configPath, JSON.stringify({ ...config, version: (info.value as { version: string }).version }), { mode: 0o644 });
    await sandbox.startAndWait();

    await page.goto(preview.url);
    await page.getByLabel('What is this session for?').fill('bench');
    await page.getByRole('radio', { name: 'Custom' }).check();
    await page.getByLabel('Minutes (5 to 240)').fill('30');
    const start = page.getByRole('button', { name: 'Start 30 minutes' });
    await start.waitFor();
    await page.evaluate(WATCH_PROTECTIONS);
    await start.click();
    await page.waitForFunction(() => (window as unknown as { benchStart: StartProbe }).benchStart.activeAt !== null, undefined, { timeout: 20_000 });
    const probe = await page.evaluate(() => (window as unknown as { benchStart: StartProbe }).benchStart);
    return { ms: probe.activeAt! - probe.clickedAt, protections: probe.ids };
  } finally {
    await page.close();
    await preview.close();
    await sandbox.dispose();
    await desktop.dispose();
    await rm(root, { recursive: true, force: true });
  }
}
