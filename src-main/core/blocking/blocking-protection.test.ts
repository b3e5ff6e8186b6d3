import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockingProtection } from './blocking-protection';
import { Blocklist, type LeasePlan } from './blocklist';
import { BlockingPrefs } from '../../contract/blocking';
import { defaultBlocklists } from './default-blocklists';
import { GuardClient } from '../guard-client/guard-client';
import { startGuardProcess, type GuardProcess } from '../../../test-support/guard-process';
import { guardControl } from '../guard-client/guard-control';

const ORIGINAL_HOSTS = '127.0.0.1 localhost\n# the user’s own line, mapped elsewhere\n127.0.0.2 www.youtube.com\n';
// startGuardProcess turns the reach counter off (it would take the machine's own ports 80 and 443): the status says so.
const NOT_COUNTED = { state: 'fallback', problem: 'disabled', port: null } as const;
const blocklist = (): LeasePlan => ({ ok: true, hostnames: ['youtube.com', 'www.youtube.com', 'www.reddit.com'], browserPolicies: false, urlRules: { block: [], allow: [] }, allowOnly: null });
const session = (mode: 'flexible' | 'committed' | 'locked', minutes = 30) => ({ sessionId: `s-${mode}-${minutes}`, endsAt: Date.now() + minutes * 60_000, mode });

let guard: GuardProcess | null = null;
afterEach(async () => {
  await guard?.cleanup();
  guard = null;
});

describe('BlockingProtection without a guard', () => {
  it('reports unavailable, guard not installed, when there is no socket at all (the preview)', async () => {
    const protection = new BlockingProtection({ guard: null, plan: blocklist });
    expect(await protection.activate(session('committed'))).toEqual({ id: 'blocking', state: 'unavailable', unavailable: { reason: 'guard-not-installed' } });
    await expect(protection.deactivate(session('committed'))).resolves.toBeUndefined();
    expect(await protection.recover(session('committed'), false)).toBeNull();
  });

  it('reports unavailable, guard not installed, when the socket does not exist', async () => {
    const protection = new BlockingProtection({ guard: new GuardClient('/nonexistent/stillroom/guard.sock'), plan: blocklist });
    expect(await protection.activate(session('committed'))).toMatchObject({ state: 'unavailable', unavailable: { reason: 'guard-not-installed' } });
  });

  it('asks nothing of the guard when the blocklist is empty or too large', async () => {
    const empty = new BlockingProtection({ guard: null, plan: () => ({ ok: true, hostnames: [], browserPolicies: false, urlRules: { block: [], allow: [] }, allowOnly: null }) });
    expect(await empty.activate(session('committed'))).toMatchObject({ state: 'unavailable', unavailable: { reason: 'blocklist-empty' } });
    const large = new BlockingProtection({ guard: null, plan: () => ({ ok: false, reason: 'too-many-hostnames', count: 6000, limit: 5000 }) });
    expect(await large.activate(session('committed'))).toEqual({ id: 'blocking', state: 'unavailable', unavailable: { reason: 'blocklist-too-large', count: 6000, limit: 5000 } });
  });
});

describe('BlockingProtection when the guard does not answer the release', () => {
  it('throws (so the session retries) until the lease ends, and owes nothing after its end', async () => {
    // A file that is no socket: connect is refused, as for a guard that died and left its socket behind.
    const folder = mkdtempSync(join(tmpdir(), 'blocking-unreachable-'));
    const socketPath = join(folder, 'guard.sock');
    writeFileSync(socketPath, '');
    let now = Date.now();
    const protection = new BlockingProtection({ guard: new GuardClient(socketPath), plan: blocklist, now: () => now });
    const running = session('flexible');
    await expect(protection.deactivate(running)).rejects.toThrow(/did not answer the release/);
    now = running.endsAt;
    await expect(protection.deactivate(running)).resolves.toBeUndefined();
  });
});

// The test guard's browser policy root is an empty temp folder: every browser it knows is reported, none installed.
const NO_BROWSERS = (['chrome', 'chromium', 'edge', 'brave', 'vivaldi', 'firefox'] as const).map((id) => ({ id, installed: false, policyActive: false, problem: null }));

describe('BlockingProtection with a real guard process', () => {
  it('leases, verifies, extends and releases; the hosts file is byte-identical afterwards', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), plan: blocklist });
    const status = guardControl({ client: new GuardClient(guard.socketPath), installer: null, appVersion: '1.2.3' });
    expect(await status.status()).toEqual({ state: 'running', version: '1.2.3', lease: null, browsers: NO_BROWSERS });

    const first = session('flexible');
    expect(await protection.activate(first)).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [], reach: NOT_COUNTED } });
    const hosts = await readFile(guard.hostsPath, 'utf8');
    expect(hosts).toMatch(/^0\.0\.0\.0 www\.youtube\.com$/m);
    expect(hosts).toMatch(/^:: www\.youtube\.com$/m);
    // The block sits above the user's own line for the same host, so it wins.
    expect(hosts.indexOf('0.0.0.0 www.youtube.com')).toBeLessThan(hosts.indexOf('127.0.0.2 www.youtube.com'));
    expect(await status.status()).toEqual({
      state: 'running',
      version: '1.2.3',
      lease: { sessionId: first.sessionId, endsAt: first.endsAt, locked: false, applied: true, hostnameCount: 3, reach: NOT_COUNTED },
      browsers: NO_BROWSERS,
    });

    const later = { ...first, endsAt: first.endsAt + 15 * 60_000 };
    expect(await protection.extend(later)).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [], reach: NOT_COUNTED } });
    expect(await status.status()).toMatchObject({ lease: { endsAt: later.endsAt } });

    await protection.deactivate(later);
    expect(await readFile(guard.hostsPath, 'utf8')).toBe(ORIGINAL_HOSTS);
    expect(await status.status()).toEqual({ state: 'running', version: '1.2.3', lease: null, browsers: NO_BROWSERS });
  });

  it('sends browser policies and URL rules from the blocklist model; the real guard takes them, the hosts file whole hosts only', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const prefs = BlockingPrefs.parse({ enabledCategories: [], domains: ['www.reddit.com', 'example.net', 'youtube.com/shorts'], allow: ['reddit.com/r/learnprogramming'] });
    const list = new Blocklist(defaultBlocklists, prefs);
    // A Chromium "installed" under the guard's temp root (its binary path), so the guard writes its policy there.
    await mkdir(join(guard.dir, 'usr/bin'), { recursive: true });
    await writeFile(join(guard.dir, 'usr/bin/chromium'), '');
    const sent: LeasePlan[] = [];
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), plan: () => {
        const plan = list.leasePlan();
        sent.push(plan);
        return plan;
      },
    });
    const running = session('committed');
    expect(await protection.activate(running)).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [], reach: NOT_COUNTED } });
    expect(sent[0]).toEqual({
      ok: true,
      // reddit.com has a path exception: with browser policies on it is the browsers' to hold, so the hosts file
      // gets only the sites blocked whole with no exception inside, and never a path rule.
      hostnames: ['example.net', 'www.example.net', 'm.example.net'],
      browserPolicies: true,
      urlRules: {
        block: [{ host: 'reddit.com', path: '/' }, { host: 'example.net', path: '/' }, { host: 'youtube.com', path: '/shorts' }],
        allow: [{ host: 'reddit.com', path: '/r/learnprogramming' }],
      },
      allowOnly: null,
    });
    const hosts = await readFile(guard.hostsPath, 'utf8');
    expect(hosts).toMatch(/^0\.0\.0\.0 www\.example\.net$/m);
    expect(hosts).not.toMatch(/reddit|shorts|^0\.0\.0\.0 youtube\.com$/m);
    // The guard turned the rules into Chromium's policy, in the browser folder under its temp root.
    const policy = JSON.parse(await readFile(join(guard.dir, 'etc/chromium/policies/managed/zz-stillroom.json'), 'utf8'));
    expect(policy).toMatchObject({ DnsOverHttpsMode: 'off', URLAllowlist: ['reddit.com/r/learnprogramming'] });
    expect([...policy.URLBlocklist].sort()).toEqual(['example.net', 'reddit.com', 'youtube.com/shorts']);
    const status = await guardControl({ client: new GuardClient(guard.socketPath), installer: null, appVersion: '1.2.3' }).status();
    expect(status.state === 'running' && status.browsers.find((browser) => browser.id === 'chromium')).toMatchObject({ installed: true, policyActive: true, problem: null });

    await protection.deactivate(running);
    expect(await readFile(guard.hostsPath, 'utf8')).toBe(ORIGINAL_HOSTS);
    expect(existsSync(join(guard.dir, 'etc/chromium/policies/managed/zz-stillroom.json'))).toBe(false);
  });

  it('leases an allowlist session with browser policies on though the prefs have them off; the blocklist still holds the hosts file', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const prefs = BlockingPrefs.parse({ enabledCategories: [], domains: ['example.net'], browserPolicies: false, allowOnlySites: ['arxiv.org', 'docs.python.org/3/', 'example.net'] });
    await mkdir(join(guard.dir, 'usr/bin'), { recursive: true });
    await writeFile(join(guard.dir, 'usr/bin/chromium'), '');
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), plan: (_blocks, allowOnly) => new Blocklist(defaultBlocklists, prefs).leasePlan(allowOnly) });
    const running = { ...session('flexible'), allowOnly: true };
    expect(await protection.activate(running)).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [], reach: NOT_COUNTED } });
    expect(await readFile(guard.hostsPath, 'utf8')).toMatch(/^0\.0\.0\.0 www\.example\.net$/m);
    // Chromium opens the allowed sites only; example.net, on the blocklist too, stays blocked there by specificity.
    expect(JSON.parse(await readFile(join(guard.dir, 'etc/chromium/policies/managed/zz-stillroom.json'), 'utf8'))).toEqual({
      DnsOverHttpsMode: 'off',
      URLBlocklist: ['*', 'example.net'],
      URLAllowlist: ['arxiv.org', 'docs.python.org/3'],
    });
    await protection.deactivate(running);
    expect(existsSync(join(guard.dir, 'etc/chromium/policies/managed/zz-stillroom.json'))).toBe(false);
    expect(await readFile(guard.hostsPath, 'utf8')).toBe(ORIGINAL_HOSTS);
  });

  it('leases path rules alone (no whole host) for the browsers; with browser policies off they make no lease', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const only = (browserPolicies: boolean) => new Blocklist(defaultBlocklists, BlockingPrefs.parse({ enabledCategories: [], domains: ['youtube.com/shorts'], browserPolicies }));
    const on = new BlockingProtection({ guard: new GuardClient(guard.socketPath), plan: () => only(true).leasePlan() });
    expect(await on.activate(session('flexible'))).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [], reach: NOT_COUNTED } });
    expect(await readFile(guard.hostsPath, 'utf8')).toBe(ORIGINAL_HOSTS);
    const off = new BlockingProtection({ guard: null, plan: () => only(false).leasePlan() });
    expect(await off.activate(session('flexible'))).toEqual({ id: 'blocking', state: 'unavailable', unavailable: { reason: 'blocklist-empty' } });
  });

  it('is refused by the guard, with its code, when a URL rule is past the protocol’s limits', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const tooLong: LeasePlan = { ok: true, hostnames: ['x.example'], browserPolicies: true, urlRules: { block: [{ host: 'x.example', path: `/${'a'.repeat(1100)}` }], allow: [] }, allowOnly: null };
    const refused = new BlockingProtection({ guard: new GuardClient(guard.socketPath), plan: () => tooLong });
    expect(await refused.activate(session('flexible', 40))).toEqual({ id: 'blocking', state: 'unavailable', unavailable: { reason: 'guard-refused', code: 'bad-request' } });
  });

  it('leaves a locked lease in place when asked to deactivate early (the guard refuses), without failing', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), plan: blocklist });
    const locked = session('locked');
    expect(await protection.activate(locked)).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [], reach: NOT_COUNTED } });
    await expect(protection.deactivate(locked)).resolves.toBeUndefined();
    expect(await readFile(guard.hostsPath, 'utf8')).toContain('0.0.0.0 www.reddit.com');
    const status = await guardControl({ client: new GuardClient(guard.socketPath), installer: null, appVersion: '1.2.3' }).status();
    expect(status).toMatchObject({ state: 'running', lease: { sessionId: locked.sessionId, locked: true, applied: true } });
  });

  it('recovers a running session by leasing again, and an ended one by releasing', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), plan: blocklist });
    const running = session('committed');
    expect(await protection.recover(running, true)).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [], reach: NOT_COUNTED } });
    expect(await protection.recover(running, false)).toBeNull();
    expect(await readFile(guard.hostsPath, 'utf8')).toBe(ORIGINAL_HOSTS);
  });

  it('says when a local web server would answer for blocked sites', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const probed: (readonly string[])[] = [];
    const localServerPorts = async (addresses: readonly string[]) => (probed.push(addresses), [80, 443]);
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), plan: blocklist, localServerPorts });
    expect(await protection.activate(session('flexible'))).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [80, 443], reach: NOT_COUNTED } });
    // Not counting: blocked hosts point at 0.0.0.0 and ::, both of which land on the loopback.
    expect(probed).toEqual([['127.0.0.1', '::1']]);
  });

  it('reports a refused lease (a session ending in the past) as unavailable with the guard’s code', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), plan: blocklist });
    expect(await protection.activate({ sessionId: 'past', endsAt: Date.now() - 1000, mode: 'flexible' })).toEqual({
      id: 'blocking',
      state: 'unavailable',
      unavailable: { reason: 'guard-refused', code: 'lease-in-past' },
    });
  });

  it('tells a guard of another version, and a killed guard, apart from a missing one', async () => {
    guard = await startGuardProcess({ version: '0.9.0', hosts: ORIGINAL_HOSTS });
    const control = guardControl({ client: new GuardClient(guard.socketPath), installer: null, appVersion: '1.2.3' });
    expect(await control.status()).toEqual({ state: 'version-mismatch', guardVersion: '0.9.0', appVersion: '1.2.3' });

    await guard.kill('SIGKILL');
    // The socket file is left behind by kill -9: connecting is refused, so the guard is installed but not running.
    const afterKill = await control.status();
    expect(afterKill.state).toBe('not-running');
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), plan: blocklist });
    expect(await protection.activate(session('committed'))).toMatchObject({ state: 'unavailable', unavailable: { reason: 'guard-not-running' } });

    const missing = guardControl({ client: new GuardClient(join(guard.dir, 'nothing-here.sock')), installer: null, appVersion: '1.2.3' });
    expect(await missing.status()).toEqual({ state: 'not-installed' });
  });

  it('carries the session’s apps in its lease, takes a lease for apps alone, and still blocks the sites when the guard refuses the apps', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const client = new GuardClient(guard.socketPath);
    const rules = { executables: ['wechat'], paths: [], appImages: [], flatpaks: [], snaps: [] };
    const otherSystems = { macos: { bundleIds: [], appPaths: [] }, windows: { imageNames: [], paths: [] } };
    const apps = { entries: [{ id: 'wechat', linux: rules, ...otherSystems }], graceMs: 3000, openAppsWaitMs: 0 };
    const withApps = new BlockingProtection({ guard: client, plan: blocklist, apps: () => apps });
    expect(await withApps.activate(session('committed'))).toMatchObject({ state: 'active' });
    expect(await client.status()).toMatchObject({ ok: true, status: { lease: { hostnameCount: 3 }, apps: { appCount: 1 } } });

    // No site to block: the lease is for the apps alone, and blocking says honestly that it blocks nothing.
    const noSites = (): LeasePlan => ({ ok: true, hostnames: [], browserPolicies: false, urlRules: { block: [], allow: [] }, allowOnly: null });
    const appsAlone = new BlockingProtection({ guard: client, plan: noSites, apps: () => apps });
    const alone = session('flexible');
    expect(await appsAlone.activate(alone)).toEqual({ id: 'blocking', state: 'unavailable', unavailable: { reason: 'blocklist-empty' } });
    expect(await client.status()).toMatchObject({ ok: true, status: { lease: { sessionId: alone.sessionId, hostnameCount: 0 }, apps: { session: alone.sessionId, appCount: 1 } } });
    // Extended, the apps lease follows the session's new end though blocking still blocks nothing.
    const extended = { ...alone, endsAt: alone.endsAt + 600_000 };
    expect(await appsAlone.extend(extended)).toEqual({ id: 'blocking', state: 'unavailable', unavailable: { reason: 'blocklist-empty' } });
    expect(await client.status()).toMatchObject({ ok: true, status: { lease: { sessionId: alone.sessionId, endsAt: extended.endsAt } } });
    await appsAlone.deactivate(alone);
    expect(await client.status()).toMatchObject({ ok: true, status: { lease: null } });

    // A rule the guard refuses (a shell): the sites are blocked without the apps, which the app then closes itself.
    const refused = new BlockingProtection({ guard: client, plan: blocklist, apps: () => ({ ...apps, entries: [{ id: 'shell', linux: { ...rules, executables: ['bash'] }, ...otherSystems }] }) });
    expect(await refused.activate(session('flexible', 20))).toMatchObject({ state: 'active' });
    expect(await client.status()).toMatchObject({ ok: true, status: { lease: { hostnameCount: 3 }, apps: { appCount: 0 } } });
  });
});
