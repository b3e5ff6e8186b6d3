import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPolicies } from '../../src-main/guard/browser-policies/browser-policies';
import { browserTargets } from '../../src-main/guard/browser-policies/browser-targets';
import { firefoxPoliciesDocument } from '../../src-main/guard/browser-policies/firefox-policies';
import { PolicyFile } from '../../src-main/guard/browser-policies/policy-file';
import { PolicyJournal } from '../../src-main/guard/browser-policies/policy-journal';
import { systemUser, type SystemUser } from '../../test-support/system-user';

/**
 * Issue 20, hole 2: the root guard never follows a path component an unprivileged user can change. The guard's own
 * browser policy code runs here as root over each OS's target table under a temp root (macOS cannot run here; its
 * table is only paths, and no plist exists for plutil to read), with a second real user owning what a user owns.
 */
const USER = 'stillroom-t-links';
const skip = process.platform !== 'linux' || process.getuid?.() !== 0 ? 'needs root on Linux (useradd, chown), as in CI' : null;
const RULES = { block: [{ host: 'youtube.com', path: '/shorts' }], allow: [] };
const ADMIN_POLICY = '{"policies":{"WebsiteFilter":{"Block":["*://*.admin-blocked.example/*"]}}}';

let user: SystemUser;
beforeAll(() => {
  if (!skip) user = systemUser(USER);
});
afterAll(() => {
  if (!skip) user.remove();
});

/** Every entry under `folder`, not following links: its kind, owner, mode, and the hash of a file's bytes. */
function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string) => {
    const info = lstatSync(path);
    const kind = info.isSymbolicLink() ? 'link' : info.isDirectory() ? 'dir' : 'file';
    const hash = kind === 'file' ? createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16) : '';
    out[path.slice(folder.length) || '/'] = `${kind} ${info.uid} ${(info.mode & 0o7777).toString(8)} ${hash}`;
    if (kind === 'dir') for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(folder);
  return out;
}

function owned(path: string): void {
  mkdirSync(path, { recursive: true });
  chownSync(path, user.uid, user.gid);
}

function guardOver(platform: NodeJS.Platform, root: string) {
  const stateDir = join(root, 'state');
  mkdirSync(stateDir, { mode: 0o700 });
  const targets = browserTargets({ platform, root, stateDir, run: async () => ({ kind: 'missing' }) });
  const journal = new PolicyJournal(stateDir);
  return { targets, journal, policies: new BrowserPolicies(targets, journal, { write: () => undefined }) };
}

/**
 * As the second user, for `ms`: swaps the bundle's `Contents` for a link to a root-only folder, and its
 * `distribution` folder for a link to a root-only file, and back, as fast as it can.
 */
function relinker(contents: string, privateFolder: string, privateFile: string, ms: number): Promise<number> {
  const script = `
    const fs = require('node:fs');
    const [contents, privateFolder, privateFile, ms] = process.argv.slice(1);
    const distribution = contents + '/Resources/distribution';
    const end = Date.now() + Number(ms);
    let swaps = 0;
    const attempt = (fn) => { try { fn(); } catch {} };
    while (Date.now() < end) {
      attempt(() => { fs.renameSync(contents, contents + '.real'); fs.symlinkSync(privateFolder, contents); swaps++; });
      attempt(() => { fs.unlinkSync(contents); fs.renameSync(contents + '.real', contents); });
      attempt(() => { fs.renameSync(distribution, distribution + '.real'); fs.symlinkSync(privateFile, distribution); swaps++; });
      attempt(() => { fs.unlinkSync(distribution); fs.renameSync(distribution + '.real', distribution); });
    }
    attempt(() => { fs.unlinkSync(contents); fs.renameSync(contents + '.real', contents); });
    attempt(() => { fs.unlinkSync(distribution); });
    attempt(() => { fs.renameSync(distribution + '.real', distribution); });
    process.stdout.write(String(swaps));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn('runuser', ['-u', USER, '--', process.execPath, '-e', script, contents, privateFolder, privateFile, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`the relinker exited with ${String(code)}`))));
  });
}

describe.skipIf(skip !== null)('root never follows a link a user can change', () => {
  it('macOS table: with Firefox.app owned by another user and a racing relinker, nothing outside the policy folder is created, changed or chmodded', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-links-macos-'));
    try {
      chmodSync(root, 0o755);
      mkdirSync(join(root, 'Applications'));
      const contents = join(root, 'Applications/Firefox.app/Contents');
      for (const folder of ['Applications/Firefox.app', 'Applications/Firefox.app/Contents', 'Applications/Firefox.app/Contents/Resources']) owned(join(root, folder));
      owned(join(contents, 'Resources/distribution'));
      // Root's own: a folder laid out like the bundle holding another admin's policy, and a 0600 file.
      const privateFolder = join(root, 'private');
      mkdirSync(join(privateFolder, 'Resources/distribution'), { recursive: true, mode: 0o700 });
      chmodSync(privateFolder, 0o700);
      writeFileSync(join(privateFolder, 'Resources/distribution/policies.json'), ADMIN_POLICY, { mode: 0o600 });
      const privateFile = join(privateFolder, 'secret');
      writeFileSync(privateFile, 'root only', { mode: 0o600 });
      const privateBefore = snapshot(privateFolder);
      const bundleBefore = snapshot(join(root, 'Applications'));

      const { policies, journal } = guardOver('darwin', root);
      // The writer itself, pointed where the guard used to put Firefox's policy, inside the user's bundle.
      const inBundle = join(contents, 'Resources/distribution/policies.json');
      const bundleFile = new PolicyFile(inBundle, firefoxPoliciesDocument(inBundle), root);
      const refusals = new Set<string>();
      const refused = (error: unknown) => void refusals.add(String((error as Error).message).replace(root, '<root>'));
      const racing = relinker(contents, privateFolder, privateFile, 1200);
      const stopAt = Date.now() + 1200;
      while (Date.now() < stopAt) {
        await policies.reconcile(RULES);
        await bundleFile.apply(journal, RULES).then(() => refusals.add('written'), refused);
        await policies.reconcile(null);
        await bundleFile.restore(journal).then(() => undefined, refused);
      }
      expect(await racing).toBeGreaterThan(0);
      expect(refusals.size).toBeGreaterThan(0);
      expect([...refusals].every((message) => /can be changed by a user other than root|is a symbolic link/.test(message))).toBe(true);

      expect(snapshot(privateFolder)).toEqual(privateBefore);
      // Nothing of root's in the user's bundle: no file, no folder, no mode changed.
      expect(snapshot(join(root, 'Applications'))).toEqual(bundleBefore);
      // Firefox's policy is in force from the root-owned managed preferences, and goes again after.
      const coverage = await policies.reconcile(RULES);
      expect(coverage.find((browser) => browser.id === 'firefox')).toEqual({ id: 'firefox', installed: true, policyActive: true, problem: null });
      const plist = readFileSync(join(root, 'Library/Managed Preferences/org.mozilla.firefox.plist'), 'utf8');
      expect(plist).toContain('<key>EnterprisePoliciesEnabled</key>\n\t<true/>');
      expect(plist).toContain('<string>*://*.youtube.com/shorts*</string>');
      await policies.reconcile(null);
      expect(readdirSync(root).sort()).toEqual(['Applications', 'private', 'state']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 20_000);

  it('Linux table: every parent is root’s /etc; a folder another user owns, or a link, is refused with nothing written there', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-links-linux-'));
    try {
      for (const binary of ['opt/google/chrome/chrome', 'usr/bin/chromium', 'usr/lib/firefox/firefox']) {
        mkdirSync(join(root, binary, '..'), { recursive: true });
        writeFileSync(join(root, binary), '');
      }
      mkdirSync(join(root, 'etc'));
      owned(join(root, 'etc/opt'));
      const privateFolder = join(root, 'private');
      mkdirSync(privateFolder, { mode: 0o700 });
      // A link root made itself is refused too: the guard follows no link on its way to a policy folder.
      symlinkSync(privateFolder, join(root, 'etc/chromium'));
      const before = { opt: snapshot(join(root, 'etc/opt')), private: snapshot(privateFolder) };

      const { policies, targets } = guardOver('linux', root);
      expect(targets.flatMap((target) => (target.writer ? [target.writer.where] : [])).every((where) => where.startsWith(`${root}/etc/`))).toBe(true);
      const coverage = await policies.reconcile(RULES);
      expect(coverage.find((browser) => browser.id === 'chrome')).toMatchObject({ policyActive: false, problem: `${root}/etc/opt can be changed by a user other than root; the guard does not write through it` });
      expect(coverage.find((browser) => browser.id === 'chromium')).toMatchObject({ policyActive: false, problem: `${root}/etc/chromium is a symbolic link; the guard does not follow it` });
      // Firefox's folder chain is root's: written as before.
      expect(coverage.find((browser) => browser.id === 'firefox')).toEqual({ id: 'firefox', installed: true, policyActive: true, problem: null });
      expect(lstatSync(join(root, 'etc/firefox/policies/policies.json')).uid).toBe(0);
      await policies.reconcile(null);
      expect({ opt: snapshot(join(root, 'etc/opt')), private: snapshot(privateFolder) }).toEqual(before);
      expect(readdirSync(join(root, 'etc')).sort()).toEqual(['chromium', 'opt']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

