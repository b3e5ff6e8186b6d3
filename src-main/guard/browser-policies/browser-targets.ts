import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutputRunner } from '../../base/command-runner';
import type { BrowserId } from '../protocol';
import type { BrowserRules } from './url-rules';
import { CHROMIUM_POLICY_FILE, chromiumJsonDocument } from './chromium-json';
import { firefoxPoliciesDocument } from './firefox-policies';
import { CHROMIUM_PREFS, FIREFOX_PREFS, MACOS_BUNDLE_IDS, macosManagedPrefsDocument, type ManagedPrefsPolicy } from './macos-managed-prefs';
import { PolicyFile } from './policy-file';
import type { PolicyJournal } from './policy-journal';
import { chromiumRegistryPolicy, firefoxRegistryPolicy, RegistryPolicyTarget, WINDOWS_POLICY_KEYS } from './windows-registry';

/**
 * Every browser the guard knows on each OS: how to tell it is installed (fixed paths of its binary or app bundle) and
 * where its machine policy lives (fixed locations, GUARD.md invariant 1). Nothing here comes from the socket. Every
 * policy file lies in a folder only root may change (`/etc/...` on Linux, `/Library/Managed Preferences` on macOS),
 * never inside an app bundle, which its user may own; policy-file.ts checks that again before each write.
 */
export interface PolicyWriter {
  /** Where it writes, for the log. */
  readonly where: string;
  apply(journal: PolicyJournal, rules: BrowserRules): Promise<{ changed: boolean; problem: string | null }>;
  restore(journal: PolicyJournal): Promise<boolean>;
}

export interface BrowserTarget {
  id: BrowserId;
  installed(): Promise<boolean>;
  /** Null where the guard does not know how this browser takes a policy on this OS (then it is never covered). */
  writer: PolicyWriter | null;
}

export interface BrowserTargetEnv {
  platform: NodeJS.Platform;
  /** Prefix for every Unix path: '/' when installed, a temp folder in tests. */
  root: string;
  /** The guard's own state folder (scratch copies for plutil). */
  stateDir: string;
  run: OutputRunner;
  /** Whether a path exists; the filesystem unless a test stands in for an OS that cannot run here. */
  exists?: (path: string) => Promise<boolean>;
}

/** Where a fixed path lies under the policy root, and that root (the folder policy-file.ts checks from). */
interface Place {
  at(path: string): string;
  root: string;
}

interface Entry {
  id: BrowserId;
  binaries: string[];
  writer: ((place: Place) => PolicyWriter) | null;
}

const fileWriter = (path: string, document: ReturnType<typeof chromiumJsonDocument>, root: string): PolicyWriter => {
  const file = new PolicyFile(path, document, root);
  return { where: path, apply: (journal, rules) => file.apply(journal, rules), restore: (journal) => file.restore(journal) };
};

const chromiumFolder = (folder: string) => ({ at, root }: Place) => {
  const path = at(`${folder}/${CHROMIUM_POLICY_FILE}`);
  return fileWriter(path, chromiumJsonDocument(path), root);
};

const firefoxFile = (path: string) => ({ at, root }: Place) => fileWriter(at(path), firefoxPoliciesDocument(at(path)), root);

const LINUX: Entry[] = [
  { id: 'chrome', binaries: ['/opt/google/chrome/chrome'], writer: chromiumFolder('/etc/opt/chrome/policies/managed') },
  { id: 'chromium', binaries: ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'], writer: chromiumFolder('/etc/chromium/policies/managed') },
  { id: 'edge', binaries: ['/opt/microsoft/msedge/msedge'], writer: chromiumFolder('/etc/opt/edge/policies/managed') },
  { id: 'brave', binaries: ['/opt/brave.com/brave/brave'], writer: chromiumFolder('/etc/brave/policies/managed') },
  // Vivaldi documents no Linux policy folder that could be confirmed; it is listed as not covered.
  { id: 'vivaldi', binaries: ['/opt/vivaldi/vivaldi'], writer: null },
  {
    id: 'firefox',
    binaries: ['/usr/lib/firefox/firefox', '/usr/lib/firefox-esr/firefox-esr', '/opt/firefox/firefox', '/usr/bin/firefox'],
    writer: firefoxFile('/etc/firefox/policies/policies.json'),
  },
];

function macos(env: BrowserTargetEnv): Entry[] {
  const prefs = (bundleId: string, policy: ManagedPrefsPolicy = CHROMIUM_PREFS) => ({ at, root }: Place) => {
    const path = at(`/Library/Managed Preferences/${bundleId}.plist`);
    return fileWriter(path, macosManagedPrefsDocument(path, env.stateDir, env.run, policy), root);
  };
  return [
    { id: 'chrome', binaries: ['/Applications/Google Chrome.app'], writer: prefs(MACOS_BUNDLE_IDS.chrome) },
    { id: 'chromium', binaries: ['/Applications/Chromium.app'], writer: prefs(MACOS_BUNDLE_IDS.chromium) },
    { id: 'edge', binaries: ['/Applications/Microsoft Edge.app'], writer: prefs(MACOS_BUNDLE_IDS.edge) },
    { id: 'brave', binaries: ['/Applications/Brave Browser.app'], writer: prefs(MACOS_BUNDLE_IDS.brave) },
    { id: 'vivaldi', binaries: ['/Applications/Vivaldi.app'], writer: prefs(MACOS_BUNDLE_IDS.vivaldi) },
    // Managed preferences rather than the bundle's distribution/policies.json: the user may own Firefox.app.
    { id: 'firefox', binaries: ['/Applications/Firefox.app'], writer: prefs(MACOS_BUNDLE_IDS.firefox, FIREFOX_PREFS) },
  ];
}

function windows(env: BrowserTargetEnv): Entry[] {
  const registry = (key: string, policy: (key: string, rules: BrowserRules) => ReturnType<typeof chromiumRegistryPolicy>) => () => {
    const target = new RegistryPolicyTarget(key, env.run);
    return {
      where: key,
      apply: async (journal: PolicyJournal, rules: BrowserRules) => ({ changed: await target.apply(journal, policy(key, rules)), problem: null }),
      restore: (journal: PolicyJournal) => target.restore(journal),
    };
  };
  const programs = (path: string) => [`C:\\Program Files\\${path}`, `C:\\Program Files (x86)\\${path}`];
  return [
    { id: 'chrome', binaries: programs('Google\\Chrome\\Application\\chrome.exe'), writer: registry(WINDOWS_POLICY_KEYS.chrome, chromiumRegistryPolicy) },
    { id: 'chromium', binaries: programs('Chromium\\Application\\chrome.exe'), writer: registry(WINDOWS_POLICY_KEYS.chromium, chromiumRegistryPolicy) },
    { id: 'edge', binaries: programs('Microsoft\\Edge\\Application\\msedge.exe'), writer: registry(WINDOWS_POLICY_KEYS.edge, chromiumRegistryPolicy) },
    { id: 'brave', binaries: programs('BraveSoftware\\Brave-Browser\\Application\\brave.exe'), writer: registry(WINDOWS_POLICY_KEYS.brave, chromiumRegistryPolicy) },
    { id: 'vivaldi', binaries: programs('Vivaldi\\Application\\vivaldi.exe'), writer: null },
    // The registry rather than distribution\policies.json: Firefox ignores that file when Group Policy sets any policy.
    { id: 'firefox', binaries: programs('Mozilla Firefox\\firefox.exe'), writer: registry(WINDOWS_POLICY_KEYS.firefox, firefoxRegistryPolicy) },
  ];
}

export function browserTargets(env: BrowserTargetEnv): BrowserTarget[] {
  const entries = env.platform === 'linux' ? LINUX : env.platform === 'darwin' ? macos(env) : env.platform === 'win32' ? windows(env) : [];
  const at = (path: string) => (env.platform === 'win32' || env.root === '/' ? path : join(env.root, path));
  const found = env.exists ?? exists;
  return entries.map((entry) => ({
    id: entry.id,
    installed: async () => (await Promise.all(entry.binaries.map((path) => found(at(path))))).some(Boolean),
    writer: entry.writer?.({ at, root: env.root }) ?? null,
  }));
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
