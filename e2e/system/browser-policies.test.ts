import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GuardSandbox, guardBundle, guardSkipReason, withChromiumInNamespace } from './guard-harness';

/**
 * Issue 14's must-show for browser policies, with the real guard as root and Debian's Chromium. The guard runs in a
 * private mount namespace over a stand-in /etc (guard-harness.ts), so it writes the real path
 * /etc/chromium/policies/managed/ there while the machine's own stays untouched; Chromium is started inside that
 * namespace and reads it. Every name resolves to a local test server (--host-resolver-rules), so nothing leaves the
 * machine.
 */
const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = guardSkipReason() ?? (existsSync(executable) ? null : `no Chromium at ${executable} (set CHROMIUM_PATH or install the chromium package)`);
if (skip) console.warn(`Skipping the browser policy system tests: ${skip}`);

const MANAGED = '/etc/chromium/policies/managed';
const OURS = `${MANAGED}/zz-stillroom.json`;
// The organisation's own file: other keys, its own blocked site, its own formatting.
const ORG_FILE = '{\n  "URLBlocklist": ["ads.example"],\n\t"ShowHomeButton": true\n}\n';
const RULES = {
  block: [{ host: 'example-video.test', path: '/shorts' }],
  allow: [{ host: 'example-video.test', path: '/shorts/lecture' }],
};

// Runs in the page (a string, since this file is type-checked without the DOM library): every text node, descending
// into shadow roots, one per line in document order.
const DEEP_TEXT = `(() => {
  const parts = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) parts.push(node.textContent.trim());
    if (node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(document.body);
  return parts.join('\\n');
})()`;

describe.skipIf(skip !== null)('browser policies written by the real guard, read by real Chromium', () => {
  let sandbox: GuardSandbox;
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    guardBundle();
    server = createServer((request, response) => response.end(`page ${request.headers.host?.split(':')[0]}${request.url}`));
    await new Promise<void>((done) => server.listen(0, '127.0.0.2', done));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await sandbox?.dispose();
  });
  afterAll(() => {
    server?.close();
  });

  /** A sandbox whose /etc/chromium/policies/managed/ already holds the organisation's file. */
  async function startWithOrgPolicy(): Promise<void> {
    sandbox = new GuardSandbox({ original: '127.0.0.1 localhost\n', intervalMs: 300 });
    const managed = join(sandbox.upper, 'chromium/policies/managed');
    mkdirSync(managed, { recursive: true });
    for (const folder of [join(sandbox.upper, 'chromium'), join(sandbox.upper, 'chromium/policies'), managed]) chmodSync(folder, 0o755);
    writeFileSync(join(managed, 'org.json'), ORG_FILE, { mode: 0o644 });
    await sandbox.startAndWait();
  }

  const bytes = (path: string) => sandbox.inNamespace(['sh', '-c', 'if [ -e "$1" ]; then base64 -w0 "$1"; else printf absent; fi', 'sh', path]);
  const listing = () => sandbox.inNamespace(['ls', '-A', MANAGED]).split('\n').filter(Boolean);

  /** Each path's body, or the navigation error, in a fresh Chromium. */
  function visit(paths: string[], also?: (context: BrowserContext) => Promise<void>): Promise<Record<string, string>> {
    return withChromiumInNamespace(sandbox.pid, executable, ['--host-resolver-rules=MAP * 127.0.0.2'], async (context) => {
      const results: Record<string, string> = {};
      for (const path of paths) {
        const page = await context.newPage();
        try {
          await page.goto(`http://${path.replace('/', `:${port}/`)}`, { timeout: 15_000 });
          results[path] = (await page.textContent('body')) ?? '';
        } catch (error) {
          results[path] = /net::ERR_[A-Z_]+/.exec(String((error as Error).message))?.[0] ?? String(error);
        }
        await page.close();
      }
      await also?.(context);
      return results;
    });
  }

  it('blocks a path, loads an allowed path of the same site and an unblocked site, turns DNS over HTTPS off, and lets the same URL load after release', async () => {
    await startWithOrgPolicy();
    const orgBytes = bytes(`${MANAGED}/org.json`);
    const paths = ['example-video.test/shorts/abc', 'example-video.test/shorts/lecture-1', 'example-video.test/watch', 'unblocked.test/', 'ads.example/'];
    expect(await visit(paths.slice(0, 4))).toEqual({
      'example-video.test/shorts/abc': 'page example-video.test/shorts/abc',
      'example-video.test/shorts/lecture-1': 'page example-video.test/shorts/lecture-1',
      'example-video.test/watch': 'page example-video.test/watch',
      'unblocked.test/': 'page unblocked.test/',
    });

    const reply = await sandbox.request({ type: 'lease', sessionId: 'policies', endsAt: Date.now() + 120_000, mode: 'flexible', hostnames: ['whole-site.test'], browserPolicies: true, urlRules: RULES });
    expect(reply).toMatchObject({ type: 'ok', status: { applied: true, browsers: expect.arrayContaining([{ id: 'chromium', installed: true, policyActive: true, problem: null }]) } });
    // The organisation's blocked site is merged into ours, since Chromium takes a list policy from one file only.
    expect(JSON.parse(sandbox.inNamespace(['cat', OURS]))).toEqual({ DnsOverHttpsMode: 'off', URLBlocklist: ['ads.example', 'example-video.test/shorts'], URLAllowlist: ['example-video.test/shorts/lecture'] });

    let policyPage = '';
    const during = await visit(paths, async (context) => {
      const page = await context.newPage();
      await page.goto('chrome://policy/');
      await page.getByText('DnsOverHttpsMode', { exact: true }).first().waitFor({ timeout: 15_000 });
      // chrome://policy draws its rows in shadow roots: collect the text of every one, in document order.
      policyPage = await page.evaluate<string>(DEEP_TEXT);
    });
    expect(during).toEqual({
      'example-video.test/shorts/abc': 'net::ERR_BLOCKED_BY_ADMINISTRATOR',
      'example-video.test/shorts/lecture-1': 'page example-video.test/shorts/lecture-1',
      'example-video.test/watch': 'page example-video.test/watch',
      'unblocked.test/': 'page unblocked.test/',
      'ads.example/': 'net::ERR_BLOCKED_BY_ADMINISTRATOR',
    });
    // The policies Chromium reports: name, value, source, scope, level, status. Ours wins over the organisation's
    // URLBlocklist (Chromium calls it a conflict that "is overridden by this policy"), and carries its entry too.
    expect(policyPage).toContain('DnsOverHttpsMode\noff\nPlatform\nMachine\nMandatory\nOK');
    expect(policyPage).toContain('URLBlocklist\n["ads.example","example-video.test/shorts"]\nPlatform\nMachine\nMandatory\nWarning, Conflict');
    expect(policyPage).toContain('ShowHomeButton\ntrue');

    expect(await sandbox.request({ type: 'release', sessionId: 'policies' })).toMatchObject({ type: 'ok', status: { lease: null, browsers: expect.arrayContaining([{ id: 'chromium', installed: true, policyActive: false, problem: null }]) } });
    expect(listing()).toEqual(['org.json']);
    expect(bytes(`${MANAGED}/org.json`)).toBe(orgBytes);
    expect(await visit(paths)).toEqual({
      'example-video.test/shorts/abc': 'page example-video.test/shorts/abc',
      'example-video.test/shorts/lecture-1': 'page example-video.test/shorts/lecture-1',
      'example-video.test/watch': 'page example-video.test/watch',
      'unblocked.test/': 'page unblocked.test/',
      // The organisation's own block stays, as it was before the lease.
      'ads.example/': 'net::ERR_BLOCKED_BY_ADMINISTRATOR',
    });
  });

  it('restores when the lease expires, and creates and removes the folders it needs where there were none', async () => {
    sandbox = new GuardSandbox({ original: '127.0.0.1 localhost\n', intervalMs: 200 });
    await sandbox.startAndWait();
    const before = sandbox.inNamespace(['sh', '-c', 'ls -A /etc/chromium; ls -A /etc/chromium/policies 2>&1 || true']);
    await sandbox.request({ type: 'lease', sessionId: 'short', endsAt: Date.now() + 1500, mode: 'locked', hostnames: ['whole-site.test'], browserPolicies: true, urlRules: RULES });
    expect(sandbox.inNamespace(['stat', '-c', '%a %U', MANAGED, OURS]).trim().split('\n')).toEqual(['755 root', '644 root']);
    await new Promise((done) => setTimeout(done, 2500));
    expect(bytes(OURS)).toBe('absent');
    expect(sandbox.inNamespace(['sh', '-c', 'ls -A /etc/chromium; ls -A /etc/chromium/policies 2>&1 || true'])).toBe(before);
    expect(sandbox.log()).toMatch(/"event":"policy-written"[\s\S]*"event":"expired"[\s\S]*"event":"policy-restored"/);
  });

  it.each(['after-journal', 'after-write'] as const)('undoes an apply killed %s when the guard next starts', async (when) => {
    await startWithOrgPolicy();
    const orgBytes = bytes(`${MANAGED}/org.json`);
    await sandbox.kill();
    const child = resolve(import.meta.dirname, 'browser-policies-crash.child.ts');
    const died = sandbox.runIsolated([process.execPath, '--import', 'tsx', child, sandbox.stateDir, when]);
    expect(died.signal, died.stderr).toBe('SIGKILL');
    expect(existsSync(join(sandbox.stateDir, 'browser-policies.json'))).toBe(true);

    await sandbox.startAndWait();
    expect(listing()).toEqual(['org.json']);
    expect(bytes(`${MANAGED}/org.json`)).toBe(orgBytes);
    expect(JSON.parse(sandbox.inNamespace(['cat', join(sandbox.stateDir, 'browser-policies.json')]))).toEqual({ files: {}, registry: {}, createdFolders: [] });
  });

  it('cleanup takes the policy out at once, even while the guard runs a locked lease', async () => {
    await startWithOrgPolicy();
    await sandbox.request({ type: 'lease', sessionId: 'locked', endsAt: Date.now() + 60_000, mode: 'locked', hostnames: [], browserPolicies: true, urlRules: RULES });
    expect(listing()).toEqual(['org.json', 'zz-stillroom.json']);
    sandbox.inNamespace([process.execPath, guardBundle(), 'cleanup', '--config', sandbox.configPath]);
    expect(listing()).toEqual(['org.json']);
    // The lease is gone too, so the running guard does not put it back.
    await new Promise((done) => setTimeout(done, 800));
    expect(listing()).toEqual(['org.json']);
  });

  it('killed with SIGKILL at random points while applying, leaves either no policy or the whole one, and converges after', async () => {
    await startWithOrgPolicy();
    const orgBytes = bytes(`${MANAGED}/org.json`);
    const whole = { DnsOverHttpsMode: 'off', URLBlocklist: ['ads.example', 'example-video.test/shorts'], URLAllowlist: ['example-video.test/shorts/lecture'] };
    const seen = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const endsAt = Date.now() + 600;
      sandbox.request({ type: 'lease', sessionId: `kill-${round}`, endsAt, mode: 'locked', hostnames: ['whole-site.test'], browserPolicies: true, urlRules: RULES }).catch(() => undefined);
      await new Promise((done) => setTimeout(done, Math.random() * 150));
      await sandbox.kill();
      // Seen through a fresh namespace over the same stand-in /etc, since the guard is gone.
      const names = sandbox.runIsolated(['ls', '-A', MANAGED]).stdout.split('\n').filter(Boolean);
      if (names.includes('zz-stillroom.json')) {
        expect(JSON.parse(sandbox.runIsolated(['cat', OURS]).stdout)).toEqual(whole);
        seen.add('written');
      } else seen.add('not written');
      if (names.some((name) => name.endsWith('.tmp'))) seen.add('temp file left');
      await new Promise((done) => setTimeout(done, Math.max(0, endsAt - Date.now())));
      await sandbox.startAndWait();
      // Temp files of killed writes included: browsers read every file in the folder.
      expect(listing()).toEqual(['org.json']);
      expect(bytes(`${MANAGED}/org.json`)).toBe(orgBytes);
    }
    console.warn(`SIGKILL while applying browser policies: ${[...seen].join(', ')}`);
    expect(JSON.parse(sandbox.inNamespace(['cat', join(sandbox.stateDir, 'browser-policies.json')]))).toEqual({ files: {}, registry: {}, createdFolders: [] });
  });
});
