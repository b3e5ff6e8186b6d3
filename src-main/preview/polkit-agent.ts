import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * The polkit authentication agents of the Linux desktops, by program name: the process that shows pkexec's password
 * prompt. polkit offers no way to ask whether one is registered for a session, so the user's processes are looked at
 * (as other apps that use pkexec do); a guess wrong the other way is caught when pkexec answers that no agent was found.
 */
const POLKIT_AGENTS = new Set([
  'polkit-gnome-authentication-agent-1',
  'polkit-kde-authentication-agent-1',
  'polkit-mate-authentication-agent-1',
  'polkit-efl-authentication-agent-1',
  'lxpolkit',
  'lxqt-policykit-agent',
  'xfce-polkit',
  'hyprpolkitagent',
  'budgie-polkit-dialog',
  'dde-polkit-agent',
  'soteria',
  // Desktops whose shell is its own agent.
  'gnome-shell',
  'cinnamon',
]);

/** Whether a known polkit agent runs as `uid`, read from `/proc`. */
export function polkitAgentRunning(uid: number): boolean {
  const proc = '/proc';
  for (const pid of readdirSync(proc)) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (statSync(join(proc, pid)).uid !== uid) continue;
      const program = readFileSync(join(proc, pid, 'cmdline'), 'utf8').split('\0')[0] ?? '';
      if (POLKIT_AGENTS.has(basename(program))) return true;
    } catch {
      // The process ended while we looked.
    }
  }
  return false;
}
