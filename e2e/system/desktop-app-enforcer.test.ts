import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import type { AppEnforcer } from '../../src-main/base/apps/app-enforcer';
import { MacAppEnforcer } from '../../src-main/base/apps/mac-app-enforcer';
import type { AppRules } from '../../src-main/base/apps/platform-app-match';
import { WindowsAppEnforcer } from '../../src-main/base/apps/windows-app-enforcer';

// Issue 21: the macOS and Windows app enforcers on a real Mac or PC (the CI matrix), with a stand-in app of this
// test's own: a copy of `sleep` in an `.app` bundle under ~/Library/Caches (macOS), a copy of Node named
// focus-standin.exe (Windows). The list names only that stand-in, so nothing else on the machine can match. Elsewhere
// it skips: on Linux these enforcers are tested against recorded commands (src-main/base/apps/*-app-enforcer.test.ts).
const skip = process.platform === 'darwin' || process.platform === 'win32' ? null : 'needs macOS or Windows (the recorded-command tests cover them here)';

const none = { executables: [], paths: [], appImages: [], flatpaks: [], snaps: [] };
const folder = skip ? '' : mkdtempSync(process.platform === 'darwin' ? join(mkdirIn(homedir(), 'Library', 'Caches'), 'focus-app-standin-') : join(realpathSync.native(tmpdir()), 'focus-app-standin-'));
const { program, args, list } = skip ? { program: '', args: [], list: [] } : standIn(folder);

const started: ChildProcess[] = [];
let enforcer: AppEnforcer | null = null;
const launch = () => {
  const child = spawn(program, args, { stdio: 'ignore', windowsHide: true });
  started.push(child);
  return child;
};
const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;
const exited = (child: ChildProcess) => (ended(child) ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve())));
const withDeadline = <T>(work: Promise<T>, ms: number) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);

afterEach(() => {
  enforcer?.stop();
  for (const child of started.splice(0)) if (!ended(child)) child.kill('SIGKILL');
});
afterAll(() => {
  if (!skip) rmSync(folder, { recursive: true, force: true });
});

it('closes a running stand-in app, again on relaunch, counts both, and leaves one launched after stop alone', async (context) => {
  if (skip) context.skip(skip);
  const open = launch();
  enforcer = process.platform === 'darwin' ? new MacAppEnforcer({ intervalMs: 200 }) : new WindowsAppEnforcer({ intervalMs: 200 });
  enforcer.start(list, { graceMs: 500 });
  await withDeadline(exited(open), 15_000);
  const again = launch();
  await withDeadline(exited(again), 15_000);
  expect(enforcer.report()).toEqual([{ appId: 'standin', attempts: 2 }]);

  enforcer.stop();
  const after = launch();
  // Several scans' worth: a stopped enforcer never signals again.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  expect(ended(after)).toBe(false);
});

/** The stand-in app and the list that names only it. */
function standIn(root: string): { program: string; args: string[]; list: AppRules[] } {
  if (process.platform === 'darwin') {
    const bundle = join(root, 'FocusStandin.app');
    const program = join(mkdirIn(bundle, 'Contents', 'MacOS'), 'FocusStandin');
    copyFileSync('/bin/sleep', program);
    writeFileSync(
      join(bundle, 'Contents', 'Info.plist'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>CFBundleIdentifier</key><string>com.example.focus-standin</string><key>CFBundleExecutable</key><string>FocusStandin</string></dict></plist>\n',
    );
    return { program, args: ['60'], list: [{ id: 'standin', linux: none, macos: { bundleIds: [], appPaths: [bundle] } }] };
  }
  const program = join(root, 'focus-standin.exe');
  copyFileSync(process.execPath, program);
  return { program, args: ['-e', 'setTimeout(() => {}, 60000)'], list: [{ id: 'standin', linux: none, windows: { imageNames: ['focus-standin.exe'], paths: [] } }] };
}

function mkdirIn(...parts: string[]): string {
  const path = join(...parts);
  mkdirSync(path, { recursive: true });
  return path;
}
