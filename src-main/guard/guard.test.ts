import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeMac, fakeWindows, MAC_ME, MAC_STARTED, MAC_WECHAT, POWERSHELL, PS_SOME, WIN_ME, WIN_OTHER, WIN_SYSTEM, WIN_WECHAT } from '../../test-support/pretend-desktops';
import { runs } from '../../test-support/stand-in-apps';
import { LinuxAppEnforcer } from '../base/apps/linux-app-enforcer';
import { MacAppEnforcer } from '../base/apps/mac-app-enforcer';
import { userListScript, WindowsAppEnforcer } from '../base/apps/windows-app-enforcer';
import { powershellArgs } from '../base/powershell';
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
import { HeldScheduleStore } from './schedule-hold';

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
    schedules: new HeldScheduleStore(join(folder, 'state')),
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
    await store.save({ sessionId: 's', endsAt: 1, mode: 'flexible', hostnames: [], browserPolicies: false, urlRules: { block: [], allow: [] }, allowOnly: null, apps: NO_LEASE_APPS, takenAt: { wallMs: 0, uptimeMs: 0, bootId: null } });
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
describe('Guard holding a schedule', () => {
  const MINUTE = 60_000;
  const schedule = (startsAt: number, endsAt: number, mode: 'flexible' | 'locked' = 'locked') => ({
    type: 'schedule' as const,
    blocks: [{ hostnames: ['www.youtube.com'] }],
    windows: [{ id: 'morning', startsAt, endsAt, mode, blocks: 0 }],
    loosenDelayMs: 60 * MINUTE,
  });

  it('puts the block in at a window’s start and takes it out at its end, with the app gone, and says so in its status', async () => {
    const t = setup();
    const reply = await t.guard.handle(schedule(t.now.wallMs + MINUTE, t.now.wallMs + 3 * MINUTE));
    expect(reply).toMatchObject({ type: 'ok', status: { lease: null, applied: false, schedule: { applied: false, windows: [{ id: 'morning', running: false, removalAt: null }] } } });
    expect(t.read()).toBe(ORIGINAL);
    t.advance(MINUTE);
    await t.guard.reconcileNow();
    expect(t.read()).toBe(withBlock(ORIGINAL, ['www.youtube.com']));
    const running = await t.guard.handle({ type: 'status' });
    expect(running).toMatchObject({ type: 'ok', status: { schedule: { applied: true, windows: [{ id: 'morning', running: true }] } } });
    t.advance(2 * MINUTE);
    await t.guard.reconcileNow();
    expect(t.read()).toBe(ORIGINAL);
    expect(t.events).toEqual(expect.arrayContaining(['schedule-held', 'window-started', 'applied', 'window-ended', 'removed']));
  });

  it('unions a running window with a session’s lease, whose release then leaves the window’s block', async () => {
    const t = setup();
    await t.guard.handle(schedule(t.now.wallMs, t.now.wallMs + 10 * MINUTE, 'flexible'));
    const leased = await t.guard.handle({ type: 'lease', sessionId: 's1', endsAt: t.now.wallMs + MINUTE, mode: 'flexible', hostnames: ['x.com'] });
    // The session's own lease is verified as before: its block is in place.
    expect(leased).toMatchObject({ type: 'ok', status: { applied: true, lease: { sessionId: 's1' } } });
    expect(t.read()).toBe(withBlock(ORIGINAL, ['www.youtube.com', 'x.com']));
    await t.guard.handle({ type: 'release', sessionId: 's1' });
    expect(t.read()).toBe(withBlock(ORIGINAL, ['www.youtube.com']));
    // A block that changed because another joined or left is no tampering.
    expect(t.events).not.toContain('re-applied-after-tampering');
  });

  it('logs a window starting during a session as applied, not as tampering', async () => {
    const t = setup();
    await t.guard.handle({ type: 'lease', sessionId: 's1', endsAt: t.now.wallMs + 5 * MINUTE, mode: 'flexible', hostnames: ['x.com'] });
    await t.guard.handle(schedule(t.now.wallMs + MINUTE, t.now.wallMs + 3 * MINUTE));
    t.advance(MINUTE);
    await t.guard.reconcileNow();
    expect(t.read()).toBe(withBlock(ORIGINAL, ['www.youtube.com', 'x.com']));
    expect(t.events.filter((event) => event === 'applied')).toHaveLength(2);
    expect(t.events).not.toContain('re-applied-after-tampering');
  });

  it('resumes a running window after a restart, and refuses to drop it early while locked', async () => {
    const t = setup();
    await t.guard.handle(schedule(t.now.wallMs, t.now.wallMs + 10 * MINUTE));
    await t.guard.stop();
    expect(t.read()).toBe(ORIGINAL);
    const restarted = new Guard(t.deps);
    await restarted.start();
    expect(t.read()).toBe(withBlock(ORIGINAL, ['www.youtube.com']));
    const dropped = await restarted.handle({ ...schedule(0, 1), windows: [] });
    expect(dropped).toMatchObject({ type: 'ok', status: { schedule: { windows: [{ id: 'morning', running: true }] } } });
    expect(t.read()).toBe(withBlock(ORIGINAL, ['www.youtube.com']));
    await restarted.stop();
  });

  it('refuses a push with a bad hostname whole, keeping what it held', async () => {
    const t = setup();
    await t.guard.handle(schedule(t.now.wallMs + MINUTE, t.now.wallMs + 2 * MINUTE));
    const refused = await t.guard.handle({ ...schedule(t.now.wallMs + MINUTE, t.now.wallMs + 2 * MINUTE), blocks: [{ hostnames: ['ok.com', 'not a host'] }] });
    expect(refused).toMatchObject({ type: 'refused', code: 'invalid-hostname' });
    expect(await t.guard.handle({ type: 'status' })).toMatchObject({ status: { schedule: { windows: [{ id: 'morning' }] } } });
    expect(t.events).toContain('schedule-refused');
  });
});

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

  it('builds an enforcer for the installing user alone: never for root, nor without a user', () => {
    expect(guardAppEnforcer('linux', { uid: 1000 })).toMatchObject({ enforcer: expect.any(LinuxAppEnforcer), problem: null });
    expect(guardAppEnforcer('linux', { uid: 0 })).toEqual({ enforcer: null, problem: 'no-user' });
    expect(guardAppEnforcer('linux', {})).toEqual({ enforcer: null, problem: 'no-user' });
    // macOS and Windows: guard-apps-desktop.test.ts.
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

// macOS and Windows cannot run here: the guard's enforcer for each, built as main.ts builds it (guardAppEnforcer from
// the config's user), runs its commands through a recording runner answering from a pretend process table
// (test-support/pretend-desktops.ts), so these pin what the guard, as root or SYSTEM, would run and signal there.
describe('Guard closing the apps of a lease on macOS and Windows (recorded commands)', () => {
  const noLinux = { executables: [], paths: [], appImages: [], flatpaks: [], snaps: [] };
  const wechat = { id: 'wechat', linux: noLinux, macos: { bundleIds: ['com.tencent.xinWeChat'], appPaths: [] }, windows: { imageNames: ['WeChat.exe'], paths: [] } };
  const GRACE_MS = 150;
  const soon = { timeout: 5000, interval: 10 };

  function appClosingGuard(source: GuardAppEnforcer) {
    const t = setup();
    const guard = new Guard({ ...t.deps, apps: new GuardApps(source, t.deps.log) });
    const lease = { type: 'lease' as const, sessionId: 's1', endsAt: t.now.wallMs + 60_000, mode: 'flexible' as const, hostnames: [], apps: { entries: [wechat], graceMs: GRACE_MS, openAppsWaitMs: 0 } };
    return { ...t, guard, lease };
  }
  /** Nothing more is run once the enforcer stopped: a few scans' time passes with no new command. */
  async function quietAfter(calls: readonly unknown[]) {
    const before = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls).toHaveLength(before);
  }

  it('builds each OS’s enforcer for the installing user alone: the uid on macOS, the SID on Windows; never root’s or SYSTEM’s', () => {
    expect(guardAppEnforcer('darwin', { uid: 501 })).toMatchObject({ enforcer: expect.any(MacAppEnforcer), problem: null });
    expect(guardAppEnforcer('darwin', { uid: 0 })).toEqual({ enforcer: null, problem: 'no-user' });
    expect(guardAppEnforcer('darwin', {})).toEqual({ enforcer: null, problem: 'no-user' });
    expect(guardAppEnforcer('win32', { sid: WIN_ME })).toMatchObject({ enforcer: expect.any(WindowsAppEnforcer), problem: null });
    for (const sid of [WIN_SYSTEM, 'S-1-5-19', 'S-1-5-20', 'S-1-5-32-544', 'not a sid']) expect(guardAppEnforcer('win32', { sid })).toEqual({ enforcer: null, problem: 'no-user' });
    expect(guardAppEnforcer('win32', { uid: 1000 })).toEqual({ enforcer: null, problem: 'no-user' });
    expect(guardAppEnforcer('win32', {})).toEqual({ enforcer: null, problem: 'no-user' });
    expect(guardAppEnforcer('freebsd', { uid: 1000 })).toEqual({ enforcer: null, problem: 'unsupported-platform' });
  });

  it('macOS: closes the config uid’s app with SIGTERM (no quit event from root), SIGKILL after the grace, each relaunch again; never root’s or another user’s', async () => {
    const mac = fakeMac({
      300: { ppid: 1, uid: MAC_ME, started: MAC_STARTED, comm: MAC_WECHAT, ignoresPoliteClose: true },
      310: { ppid: 1, uid: 0, started: MAC_STARTED, comm: MAC_WECHAT },
      320: { ppid: 1, uid: 502, started: MAC_STARTED, comm: MAC_WECHAT },
    });
    const t = appClosingGuard(guardAppEnforcer('darwin', { uid: MAC_ME }, { run: mac.run, intervalMs: 20 }));
    const reply = await t.guard.handle(t.lease);
    expect(reply).toMatchObject({ type: 'ok', status: { apps: { enforcing: true, problem: null, session: 's1', appCount: 1 } } });
    await vi.waitFor(() => expect(mac.signals()).toEqual(['/bin/kill -TERM 300', '/bin/kill -KILL 300']), soon);

    mac.processes.set(330, { ppid: 1, uid: MAC_ME, started: 'Mon Dec  7 20:35:02 2026', comm: MAC_WECHAT });
    await vi.waitFor(() => expect(mac.signals()).toEqual(['/bin/kill -TERM 300', '/bin/kill -KILL 300', '/bin/kill -TERM 330']), soon);
    expect(await t.guard.handle({ type: 'status' })).toMatchObject({ type: 'ok', status: { apps: { enforcing: true, launches: [{ appId: 'wechat', attempts: 1 }] } } });
    // Root's and the other user's WeChat were never asked about nor signalled, and no Apple event was sent.
    const lines = mac.calls.map(({ file, args }) => [file, ...args].join(' '));
    expect(lines.filter((line) => line.startsWith(PS_SOME)).every((line) => !/\b3[12]0\b/.test(line))).toBe(true);
    expect(mac.calls.some((call) => call.file === '/usr/bin/osascript')).toBe(false);
    expect(mac.processes.has(310) && mac.processes.has(320)).toBe(true);

    expect(await t.guard.handle({ type: 'release', sessionId: 's1' })).toMatchObject({ type: 'ok', status: { apps: { enforcing: false, launches: [{ appId: 'wechat', attempts: 1 }] } } });
    mac.processes.set(340, { ppid: 1, uid: MAC_ME, started: 'Mon Dec  7 20:36:00 2026', comm: MAC_WECHAT });
    await quietAfter(mac.calls);
    expect(mac.processes.has(340)).toBe(true);
    await t.guard.stop();
  });

  it('Windows: lists the config SID’s sessions from session 0, sends no WM_CLOSE, forces after the grace; never SYSTEM’s, session 0’s or another user’s', async () => {
    const windows = fakeWindows(
      {
        1100: { ppid: 1000, path: 'C:\\Windows\\explorer.exe' },
        3000: { ppid: 1100, path: WIN_WECHAT },
        6000: { ppid: 1100, path: WIN_WECHAT, owner: WIN_OTHER },
        6100: { ppid: 4, path: WIN_WECHAT, owner: WIN_SYSTEM, session: 0 },
        2200: { ppid: 2000, path: 'C:\\Windows\\explorer.exe', owner: WIN_OTHER, session: 2 },
        6200: { ppid: 2200, path: WIN_WECHAT, owner: WIN_OTHER, session: 2 },
      },
      { userSid: WIN_ME },
    );
    const t = appClosingGuard(guardAppEnforcer('win32', { sid: WIN_ME }, { run: windows.run, intervalMs: 20 }));
    expect(await t.guard.handle(t.lease)).toMatchObject({ type: 'ok', status: { apps: { enforcing: true, problem: null } } });
    await vi.waitFor(() => expect(windows.signals()).toEqual(['/F /PID 3000']), soon);
    expect(windows.calls[0]).toEqual({ file: POWERSHELL, args: powershellArgs(userListScript(WIN_ME)), timeoutMs: 20_000 });

    windows.processes.set(3100, { ppid: 1100, path: WIN_WECHAT, created: '133780000010000000' });
    await vi.waitFor(() => expect(windows.signals()).toEqual(['/F /PID 3000', '/F /PID 3100']), soon);
    expect(await t.guard.handle({ type: 'status' })).toMatchObject({ type: 'ok', status: { apps: { launches: [{ appId: 'wechat', attempts: 1 }] } } });
    // Only the user's session was listed, and only their processes were forced.
    expect(windows.steps().filter((step) => step.startsWith('identify')).every((step) => !/\b6[12]00\b/.test(step))).toBe(true);
    expect([6000, 6100, 6200].every((pid) => windows.processes.has(pid))).toBe(true);

    expect(await t.guard.handle({ type: 'release', sessionId: 's1' })).toMatchObject({ type: 'ok', status: { apps: { enforcing: false } } });
    windows.processes.set(3200, { ppid: 1100, path: WIN_WECHAT, created: '133780000020000000' });
    await quietAfter(windows.calls);
    expect(windows.processes.has(3200)).toBe(true);
    await t.guard.stop();
  });

  it('refuses a lease whose macOS or Windows rule could reach the system, and closes nothing', async () => {
    const windows = fakeWindows({ 1100: { ppid: 1000, path: 'C:\\Windows\\explorer.exe' }, 3000: { ppid: 1100, path: WIN_WECHAT } }, { userSid: WIN_ME });
    const t = appClosingGuard(guardAppEnforcer('win32', { sid: WIN_ME }, { run: windows.run, intervalMs: 20 }));
    const explorer = { ...wechat, id: 'desktop', windows: { imageNames: ['explorer.exe'], paths: [] } };
    const finder = { ...wechat, id: 'finder', macos: { bundleIds: ['com.apple.finder'], appPaths: [] } };
    expect(await t.guard.handle({ ...t.lease, apps: { ...t.lease.apps, entries: [wechat, explorer] } })).toMatchObject({
      type: 'refused',
      code: 'invalid-app-rule',
      message: expect.stringContaining('desktop.windows.imageNames'),
    });
    expect(await t.guard.handle({ ...t.lease, apps: { ...t.lease.apps, entries: [finder] } })).toMatchObject({ type: 'refused', code: 'invalid-app-rule', message: expect.stringContaining('finder.macos.bundleIds') });
    expect(windows.calls).toEqual([]);
    await t.guard.stop();
  });
});
