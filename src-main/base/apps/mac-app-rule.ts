import { posix } from 'node:path';
import { accept, checkAppRuleSet, precheckAppRule, reject, type AppRuleRefusal, type AppRuleResult } from './app-rule';

/**
 * The one validator of a rule that recognises a desktop app on macOS (issue 21), beside app-rule.ts's Linux one and
 * with the same promise: nothing that passes can name a part of macOS or the desktop. Apple's own bundle ids are
 * refused as a family (`com.apple.*`: Finder, Dock, loginwindow, WindowServer, SystemUIServer, ControlCenter, …)
 * except a short list of Apple's consumer apps a person may well want closed (Messages, FaceTime, Music, …).
 * Terminal stays refused with the family: quitting it ends every shell and job in it (a build, an ssh session, a
 * Stillroom run from a checkout), which is what app-rule.ts refuses shells for on Linux.
 */
export type MacAppRuleKind = 'bundleId' | 'appPath';

/** The macOS rules of one app, by kind: structurally the contract's `MacAppRecognition` (base/ may not import it). */
export interface MacAppRuleSet {
  readonly bundleIds: readonly string[];
  readonly appPaths: readonly string[];
}

/** Apple's apps that are a person's pastime, not the system's: the only `com.apple.*` ids a list may name (lower case). */
const APPLE_CONSUMER_APPS = new Set([
  'com.apple.mobilesms', // Messages
  'com.apple.facetime',
  'com.apple.music',
  'com.apple.tv',
  'com.apple.podcasts',
  'com.apple.news',
  'com.apple.ibooksx', // Books
  'com.apple.appstore',
  'com.apple.chess',
  'com.apple.safari',
]);

/** Folders whose programs are macOS's own: a path in one is refused, and a process running from one never matches. */
const SYSTEM_FOLDERS = ['/System/', '/usr/', '/bin/', '/sbin/', '/Library/Apple/', '/private/', '/dev/', '/Library/CoreServices/', '/Library/PrivilegedHelperTools/'];

const BUNDLE_ID = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const MAX_BUNDLE_ID = 255;

export function checkMacAppRule(kind: MacAppRuleKind, input: string): AppRuleResult {
  const prechecked = precheckAppRule(input);
  if (!prechecked.ok) return prechecked;
  const { rule } = prechecked;
  switch (kind) {
    case 'bundleId':
      if (!BUNDLE_ID.test(rule) || rule.length > MAX_BUNDLE_ID) return reject('bad-bundle-id');
      return isSystemBundleId(rule) ? reject('system-process') : accept(rule);
    case 'appPath':
      return checkAppPath(rule);
  }
}

const KIND_OF: Record<keyof MacAppRuleSet, MacAppRuleKind> = { bundleIds: 'bundleId', appPaths: 'appPath' };

export function checkMacAppRules(macos: MacAppRuleSet): { rules: MacAppRuleSet; refused: AppRuleRefusal<keyof MacAppRuleSet>[] } {
  return checkAppRuleSet(macos, KIND_OF, checkMacAppRule);
}

/** Whether a bundle id is Apple's system or desktop (any case: Launch Services compares them so), or Stillroom's. */
export function isSystemBundleId(bundleId: string): boolean {
  const lower = bundleId.toLowerCase();
  return (lower.startsWith('com.apple.') && !APPLE_CONSUMER_APPS.has(lower)) || lower.includes('stillroom');
}

/** Whether a running program's path is macOS's own (compared without case: the usual volume ignores it). */
export function isSystemMacPath(path: string): boolean {
  const lower = path.toLowerCase();
  return SYSTEM_FOLDERS.some((folder) => lower.startsWith(folder.toLowerCase())) || lower.includes('stillroom');
}

/**
 * The outermost `.app` bundle a program runs from (`/Applications/WeChat.app` for its helper in
 * `Contents/Frameworks/WeChat Helper.app`), or null outside any bundle: the app a helper belongs to.
 */
export function outermostAppBundle(path: string): string | null {
  const match = /^(\/.*?\.app)\//i.exec(path);
  return match?.[1] ?? null;
}

function checkAppPath(rule: string): AppRuleResult {
  if (!rule.startsWith('/')) return reject('not-absolute');
  const path = rule.endsWith('/') ? rule.slice(0, -1) : rule;
  // Only a path already in its plain form: `..`, `.` or `//` could walk out of what the user sees.
  if (posix.normalize(path) !== path) return reject('bad-character');
  if (isSystemMacPath(`${path}/`)) return reject('system-process');
  // One bundle, never a folder of them: `/Applications` would close every app.
  if (!/\.app$/i.test(path) || outermostAppBundle(`${path}/`) !== path) return reject('bad-app-path');
  return accept(path);
}
