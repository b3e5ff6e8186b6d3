import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AppCategoryId } from '../../contract/apps';
import { MINUTE } from '../../contract/session';
import { createTestCore, type TestCore } from '../../../test-support/test-core';
import { AppsProtection } from './apps-protection';

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
    expect(appsStatus(test)).toEqual({ id: 'apps', state: 'active', detail: { appCount: 1, launches: [] } });

    const reached = launch();
    await exited(reached);
    expect(reached.signalCode).toBe('SIGTERM');
    await pause(50);
    const names = { en: 'wechat-standin', 'zh-CN': 'wechat-standin' };
    const counted = { id: 'apps', state: 'active', detail: { appCount: 1, launches: [{ appId: 'own-1', names, attempts: 1 }] } };
    expect(appsStatus(test)).toEqual(counted);

    test.clock.advance(5 * MINUTE);
    await test.core.session.end({ kind: 'confirm' });
    await test.core.session.endRecorded();
    const id = (test.core.session.state() as { session: { id: string } }).session.id;
    expect((await test.core.reflections.get(id))?.facts.protections).toContainEqual(counted);

    const after = launch();
    await pause(SCAN_WAIT_MS);
    expect(alive(after)).toBe(true);
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
    const protection = new AppsProtection({ lists: { enabled: true, sessionList: () => [] }, enforcer: null, platform: 'aix' });
    expect(await protection.activate()).toEqual({ id: 'apps', state: 'unavailable', unavailable: { reason: 'unsupported-platform', platform: 'aix' } });
  });

  /** A session started, then the app quit mid-session: the core goes, its journal stays; the stand-in opens meanwhile. */
  async function quitMidSession(): Promise<{ first: TestCore; open: ChildProcess }> {
    const first = await coreClosingOnlyTheStandIn();
    await first.core.apps.setEnabled(true);
    await first.core.session.start({ minutes: 25, mode: 'flexible' });
    await first.core.dispose();
    cores.splice(cores.indexOf(first), 1);
    const open = launch();
    await pause(50);
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
