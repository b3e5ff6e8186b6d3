import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AppCategoryId, AppEntry } from '../../contract/apps';
import type { VerifiedProtectionStatus } from '../../contract/protection';
import { LinuxAppEnforcer } from '../../base/apps/linux-app-enforcer';
import { ManualClock } from '../clock';
import { GuardClient } from '../guard-client/guard-client';
import { AppsProtection, leaseAppsOf } from './apps-protection';
import { startGuardInProcess, type GuardInProcess } from '../../../test-support/guard-in-process';
import { MINUTE } from '../../contract/session';
import { createTestCore, type TestCore } from '../../../test-support/test-core';
import { runs } from '../../../test-support/stand-in-apps';

// The real core with the real Linux enforcer, closing real processes of this user: the stand-in app is a copy of
// `sleep` in a folder of this test's own, and every built-in category is turned off, so the list names only that
// folder and nothing else on the machine can match.
const root = mkdtempSync(join(tmpdir(), 'apps-protection-'));
const folder = join(root, 'wechat-standin');
mkdirSync(folder);
const standIn = join(folder, 'wechat-standin');
copyFileSync('/bin/sleep', standIn);

const started: ChildProcess[] = [];
const launch = () => {
  const child = spawn(standIn, ['30'], { stdio: 'ignore', detached: true });
  started.push(child);
  return child;
};
const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The stand-in's own entry names its folder, which exists: the status says it is installed here. */
const installed = [{ appId: 'own-1', names: { en: 'wechat-standin', 'zh-CN': 'wechat-standin' } }];
/** Longer than a scan (half a second) and the first scan at start. */
const SCAN_WAIT_MS = 550;

const cores: TestCore[] = [];
afterEach(async () => {
  for (const test of cores.splice(0)) await test.dispose();
  for (const child of started.splice(0)) if (alive(child)) process.kill(-child.pid!, 'SIGKILL');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function coreClosingOnlyTheStandIn(options: Parameters<typeof createTestCore>[0] = {}): Promise<TestCore> {
  const test = await createTestCore(options);
  cores.push(test);
  for (const id of ['chat', 'work-chat', 'video-feeds', 'games'] as AppCategoryId[]) await test.core.apps.setCategory(id, false);
  await test.core.apps.addOwn({ kind: 'path', rule: `${folder}/` });
  return test;
}

const appsStatus = (test: TestCore) => {
  const state = test.core.session.state();
  return 'protections' in state ? state.protections.find((status) => status.id === 'apps') : undefined;
};

describe('apps as a session protection, with the real enforcer', () => {
  it.skipIf(process.platform !== 'linux')('closes a launched app during the session, counts it into the reflection, and touches nothing after', async () => {
    const test = await coreClosingOnlyTheStandIn();
    await test.core.apps.setEnabled(true);
    await test.core.session.start({ minutes: 25, mode: 'flexible' });
    expect(appsStatus(test)).toEqual({ id: 'apps', state: 'active', detail: { by: 'app', appCount: 1, launches: [], installed } });

    const reached = launch();
    await exited(reached);
    expect(reached.signalCode).toBe('SIGTERM');
    const names = { en: 'wechat-standin', 'zh-CN': 'wechat-standin' };
    const counted = { id: 'apps', state: 'active', detail: { by: 'app', appCount: 1, launches: [{ appId: 'own-1', names, attempts: 1 }], installed } };
    await expect.poll(() => appsStatus(test)).toEqual(counted);

    test.clock.advance(5 * MINUTE);
    await test.core.session.end({ kind: 'confirm' });
    await test.core.session.endRecorded();
    const id = (test.core.session.state() as { session: { id: string } }).session.id;
    expect((await test.core.reflections.get(id))?.facts.protections).toContainEqual(counted);

    const after = launch();
    await pause(SCAN_WAIT_MS);
    expect(alive(after)).toBe(true);
  });

  it.skipIf(process.platform !== 'linux')('closes an app open at the start at once, says which, and does not count it as reached for', async () => {
    const test = await coreClosingOnlyTheStandIn();
    await test.core.apps.setEnabled(true);
    const open = launch();
    await runs(open, standIn);
    await test.core.session.start({ minutes: 25, mode: 'flexible' });
    const names = { en: 'wechat-standin', 'zh-CN': 'wechat-standin' };
    expect(appsStatus(test)).toEqual({
      id: 'apps',
      state: 'active',
      detail: { by: 'app', appCount: 1, launches: [], installed, openAtStart: { apps: [{ appId: 'own-1', names }], closesAt: null, waitMs: 0, closed: true } },
    });
    await exited(open);
    expect(open.signalCode).toBe('SIGTERM');
  });

  it.skipIf(process.platform !== 'linux')('leaves apps open at the start to the user when asked, while closing launches at once', async () => {
    const test = await coreClosingOnlyTheStandIn();
    await test.core.apps.setEnabled(true);
    await test.core.apps.setWaitForOpenApps(true);
    const open = launch();
    await runs(open, standIn);
    const before = Date.now();
    await test.core.session.start({ minutes: 25, mode: 'flexible' });
    const detail = (appsStatus(test) as { detail: { openAtStart: { closesAt: number } } }).detail;
    expect(detail.openAtStart).toMatchObject({ apps: [{ appId: 'own-1' }], waitMs: 30_000, closed: false });
    expect(detail.openAtStart.closesAt).toBeGreaterThanOrEqual(before + 30_000);
    const reached = launch();
    await exited(reached);
    expect(reached.signalCode).toBe('SIGTERM');
    expect(alive(open)).toBe(true);
  });

  it.skipIf(process.platform !== 'linux')('forces an app that ignores the polite close after the grace set in Settings', async () => {
    const test = await coreClosingOnlyTheStandIn();
    await test.core.apps.setEnabled(true);
    await test.core.apps.setCloseGrace(1);
    await test.core.session.start({ minutes: 25, mode: 'flexible' });
    const startedAt = Date.now();
    const stubborn = spawn('/bin/sh', ['-c', `trap '' TERM; exec ${standIn} 30`], { stdio: 'ignore', detached: true });
    started.push(stubborn);
    await exited(stubborn);
    expect(stubborn.signalCode).toBe('SIGKILL');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
  });

  it('does nothing while the switch is off (the default), and says so', async () => {
    const test = await coreClosingOnlyTheStandIn();
    expect(test.core.apps.state().enabled).toBe(false);
    const open = launch();
    await test.core.session.start({ minutes: 25, mode: 'flexible' });
    expect(appsStatus(test)).toEqual({ id: 'apps', state: 'unavailable', unavailable: { reason: 'turned-off' } });
    await pause(SCAN_WAIT_MS);
    expect(alive(open)).toBe(true);
  });

  it('is honestly unavailable where no enforcer exists', async () => {
    // Every platform Stillroom ships on has one now (Linux, macOS, Windows); the status still says so where none does.
    const wechat: AppEntry = { id: 'wechat', names: { en: 'WeChat', 'zh-CN': '微信' }, category: 'chat', linux: { executables: ['wechat'], paths: [], appImages: [], flatpaks: [], snaps: [] }, macos: { bundleIds: [], appPaths: [] }, windows: { imageNames: [], paths: [] } };
    const protection = new AppsProtection({ lists: { enabled: true, closeGraceMs: 3000, openAppsWaitMs: 0, sessionList: () => [wechat] }, enforcer: null, platform: 'aix' });
    expect(await protection.activate({ sessionId: 's-aix', endsAt: Date.now() + 25 * MINUTE, mode: 'flexible' })).toEqual({ id: 'apps', state: 'unavailable', unavailable: { reason: 'unsupported-platform', platform: 'aix' } });
  });

  /** A session started, then the app quit mid-session: the core goes, its journal stays; the stand-in opens meanwhile. */
  async function quitMidSession(): Promise<{ first: TestCore; open: ChildProcess }> {
    const first = await coreClosingOnlyTheStandIn();
    await first.core.apps.setEnabled(true);
    await first.core.session.start({ minutes: 25, mode: 'flexible' });
    await first.core.dispose();
    cores.splice(cores.indexOf(first), 1);
    const open = launch();
    await runs(open, standIn);
    expect(alive(open)).toBe(true);
    return { first, open };
  }

  it.skipIf(process.platform !== 'linux')('after a restart, kills nothing for a session that ended while the app was closed', async () => {
    const { first, open } = await quitMidSession();
    const again = await createTestCore({ root: first.root, now: first.clock.now() + 30 * MINUTE });
    cores.push(again);
    expect(again.core.session.state().phase).not.toBe('running');
    await pause(SCAN_WAIT_MS);
    expect(alive(open)).toBe(true);
    rmSync(first.root, { recursive: true, force: true });
  });

  it.skipIf(process.platform !== 'linux')('after a restart mid-session, counts on from what it had counted, into the record', async () => {
    const first = await coreClosingOnlyTheStandIn();
    await first.core.apps.setEnabled(true);
    await first.core.session.start({ minutes: 25, mode: 'flexible' });
    for (let i = 0; i < 2; i++) await exited(launch());
    const names = { en: 'wechat-standin', 'zh-CN': 'wechat-standin' };
    const counted = (attempts: number) => ({ id: 'apps', state: 'active', detail: { by: 'app', appCount: 1, launches: [{ appId: 'own-1', names, attempts }], installed } });
    await expect.poll(() => appsStatus(first)).toEqual(counted(2));
    await first.core.dispose();
    cores.splice(cores.indexOf(first), 1);

    const again = await createTestCore({ root: first.root, now: first.clock.now() + 5 * MINUTE });
    cores.push(again);
    expect(appsStatus(again)).toEqual(counted(2));
    await exited(launch());
    await expect.poll(() => appsStatus(again)).toEqual(counted(3));

    await again.core.session.end({ kind: 'confirm' });
    await again.core.session.endRecorded();
    const id = (again.core.session.state() as { session: { id: string } }).session.id;
    expect((await again.core.reflections.get(id))?.facts.protections).toContainEqual(counted(3));
    rmSync(first.root, { recursive: true, force: true });
  });

  it.skipIf(process.platform !== 'linux')('after a restart, closes the apps again for a session that still runs', async () => {
    const { first, open } = await quitMidSession();
    const again = await createTestCore({ root: first.root, now: first.clock.now() + 5 * MINUTE });
    cores.push(again);
    expect(appsStatus(again)).toMatchObject({ id: 'apps', state: 'active', detail: { appCount: 1 } });
    await exited(open);
    expect(open.signalCode).toBe('SIGTERM');
    rmSync(first.root, { recursive: true, force: true });
  });
});

describe('the apps a session’s lease carries', () => {
  const entry = (id: string): AppEntry => ({ id, names: { en: id, 'zh-CN': id }, category: 'chat', linux: { executables: [id], paths: [], appImages: [], flatpaks: [], snaps: [] }, macos: { bundleIds: [`com.${id}`], appPaths: [] }, windows: { imageNames: [], paths: [] } });

  it('are the rules of the session’s list for every OS, with the close grace and the wait for open apps, only when closing apps is on and the list holds some', () => {
    expect(leaseAppsOf({ enabled: true, closeGraceMs: 5000, openAppsWaitMs: 30_000, sessionList: () => [entry('wechat')] }, null)).toEqual({
      entries: [
        {
          id: 'wechat',
          linux: { executables: ['wechat'], paths: [], appImages: [], flatpaks: [], snaps: [] },
          macos: { bundleIds: ['com.wechat'], appPaths: [] },
          windows: { imageNames: [], paths: [] },
        },
      ],
      graceMs: 5000,
      openAppsWaitMs: 30_000,
    });
    expect(leaseAppsOf({ enabled: false, closeGraceMs: 3000, openAppsWaitMs: 0, sessionList: () => [entry('wechat')] }, null)).toBeNull();
    expect(leaseAppsOf({ enabled: true, closeGraceMs: 3000, openAppsWaitMs: 0, sessionList: () => [] }, null)).toBeNull();
  });
});

describe.skipIf(process.platform !== 'linux')('apps closed by the guard, from the session’s lease', () => {
  let guard: GuardInProcess | null = null;
  afterEach(async () => {
    await guard?.cleanup();
    guard = null;
  });
  const names = { en: 'wechat-standin', 'zh-CN': 'wechat-standin' };
  const lists = { enabled: true, closeGraceMs: 3000, openAppsWaitMs: 0, sessionList: (): AppEntry[] => [{ id: 'own-1', names, category: 'chat', linux: { executables: [], paths: [`${folder}/`], appImages: [], flatpaks: [], snaps: [] }, macos: { bundleIds: [], appPaths: [] }, windows: { imageNames: [], paths: [] } }] };
  const session = { sessionId: 's-apps', endsAt: Date.now() + 25 * MINUTE, mode: 'flexible' as const };

  it('the real core: the guard closes and counts them, the Focus view says so, and the reflection gets the final count', async () => {
    guard = await startGuardInProcess({ version: '0.0.0' });
    // The guard measures the lease by the real clock.
    const test = await coreClosingOnlyTheStandIn({ now: Date.now(), host: { guardSocketPath: guard.socketPath } });
    await test.core.apps.setEnabled(true);
    await test.core.session.start({ minutes: 25, mode: 'flexible' });
    expect(appsStatus(test)).toEqual({ id: 'apps', state: 'active', detail: { by: 'guard', appCount: 1, launches: [], installed } });

    const reached = launch();
    await exited(reached);
    expect(reached.signalCode).toBe('SIGTERM');
    // The guard's count reaches the session on the watch's pace, without the renderer asking.
    const counted = { id: 'apps', state: 'active', detail: { by: 'guard', appCount: 1, launches: [{ appId: 'own-1', names, attempts: 1 }], installed } };
    await expect
      .poll(() => {
        test.clock.advance(5_000);
        return appsStatus(test);
      }, { timeout: 10_000 })
      .toEqual(counted);

    // Reached for once more just before the end: read from the guard as the session ends, before the release.
    const last = launch();
    await exited(last);
    await test.core.session.end({ kind: 'confirm' });
    await test.core.session.endRecorded();
    const id = (test.core.session.state() as { session: { id: string } }).session.id;
    expect((await test.core.reflections.get(id))?.facts.protections).toContainEqual({ ...counted, detail: { ...counted.detail, launches: [{ appId: 'own-1', names, attempts: 2 }] } });

    const after = launch();
    await pause(SCAN_WAIT_MS);
    expect(alive(after)).toBe(true);
  });

  it('a session that ended while the app was closed: the reflection gets what the guard counted meanwhile', async () => {
    guard = await startGuardInProcess({ version: '0.0.0' });
    const host = { guardSocketPath: guard.socketPath };
    const first = await coreClosingOnlyTheStandIn({ now: Date.now(), host });
    await first.core.apps.setEnabled(true);
    await first.core.session.start({ minutes: 25, mode: 'flexible' });
    const id = (first.core.session.state() as { session: { id: string } }).session.id;
    await first.core.dispose();
    cores.splice(cores.indexOf(first), 1);

    // The app is closed; the guard goes on closing and counting from the lease.
    for (let i = 0; i < 2; i++) await exited(launch());
    const client = new GuardClient(guard.socketPath);
    await expect.poll(async () => ((await client.status()) as { status: { apps?: { launches: unknown[] } } }).status.apps?.launches).toEqual([{ appId: 'own-1', attempts: 2 }]);

    // Opened again after the session's end (by the core's clock; the guard's lease still runs on the real one).
    const again = await createTestCore({ root: first.root, now: first.clock.now() + 30 * MINUTE, host });
    cores.push(again);
    await again.core.session.endRecorded();
    const counted = { id: 'apps', state: 'active', detail: { by: 'guard', appCount: 1, launches: [{ appId: 'own-1', names, attempts: 2 }], installed } };
    expect((await again.core.reflections.get(id))?.facts.protections).toContainEqual(counted);
    rmSync(first.root, { recursive: true, force: true });
  });

  it('never closes with both: the app’s own enforcer takes over while the guard is stopped and hands back when it resumes the lease', async () => {
    guard = await startGuardInProcess({ version: '0.0.0' });
    const client = new GuardClient(guard.socketPath);
    const clock = new ManualClock(Date.now());
    const enforcer = new LinuxAppEnforcer({ intervalMs: 100 });
    const protection = new AppsProtection({ lists, enforcer, platform: 'linux', guard: client, clock, watchMs: 1000 });
    const statuses: VerifiedProtectionStatus[] = [];
    protection.onStatusChange((status) => statuses.push(status));
    expect(await client.lease({ ...session, hostnames: [], apps: leaseAppsOf(lists, null)! })).toMatchObject({ ok: true });
    try {
      expect(await protection.activate(session)).toMatchObject({ state: 'active', detail: { by: 'guard' } });
      const first = launch();
      await exited(first);
      // Only the guard closed it: the app's own enforcer never started.
      expect(enforcer.report()).toEqual([]);
      await expect.poll(() => (clock.advance(1000), statuses.at(-1)), { timeout: 10_000 }).toMatchObject({ detail: { by: 'guard', launches: [{ appId: 'own-1', attempts: 1 }] } });

      await guard.stop();
      await expect.poll(() => (clock.advance(1000), statuses.at(-1)), { timeout: 10_000 }).toMatchObject({ detail: { by: 'app' } });
      const whileStopped = launch();
      await exited(whileStopped);
      expect(enforcer.report()).toEqual([{ appId: 'own-1', attempts: 1 }]);

      await guard.restart();
      await expect.poll(() => (clock.advance(1000), statuses.at(-1)), { timeout: 10_000 }).toMatchObject({ detail: { by: 'guard' } });
      const resumed = launch();
      await exited(resumed);
      await expect.poll(() => (clock.advance(1000), statuses.at(-1)), { timeout: 10_000 }).toMatchObject({ detail: { by: 'guard', launches: [{ appId: 'own-1', attempts: 3 }] } });
      // The app's enforcer stopped when the guard took over again: it counted nothing more.
      expect(enforcer.report()).toEqual([{ appId: 'own-1', attempts: 1 }]);
    } finally {
      await protection.deactivate();
    }
  });

  it('closes them itself when the guard’s lease closes no apps (an older guard, apps not in the lease)', async () => {
    guard = await startGuardInProcess({ version: '0.0.0' });
    const client = new GuardClient(guard.socketPath);
    const enforcer = new LinuxAppEnforcer({ intervalMs: 100 });
    const protection = new AppsProtection({ lists, enforcer, platform: 'linux', guard: client, clock: new ManualClock(Date.now()) });
    await client.lease({ ...session, hostnames: ['example.com'] });
    try {
      expect(await protection.activate(session)).toMatchObject({ state: 'active', detail: { by: 'app' } });
      const open = launch();
      await exited(open);
      expect(enforcer.report()).toEqual([{ appId: 'own-1', attempts: 1 }]);
    } finally {
      await protection.deactivate();
    }
  });
});
