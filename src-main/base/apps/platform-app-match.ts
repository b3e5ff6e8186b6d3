import { win32 } from 'node:path';
import type { LinuxAppRules } from './app-match';
import { checkMacAppRules, isSystemBundleId, isSystemMacPath, outermostAppBundle, type MacAppRuleSet } from './mac-app-rule';
import { checkWindowsAppRules, isSystemImageName, isSystemWindowsPath, type WindowsAppRuleSet } from './windows-app-rule';

/**
 * An app list entry with its rules for every OS: structurally the contract's `AppEntry`. The macOS and Windows sets
 * are optional, so a Linux-only list (the guard's lease, for now) is one too.
 */
export interface AppRules extends LinuxAppRules {
  readonly macos?: MacAppRuleSet;
  readonly windows?: WindowsAppRuleSet;
}

/** What a macOS process is, from facts it cannot choose: its executable's path and its outermost bundle's id. */
export interface MacProcessFacts {
  readonly executable: string;
  /** `CFBundleIdentifier` of the outermost `.app` the executable sits in, else null. */
  readonly bundleId: string | null;
}

/** What a Windows process is: its image's full path (`Win32_Process.ExecutablePath`), null where Windows hides it. */
export interface WindowsProcessFacts {
  readonly executablePath: string | null;
}

/**
 * Builds the macOS matcher for a list: a process matches by its bundle's id, or by running from inside a listed
 * `.app` (its helpers too). Every rule is validated again and a refused one dropped; a process running from a
 * system folder or with a system bundle id matches nothing, whatever the list says. Case is ignored, as macOS does.
 */
export function macAppMatcher(apps: readonly AppRules[]): (facts: MacProcessFacts) => string | null {
  const bundleIds = new Map<string, string>();
  const bundles = new Map<string, string>();
  for (const { id, macos } of apps) {
    if (macos === undefined) continue;
    const { rules } = checkMacAppRules(macos);
    for (const bundleId of rules.bundleIds) firstKeeps(bundleIds, bundleId.toLowerCase(), id);
    for (const path of rules.appPaths) firstKeeps(bundles, path.toLowerCase(), id);
  }
  return ({ executable, bundleId }) => {
    if (!executable.startsWith('/') || isSystemMacPath(executable)) return null;
    if (bundleId !== null) {
      if (isSystemBundleId(bundleId)) return null;
      const byId = bundleIds.get(bundleId.toLowerCase());
      if (byId !== undefined) return byId;
    }
    const bundle = outermostAppBundle(executable);
    return bundle === null ? null : (bundles.get(bundle.toLowerCase()) ?? null);
  };
}

/**
 * Builds the Windows matcher for a list: a process matches by its full path (a listed `.exe`, or inside a listed
 * folder) or by its image name (the path's last part). Rules validated again; a process running from a system folder, or whose image is a
 * system one, matches nothing. Case is ignored, as Windows does.
 */
export function windowsAppMatcher(apps: readonly AppRules[]): (facts: WindowsProcessFacts) => string | null {
  const images = new Map<string, string>();
  const files = new Map<string, string>();
  const folders: [string, string][] = [];
  for (const { id, windows } of apps) {
    if (windows === undefined) continue;
    const { rules } = checkWindowsAppRules(windows);
    for (const name of rules.imageNames) firstKeeps(images, name.toLowerCase(), id);
    for (const path of rules.paths) {
      if (path.endsWith('\\')) folders.push([path.toLowerCase(), id]);
      else firstKeeps(files, path.toLowerCase(), id);
    }
  }
  return ({ executablePath }) => {
    // A path Windows would not show this user (another user's, an elevated or protected process) is not known well
    // enough to touch.
    if (executablePath === null) return null;
    const path = executablePath.toLowerCase();
    const imageName = win32.basename(path);
    if (!/^[a-z]:\\/.test(path) || isSystemWindowsPath(path) || isSystemImageName(imageName)) return null;
    return files.get(path) ?? folders.find(([folder]) => path.startsWith(folder))?.[1] ?? images.get(imageName) ?? null;
  };
}

/** The first entry to name a rule keeps it, so a list reads top to bottom. */
function firstKeeps(map: Map<string, string>, key: string, id: string): void {
  if (!map.has(key)) map.set(key, id);
}
