import { posix } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StandInApps } from '../../../test-support/stand-in-apps';
import { isSystemExecutable } from '../../base/apps/app-rule';
import { runningApps } from './running-apps';

// Real processes of this user, started by this test (test-support/stand-in-apps.ts): copies of `sleep` in a folder
// of its own, run as a desktop launches an app (a display in the environment, no controlling terminal).
const standIns = new StandInApps();
const root = standIns.folder;
const standIn = standIns.binary('focus-standin');
const systemLookalike = standIns.binary('gnome-shell');
const terminalOnly = standIns.binary('terminal-tool');
const launch = (file: string, env: NodeJS.ProcessEnv) => standIns.launch(file, env);
const until = async (check: () => boolean) => {
  for (let tries = 0; tries < 100 && !check(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
};

afterAll(() => standIns.dispose());

describe('the running apps Settings offers to add', () => {
  it('lists a desktop program once by its path, never a system process, a program without a display, or this process', async () => {
    launch(standIn, { DISPLAY: ':0' });
    launch(standIn, { WAYLAND_DISPLAY: 'wayland-0' });
    launch(systemLookalike, { DISPLAY: ':0' });
    launch(terminalOnly, {});
    // The children have exec'd once their exe link is the copy.
    const ours = (list: ReturnType<typeof runningApps>) => list.apps.filter((app) => app.own.rule.startsWith(`${root}/`));
    await until(() => ours(runningApps('linux')).length > 0);
    const before = Date.now();
    const list = runningApps('linux');
    const elapsed = Date.now() - before;

    expect(list.supported).toBe(true);
    expect(ours(list)).toEqual([{ name: 'focus-standin', own: { kind: 'path', rule: standIn } }]);
    for (const app of list.apps) expect(isSystemExecutable(posix.basename(app.own.rule))).toBe(false);
    expect(list.apps.map((app) => app.own.rule)).not.toContain(process.execPath);
    expect(list.apps.length).toBeLessThanOrEqual(200);
    expect(elapsed).toBeLessThan(1000);
  });

  it('is an empty list that says so where apps are not closed yet', () => {
    expect(runningApps('darwin')).toEqual({ supported: false, apps: [] });
    expect(runningApps('win32')).toEqual({ supported: false, apps: [] });
  });
});
