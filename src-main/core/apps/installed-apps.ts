import { opendirSync, statSync, type Dir } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AppEntry } from '../../contract/apps';
import { checkLinuxAppRules } from '../../base/apps/app-rule';
import { globToRegExp } from '../../base/apps/app-match';

/**
 * Which apps of a list are installed on this machine (issue 21: "which apps are on the list and installed here"),
 * found by looking, never by running anything: each look is one `stat` or one folder listing, a few hundred in all.
 * On Linux an app is installed here when
 * - one of its paths exists (a file, or a folder such as `/opt/wechat/`);
 * - one of its executables is a file in a folder of `PATH` (its first 32 absolute ones) or of the usual places
 *   (`/usr/bin`, `/usr/local/bin`, `/usr/games`, `/opt/bin`, `~/.local/bin`);
 * - one of its Flatpaks is installed, system-wide (`/var/lib/flatpak/app/<id>`) or for the user
 *   (`~/.local/share/flatpak/app/<id>`);
 * - one of its snaps is installed (`/snap/<name>`);
 * - a file in `~/Applications`, `~/AppImages`, `~/.local/bin` or `~/Downloads` is named like one of its AppImage
 *   patterns (the first 2,000 names of each folder).
 * On macOS: one of its `.app` paths exists, or the same bundle in `~/Applications`. Elsewhere (Windows, for now)
 * nothing is looked at and the answer is null: not known, which the status says rather than guess.
 */

export interface InstalledAppsRoots {
  /** Prefixed to every system path looked at; `/` but in tests, which build a tree in a temp folder. */
  readonly root: string;
  readonly home: string;
  /** `PATH` as the app was started with. */
  readonly path: string;
}

/** This machine, as the app was started: its own file system, the user's home, its PATH. */
export function installedAppsRootsHere(env: NodeJS.ProcessEnv = process.env): InstalledAppsRoots {
  return { root: '/', home: env.HOME?.startsWith('/') ? env.HOME : homedir(), path: env.PATH ?? '' };
}

const USUAL_BIN_FOLDERS = ['/usr/bin', '/usr/local/bin', '/usr/games', '/opt/bin'];
const MAX_PATH_FOLDERS = 32;
const APPIMAGE_FOLDERS = ['Applications', 'AppImages', '.local/bin', 'Downloads'];
const MAX_NAMES_PER_FOLDER = 2000;

/** The ids of the apps of `apps` found installed, in the list's order; null where this system is not looked at. */
export function installedApps(apps: readonly AppEntry[], platform: string, roots: InstalledAppsRoots): string[] | null {
  if (platform === 'linux') return installedOnLinux(apps, roots);
  if (platform === 'darwin') return installedOnMac(apps, roots);
  return null;
}

function installedOnLinux(apps: readonly AppEntry[], { root, home, path }: InstalledAppsRoots): string[] {
  const inRoot = (absolute: string) => join(root, absolute);
  const pathFolders = path
    .split(':')
    .filter((folder) => folder.startsWith('/'))
    .slice(0, MAX_PATH_FOLDERS)
    .map(inRoot);
  const binFolders = [...new Set([...pathFolders, ...USUAL_BIN_FOLDERS.map(inRoot), join(home, '.local/bin')])];
  // Listed once, and only when some app has an AppImage pattern.
  let appImageNames: string[] | null = null;
  const appImageFiles = () => (appImageNames ??= APPIMAGE_FOLDERS.flatMap((folder) => fileNames(join(home, folder))));

  return apps.flatMap(({ id, linux }) => {
    const { rules } = checkLinuxAppRules(linux);
    const found =
      rules.paths.some((rule) => exists(inRoot(rule))) ||
      rules.executables.some((name) => binFolders.some((folder) => isFile(join(folder, name)))) ||
      rules.flatpaks.some((flatpak) => exists(inRoot(`/var/lib/flatpak/app/${flatpak}`)) || exists(join(home, '.local/share/flatpak/app', flatpak))) ||
      rules.snaps.some((snap) => exists(inRoot(`/snap/${snap}`))) ||
      (rules.appImages.length > 0 && rules.appImages.map(globToRegExp).some((pattern) => appImageFiles().some((name) => pattern.test(name))));
    return found ? [id] : [];
  });
}

function installedOnMac(apps: readonly AppEntry[], { root, home }: InstalledAppsRoots): string[] {
  return apps.flatMap(({ id, macos }) => {
    const bundles = macos.appPaths.filter((path) => path.startsWith('/'));
    const found = bundles.some((path) => exists(join(root, path)) || (path.startsWith('/Applications/') && exists(join(home, path))));
    return found ? [id] : [];
  });
}

/** A path that cannot be looked at (no permission) counts as not there. */
function stat(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function exists(path: string): boolean {
  return stat(path) !== undefined;
}

function isFile(path: string): boolean {
  return stat(path)?.isFile() ?? false;
}

/** The first names of a folder, read no further than that (a Downloads folder may hold many thousands). */
function fileNames(folder: string): string[] {
  const names: string[] = [];
  let dir: Dir | null = null;
  try {
    dir = opendirSync(folder);
    for (let entry = dir.readSync(); entry !== null && names.length < MAX_NAMES_PER_FOLDER; entry = dir.readSync()) names.push(entry.name);
  } catch {
    // Not there or not readable: nothing found in it.
  } finally {
    dir?.closeSync();
  }
  return names;
}
