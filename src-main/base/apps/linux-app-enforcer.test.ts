import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { LinuxAppRules } from './app-match';
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
});
