import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeLease, decideLease, decideRelease, Lease, leaseRemainingMs, type Instant } from './lease';
import { LeaseRequest, MAX_ALLOW_ONLY_SITES, MAX_LEASE_APPS, NO_LEASE_APPS, type LeaseApp } from './protocol';

const start: Instant = { wallMs: 1_700_000_000_000, uptimeMs: 10_000, bootId: 'boot-a' };
const minutes = (n: number) => n * 60_000;
const request = (over: Partial<LeaseRequest> = {}): LeaseRequest => ({
  type: 'lease',
  sessionId: 's1',
  endsAt: start.wallMs + minutes(25),
  mode: 'flexible',
  hostnames: ['www.youtube.com', 'YouTube.com'],
  browserPolicies: false,
  urlRules: { block: [], allow: [] },
  allowOnly: null,
  apps: NO_LEASE_APPS,
  ...over,
});
const take = (over: Partial<LeaseRequest> = {}, current: Lease | null = null, now = start): Lease => {
  const decision = decideLease(current, request(over), now);
  if (!decision.ok || !decision.lease) throw new Error(`refused: ${JSON.stringify(decision)}`);
  return decision.lease;
};
const later = (ms: number, wallShift = 0, bootId: string | null = 'boot-a'): Instant => ({
  wallMs: start.wallMs + ms + wallShift,
  uptimeMs: start.uptimeMs + ms,
  bootId,
});

describe('lease time', () => {
  it('ends after its duration of boot time', () => {
    const lease = take();
    expect(leaseRemainingMs(lease, later(minutes(24)))).toBe(minutes(1));
    expect(activeLease(lease, later(minutes(25)))).toBeNull();
  });

  it('does not end early when the wall clock is moved forward', () => {
    const lease = take();
    expect(activeLease(lease, later(minutes(1), minutes(600)))).toBe(lease);
  });

  it('does not last longer when the wall clock is moved back', () => {
    expect(activeLease(take(), later(minutes(25), -minutes(600)))).toBeNull();
  });

  it('counts sleep, because boot time runs on while the machine sleeps', () => {
    // Sleep shows as uptime and wall time moving together; the lease ends on time.
    expect(activeLease(take(), later(minutes(30)))).toBeNull();
  });

  it('falls back to the wall clock after a reboot', () => {
    const lease = take();
    const afterReboot = (wallMs: number): Instant => ({ wallMs, uptimeMs: 5_000, bootId: 'boot-b' });
    expect(activeLease(lease, afterReboot(start.wallMs + minutes(10)))).toBe(lease);
    expect(activeLease(lease, afterReboot(start.wallMs + minutes(25)))).toBeNull();
  });

  it('tells a reboot by a smaller uptime where the OS has no boot id', () => {
    const lease = take({}, null, { ...start, bootId: null });
    expect(activeLease(lease, { wallMs: start.wallMs + minutes(30), uptimeMs: 1_000, bootId: null })).toBeNull();
    expect(activeLease(lease, { wallMs: start.wallMs + minutes(30), uptimeMs: start.uptimeMs + minutes(1), bootId: null })).toBe(lease);
  });
});

// The clock readings below are made up: a reboot, a machine switched off for hours, a CMOS clock a year behind
// cannot be staged on a test machine. They go through the same narrow Instant the guard's system clock returns.
describe('lease time across a reboot', () => {
  const hour = minutes(60);
  const taken = (bootId: string | null) => take({ endsAt: start.wallMs + hour }, null, { ...start, uptimeMs: minutes(5), bootId });

  it('ends on time on macOS and Windows after a reboot whose uptime has passed the one the lease was taken at', () => {
    // Taken 5 min after boot; the machine is off for 2 hours, then up for 10 min: uptime alone says "same boot".
    const off = { wallMs: start.wallMs + minutes(130), uptimeMs: minutes(10) };
    expect(activeLease(taken('session:7C1E0A62-0000-4000-8000-000000000001'), { ...off, bootId: 'session:7C1E0A62-0000-4000-8000-000000000002' })).toBeNull();
    expect(activeLease(taken('boottime:2026-12-03T08:00:00.000Z'), { ...off, bootId: 'boottime:2026-12-03T10:10:00.000Z' })).toBeNull();
  });

  it('never gives more than the lease length when the clock is far behind after a reboot', () => {
    const lease = taken('boot-a');
    const yearBehind: Instant = { wallMs: start.wallMs - minutes(365 * 24 * 60), uptimeMs: minutes(2), bootId: 'boot-b' };
    // At least this boot's two minutes have passed since the lease was taken.
    expect(leaseRemainingMs(lease, yearBehind)).toBe(hour - minutes(2));
    expect(activeLease(lease, { ...yearBehind, uptimeMs: hour })).toBeNull();
  });

  it('never exceeds the original length, whatever the clocks and boot ids say (fuzzed)', () => {
    const bootId = fc.constantFrom('boot-a', 'boot-b', null);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 * 60 }),
        fc.record({ wallMs: fc.integer({ min: 0, max: 4e12 }), uptimeMs: fc.integer({ min: 0, max: 1e10 }), bootId }),
        fc.record({ wallMs: fc.integer({ min: 0, max: 4e12 }), uptimeMs: fc.integer({ min: 0, max: 1e10 }), bootId }),
        (length, at, now) => {
          const lease = take({ endsAt: at.wallMs + minutes(length) }, null, at);
          expect(leaseRemainingMs(lease, now)).toBeLessThanOrEqual(minutes(length));
        },
      ),
    );
  });
});

describe('taking and releasing', () => {
  it('re-validates every hostname and normalises them', () => {
    expect(take().hostnames).toEqual(['www.youtube.com', 'youtube.com']);
    expect(decideLease(null, request({ hostnames: ['ok.com', 'bad host.com'] }), start)).toMatchObject({ ok: false, code: 'invalid-hostname' });
  });

  it('takes a lease of browser rules alone (paths only, no whole host), and refuses one that blocks nothing', () => {
    const rules = { block: [{ host: 'youtube.com', path: '/shorts' }], allow: [] };
    expect(take({ hostnames: [], browserPolicies: true, urlRules: rules })).toMatchObject({ hostnames: [], browserPolicies: true, urlRules: rules });
    expect(decideLease(null, request({ hostnames: [], browserPolicies: false, urlRules: rules }), start)).toMatchObject({ ok: false, code: 'bad-request' });
    expect(decideLease(null, request({ hostnames: [] }), start)).toMatchObject({ ok: false, code: 'bad-request' });
  });

  it('keeps a locked lease\'s browser rules when it is extended: every block stays, an exception only if both have it', () => {
    const lease = take({ mode: 'locked', browserPolicies: true, urlRules: { block: [{ host: 'a.com', path: '/x' }], allow: [{ host: 'a.com', path: '/x/ok' }, { host: 'b.com', path: '/y' }] } });
    const extended = take({ endsAt: start.wallMs + minutes(40), browserPolicies: false, urlRules: { block: [{ host: 'c.com', path: '/' }], allow: [{ host: 'b.com', path: '/y' }, { host: 'c.com', path: '/z' }] } }, lease, later(1000));
    expect(extended).toMatchObject({
      browserPolicies: true,
      urlRules: { block: [{ host: 'c.com', path: '/' }, { host: 'a.com', path: '/x' }], allow: [{ host: 'b.com', path: '/y' }] },
    });
  });

  it('takes an allowlist session: its sites re-validated, browser policies required, blocking by itself', () => {
    const sites = [{ host: 'ArXiv.org', path: '/' }, { host: 'arxiv.org', path: '/' }, { host: 'docs.python.org', path: '/3/' }];
    expect(take({ hostnames: [], browserPolicies: true, allowOnly: sites })).toMatchObject({ hostnames: [], allowOnly: [{ host: 'arxiv.org', path: '/' }, { host: 'docs.python.org', path: '/3/' }] });
    expect(take({ browserPolicies: true }).allowOnly).toBeNull();
    expect(decideLease(null, request({ browserPolicies: true, allowOnly: [{ host: 'arxiv.org', path: '/' }, { host: 'arxiv.org', path: '/*' }] }), start)).toMatchObject({ ok: false, code: 'invalid-url-rule' });
    expect(decideLease(null, request({ browserPolicies: true, allowOnly: [{ host: 'https://arxiv.org', path: '/' }] }), start)).toMatchObject({ ok: false, code: 'invalid-url-rule' });
    expect(decideLease(null, request({ browserPolicies: false, allowOnly: [{ host: 'arxiv.org', path: '/' }] }), start)).toMatchObject({ ok: false, code: 'bad-request' });
    expect(LeaseRequest.safeParse({ ...request(), allowOnly: Array.from({ length: MAX_ALLOW_ONLY_SITES + 1 }, (_, i) => ({ host: `s${i}.org`, path: '/' })) }).success).toBe(false);
  });

  it("narrows a locked allowlist when it is extended: a site stays open only if both allow it, and the allowlist is never dropped", () => {
    const arxiv = { host: 'arxiv.org', path: '/' };
    const scholar = { host: 'scholar.google.com', path: '/' };
    const lease = take({ mode: 'locked', browserPolicies: true, allowOnly: [arxiv, scholar] });
    expect(take({ endsAt: start.wallMs + minutes(40), browserPolicies: true, allowOnly: [arxiv, { host: 'x.com', path: '/' }] }, lease, later(1000)).allowOnly).toEqual([arxiv]);
    expect(take({ endsAt: start.wallMs + minutes(40), browserPolicies: true }, lease, later(1000)).allowOnly).toEqual([arxiv, scholar]);
    // A flexible one is simply replaced.
    const flexible = take({ browserPolicies: true, allowOnly: [arxiv] });
    expect(take({ browserPolicies: true }, flexible, later(1000)).allowOnly).toBeNull();
  });

  it('refuses a lease with one bad URL rule whole', () => {
    expect(decideLease(null, request({ urlRules: { block: [{ host: 'a.com', path: '/ok' }, { host: 'a.com', path: 'no-slash' }], allow: [] } }), start)).toMatchObject({ ok: false, code: 'invalid-url-rule' });
  });

  it('refuses an end in the past and one more than 24 hours away', () => {
    expect(decideLease(null, request({ endsAt: start.wallMs }), start)).toMatchObject({ ok: false, code: 'lease-in-past' });
    expect(decideLease(null, request({ endsAt: start.wallMs + minutes(24 * 60 + 1) }), start)).toMatchObject({ ok: false, code: 'lease-too-long' });
  });

  it('lets a flexible lease be replaced and released', () => {
    const lease = take();
    expect(take({ sessionId: 's2', endsAt: start.wallMs + minutes(5), hostnames: ['a.com'] }, lease).hostnames).toEqual(['a.com']);
    expect(decideRelease(lease, 's1', later(1000))).toEqual({ ok: true, lease: null });
    expect(decideRelease(lease, 'other', later(1000))).toMatchObject({ ok: false, code: 'other-session' });
  });

  it('refuses to release a locked lease before its end, and allows it after', () => {
    const lease = take({ mode: 'locked' });
    expect(decideRelease(lease, 's1', later(minutes(1), minutes(600)))).toMatchObject({ ok: false, code: 'locked' });
    expect(decideRelease(lease, 's1', later(minutes(26)))).toEqual({ ok: true, lease: null });
  });

  it('lets a locked lease be extended but never shortened or narrowed', () => {
    const lease = take({ mode: 'locked' });
    expect(decideLease(lease, request({ endsAt: start.wallMs + minutes(10), mode: 'locked' }), later(1000))).toMatchObject({ ok: false, code: 'locked' });
    const extended = take({ sessionId: 's2', endsAt: start.wallMs + minutes(40), mode: 'flexible', hostnames: ['a.com'] }, lease, later(1000));
    expect(extended).toMatchObject({ sessionId: 's2', mode: 'locked', endsAt: start.wallMs + minutes(40) });
    expect(extended.hostnames).toEqual(['a.com', 'www.youtube.com', 'youtube.com']);
  });
});

describe('the apps of a lease', () => {
  const noRules = { executables: [], paths: [], appImages: [], flatpaks: [], snaps: [] };
  const noMac = { bundleIds: [], appPaths: [] };
  const noWindows = { imageNames: [], paths: [] };
  /** An app with Linux rules alone: its macOS and Windows sets empty, as a lease parsed without them has them. */
  const linuxApp = (id: string, linux: LeaseApp['linux']): LeaseApp => ({ id, linux, macos: noMac, windows: noWindows });
  const wechat = linuxApp('wechat', { executables: ['wechat'], paths: ['/opt/wechat/'], appImages: [], flatpaks: ['com.tencent.WeChat'], snaps: [] });
  const steam = linuxApp('steam', { executables: ['steam'], paths: [], appImages: [], flatpaks: [], snaps: ['steam'] });
  const apps = (entries: LeaseApp[], graceMs = 3000) => ({ apps: { entries, graceMs, openAppsWaitMs: 0 } });

  it('takes apps in their canonical form, and a lease that only closes apps', () => {
    const lease = take({ hostnames: [], ...apps([linuxApp('qq', { ...noRules, executables: ['  qq  '] })], 2000) });
    expect(lease.apps).toEqual({ entries: [linuxApp('qq', { ...noRules, executables: ['qq'] })], graceMs: 2000, openAppsWaitMs: 0 });
  });

  it('still refuses a lease that blocks nothing at all', () => {
    expect(decideLease(null, request({ hostnames: [], ...apps([]) }), start)).toMatchObject({ ok: false, code: 'bad-request' });
  });

  it('refuses the whole lease for one rule that could reach a system process, saying which', () => {
    for (const linux of [{ ...noRules, executables: ['gnome-shell'] }, { ...noRules, paths: ['/usr/bin/bash'] }, { ...noRules, paths: ['/usr/'] }, { ...noRules, flatpaks: ['org.freedesktop.Platform'] }, { ...noRules, executables: ['../x'] }]) {
      const decision = decideLease(null, request(apps([wechat, linuxApp('bad', linux)])), start);
      expect(decision).toMatchObject({ ok: false, code: 'invalid-app-rule' });
      expect(!decision.ok && decision.message).toMatch(/^App rule rejected \([a-z-]+\) in bad\.[a-zA-Z]+: "/);
    }
  });

  it('parses leases and requests from before app enforcement as closing no apps', () => {
    const { apps: _, ...old } = take();
    expect(Lease.parse(old).apps).toEqual(NO_LEASE_APPS);
    const { apps: __, ...oldRequest } = request();
    expect(LeaseRequest.parse(oldRequest).apps).toEqual(NO_LEASE_APPS);
  });

  it('bounds what a request may carry', () => {
    expect(LeaseRequest.safeParse(request(apps(Array.from({ length: MAX_LEASE_APPS + 1 }, () => wechat)))).success).toBe(false);
    expect(LeaseRequest.safeParse(request(apps([linuxApp('x', { ...noRules, executables: ['a'.repeat(513)] })]))).success).toBe(false);
    expect(LeaseRequest.safeParse(request(apps([wechat], 60_001))).success).toBe(false);
    expect(LeaseRequest.safeParse(request(apps([linuxApp('Not An Id', noRules)]))).success).toBe(false);
  });

  it('keeps every app of a locked lease and never lengthens its grace; an unlocked lease is simply replaced', () => {
    const locked = take({ mode: 'locked', ...apps([wechat], 2000) });
    const extended = take({ endsAt: start.wallMs + minutes(30), mode: 'flexible', ...apps([steam], 10_000) }, locked, later(1000));
    expect(extended.apps).toEqual({ entries: [steam, wechat], graceMs: 2000, openAppsWaitMs: 0 });
    // The same app with other rules is another entry: the locked one's rules all stay.
    const narrowed = take({ endsAt: start.wallMs + minutes(30), ...apps([{ ...wechat, linux: { ...noRules, executables: ['wechat'] } }], 0) }, extended, later(2000));
    expect(narrowed.apps.entries).toHaveLength(3);
    expect(narrowed.apps.graceMs).toBe(0);
    // Nor does it give apps open at its start longer before they close.
    const waiting = take({ mode: 'locked', apps: { entries: [wechat], graceMs: 2000, openAppsWaitMs: 30_000 } });
    expect(take({ endsAt: start.wallMs + minutes(30), apps: { entries: [wechat], graceMs: 2000, openAppsWaitMs: 0 } }, waiting, later(1000)).apps.openAppsWaitMs).toBe(0);
    expect(take({ endsAt: start.wallMs + minutes(30), apps: { entries: [wechat], graceMs: 2000, openAppsWaitMs: 60_000 } }, waiting, later(1000)).apps.openAppsWaitMs).toBe(30_000);
    const replaced = take({ ...apps([steam], 5000) }, take(apps([wechat])), later(1000));
    expect(replaced.apps).toEqual({ entries: [steam], graceMs: 5000, openAppsWaitMs: 0 });
  });

  it('carries each app’s macOS and Windows rules too, checked by their own validators, canonical, absent from older leases', () => {
    const slack = { ...linuxApp('slack', noRules), macos: { bundleIds: [' com.tinyspeck.slackmacgap '], appPaths: ['/Applications/Slack.app'] }, windows: { imageNames: ['slack.exe '], paths: ['C:\\Users\\ada\\AppData\\Local\\slack\\'] } };
    const lease = take({ hostnames: [], ...apps([slack]) });
    expect(lease.apps.entries).toEqual([
      { ...linuxApp('slack', noRules), macos: { bundleIds: ['com.tinyspeck.slackmacgap'], appPaths: ['/Applications/Slack.app'] }, windows: { imageNames: ['slack.exe'], paths: ['C:\\Users\\ada\\AppData\\Local\\slack\\'] } },
    ]);
    // A request or a lease file from before macOS and Windows rules: none, so nothing changes there.
    const { macos: _, windows: __, ...linuxOnly } = wechat;
    expect(LeaseRequest.parse({ ...request(), apps: { entries: [linuxOnly], graceMs: 3000 } }).apps.entries).toEqual([wechat]);
    expect(Lease.parse({ ...take(apps([wechat])), apps: { entries: [linuxOnly], graceMs: 3000 } }).apps.entries).toEqual([wechat]);
  });

  it('refuses the whole lease for one macOS or Windows rule that could reach the system, naming the OS and field', () => {
    const refused: [Partial<LeaseApp>, RegExp][] = [
      [{ macos: { bundleIds: ['com.apple.finder'], appPaths: [] } }, /^App rule rejected \(system-process\) in bad\.macos\.bundleIds: "com\.apple\.finder"$/],
      [{ macos: { bundleIds: [], appPaths: ['/System/Applications/Utilities/Terminal.app'] } }, /in bad\.macos\.appPaths: /],
      [{ windows: { imageNames: ['explorer.exe'], paths: [] } }, /^App rule rejected \(system-process\) in bad\.windows\.imageNames: "explorer\.exe"$/],
      [{ windows: { imageNames: [], paths: ['C:\\Windows\\'] } }, /in bad\.windows\.paths: /],
      [{ windows: { imageNames: [], paths: ['C:\\'] } }, /\(too-broad\) in bad\.windows\.paths: /],
    ];
    for (const [sets, message] of refused) {
      const decision = decideLease(null, request(apps([wechat, { ...linuxApp('bad', noRules), ...sets }])), start);
      expect(decision).toMatchObject({ ok: false, code: 'invalid-app-rule', message: expect.stringMatching(message) });
    }
    const tooMany = Array.from({ length: 21 }, (_, i) => `App${i}.exe`);
    expect(LeaseRequest.safeParse(request(apps([{ ...wechat, windows: { imageNames: tooMany, paths: [] } }]))).success).toBe(false);
    expect(LeaseRequest.safeParse(request(apps([{ ...wechat, macos: { bundleIds: [`com.${'a'.repeat(510)}`], appPaths: [] } }]))).success).toBe(false);
  });

  it('keeps a locked app whose macOS or Windows rules differ as another app', () => {
    const locked = take({ mode: 'locked', ...apps([{ ...wechat, windows: { imageNames: ['WeChat.exe'], paths: [] } }]) });
    const extended = take({ endsAt: start.wallMs + minutes(30), ...apps([wechat]) }, locked, later(1000));
    expect(extended.apps.entries).toEqual([wechat, { ...wechat, windows: { imageNames: ['WeChat.exe'], paths: [] } }]);
    const same = take({ endsAt: start.wallMs + minutes(31), ...apps([{ ...wechat, windows: { imageNames: ['WeChat.exe'], paths: [] } }]) }, locked, later(1000));
    expect(same.apps.entries).toHaveLength(1);
  });

  it('refuses a locked extension whose union would exceed the cap', () => {
    const many = (prefix: string) => Array.from({ length: MAX_LEASE_APPS }, (_, i) => linuxApp(`${prefix}${i}`, { ...noRules, executables: [`${prefix}${i}`] }));
    const locked = take({ mode: 'locked', ...apps(many('a')) });
    expect(decideLease(locked, request(apps(many('b'))), later(1000))).toMatchObject({ ok: false, code: 'bad-request' });
  });
});
