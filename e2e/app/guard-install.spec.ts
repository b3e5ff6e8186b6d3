import type { Page } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { GUARD_WATCH_MS } from '../../src-main/core/guard-client/guard-watch';
import type { CommandRunner } from '../../src-main/base/command-runner';
import { previewGuard, previewInstallRoute, probeThisMachine } from '../../src-main/preview/preview-guard';
import { GuardSandbox, guardSkipReason } from '../system/guard-harness';
import { expect, openApp, screenshot, test, type PreviewHandle } from '../support/preview-fixture';

/**
 * Settings in the browser mode (`npm start` without Electron) installs the guard the way this machine allows: the admin
 * prompt where pkexec and a polkit agent can show it, else the sudo command to copy. The command itself runs for real,
 * as root, in e2e/system/guard-install-command.test.ts; here a real guard stands for what it leaves running, and
 * Settings must say "installed" only once that guard answers. pkexec with a polkit agent needs a desktop session this
 * machine does not have: that one boundary, the command runner, is faked (the last two tests).
 */
const runtime = realpathSync(process.execPath);
const bundle = resolve('out/guard/stillroom-guard.cjs');
const { username, uid } = userInfo();

async function openBlocking(page: Page) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Blocking' });
  await expect(section.getByTestId('guard-status')).toBeVisible();
  return section;
}

async function appVersion(preview: PreviewHandle): Promise<string> {
  const info = await preview.preview.core.router.dispatch('stillroom:app.info', undefined, { trusted: true, description: 'e2e' });
  if (!info.ok) throw new Error(info.error.message);
  return (info.value as { version: string }).version;
}

test('where no admin prompt can be shown (this machine), Settings shows the sudo command, and "installed" only once the guard answers', async ({ page, launch }) => {
  const skip = guardSkipReason();
  test.skip(skip !== null, `no real guard here: ${skip}`);
  const probe = probeThisMachine(runtime);
  test.skip(previewInstallRoute(process.platform, runtime, probe).via !== 'terminal', 'this machine can show the admin prompt, or cannot install at all');
  const sandbox = new GuardSandbox({ original: '127.0.0.1 localhost\n' });
  try {
    // As `npm start` builds it (src-main/preview/main.ts), with the guard's socket in the sandbox instead of /run.
    const guard = previewGuard({ platform: process.platform, runtime, bundle, version: '0.0.0', probe });
    const preview = await launch({ guard: { ...guard, guardSocketPath: sandbox.socketPath } });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(page, preview);
    const section = await openBlocking(page);
    await expect(section.getByTestId('guard-status')).toHaveText('Not installed. Sites are not blocked during sessions.');
    const route = section.getByTestId('guard-route');
    await expect(route).toContainText(probe.pkexec ? 'no polkit authentication agent runs in this session' : 'pkexec (polkit) is not installed');
    const install = `sudo ${runtime} ${bundle} install --user ${username}`;
    await expect(route.getByTestId('guard-command')).toHaveText(install);
    await expect(section.getByRole('button', { name: 'Install the guard' })).toHaveCount(0);
    await route.getByRole('button', { name: 'Copy' }).click();
    await expect(route.getByRole('status')).toHaveText('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(install);
    await screenshot(page, 'guard-install-terminal');

    // The person runs the command; what it leaves running is a root guard configured for this app's version.
    const version = await appVersion(preview);
    const config = JSON.parse(await readFile(sandbox.configPath, 'utf8'));
    await writeFile(sandbox.configPath, JSON.stringify({ ...config, version }), { mode: 0o644 });
    await sandbox.startAndWait();
    // Core asks the guard every GUARD_WATCH_MS on its (here manual) clock; Settings follows what the guard itself says.
    await expect(async () => {
      preview.clock.advance(GUARD_WATCH_MS);
      await expect(section.getByTestId('guard-status')).toHaveText(`Installed and running (version ${version}).`, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(route.getByTestId('guard-command')).toHaveText(`sudo ${runtime} ${bundle} uninstall`);
    await screenshot(page, 'guard-install-terminal-running');
  } finally {
    await sandbox.dispose();
  }
});

test('with a polkit agent, Install opens the admin prompt; when pkexec finds no agent after all, Settings turns to the command', async ({ page, launch }) => {
  // Fake: pkexec's answer, the only part that needs a desktop session. Everything above it is the real installer.
  const calls: string[][] = [];
  const run: CommandRunner = async (file, args) => {
    calls.push([file, ...args]);
    return { ok: false, error: `${file}: exit status 127 (Error executing command as another user: No authentication agent found.)` };
  };
  const root = await mkdtemp(join(tmpdir(), 'guard-prompt-'));
  try {
    const guard = previewGuard({ platform: 'linux', runtime, bundle, version: '0.1.0', probe: { pkexec: true, polkitAgent: true, runtimeRootOwned: true }, run });
    const preview = await launch({ guard: { ...guard, guardSocketPath: join(root, 'guard.sock') } });
    await openApp(page, preview);
    const section = await openBlocking(page);
    await expect(section.getByText('Install, Repair and Uninstall ask for an administrator’s password in your system’s own prompt.')).toBeVisible();
    await expect(section.getByTestId('guard-route')).toHaveCount(0);
    await section.getByRole('button', { name: 'Install the guard' }).click();

    await expect(section.getByRole('alert')).toHaveText('The guard could not be set up. Nothing else was changed.');
    expect(calls).toEqual([
      ['/usr/bin/pkexec', '--disable-internal-agent', '/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', runtime, bundle, 'install', '--runtime', runtime, '--user', username, '--version', '0.1.0', '--uid', String(uid)],
    ]);
    const route = section.getByTestId('guard-route');
    await expect(route).toContainText('No administrator prompt can be shown here: no polkit authentication agent runs in this session.');
    await expect(route.getByTestId('guard-command')).toHaveText(`sudo ${runtime} ${bundle} install --user ${username}`);
    await expect(section.getByRole('button', { name: 'Install the guard' })).toHaveCount(0);
    await expect(section.getByTestId('guard-status')).toHaveText('Not installed. Sites are not blocked during sessions.');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('with a polkit agent, Install through the admin prompt shows "installed" from the running guard’s own report', async ({ page, launch }) => {
  const skip = guardSkipReason();
  test.skip(skip !== null, `no real guard here: ${skip}`);
  const sandbox = new GuardSandbox({ original: '127.0.0.1 localhost\n' });
  try {
    let version = '';
    // Fake: the admin approving pkexec. What the approved command leaves running (the install itself runs for real in
    // e2e/system/guard-install-command.test.ts) is a real root guard, configured for this app's version.
    const run: CommandRunner = async () => {
      const config = JSON.parse(await readFile(sandbox.configPath, 'utf8'));
      await writeFile(sandbox.configPath, JSON.stringify({ ...config, version }), { mode: 0o644 });
      await sandbox.startAndWait();
      return { ok: true };
    };
    const guard = previewGuard({ platform: 'linux', runtime, bundle, version: '0.1.0', probe: { pkexec: true, polkitAgent: true, runtimeRootOwned: true }, run });
    const preview = await launch({ guard: { ...guard, guardSocketPath: sandbox.socketPath } });
    version = await appVersion(preview);
    await openApp(page, preview);
    const section = await openBlocking(page);
    await expect(section.getByTestId('guard-status')).toHaveText('Not installed. Sites are not blocked during sessions.');
    await section.getByRole('button', { name: 'Install the guard' }).click();
    await expect(section.getByTestId('guard-status')).toHaveText(`Installed and running (version ${version}).`);
    await expect(section.getByRole('button', { name: 'Uninstall' })).toBeVisible();
    await expect(section.getByRole('alert')).toHaveCount(0);
    await screenshot(page, 'guard-install-prompt-running');
  } finally {
    await sandbox.dispose();
  }
});
