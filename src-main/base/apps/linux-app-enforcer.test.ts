import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { LinuxAppRules } from './app-match';
import { runs } from '../../../test-support/stand-in-apps';
import { LinuxAppEnforcer } from './linux-app-enforcer';

// Real processes of this user: stand-in apps are copies of `sleep` and `sh` in a folder of this test's own, and the
// list names only that folder, so nothing else on the machine can match.
const root = mkdtempSync(join(tmpdir(), 'app-enforcer-'));
const bin = join(root, 'bin');
mkdirSync(bin);
const app = join(bin, 'focus-standin');
const launcher = join(bin, 'focus-launcher');
copyFileSync('/bin/sleep', app);
copyFileSync('/bin/sh', launcher);
const list: LinuxAppRules[] = [
  {
    id: 'standin',
    linux: { executables: [], paths: [`${bin}/`], appImages: [], flatpaks: [], snaps: [] },
  },
];

const started: ChildProcess[] = [];
const launch = (file: string, args: string[]) => {
  const child = spawn(file, args, { stdio: 'ignore', detached: true });
  started.push(child);
  return child;
};
const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
let enforcer: LinuxAppEnforcer | null = null;

afterEach(() => {
  enforcer?.stop();
  for (const child of started.splice(0)) if (alive(child)) process.kill(-child.pid!, 'SIGKILL');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the Linux app enforcer on real processes', () => {
  it('closes a launcher that exec’s into the app after it was first seen, and counts an app’s own helpers as one launch', async () => {
    enforcer = new LinuxAppEnforcer({ intervalMs: 50 });
    enforcer.start(list, { graceMs: 5000 });
    // Seen first as `sh`, then exec'ing into the app: still young, so looked at again and closed.
    const late = launch('/bin/sh', ['-c', `sleep 0.3; exec ${app} 30`]);
    // The app starting a copy of itself (as Electron starts its helpers): one launch, two processes closed.
    const family = launch(launcher, ['-c', `${launcher} -c 'exec sleep 30' & wait`]);
    await Promise.all([exited(late), exited(family)]);
    expect(late.signalCode).toBe('SIGTERM');
    expect(enforcer.report()).toEqual([{ appId: 'standin', attempts: 2 }]);
  });

  it('closes an app open at the start at once, and reports it as open at the start, not as a launch', async () => {
    const open = launch(app, ['30']);
    await runs(open, app);
    enforcer = new LinuxAppEnforcer({ intervalMs: 50 });
    enforcer.start(list, { graceMs: 5000 });
    await exited(open);
    expect(open.signalCode).toBe('SIGTERM');
    expect(enforcer.openAtStart()).toEqual({ appIds: ['standin'], closesAt: null, closed: true });
    expect(enforcer.report()).toEqual([]);
  });

  it('leaves an app open at the start (and its helpers) to the user for the wait, while a new launch is closed at once', async () => {
    // The open app's own helper, started by it: part of the app that was open, left alone with it.
    const open = launch(launcher, ['-c', `${launcher} -c 'exec sleep 30' & wait`]);
    await runs(open, launcher);
    const waitMs = 1500;
    let changes = 0;
    enforcer = new LinuxAppEnforcer({ intervalMs: 50 });
    const startedAt = Date.now();
    enforcer.start(list, { graceMs: 5000, openAppsWaitMs: waitMs }, () => (changes += 1));
    expect(enforcer.openAtStart()).toEqual({ appIds: ['standin'], closesAt: expect.any(Number), closed: false });
    expect(enforcer.openAtStart()!.closesAt! - startedAt).toBeGreaterThanOrEqual(waitMs);
    const launched = launch(app, ['30']);
    await exited(launched);
    expect(launched.signalCode).toBe('SIGTERM');
    expect(alive(open)).toBe(true);
    expect(enforcer.report()).toEqual([{ appId: 'standin', attempts: 1 }]);
    await exited(open);
    expect(open.signalCode).toBe('SIGTERM');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(waitMs);
    expect(enforcer.openAtStart()).toMatchObject({ appIds: ['standin'], closed: true });
    // One for the launch, one for the wait's end; the helper was never counted.
    expect(changes).toBe(2);
    expect(enforcer.report()).toEqual([{ appId: 'standin', attempts: 1 }]);
  });

  it('reports nothing open at the start when nothing was', () => {
    enforcer = new LinuxAppEnforcer({ intervalMs: 50 });
    enforcer.start(list, { graceMs: 5000, openAppsWaitMs: 1000 });
    expect(enforcer.openAtStart()).toBeNull();
  });
});
