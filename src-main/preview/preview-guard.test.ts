import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardPaths } from '../guard/paths';
import { polkitAgentRunning } from './polkit-agent';
import { previewGuard, previewInstallRoute, probeThisMachine, type PromptProbe } from './preview-guard';

const desktop: PromptProbe = { pkexec: true, polkitAgent: true, runtimeRootOwned: true };
const bundle = '/home/ada/stillroom/out/guard/stillroom-guard.cjs';

describe('how `npm start` in the browser installs the guard', () => {
  it('opens the admin prompt where pkexec and a polkit agent can show it (a desktop session)', () => {
    expect(previewInstallRoute('linux', '/usr/bin/node', desktop)).toEqual({ via: 'prompt' });
    expect(previewInstallRoute('darwin', '/usr/local/bin/node', desktop)).toEqual({ via: 'prompt' });
  });

  it('shows the sudo command where no prompt can be shown: no polkit agent, or no pkexec at all', () => {
    expect(previewInstallRoute('linux', '/usr/bin/node', { ...desktop, polkitAgent: false })).toEqual({ via: 'terminal', reason: 'no-polkit-agent' });
    expect(previewInstallRoute('linux', '/usr/bin/node', { ...desktop, pkexec: false, polkitAgent: false })).toEqual({ via: 'terminal', reason: 'no-pkexec' });
  });

  it('offers nothing when this Node could be replaced by the user (the installer would refuse to run a root service on it)', () => {
    const nvm = '/home/ada/.nvm/versions/node/v22.12.0/bin/node';
    expect(previewInstallRoute('linux', nvm, { ...desktop, runtimeRootOwned: false })).toEqual({ via: 'none', reason: 'runtime-not-root-owned', runtime: nvm });
    expect(previewInstallRoute('win32', 'C:\\node\\node.exe', { ...desktop, runtimeRootOwned: false })).toEqual({ via: 'prompt' });
  });

  it('hands the core the machine’s own guard socket and the desktop app’s installer on the chosen route', () => {
    const guard = previewGuard({ platform: 'linux', runtime: '/usr/bin/node', bundle, version: '0.1.0', probe: { ...desktop, polkitAgent: false } });
    expect(guard.guardSocketPath).toBe(guardPaths.linux.socketPath);
    expect(guard.guardInstaller?.support()).toMatchObject({ via: 'terminal', install: expect.stringMatching(new RegExp(`^sudo /usr/bin/node ${bundle} install --user \\S+$`)) });
  });
});

describe('the probe, answered by this machine', () => {
  it('finds a polkit agent among the user’s processes by its program name, and none where none runs', async () => {
    const uid = process.getuid?.() ?? 0;
    // No desktop runs here, so no agent: the real /proc says so.
    expect(polkitAgentRunning(uid)).toBe(false);
    const folder = mkdtempSync(join(tmpdir(), 'polkit-agent-'));
    const agent = join(folder, 'polkit-gnome-authentication-agent-1');
    copyFileSync('/bin/sleep', agent);
    chmodSync(agent, 0o755);
    const child = spawn(agent, ['30'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      expect(polkitAgentRunning(uid)).toBe(true);
      // Another user's agent shows no prompt to this one.
      expect(polkitAgentRunning(uid + 4242)).toBe(false);
    } finally {
      child.kill();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('tells a root-owned Node from one the user could replace', () => {
    expect(probeThisMachine('/usr/bin/sleep').runtimeRootOwned).toBe(true);
    const folder = mkdtempSync(join(tmpdir(), 'user-node-'));
    chmodSync(folder, 0o777);
    try {
      expect(probeThisMachine(join(folder, '..', '..', 'bin', 'sleep')).runtimeRootOwned).toBe(true);
      copyFileSync('/usr/bin/sleep', join(folder, 'node'));
      expect(probeThisMachine(join(folder, 'node')).runtimeRootOwned).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
