import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ALLOW_ONLY_SITES, type BlockingState, type RuleEntry } from '../../contract/blocking';
import { MAX_OWN_APPS } from '../../contract/apps';
import { ManualClock } from '../clock';
import { DomainError } from '../domain-error';
import { JsonFileSettingsStorage } from '../settings/json-file-storage';
import { SettingsService } from '../settings/settings-service';
import { BlockingService, type GuardControl } from './blocking-service';
import type { CommandRunner } from '../../base/command-runner';
import { defaultBlocklists } from './default-blocklists';
import { AppsService } from '../apps/apps-service';
import { defaultAppCategories } from '../apps/default-apps';
import { ElevatedGuardInstaller } from '../guard-client/guard-installer';
import { guardControl } from '../guard-client/guard-control';

// The guard's side here is what the browser preview has: nothing installed, nothing to install with.
// The service against a real guard process is tested in blocking-protection.test.ts and ../guard-client/.
const noGuard: GuardControl = { status: async () => ({ state: 'not-installed' }), installer: null };

let dir: string;
let settingsPath: string;
let settings: SettingsService;
let service: BlockingService;
let apps: AppsService;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stillroom-blocking-'));
  settingsPath = join(dir, 'settings.json');
  settings = await SettingsService.open(new JsonFileSettingsStorage(settingsPath), new ManualClock(0));
  apps = new AppsService({ settings, categories: defaultAppCategories, supported: true, platform: 'linux' });
  service = new BlockingService({ settings, data: defaultBlocklists, guard: noGuard, ownApps: apps });
});

afterEach(async () => {
  service.dispose();
  apps.dispose();
  await rm(dir, { recursive: true, force: true });
});

const rules = (entries: readonly RuleEntry[] | undefined) => entries?.map((entry) => entry.rule);
const onDisk = async () => JSON.parse(await readFile(settingsPath, 'utf8')).blocking;
const domainError = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(DomainError);
      return error as DomainError;
    },
  );

describe('BlockingService', () => {
  it('starts with feeds and video on in both regions, news off, accounts.youtube.com allowed', async () => {
    const state = await service.state();
    expect(state.categories.map((c) => [c.id, c.enabled])).toEqual([
      ['global-feeds', true],
      ['global-video', true],
      ['chinese-feeds', true],
      ['chinese-video', true],
      ['news', false],
    ]);
    expect(rules(state.allow)).toEqual(['accounts.youtube.com']);
    expect(rules(state.domains)).toEqual([]);
    expect(state.guard).toEqual({ state: 'not-installed' });
    expect(state.install).toEqual({ via: 'none', reason: 'preview' });
    const enabledCount = state.categories.filter((c) => c.enabled).reduce((sum, c) => sum + c.hostnameCount, 0);
    expect(state.hostnameCount).toBe(enabledCount);
  });

  it('toggles a category, saves it, and announces the new state once', async () => {
    const seen: BlockingState[] = [];
    service.onChange((state) => seen.push(state));
    const before = (await service.state()).hostnameCount;
    const state = await service.setCategory('news', true);
    expect(state.categories.find((c) => c.id === 'news')?.enabled).toBe(true);
    expect(state.hostnameCount).toBeGreaterThan(before);
    expect((await onDisk()).enabledCategories).toContain('news');
    await service.setCategory('global-video', false);
    expect((await onDisk()).enabledCategories).toEqual(['global-feeds', 'chinese-feeds', 'chinese-video', 'news']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toHaveLength(2);
  });

  it('adds a domain in its normal form and ignores a second copy', async () => {
    await service.addDomain('  Example.ORG ');
    const state = await service.addDomain('example.org');
    expect(rules(state.domains)).toEqual(['example.org']);
    expect((await onDisk()).domains).toEqual(['example.org']);
    await service.addDomain('*.例子.测试');
    expect(rules((await service.state()).domains)).toEqual(['example.org', '*.xn--fsqu00a.xn--0zwm56d']);
  });

  it('refuses an invalid domain with its reason and changes nothing', async () => {
    const before = await readFile(settingsPath, 'utf8');
    for (const [input, reason] of [
      ['a b.com', 'space'],
      ['https://x.com/feed?page=2', 'query'],
      ['x.com/sh*rts', 'path-bad-character'],
      [`${'a'.repeat(300)}.com`, 'label-too-long'],
      ['10.0.0.1', 'ip-address'],
      ['a.com\nb.com', 'newline'],
    ] as const) {
      const error = await domainError(service.addDomain(input));
      expect(error.code).toBe('domain-invalid');
      expect(error.params).toEqual({ reason });
    }
    expect(await readFile(settingsPath, 'utf8')).toBe(before);
  });

  it('keeps the allowlist of "only these sites" sessions: research defaults, added in normal form, removed, each saying when the blocklist keeps it blocked', async () => {
    const initial = await service.state();
    expect(initial.allowOnlySites.map((site) => site.rule)).toEqual(['arxiv.org', 'scholar.google.com', 'doi.org', 'wikipedia.org', 'developer.mozilla.org', 'docs.python.org']);
    expect(initial.allowOnlySites.every((site) => !site.blocked)).toBe(true);
    expect(initial.allowOnlyLimit).toBe(MAX_ALLOW_ONLY_SITES);

    await service.addAllowOnlySite('  Docs.Rust-Lang.org/std ');
    // youtube.com is on the default video list: an allowlist session keeps it blocked all the same, and says so.
    const state = await service.addAllowOnlySite('youtube.com');
    expect(state.allowOnlySites.slice(-2)).toEqual([{ rule: 'docs.rust-lang.org/std', blocked: false }, { rule: 'youtube.com', blocked: true }]);
    expect((await onDisk()).allowOnlySites.slice(-2)).toEqual(['docs.rust-lang.org/std', 'youtube.com']);
    expect((await service.addAllowOnlySite('youtube.com')).allowOnlySites).toHaveLength(8);
    expect((await service.removeAllowOnlySite('youtube.com')).allowOnlySites.map((site) => site.rule)).not.toContain('youtube.com');
  });

  it('refuses a malformed allowlist site, and one past the limit, with a reason, changing nothing', async () => {
    const before = await readFile(settingsPath, 'utf8');
    expect((await domainError(service.addAllowOnlySite('https://arxiv.org/abs?id=1'))).params).toEqual({ reason: 'query' });
    expect((await domainError(service.addAllowOnlySite('arxiv org'))).params).toEqual({ reason: 'space' });
    expect(await readFile(settingsPath, 'utf8')).toBe(before);

    const full = Array.from({ length: MAX_ALLOW_ONLY_SITES }, (_, i) => `site${i}.example`);
    await settings.update({ blocking: { ...settings.get().blocking, allowOnlySites: full } });
    const atLimit = await readFile(settingsPath, 'utf8');
    const error = await domainError(service.addAllowOnlySite('one-more.example'));
    expect([error.code, error.params]).toEqual(['allowlist-full', { limit: MAX_ALLOW_ONLY_SITES }]);
    expect(await readFile(settingsPath, 'utf8')).toBe(atLimit);
  });

  it('removes domains and allow exceptions; allow exceptions win over the user’s own blocks', async () => {
    await service.addDomain('focus-thief.example');
    let hosts = service.expandToHostnames();
    expect(hosts.ok && hosts.hostnames).toContain('www.focus-thief.example');
    await service.addAllow('www.focus-thief.example');
    hosts = service.expandToHostnames();
    expect(hosts.ok && hosts.hostnames).not.toContain('www.focus-thief.example');
    await service.removeAllow('www.focus-thief.example');
    await service.removeDomain('focus-thief.example');
    const state = await service.state();
    expect(rules(state.domains)).toEqual([]);
    expect(rules(state.allow)).toEqual(['accounts.youtube.com']);
  });

  it('imports a list with a report of bad lines, adding only new valid entries', async () => {
    await service.addDomain('already.example');
    const { report, state } = await service.import(['# list', 'already.example', 'new.example', 'bad entry', '0.0.0.0 hosts.example localhost', '10.1.1.1 lan.example'].join('\n'));
    expect(report).toEqual({
      added: 2,
      alreadyPresent: 1,
      ignored: 1,
      apps: { added: 0, alreadyPresent: 0 },
      rejected: [
        { line: 4, text: 'bad entry', reason: 'space' },
        { line: 6, text: '10.1.1.1 lan.example', reason: 'not-a-block-address' },
      ],
      rejectedTotal: 2,
    });
    expect(rules(state.domains)).toEqual(['already.example', 'new.example', 'hosts.example']);
  });

  it('refuses a whole import that would not fit one lease, and changes nothing', async () => {
    const before = await readFile(settingsPath, 'utf8');
    const text = Array.from({ length: 1600 }, (_, i) => `site${i}.example`).join('\n');
    const error = await domainError(service.import(text));
    expect(error.code).toBe('blocklist-too-large');
    expect(await readFile(settingsPath, 'utf8')).toBe(before);
  });

  it('imports the user’s own apps with the sites, in one write, and reports each refused app line', async () => {
    await apps.addOwn({ kind: 'executable', rule: 'some-chat' });
    const text = ['new.example', 'app:executable some-chat', 'app:path /opt/My Chat #2/chat', 'app:appimage Obsidian-*.AppImage', 'app:path /usr/bin/', 'app:program x', 'app:flatpak im.riot.Riot'].join('\n');
    const { report } = await service.import(text);
    expect(report).toMatchObject({ added: 1, apps: { added: 3, alreadyPresent: 1 }, rejectedTotal: 2 });
    expect(report.rejected).toEqual([
      { line: 5, text: 'app:path /usr/bin/', app: true, reason: 'too-broad' },
      { line: 6, text: 'app:program x', app: true, reason: 'unknown-app-kind' },
    ]);
    const onDiskApps = JSON.parse(await readFile(settingsPath, 'utf8')).apps.own;
    expect(onDiskApps).toEqual([
      { kind: 'executable', rule: 'some-chat' },
      { kind: 'path', rule: '/opt/My Chat #2/chat' },
      { kind: 'appImage', rule: 'Obsidian-*.AppImage' },
      { kind: 'flatpak', rule: 'im.riot.Riot' },
    ]);
    expect((await onDisk()).domains).toEqual(['new.example']);
  });

  it('refuses a whole import whose apps would not fit the list, sites included, and changes nothing', async () => {
    const before = await readFile(settingsPath, 'utf8');
    const text = ['kept-out.example', ...Array.from({ length: MAX_OWN_APPS + 1 }, (_, i) => `app:executable someapp${i}`)].join('\n');
    const error = await domainError(service.import(text));
    expect(error.code).toBe('apps-too-many');
    expect(await readFile(settingsPath, 'utf8')).toBe(before);
  });

  it('exports the user’s own apps in the text format, and they import back the same; the hosts format has none', async () => {
    await service.import('one.example\napp:path /opt/My Chat #2/chat\napp:snap discord\n');
    const plain = service.export('plain').text;
    expect(plain.split('\n').filter((line) => line && !line.startsWith('#'))).toEqual(['one.example', 'app:path /opt/My Chat #2/chat', 'app:snap discord']);
    expect(service.export('hosts').text).not.toContain('app:');
    await apps.removeOwn({ kind: 'snap', rule: 'discord' });
    await service.removeDomain('one.example');
    const { report } = await service.import(plain);
    expect(report).toMatchObject({ added: 1, alreadyPresent: 0, apps: { added: 1, alreadyPresent: 1 }, rejectedTotal: 0 });
    expect(apps.own()).toEqual([
      { kind: 'path', rule: '/opt/My Chat #2/chat' },
      { kind: 'snap', rule: 'discord' },
    ]);
  });

  it('exports the user’s domains as plain text and as hosts lines, without allowed hosts', async () => {
    await service.import('*.one.example\ntwo.example\n');
    await service.addAllow('m.two.example');
    const plain = service.export('plain');
    expect(plain.fileName).toBe('stillroom-blocklist.txt');
    expect(plain.text.split('\n').filter((line) => line && !line.startsWith('#'))).toEqual(['*.one.example', 'two.example']);
    const hosts = service.export('hosts');
    expect(hosts.text).toContain('0.0.0.0 www.two.example\n:: www.two.example\n');
    expect(hosts.text).not.toContain('m.two.example');
  });

  it('follows blocking prefs changed through settings directly', async () => {
    const seen: BlockingState[] = [];
    service.onChange((state) => seen.push(state));
    await settings.update({ appearance: { language: 'en', theme: 'dark' } });
    await settings.update({ blocking: { enabledCategories: [], domains: ['only.example'], allow: [], browserPolicies: true, browserPoliciesNoticeDismissed: false } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toHaveLength(1);
    expect(rules(seen[0]?.domains)).toEqual(['only.example']);
    expect(seen[0]?.hostnameCount).toBe(3);
  });

  it('adds path rules and path exceptions, each with its reach, and the switch changes what a lease carries', async () => {
    await service.addDomain('https://www.YouTube.com/shorts/');
    let state = await service.addAllow('youtube.com/watch');
    expect(state.domains).toEqual([{ rule: 'www.youtube.com/shorts', reach: 'browsers' }]);
    expect(state.allow).toEqual([
      { rule: 'accounts.youtube.com', reach: 'system-wide' },
      { rule: 'youtube.com/watch', reach: 'browsers' },
    ]);
    expect(state.browserPolicies).toBe(true);
    let plan = service.leasePlan();
    expect(plan.ok && plan.browserPolicies).toBe(true);
    expect(plan.ok && plan.urlRules.block).toContainEqual({ host: 'youtube.com', path: '/shorts' });
    expect(plan.ok && plan.urlRules.allow).toContainEqual({ host: 'youtube.com', path: '/watch' });
    // The site with a path exception is the browsers' to hold; the hosts file would block /watch with the rest.
    expect(plan.ok && plan.hostnames).not.toContain('www.youtube.com');

    state = await service.setBrowserPolicies(false);
    expect((await onDisk()).browserPolicies).toBe(false);
    expect(state.browserPolicies).toBe(false);
    expect(state.domains).toEqual([{ rule: 'www.youtube.com/shorts', reach: 'nowhere' }]);
    plan = service.leasePlan();
    expect(plan).toMatchObject({ ok: true, browserPolicies: false, urlRules: { block: [], allow: [] } });
    expect(plan.ok && plan.hostnames).toContain('www.youtube.com');
    // The hosts file export is for use without browser policies: path rules are left out, the site stays in.
    expect(service.export('hosts').text).not.toContain('/shorts');
    expect(service.export('plain').text).toContain('\nwww.youtube.com/shorts\n');

    // A schedule window's choice: its categories, the user's own sites only if it takes them; Settings' exceptions either way.
    await service.addDomain('example.org');
    const withOwn = service.leasePlan({ sites: ['global-feeds'], ownSites: true, apps: [], ownApps: false, allowOnly: false });
    const withoutOwn = service.leasePlan({ sites: ['global-feeds'], ownSites: false, apps: [], ownApps: false, allowOnly: false });
    expect(withOwn.ok && withOwn.hostnames).toEqual(expect.arrayContaining(['reddit.com', 'example.org']));
    expect(withoutOwn.ok && withoutOwn.hostnames).toContain('reddit.com');
    expect(withoutOwn.ok && withoutOwn.hostnames).not.toContain('example.org');
    expect(service.leasePlan({ sites: [], ownSites: false, apps: [], ownApps: false, allowOnly: false })).toMatchObject({ ok: true, hostnames: [] });
  });

  it('refuses a path rule that does not validate, and changes nothing', async () => {
    const before = await readFile(settingsPath, 'utf8');
    const error = await domainError(service.addAllow('youtube.com:8080/watch'));
    expect(error.params).toEqual({ reason: 'port' });
    expect(await readFile(settingsPath, 'utf8')).toBe(before);
  });

  it('refuses to test a host that is not a domain (resolving for real is tested in e2e/system, inside a namespace)', async () => {
    const error = await domainError(service.testBlock('not a host'));
    expect(error.code).toBe('domain-invalid');
    expect(error.params).toEqual({ reason: 'space' });
  });

  it('says the guard cannot be installed from here rather than pretending', async () => {
    expect((await domainError(service.guardInstall())).code).toBe('guard-install-unavailable');
  });

  it('runs the installer’s actions and reports a refused admin prompt as a typed error', async () => {
    // The admin prompt cannot appear here (no desktop); the runner stands in for pkexec's answer.
    let refuse = false;
    const run: CommandRunner = async (file) => (file === '/usr/bin/pkexec' && refuse ? { ok: false, error: 'pkexec: Not authorized' } : { ok: true });
    const installer = new ElevatedGuardInstaller({ platform: 'linux', run, runtime: '/usr/bin/node', bundle: '/tmp/guard.cjs', user: { name: 'ada' }, version: '0.1.0', root: dir });
    const withInstaller = new BlockingService({ settings, data: defaultBlocklists, guard: guardControl({ client: null, installer, appVersion: '0.1.0' }), ownApps: apps });
    try {
      expect((await withInstaller.guardInstall()).install).toEqual({ via: 'prompt' });
      refuse = true;
      const error = await domainError(withInstaller.guardUninstall());
      expect(error.code).toBe('guard-install-failed');
      expect(error.params).toEqual({ action: 'uninstall' });
    } finally {
      withInstaller.dispose();
    }
  });
});
