import { posix } from 'node:path';
import { checkLinuxAppRules, isSystemExecutable, type LinuxAppRuleSet } from './app-rule';

/**
 * Which app on a list a running Linux process is, from facts the process cannot choose for itself: the binary it
 * runs, the AppImage it was started from, its Flatpak sandbox. Pure, so the app's core and (later) the guard
 * share one matcher; reading those facts from `/proc` is the caller's part.
 */
export interface LinuxProcessFacts {
  /** The `/proc/<pid>/exe` link, as read (a binary replaced by an update ends in ` (deleted)`). */
  readonly exe: string;
  /** The `APPIMAGE` variable of a process running from an AppImage's mount, else null. */
  readonly appImage: string | null;
  /** `[Application] name=` of the process's `/.flatpak-info`, else null. */
  readonly flatpakId: string | null;
}

/** The Linux half of an app list entry, structurally the contract's `AppEntry` (base/ may not import contract/). */
export interface LinuxAppRules {
  readonly id: string;
  readonly linux: LinuxAppRuleSet;
}

export type LinuxAppMatcher = (facts: LinuxProcessFacts) => string | null;

const DELETED = ' (deleted)';

/**
 * Builds the matcher for a list. Every rule is validated again here and a refused one is dropped, so a list that
 * slipped past its first check still cannot reach a system process; and a process whose binary is a system
 * executable matches nothing, whatever the list says.
 */
export function linuxAppMatcher(apps: readonly LinuxAppRules[]): LinuxAppMatcher {
  const executables = new Map<string, string>();
  const files = new Map<string, string>();
  const folders: [string, string][] = [];
  const appImages: [RegExp, string][] = [];
  const flatpaks = new Map<string, string>();
  const snaps = new Map<string, string>();
  // The first entry to name a rule keeps it, so a list reads top to bottom.
  const add = (map: Map<string, string>, key: string, id: string) => map.has(key) || map.set(key, id);
  for (const { id, linux } of apps) {
    const { rules } = checkLinuxAppRules(linux);
    for (const name of rules.executables) add(executables, name, id);
    for (const path of rules.paths) {
      if (path.endsWith('/')) folders.push([path, id]);
      else add(files, path, id);
    }
    for (const pattern of rules.appImages) appImages.push([globToRegExp(pattern), id]);
    for (const flatpakId of rules.flatpaks) add(flatpaks, flatpakId, id);
    for (const snap of rules.snaps) add(snaps, snap, id);
  }

  return ({ exe: rawExe, appImage, flatpakId }) => {
    const exe = rawExe.endsWith(DELETED) ? rawExe.slice(0, -DELETED.length) : rawExe;
    if (!exe.startsWith('/') || isSystemExecutable(posix.basename(exe))) return null;
    if (flatpakId !== null && flatpaks.has(flatpakId)) return flatpaks.get(flatpakId) ?? null;
    const snap = /^\/snap\/([^/]+)\//.exec(exe)?.[1];
    if (snap !== undefined && snaps.has(snap)) return snaps.get(snap) ?? null;
    // An AppImage's variable counts only for a process running from an AppImage's own mount: whatever it starts
    // from elsewhere (a terminal, a browser) inherits the variable but is not the app.
    if (appImage !== null && /\/\.mount_[^/]+\//.test(exe)) {
      const name = posix.basename(appImage);
      const found = appImages.find(([pattern]) => pattern.test(name));
      if (found !== undefined) return found[1];
    }
    const file = files.get(exe);
    if (file !== undefined) return file;
    const folder = folders.find(([prefix]) => exe.startsWith(prefix));
    if (folder !== undefined) return folder[1];
    return executables.get(posix.basename(exe)) ?? null;
  };
}

/** An AppImage file name pattern: `*` is any run of characters, the rest literal, case ignored (`.AppImage`, `.appimage`). */
export function globToRegExp(pattern: string): RegExp {
  const literal = pattern.split('*').map((part) => part.replace(/[.+]/g, '\\$&'));
  return new RegExp(`^${literal.join('.*')}$`, 'i');
}
