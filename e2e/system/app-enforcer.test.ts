import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundleChildScript } from '../../test-support/bundle-child';
import { systemUser, type SystemUser } from '../../test-support/system-user';

// Issue 21: the Linux app enforcer on real processes in a private pid and mount namespace (`unshare -p -f
// --mount-proc -m`), never the machine's own: WeChat installed as its deb installs it (/opt over a tmpfs), from an
// AppImage's mount, and in a Flatpak-like sandbox (an overlay of / with a /.flatpak-info, entered by chroot), with
// the built-in list. The enforcer runs as one user; the same binary run by root and by a second user must survive.
// Needs root for useradd, unshare and mount, as CI has.
const run = promisify(execFile);
const skip = process.platform !== 'linux' || process.getuid?.() !== 0 ? 'needs root on Linux (useradd, unshare -p -m, mount), as in CI' : null;

let root: string;
let child: string;
let users: SystemUser[] = [];

beforeAll(async () => {
  if (skip) return;
  root = await mkdtemp(join(tmpdir(), 'app-enforcer-'));
  await chmod(root, 0o755);
  child = await bundleChildScript(join(import.meta.dirname, 'app-enforcer.child.ts'), root);
  users = ['stillroom-t-apps', 'stillroom-t-apps2'].map((name) => systemUser(name));
});
afterAll(async () => {
  if (skip) return;
  await rm(root, { recursive: true, force: true });
  for (const user of users) user.remove();
});

interface Closed {
  readonly signal: string | null;
  readonly ms: number;
}

it('closes a list’s apps for one user within a second, again on relaunch, forcibly after the grace, and nothing after stop', async (context) => {
  if (skip) context.skip(skip);
  const [first, other] = users.map(({ uid, gid }) => JSON.stringify({ uid, gid }));
  const { stdout } = await run('unshare', ['-p', '-f', '--kill-child', '--mount-proc', '-m', '--propagation', 'private', process.execPath, child, 'scenario', root, first!, other!], {
    timeout: 30_000,
  });
  const result = JSON.parse(stdout) as {
    closedAtStart: { signal: string | null };
    msToCloseOpen: number;
    closed: Record<'deb' | 'appImage' | 'flatpak', Closed>;
    stubborn: Closed;
    report: unknown;
    aliveAfterStop: boolean;
    closedByRoot: { signal: string | null };
    rootAlive: boolean;
    otherUserAlive: boolean;
  };
  console.warn(`app enforcer (system): closed in ${JSON.stringify({ open: result.msToCloseOpen, ...Object.fromEntries(Object.entries(result.closed).map(([way, c]) => [way, c.ms])), stubborn: result.stubborn.ms })} ms`);
  // Open before the session: closed by the first scan, politely.
  expect(result.closedAtStart.signal).toBe('SIGTERM');
  expect(result.msToCloseOpen).toBeLessThan(1000);
  for (const way of ['deb', 'appImage', 'flatpak'] as const) {
    expect([way, result.closed[way].signal]).toEqual([way, 'SIGTERM']);
    expect([way, result.closed[way].ms < 1000]).toEqual([way, true]);
  }
  // One that ignores SIGTERM is killed once the grace (600 ms in the child) has passed, not before.
  expect(result.stubborn.signal).toBe('SIGKILL');
  expect(result.stubborn.ms).toBeGreaterThanOrEqual(600);
  expect(result.stubborn.ms).toBeLessThan(600 + 1500);
  // Every launch counted once: three relaunches, the stubborn one; the one open at the start was not a launch.
  expect(result.report).toEqual({ launches: [{ appId: 'wechat', attempts: 4 }], openAtStart: { appIds: ['wechat'], closesAt: null, closed: true } });
  expect(result.aliveAfterStop).toBe(true);
  // Root's and the other user's WeChat outlived both the user's enforcer and one run as root for that user.
  expect(result.closedByRoot.signal).toBe('SIGTERM');
  expect(result.rootAlive).toBe(true);
  expect(result.otherUserAlive).toBe(true);
});
