import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GuardEvent } from '../log';
import { BrowserPolicies } from './browser-policies';
import { browserTargets } from './browser-targets';
import { PolicyJournal } from './policy-journal';

const RULES = { block: [{ host: 'youtube.com', path: '/shorts' }], allow: [] };
const noCommands = async () => ({ kind: 'missing' }) as const;

function install(root: string, ...paths: string[]) {
  for (const path of paths) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    if (path.endsWith('.app')) mkdirSync(join(root, path));
    else writeFileSync(join(root, path), '');
  }
}

function policies(platform: NodeJS.Platform, root: string, exists?: (path: string) => Promise<boolean>) {
  const events: GuardEvent[] = [];
  const stateDir = join(root, 'state');
  mkdirSync(stateDir, { recursive: true });
  const targets = browserTargets({ platform, root, stateDir, run: noCommands, exists });
  return { events, targets, policies: new BrowserPolicies(targets, new PolicyJournal(stateDir), { write: (event) => void events.push(event) }) };
}

describe('which browsers get which policy, by OS', () => {
  it('Linux: only installed browsers get a file, in their own managed folder; Vivaldi is listed as not covered', async () => {
    const root = mkdtempSync(join(tmpdir(), 'targets-linux-'));
    install(root, 'opt/google/chrome/chrome', 'opt/brave.com/brave/brave', 'opt/microsoft/msedge/msedge', 'usr/lib/firefox-esr/firefox-esr', 'opt/vivaldi/vivaldi');
    const t = policies('linux', root);
    const coverage = await t.policies.reconcile(RULES);
    expect(coverage).toEqual([
      { id: 'chrome', installed: true, policyActive: true, problem: null },
      { id: 'chromium', installed: false, policyActive: false, problem: null },
      { id: 'edge', installed: true, policyActive: true, problem: null },
      { id: 'brave', installed: true, policyActive: true, problem: null },
      { id: 'vivaldi', installed: true, policyActive: false, problem: 'Stillroom cannot set a policy for this browser on this system' },
      { id: 'firefox', installed: true, policyActive: true, problem: null },
    ]);
    for (const folder of ['etc/opt/chrome/policies/managed', 'etc/opt/edge/policies/managed', 'etc/brave/policies/managed']) {
      expect(JSON.parse(readFileSync(join(root, folder, 'zz-stillroom.json'), 'utf8'))).toEqual({ DnsOverHttpsMode: 'off', URLBlocklist: ['youtube.com/shorts'], URLAllowlist: [] });
    }
    expect(existsSync(join(root, 'etc/chromium'))).toBe(false);
    expect(JSON.parse(readFileSync(join(root, 'etc/firefox/policies/policies.json'), 'utf8')).policies.DNSOverHTTPS).toEqual({ Enabled: false, Locked: true });

    const after = await t.policies.reconcile(null);
    expect(after.every((browser) => !browser.policyActive)).toBe(true);
    expect(existsSync(join(root, 'etc'))).toBe(false);
    expect(t.events.filter((event) => event === 'policy-restored')).toHaveLength(4);
  });

  it('restores a browser that was uninstalled during the lease', async () => {
    const root = mkdtempSync(join(tmpdir(), 'targets-uninstalled-'));
    install(root, 'usr/bin/chromium');
    const t = policies('linux', root);
    await t.policies.reconcile(RULES);
    rmSync(join(root, 'usr/bin/chromium'));
    expect((await t.policies.reconcile(RULES)).find((browser) => browser.id === 'chromium')).toEqual({ id: 'chromium', installed: false, policyActive: false, problem: null });
    expect(existsSync(join(root, 'etc/chromium'))).toBe(false);
  });

  // macOS cannot run here: a temp folder stands in for its root (app bundles, /Library/Managed Preferences).
  it('macOS: managed preferences per bundle id, Firefox too, and nothing inside an app bundle', async () => {
    const root = mkdtempSync(join(tmpdir(), 'targets-macos-'));
    install(root, 'Applications/Google Chrome.app', 'Applications/Vivaldi.app', 'Applications/Firefox.app');
    const t = policies('darwin', root);
    const coverage = await t.policies.reconcile(RULES);
    expect(coverage.filter((browser) => browser.policyActive).map((browser) => browser.id)).toEqual(['chrome', 'vivaldi', 'firefox']);
    expect(existsSync(join(root, 'Library/Managed Preferences/com.google.Chrome.plist'))).toBe(true);
    expect(existsSync(join(root, 'Library/Managed Preferences/com.vivaldi.Vivaldi.plist'))).toBe(true);
    const firefox = readFileSync(join(root, 'Library/Managed Preferences/org.mozilla.firefox.plist'), 'utf8');
    for (const key of ['EnterprisePoliciesEnabled', 'DNSOverHTTPS', 'WebsiteFilter']) expect(firefox).toContain(`<key>${key}</key>`);
    expect(readdirSync(join(root, 'Applications/Firefox.app'))).toEqual([]);
    await t.policies.reconcile(null);
    expect(existsSync(join(root, 'Library'))).toBe(false);
  });

  // What root writes must lie where only root can change the path (policy-file.ts checks it again at every write).
  it('every policy file of the Linux and macOS tables lies in a root folder, never in an app bundle', () => {
    const whereOf = (platform: NodeJS.Platform) => browserTargets({ platform, root: '/', stateDir: '/tmp', run: noCommands }).flatMap((target) => (target.writer ? [target.writer.where] : []));
    expect(whereOf('linux').every((where) => where.startsWith('/etc/'))).toBe(true);
    expect(whereOf('darwin')).toHaveLength(6);
    expect(whereOf('darwin').every((where) => where.startsWith('/Library/Managed Preferences/'))).toBe(true);
  });

  // Windows cannot run here: which files exist is answered by a stand-in; registry writes are in windows-registry.test.ts.
  it('Windows: detects Program Files installs and writes each browser’s HKLM policy key', () => {
    const present = new Set(['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe']);
    const targets = browserTargets({ platform: 'win32', root: '/', stateDir: '/tmp', run: noCommands, exists: async (path) => present.has(path) });
    expect(targets.map((target) => [target.id, target.writer?.where ?? null])).toEqual([
      ['chrome', 'HKLM\\SOFTWARE\\Policies\\Google\\Chrome'],
      ['chromium', 'HKLM\\SOFTWARE\\Policies\\Chromium'],
      ['edge', 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Edge'],
      ['brave', 'HKLM\\SOFTWARE\\Policies\\BraveSoftware\\Brave'],
      ['vivaldi', null],
      ['firefox', 'HKLM\\SOFTWARE\\Policies\\Mozilla\\Firefox'],
    ]);
    return expect(Promise.all(targets.map((target) => target.installed()))).resolves.toEqual([false, false, true, false, false, false]);
  });
});
