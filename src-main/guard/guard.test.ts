import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runs } from '../../test-support/stand-in-apps';
import { LinuxAppEnforcer } from '../base/apps/linux-app-enforcer';
import { BrowserPolicies } from './browser-policies/browser-policies';
import { browserTargets } from './browser-policies/browser-targets';
import { PolicyJournal } from './browser-policies/policy-journal';
import { Guard } from './guard';
import { GuardApps, guardAppEnforcer, type GuardAppEnforcer } from './guard-apps';
import { withBlock } from './hosts-block';
import { HostsFile } from './hosts-file';
import { decideLease, LeaseStore, type Instant } from './lease';
import type { GuardEvent } from './log';
import { LeaseRequest, NO_LEASE_APPS } from './protocol';

const ORIGINAL = '127.0.0.1 localhost\r\n10.1.1.1 www.youtube.com\r\n';

function setup() {
  const folder = mkdtempSync(join(tmpdir(), 'guard-'));
  const hostsPath = join(folder, 'hosts');
  writeFileSync(hostsPath, ORIGINAL, { mode: 0o644 });
  const now: Instant = { wallMs: 1_700_000_000_000, uptimeMs: 50_000, bootId: 'b' };
  const events: GuardEvent[] = [];
  const flushed: string[][] = [];
  // A stand-in root where Chromium is "installed" (its binary's path exists) and no other browser is.
  const root = join(folder, 'root');
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  writeFileSync(join(root, 'usr/bin/chromium'), '');
  const log = { write: (event: GuardEvent) => void events.push(event) };
  const targets = browserTargets({ platform: 'linux', root, stateDir: join(folder, 'state'), run: async () => ({ kind: 'missing' }) });
  const deps: ConstructorParameters<typeof Guard>[0] = {
    clock: { now: () => ({ ...now }) },
    hosts: new HostsFile(hostsPath),
    leases: new LeaseStore(join(folder, 'state')),
    log,
    dnsFlush: {
      commands: [['/usr/bin/resolvectl', 'flush-caches']],
      run: async (file, args) => {
        flushed.push([file, ...args]);
        return { ok: true };
      },
    },
    browserPolicies: new BrowserPolicies(targets, new PolicyJournal(join(folder, 'state')), log),
    version: '1.2.3',
    intervalMs: 60_000,
  };
  const guard = new Guard(deps);
  const advance = (ms: number) => {
    now.wallMs += ms;
    now.uptimeMs += ms;
  };
  const read = () => readFileSync(hostsPath, 'latin1');
  return { folder, root, hostsPath, deps, guard, events, flushed, advance, read, now };
}

describe('Guard', () => {
  it('applies a lease, reports it, and removes the block exactly when it expires', async () => {
    const t = setup();
    const reply = await t.guard.handle({ type: 'lease', sessionId: 's1', endsAt: t.now.wallMs + 60_000, mode: 'committed', hostnames: ['www.youtube.com'], browserPolicies: false, urlRules: { block: [], allow: [] } });
    expect(reply).toEqual({
      type: 'ok',
      status: {
        version: '1.2.3',
        lease: { sessionId: 's1', endsAt: t.now.wallMs + 60_000, mode: 'committed', hostnameCount: 1 },
        applied: true,
        lastReconcileAt: t.now.wallMs,
        lastError: null,
        browsers: [
          { id: 'chrome', installed: false, policyActive: false, problem: null },
          { id: 'chromium', installed: true, policyActive: false, problem: null },
          { id: 'edge', installed: false, policyActive: false, problem: null },
          { id: 'brave', installed: false, policyActive: false, problem: null },
          { id: 'vivaldi', installed: false, policyActive: false, problem: null },
          { id: 'firefox', installed: false, policyActive: false, problem: null },
        ],
      },
    });
    expect(t.read()).toBe(withBlock(ORIGINAL, ['www.youtube.com']));
    expect(readFileSync(`${t.hostsPath}.stillroom-backup`, 'latin1')).toBe(ORIGINAL);
    expect(t.flushed).toEqual([['/usr/bin/resolvectl', 'flush-caches']]);

    t.advance(60_000);
    await t.guard.reconcileNow();
    expect(t.read()).toBe(ORIGINAL);
    expect(existsSync(join(t.folder, 'state', 'lease.json'))).toBe(false);
    expect(t.events).toEqual(['lease-taken', 'applied', 'expired', 'removed']);
  });

  it('re-applies the block after tampering and logs it as such', async () => {
    const t = setup();
    await t.guard.handle({ type: 'lease', sessionId: 's1', endsAt: t.now.wallMs + 60_000, mode: 'flexible', hostnames: ['x.com'], browserPolicies: false, urlRules: { block: [], allow: [] } });
    writeFileSync(t.hostsPath, `${ORIGINAL}# user edit\n`);
    await t.guard.reconcileNow();
    expect(t.read()).toBe(withBlock(`${ORIGINAL}# user edit\n`, ['x.com']));
    expect(t.events).toContain('re-applied-after-tampering');
  });

  it('refuses to release a locked lease and releases a flexible one', async () => {
    const t = setup();
    await t.guard.handle({ type: 'lease', sessionId: 's1', endsAt: t.now.wallMs + 60_000, mode: 'locked', hostnames: ['x.com'], browserPolicies: false, urlRules: { block: [], allow: [] } });
    expect(await t.guard.handle({ type: 'release', sessionId: 's1' })).toMatchObject({ type: 'refused', code: 'locked' });
    expect(t.read()).not.toBe(ORIGINAL);

    const u = setup();
    await u.guard.handle({ type: 'lease', sessionId: 's1', endsAt: u.now.wallMs + 60_000, mode: 'flexible', hostnames: ['x.com'], browserPolicies: false, urlRules: { block: [], allow: [] } });
    expect(await u.guard.handle({ type: 'release', sessionId: 's1' })).toMatchObject({ type: 'ok', status: { lease: null, applied: false } });
    expect(u.read()).toBe(ORIGINAL);
  });

  it('refuses a lease with one bad hostname whole, changing nothing', async () => {
    const t = setup();
    const reply = await t.guard.handle({ type: 'lease', sessionId: 's1', endsAt: t.now.wallMs + 60_000, mode: 'flexible', hostnames: ['ok.com', 'evil.com\n1.2.3.4 bank.com'], browserPolicies: false, urlRules: { block: [], allow: [] } });
    expect(reply).toMatchObject({ type: 'refused', code: 'invalid-hostname' });
    expect(t.read()).toBe(ORIGINAL);
  });

  it('treats a corrupt lease file as no lease and removes a leftover block', async () => {
    const t = setup();
    writeFileSync(t.hostsPath, withBlock(ORIGINAL, ['x.com']));
    const store = new LeaseStore(join(t.folder, 'state'));
    await store.save({ sessionId: 's', endsAt: 1, mode: 'flexible', hostnames: [], browserPolicies: false, urlRules: { block: [], allow: [] }, apps: NO_LEASE_APPS, takenAt: { wallMs: 0, uptimeMs: 0, bootId: null } });
    writeFileSync(store.path, '{"sessionId": "s", "endsAt": tru');
    await t.guard.reconcileNow();
    expect(t.read()).toBe(ORIGINAL);
    expect(existsSync(store.path)).toBe(false);
  });

  it('reports an error in its status when the hosts file cannot be written, and recovers', async () => {
    const t = setup();
    const hostsPath = join(t.folder, 'missing', 'hosts');
    const guard = new Guard({ ...t.deps, hosts: new HostsFile(hostsPath) });
    await guard.handle({ type: 'lease', sessionId: 's1', endsAt: t.now.wallMs + 60_000, mode: 'flexible', hostnames: ['x.com'], browserPolicies: false, urlRules: { block: [], allow: [] } });
    expect(await guard.handle({ type: 'status' })).toMatchObject({ type: 'ok', status: { applied: false, lastError: expect.stringContaining('ENOENT') } });
    mkdirSync(join(t.folder, 'missing'));
    writeFileSync(hostsPath, ORIGINAL);
    expect(await guard.handle({ type: 'status' })).toMatchObject({ type: 'ok', status: { applied: true, lastError: null } });
    expect(readFileSync(hostsPath, 'latin1')).toBe(withBlock(ORIGINAL, ['x.com']));
  });

  it('takes the block out when stopped, keeping the lease for the next start', async () => {
    const t = setup();
    await t.guard.handle({ type: 'lease', sessionId: 's1', endsAt: t.now.wallMs + 60_000, mode: 'locked', hostnames: ['x.com'], browserPolicies: false, urlRules: { block: [], allow: [] } });
    await t.guard.stop();
    expect(t.read()).toBe(ORIGINAL);
    await t.guard.reconcileNow();
    expect(t.read()).toBe(withBlock(ORIGINAL, ['x.com']));
  });

  it('writes the browser policy for a lease that asks for it, refuses a bad URL rule, and takes the policy out on release', async () => {
    const t = setup();
    const policyPath = join(t.root, 'etc/chromium/policies/managed/zz-stillroom.json');
    const lease = { type: 'lease' as const, sessionId: 's1', endsAt: t.now.wallMs + 60_000, mode: 'flexible' as const, hostnames: ['x.com'], browserPolicies: true };
    const bad = await t.guard.handle({ ...lease, urlRules: { block: [{ host: 'youtube.com', path: '/shorts"*' }], allow: [] } });
    expect(bad).toMatchObject({ type: 'refused', code: 'invalid-url-rule' });
    expect(existsSync(policyPath)).toBe(false);

    const reply = await t.guard.handle({ ...lease, urlRules: { block: [{ host: 'YouTube.com', path: '/shorts' }, { host: 'x.com', path: '/' }], allow: [{ host: 'youtube.com', path: '/watch' }] } });
    expect(reply).toMatchObject({ type: 'ok', status: { browsers: expect.arrayContaining([{ id: 'chromium', installed: true, policyActive: true, problem: null }]) } });
    expect(JSON.parse(readFileSync(policyPath, 'utf8'))).toEqual({ DnsOverHttpsMode: 'off', URLBlocklist: ['youtube.com/shorts', 'x.com'], URLAllowlist: ['youtube.com/watch'] });
    // Only installed browsers get a file.
    expect(existsSync(join(t.root, 'etc/opt/chrome'))).toBe(false);
    expect(existsSync(join(t.root, 'etc/firefox'))).toBe(false);

    await t.guard.handle({ type: 'release', sessionId: 's1' });
    expect(existsSync(policyPath)).toBe(false);
    // The folders it created are gone too; /etc itself stays.
    expect(existsSync(join(t.root, 'etc/chromium'))).toBe(false);
    expect(t.events).toEqual(expect.arrayContaining(['policy-written', 'policy-restored']));
  });

  it('writes no browser policy for a lease without browserPolicies', async () => {
    const t = setup();
    await t.guard.handle({ type: 'lease', sessionId: 's1', endsAt: t.now.wallMs + 60_000, mode: 'flexible', hostnames: ['x.com'], urlRules: { block: [{ host: 'x.com', path: '/' }], allow: [] } });
    expect(existsSync(join(t.root, 'etc/chromium'))).toBe(false);
  });

  it('takes the browser policy out when the lease expires and when the guard stops', async () => {
    const t = setup();
    const policyPath = join(t.root, 'etc/chromium/policies/managed/zz-stillroom.json');
    await t.guard.handle({ type: 'lease', sessionId: 's1', endsAt: t.now.wallMs + 60_000, mode: 'locked', hostnames: ['x.com'], browserPolicies: true });
    expect(existsSync(policyPath)).toBe(true);
    await t.guard.stop();
    expect(existsSync(policyPath)).toBe(false);
    await t.guard.reconcileNow();
    expect(existsSync(policyPath)).toBe(true);
    t.advance(60_000);
    await t.guard.reconcileNow();
    expect(existsSync(policyPath)).toBe(false);
  });

  it('notices a wake from sleep: boot time jumped while the process clock did not', async () => {
    const t = setup();
    const guard = new Guard({ ...t.deps, intervalMs: 50, clock: { now: () => (t.advance(60_000), { ...t.now }) } });
    await guard.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await guard.stop();
    expect(t.events).toContain('woke');
  });
});

// Real processes of this user, closed by the real Linux enforcer the guard runs: the stand-in app is a copy of `sleep`
// in a folder of this test's own, and the lease names only that folder, so nothing else on the machine can match.
describe.skipIf(process.platform !== 'linux')('Guard closing the apps of a lease', () => {
  const started: ChildProcess[] = [];
  const launch = (file: string) => {
    const child = spawn(file, ['30'], { stdio: 'ignore', detached: true });
    started.push(child);
    return child;
  };
  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
  afterEach(() => {
    for (const child of started.splice(0)) if (alive(child)) process.kill(-child.pid!, 'SIGKILL');
  });

  function appsSetup(source?: GuardAppEnforcer) {
    const t = setup();
    const bin = join(t.folder, 'opt', 'standin');
    mkdirSync(bin, { recursive: true });
    const app = join(bin, 'focus-standin');
    copyFileSync('/bin/sleep', app);
    const enforcer = new LinuxAppEnforcer({ uid: process.getuid!(), intervalMs: 50 });
    const apps = new GuardApps(source ?? { enforcer, problem: null }, t.deps.log);
    const guard = new Guard({ ...t.deps, apps });
    const entries = [{ id: 'standin', linux: { executables: [], paths: [`${bin}/`], appImages: [], flatpaks: [], snaps: [] } }];
    const lease = { type: 'lease' as const, sessionId: 's1', endsAt: t.now.wallMs + 60_000, mode: 'flexible' as const, hostnames: [], apps: { entries, graceMs: 3000, openAppsWaitMs: 0 } };
    return { ...t, app, apps, guard, lease, stop: () => guard.stop() };
  }

  it('closes the user’s apps for a lease that only lists apps, counts each launch, and touches nothing after the release', async () => {
    const t = appsSetup();
    const open = launch(t.app);
    await runs(open, t.app);
    const reply = await t.guard.handle(t.lease);
    expect(reply).toMatchObject({ type: 'ok', status: { lease: { sessionId: 's1', hostnameCount: 0 }, apps: { enforcing: true, problem: null, session: 's1', appCount: 1 } } });
    await exited(open);
    expect(open.signalCode).toBe('SIGTERM');
    const relaunched = launch(t.app);
    await exited(relaunched);
    expect(relaunched.signalCode).toBe('SIGTERM');
    // The app open at the start was closed but not reached for: only the relaunch counts.
    expect(await t.guard.handle({ type: 'status' })).toMatchObject({ type: 'ok', status: { apps: { enforcing: true, launches: [{ appId: 'standin', attempts: 1 }] } } });

    const released = await t.guard.handle({ type: 'release', sessionId: 's1' });
    // The counts stay readable after the release, for the session's reflection.
    expect(released).toMatchObject({ type: 'ok', status: { lease: null, apps: { enforcing: false, session: 's1', launches: [{ appId: 'standin', attempts: 1 }] } } });
    const after = launch(t.app);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive(after)).toBe(true);
    expect(t.events).toEqual(expect.arrayContaining(['apps-enforcing', 'apps-stopped']));
    await t.stop();
  });

  it('leaves apps open when the lease came to the user for the lease’s wait, says so in its status, then closes them', async () => {
    const t = appsSetup();
    const open = launch(t.app);
    await runs(open, t.app);
    const takenAt = Date.now();
    const reply = await t.guard.handle({ ...t.lease, apps: { ...t.lease.apps, openAppsWaitMs: 800 } });
    expect(reply).toMatchObject({ type: 'ok', status: { apps: { enforcing: true, openAtStart: { appIds: ['standin'], closesAt: expect.any(Number), closed: false } } } });
    expect(alive(open)).toBe(true);
    await exited(open);
    expect(open.signalCode).toBe('SIGTERM');
    expect(Date.now() - takenAt).toBeGreaterThanOrEqual(800);
    expect(await t.guard.handle({ type: 'status' })).toMatchObject({ type: 'ok', status: { apps: { openAtStart: { appIds: ['standin'], closed: true }, launches: [] } } });
    await t.stop();
  });

  it('stops when the lease expires and when the guard stops, and resumes from the lease on disk after a restart', async () => {
    const t = appsSetup();
    await t.guard.handle({ ...t.lease, mode: 'locked' });
    await t.guard.stop();
    const whileStopped = launch(t.app);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive(whileStopped)).toBe(true);

    // A new guard process: the lease on disk is still running, so it closes the apps again.
    const restarted = new Guard({ ...t.deps, apps: new GuardApps({ enforcer: new LinuxAppEnforcer({ uid: process.getuid!(), intervalMs: 50 }), problem: null }, t.deps.log) });
    await restarted.start();
    await exited(whileStopped);
    expect(whileStopped.signalCode).toBe('SIGTERM');

    t.advance(60_000);
    await restarted.reconcileNow();
    const afterEnd = launch(t.app);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive(afterEnd)).toBe(true);
    await restarted.stop();
  });

  it('closes nothing from a half-written lease file', async () => {
    const t = appsSetup();
    const store = new LeaseStore(join(t.folder, 'state'));
    const decided = decideLease(null, LeaseRequest.parse(t.lease), t.now);
    if (!decided.ok || !decided.lease) throw new Error('the stand-in lease was refused');
    await store.save(decided.lease);
    writeFileSync(store.path, readFileSync(store.path, 'utf8').slice(0, 120));
    const open = launch(t.app);
    await t.guard.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive(open)).toBe(true);
    expect(await t.guard.handle({ type: 'status' })).toMatchObject({ type: 'ok', status: { lease: null, apps: { enforcing: false } } });
    await t.stop();
  });

  it('refuses a lease with a rule that could reach a system process, closing nothing', async () => {
    const t = appsSetup();
    const open = launch(t.app);
    const entries = [...t.lease.apps.entries, { id: 'shell', linux: { executables: ['bash'], paths: [], appImages: [], flatpaks: [], snaps: [] } }];
    const reply = await t.guard.handle({ ...t.lease, apps: { entries, graceMs: 3000, openAppsWaitMs: 0 } });
    expect(reply).toMatchObject({ type: 'refused', code: 'invalid-app-rule', message: expect.stringContaining('shell.executables') });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive(open)).toBe(true);
    await t.stop();
  });

  it('builds an enforcer for the installing user alone: never for root, nor without a user, nor outside Linux for now', () => {
    expect(guardAppEnforcer('linux', 1000)).toMatchObject({ enforcer: expect.any(LinuxAppEnforcer), problem: null });
    expect(guardAppEnforcer('linux', 0)).toEqual({ enforcer: null, problem: 'no-user' });
    expect(guardAppEnforcer('linux', undefined)).toEqual({ enforcer: null, problem: 'no-user' });
    expect(guardAppEnforcer('darwin', 501)).toEqual({ enforcer: null, problem: 'unsupported-platform' });
  });

  it('says so and closes nothing without an installing user to close them for', async () => {
    const t = appsSetup({ enforcer: null, problem: 'no-user' });
    const open = launch(t.app);
    const reply = await t.guard.handle(t.lease);
    expect(reply).toMatchObject({ type: 'ok', status: { apps: { enforcing: false, problem: 'no-user', session: 's1', appCount: 1, launches: [] } } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive(open)).toBe(true);
    expect(t.events).toContain('apps-not-enforced');
    await t.stop();
  });
});
