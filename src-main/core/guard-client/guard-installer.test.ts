import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandRunner } from '../../base/command-runner';
import { guardPaths } from '../../guard/paths';
import { GuardClient } from './guard-client';
import { exit, ok, recordingRunner } from '../../../test-support/recording-runner';
import { desktopGuard, ElevatedGuardInstaller, windowsUserSid } from './guard-installer';
import { guardControl } from './guard-control';

// pkexec, osascript and UAC need a person at a desktop: here the runner records the exact command lines instead.
const recording = (result: { ok: true } | { ok: false; error: string } = { ok: true }) => {
  const calls: { file: string; args: readonly string[]; timeoutMs: number }[] = [];
  const run: CommandRunner = async (file, args, timeoutMs) => {
    calls.push({ file, args, timeoutMs });
    return result;
  };
  return { calls, run };
};

const input = {
  runtime: '/opt/Stillroom/stillroom',
  bundle: '/opt/Stillroom/resources/guard/stillroom-guard.cjs',
  user: { name: 'ada', uid: 1000 },
  version: '0.1.0',
};

let root: string | null = null;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = null;
});

describe('ElevatedGuardInstaller', () => {
  it('installs and repairs through pkexec on Linux, running the guard script with the app binary as Node', async () => {
    const { calls, run } = recording();
    const installer = new ElevatedGuardInstaller({ ...input, platform: 'linux', run });
    await installer.install();
    await installer.repair();
    const expected = [
      '--disable-internal-agent',
      '/usr/bin/env',
      'ELECTRON_RUN_AS_NODE=1',
      '/opt/Stillroom/stillroom',
      '/opt/Stillroom/resources/guard/stillroom-guard.cjs',
      'install',
      '--runtime',
      '/opt/Stillroom/stillroom',
      '--user',
      'ada',
      '--version',
      '0.1.0',
      '--uid',
      '1000',
    ];
    expect(calls).toEqual([
      { file: '/usr/bin/pkexec', args: expected, timeoutMs: 300_000 },
      { file: '/usr/bin/pkexec', args: expected, timeoutMs: 300_000 },
    ]);
  });

  // whoami cannot run here: a recording runner answers as it does on Windows.
  it('on Windows, reads the user’s SID before the prompt and gives it to the guard, which closes that user’s apps', async () => {
    const SID = 'S-1-5-21-1004336348-1177238915-682003330-1001';
    const whoami = recordingRunner({ 'C:\\Windows\\System32\\whoami.exe /user /fo csv /nh': ok(`"desktop-7\\ada","${SID}"\r\n`) });
    const { calls, run } = recording();
    await new ElevatedGuardInstaller({ ...input, user: { name: 'ada' }, platform: 'win32', run, output: whoami.run }).install();
    expect(whoami.calls).toEqual([{ file: 'C:\\Windows\\System32\\whoami.exe', args: ['/user', '/fo', 'csv', '/nh'], timeoutMs: 10_000 }]);
    // Quoted twice over: inside the elevated PowerShell's command, itself quoted for Start-Process.
    expect(calls[0]?.args.at(-1)).toContain(`''--user'' ''ada'' ''--version'' ''0.1.0'' ''--sid'' ''${SID}''`);

    // Unreadable, or not a user's: the install goes on by name, and the guard says it closes no apps.
    for (const answer of [exit(1, 'whoami failed'), ok('"nt authority\\system","S-1-5-18"\r\n'), ok('garbage')]) {
      const prompt = recording();
      await new ElevatedGuardInstaller({ ...input, user: { name: 'ada' }, platform: 'win32', run: prompt.run, output: recordingRunner({ 'C:\\Windows\\System32\\whoami.exe': answer }).run }).install();
      expect(prompt.calls[0]?.args.at(-1)).not.toContain('--sid');
    }
    expect(await windowsUserSid(whoami.run, { SystemRoot: 'C:\\Windows' })).toBe(SID);
  });

  it('uninstalls through the admin prompt of each OS', async () => {
    const linux = recording();
    await new ElevatedGuardInstaller({ ...input, platform: 'linux', run: linux.run }).uninstall();
    expect(linux.calls[0]?.args).toEqual(['--disable-internal-agent', '/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', input.runtime, input.bundle, 'uninstall']);
    const mac = recording();
    await new ElevatedGuardInstaller({ ...input, platform: 'darwin', run: mac.run }).uninstall();
    expect(mac.calls[0]?.file).toBe('/usr/bin/osascript');
    expect(mac.calls[0]?.args.join(' ')).toContain('with administrator privileges');
  });

  it('turns a refused or failed prompt into an error the service reports', async () => {
    const { run } = recording({ ok: false, error: '/usr/bin/pkexec: Command failed (Not authorized)' });
    await expect(new ElevatedGuardInstaller({ ...input, platform: 'linux', run }).install()).rejects.toThrow('Not authorized');
  });

  it('where no prompt can be shown, offers the same install as sudo commands and refuses to run it itself', async () => {
    const { calls, run } = recording();
    const installer = new ElevatedGuardInstaller({ ...input, runtime: '/usr/bin/node', bundle: "/home/ada/my stillroom/out/guard/stillroom-guard.cjs", platform: 'linux', run, route: { via: 'terminal', reason: 'no-polkit-agent' } });
    expect(installer.support()).toEqual({
      via: 'terminal',
      reason: 'no-polkit-agent',
      install: "sudo /usr/bin/node '/home/ada/my stillroom/out/guard/stillroom-guard.cjs' install --user ada",
      uninstall: "sudo /usr/bin/node '/home/ada/my stillroom/out/guard/stillroom-guard.cjs' uninstall",
    });
    await expect(installer.install()).rejects.toThrow('No admin prompt can be shown here');
    expect(calls).toEqual([]);
  });

  it('turns to the terminal when pkexec answers that no polkit agent can show its prompt', async () => {
    // pkexec --disable-internal-agent exits 127 with this line when no agent is registered (polkit's pkexec.c).
    const { run } = recording({ ok: false, error: '/usr/bin/pkexec: exit status 127 (Error executing command as another user: No authentication agent found.)' });
    const installer = new ElevatedGuardInstaller({ ...input, platform: 'linux', run });
    expect(installer.support()).toEqual({ via: 'prompt' });
    await expect(installer.install()).rejects.toThrow('No admin prompt could be shown (no polkit authentication agent runs in this session)');
    expect(installer.support()).toMatchObject({ via: 'terminal', reason: 'no-polkit-agent', install: `sudo ${input.runtime} ${input.bundle} install --user ada` });
  });

  it('knows the guard is installed by its config file', async () => {
    root = mkdtempSync(join(tmpdir(), 'guard-installed-'));
    const installer = new ElevatedGuardInstaller({ ...input, platform: 'linux', run: recording().run, root });
    expect(await installer.isInstalled()).toBe(false);
    const config = join(root, guardPaths.linux.configPath);
    mkdirSync(join(config, '..'), { recursive: true });
    writeFileSync(config, '{}');
    expect(await installer.isInstalled()).toBe(true);
    // Installed, but its socket is gone (the service is stopped): the status says "not running", not "not installed".
    const control = guardControl({ client: new GuardClient(join(root, 'run', 'no-such.sock')), installer, appVersion: '0.1.0' });
    expect(await control.status()).toMatchObject({ state: 'not-running' });
  });
});

describe('desktopGuard', () => {
  it('names the guard’s fixed socket and an installer for this user, and nothing where no guard exists', async () => {
    const linux = desktopGuard({ platform: 'linux', runtime: '/usr/bin/node', bundle: '/tmp/guard.cjs', version: '0.1.0' });
    expect(linux.guardSocketPath).toBe('/run/stillroom-guard/guard.sock');
    expect(linux.guardInstaller).toBeInstanceOf(ElevatedGuardInstaller);
    expect(desktopGuard({ platform: 'aix', runtime: '/x', bundle: '/y', version: '0.1.0' })).toEqual({ guardSocketPath: null, guardInstaller: null });
  });
});
