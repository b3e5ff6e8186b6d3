import { existsSync } from 'node:fs';
import type { CommandRunner } from '../base/command-runner';
import { desktopGuard, type InstallRoute } from '../core/guard-client/guard-installer';
import { assertRootOwnedPath } from '../guard/install/installer';
import { polkitAgentRunning } from './polkit-agent';

/** What decides how the browser mode installs the guard on this machine. */
export interface PromptProbe {
  /** pkexec is where the Linux installer runs it (/usr/bin/pkexec). */
  readonly pkexec: boolean;
  /** A polkit authentication agent runs for this user, so pkexec's password prompt can be shown. */
  readonly polkitAgent: boolean;
  /** The binary the guard would run under, and every folder above it, can be changed by root alone. */
  readonly runtimeRootOwned: boolean;
}

/**
 * The browser mode installs exactly as the desktop app does (the guard script installs itself, through the OS's admin
 * prompt), with this Node as the guard's runtime. Where Linux can show no prompt (pkexec is missing, or no polkit agent
 * runs: a terminal-only machine, a bare window manager), Settings shows the same install as a sudo command instead.
 * A Node the user could replace (nvm, a copy in the home folder) cannot run a root service: the installer would refuse it.
 */
export function previewInstallRoute(platform: NodeJS.Platform, runtime: string, probe: PromptProbe): InstallRoute {
  if (platform !== 'win32' && !probe.runtimeRootOwned) return { via: 'none', reason: 'runtime-not-root-owned', runtime };
  if (platform !== 'linux') return { via: 'prompt' };
  if (!probe.pkexec) return { via: 'terminal', reason: 'no-pkexec' };
  if (!probe.polkitAgent) return { via: 'terminal', reason: 'no-polkit-agent' };
  return { via: 'prompt' };
}

/** The probe, answered by this machine for the user running the preview. */
export function probeThisMachine(runtime: string): PromptProbe {
  return { pkexec: existsSync('/usr/bin/pkexec'), polkitAgent: polkitAgentRunning(process.getuid?.() ?? -1), runtimeRootOwned: isRootOwned(runtime) };
}

function isRootOwned(path: string): boolean {
  try {
    assertRootOwnedPath(path);
    return true;
  } catch {
    return false;
  }
}

/** CoreHost's guard for `npm start` in the browser: the machine's own guard socket and its installer. */
export function previewGuard(options: { platform: NodeJS.Platform; runtime: string; bundle: string; version: string; probe: PromptProbe; run?: CommandRunner }) {
  const { probe, ...install } = options;
  return desktopGuard({ ...install, route: previewInstallRoute(options.platform, options.runtime, probe) });
}
