import { posix } from 'node:path';
import { MAX_RUNNING_APPS, type OwnApp, type RunningApp, type RunningApps } from '../../contract/apps';
import { checkLinuxAppRule, isSystemExecutable } from '../../base/apps/app-rule';
import { listProcessIds, ownedWholly, readEnvironVariable, readExe, readFlatpakId, readOwner, readProcStat, selfAndAncestors } from '../../base/apps/proc-files';

/** Beyond this many processes the list stops looking: a machine with more still gets the first ones found. */
const MAX_PROCESSES_READ = 5000;

/**
 * The programs of the user's running now that Settings offers to add (issue 21, "pick a running app"), read from
 * `/proc` with the enforcer's own reads. Only what looks like a desktop app: a process of this user wholly, started
 * in a graphical session (a display in its environment) and not from a terminal (no controlling terminal). Each is
 * offered with the rule a session would recognise it by, as the enforcer does: its Flatpak id, its snap, its
 * AppImage's name, else its binary's path; and only when `base/app-rule.ts` accepts that rule, so no system
 * process, shell, interpreter or Stillroom is ever offered. One entry per rule, by name, at most 200.
 */
export function runningApps(platform: string, uid = process.getuid?.() ?? -1): RunningApps {
  if (platform !== 'linux') return { supported: false, apps: [] };
  const untouchable = selfAndAncestors();
  const found = new Map<string, RunningApp>();
  for (const pid of listProcessIds().slice(0, MAX_PROCESSES_READ)) {
    if (found.size >= MAX_RUNNING_APPS) break;
    if (untouchable.has(pid) || readOwner(pid) !== uid) continue;
    const app = desktopApp(pid, uid);
    if (app !== null) found.set(`${app.own.kind}:${app.own.rule}`, app);
  }
  return { supported: true, apps: [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.own.rule.localeCompare(b.own.rule)) };
}

function desktopApp(pid: number, uid: number): RunningApp | null {
  const rawExe = readExe(pid);
  const stat = readProcStat(pid);
  if (rawExe === null || stat === null || stat.tty !== 0 || !ownedWholly(pid, uid)) return null;
  if (readEnvironVariable(pid, 'DISPLAY') === null && readEnvironVariable(pid, 'WAYLAND_DISPLAY') === null) return null;
  const exe = rawExe.replace(/ \(deleted\)$/, '');
  if (!exe.startsWith('/') || isSystemExecutable(posix.basename(exe))) return null;
  const own = ruleOf(pid, exe);
  if (own === null) return null;
  const checked = checkLinuxAppRule(own.kind, own.rule);
  if (!checked.ok) return null;
  const name = own.kind === 'path' ? posix.basename(checked.rule) : own.kind === 'appImage' ? checked.rule.replace(/\.appimage$/i, '') : checked.rule;
  return { name, own: { kind: own.kind, rule: checked.rule } };
}

/** How the enforcer would know this process again next time: a path inside a sandbox or a mount changes per run. */
function ruleOf(pid: number, exe: string): OwnApp | null {
  const flatpak = readFlatpakId(pid);
  if (flatpak !== null) return { kind: 'flatpak', rule: flatpak };
  const snap = /^\/snap\/([^/]+)\//.exec(exe)?.[1];
  if (snap !== undefined) return { kind: 'snap', rule: snap };
  if (/\/\.mount_[^/]+\//.test(exe)) {
    const appImage = readEnvironVariable(pid, 'APPIMAGE');
    return appImage === null ? null : { kind: 'appImage', rule: posix.basename(appImage) };
  }
  return { kind: 'path', rule: exe };
}
