import { describe, expect, it } from 'vitest';
import { BlocklistCategoryId, BlockingPrefs } from '../../contract/blocking';
import { Blocklist } from './blocklist';
import { defaultBlocklists } from './default-blocklists';
import { LeaseRequest, MAX_LEASE_HOSTNAMES } from '../guard-client/guard-client';

const prefs = (patch: Partial<BlockingPrefs> = {}): BlockingPrefs => BlockingPrefs.parse(patch);
const expand = (patch: Partial<BlockingPrefs> = {}): string[] => {
  const result = new Blocklist(defaultBlocklists, prefs(patch)).expandToHostnames();
  if (!result.ok) throw new Error(`unexpected ${result.reason}`);
  return result.hostnames;
};

describe('Blocklist', () => {
  it('expands each site of the enabled categories to its apex, www., m. and known subdomains', () => {
    const hosts = expand();
    for (const host of ['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com', 'youtu.be', 'old.reddit.com', 'x.com', 'mobile.x.com']) {
      expect(hosts).toContain(host);
    }
    for (const host of ['bilibili.com', 'www.bilibili.com', 'live.bilibili.com', 'b23.tv', 'tieba.baidu.com', 'v.qq.com', 'www.douyin.com']) {
      expect(hosts).toContain(host);
    }
    expect(new Set(hosts).size).toBe(hosts.length);
  });

  it('leaves disabled categories out; news is off by default', () => {
    expect(expand()).not.toContain('news.ycombinator.com');
    expect(expand({ enabledCategories: ['news'] })).toEqual(expect.arrayContaining(['news.ycombinator.com', 'www.cnn.com', 'edition.cnn.com']));
    expect(expand({ enabledCategories: ['news'] })).not.toContain('youtube.com');
  });

  it('adds the user domains, with the known subdomains of a site the data knows even when its category is off', () => {
    const hosts = expand({ enabledCategories: [], domains: ['bilibili.com', '*.example.org', 'www.example.net'] });
    expect(hosts).toEqual(expect.arrayContaining(['bilibili.com', 'live.bilibili.com', 'example.org', 'www.example.org', 'm.example.org']));
    // A leading www. names the site: its apex and m. are blocked too, and no www.www. appears.
    expect(hosts).toEqual(expect.arrayContaining(['example.net', 'www.example.net', 'm.example.net']));
    expect(hosts.some((host) => host.startsWith('www.www.'))).toBe(false);
  });

  it('lets allow exceptions win, over plain entries and expanded subdomains alike', () => {
    // accounts.youtube.com is allowed by default, so even the user's own entry for it blocks nothing.
    expect(expand({ domains: ['accounts.youtube.com'] })).not.toContain('accounts.youtube.com');
    const hosts = expand({ allow: ['music.youtube.com', '*.reddit.com'] });
    expect(hosts).not.toContain('music.youtube.com');
    expect(hosts).toContain('www.youtube.com');
    expect(hosts.filter((host) => host === 'reddit.com' || host.endsWith('.reddit.com'))).toEqual([]);
    // A plain allow entry frees the site as the same entry would have blocked it: apex, www., m.
    const plain = expand({ allow: ['x.com'] });
    expect(plain).not.toEqual(expect.arrayContaining(['x.com']));
    expect(plain.filter((host) => ['x.com', 'www.x.com', 'm.x.com'].includes(host))).toEqual([]);
  });

  it('does not duplicate a user entry that a category already blocks', () => {
    expect(expand({ domains: ['youtube.com', 'www.youtube.com'] })).toEqual(expand());
  });

  it('drops prefixed names that would exceed 253 characters instead of writing impossible hosts', () => {
    const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(long.length).toBe(253);
    expect(expand({ enabledCategories: [], domains: [long] })).toEqual([long]);
  });

  it('skips stored entries that do not validate (a hand-edited settings file)', () => {
    expect(expand({ enabledCategories: [], domains: ['a..b', 'ok.example', '-x.com'] })).toEqual(['ok.example', 'www.ok.example', 'm.ok.example']);
  });

  it('refuses whole, with the count, past the cap of one lease', () => {
    const small = new Blocklist(defaultBlocklists, prefs({ enabledCategories: [], domains: ['a.com', 'b.com', 'c.com', 'd.com'] }), 10);
    expect(small.expandToHostnames()).toEqual({ ok: false, reason: 'too-many-hostnames', count: 12, limit: 10 });
    // Past what the settings schema admits (a hand-edited file): the cap still holds.
    const domains = Array.from({ length: 1700 }, (_, i) => `site${i}.example`);
    const full = new Blocklist(defaultBlocklists, { ...prefs(), domains }).expandToHostnames();
    expect(full).toMatchObject({ ok: false, reason: 'too-many-hostnames', limit: MAX_LEASE_HOSTNAMES });
    if (!full.ok) expect(full.count).toBeGreaterThan(MAX_LEASE_HOSTNAMES);
  });

  it('counts each category on its own', () => {
    const list = new Blocklist(defaultBlocklists, prefs());
    expect(list.categoryHostnames('global-video')).toContain('youtu.be');
    expect(list.categoryHostnames('global-video')).not.toContain('accounts.youtube.com');
    expect(list.categoryHostnames('news').length).toBeGreaterThan(12);
  });

  it('keeps path rules out of the hosts file, which takes whole hosts only', () => {
    const hosts = expand({ enabledCategories: [], domains: ['example.org/shorts', 'example.net'] });
    expect(hosts).toEqual(['example.net', 'www.example.net', 'm.example.net']);
  });

  it('with browser policies on, leaves a site with a path exception to the browsers; off, the hosts file keeps it', () => {
    const on = expand({ allow: ['youtube.com/watch'] });
    expect(on.filter((host) => host.endsWith('youtube.com'))).toEqual([]);
    expect(on).toContain('youtu.be');
    const off = expand({ allow: ['youtube.com/watch'], browserPolicies: false });
    expect(off).toEqual(expect.arrayContaining(['youtube.com', 'www.youtube.com', 'm.youtube.com']));
  });
});

describe('Blocklist.expandToUrlRules', () => {
  const urlRules = (patch: Partial<BlockingPrefs> = {}) => {
    const result = new Blocklist(defaultBlocklists, prefs(patch)).expandToUrlRules();
    if (!result.ok) throw new Error(`unexpected ${result.reason}`);
    return result.urlRules;
  };

  it('gives browsers every block rule as a site and a path, and every exception', () => {
    const rules = urlRules({ enabledCategories: [], domains: ['www.example.org', 'youtube.com/shorts', '*.example.net/feed'], allow: ['youtube.com/watch', 'docs.example.org'] });
    expect(rules).toEqual({
      block: [
        { host: 'example.org', path: '/' },
        { host: 'youtube.com', path: '/shorts' },
        { host: 'example.net', path: '/feed' },
      ],
      allow: [
        { host: 'youtube.com', path: '/watch' },
        { host: 'docs.example.org', path: '/' },
      ],
    });
  });

  it('blocks the built-in sites whole and allows the work tools under them, which a browser rule would cover', () => {
    const rules = urlRules({ allow: [] });
    expect(rules.block).toEqual(expect.arrayContaining([{ host: 'youtube.com', path: '/' }, { host: 'bilibili.com', path: '/' }]));
    expect(rules.block.filter((rule) => rule.path !== '/')).toEqual([
      { host: 'youtube.com', path: '/shorts' },
      { host: 'bilibili.com', path: '/v/popular' },
    ]);
    expect(rules.allow).toEqual([{ host: 'accounts.youtube.com', path: '/' }]);
  });

  it('keeps the feeds inside a video site blocked in browsers when the video lists are off, not in the hosts file', () => {
    const feedsOnly: Partial<BlockingPrefs> = { enabledCategories: ['global-feeds', 'chinese-feeds'] };
    expect(urlRules({ ...feedsOnly, allow: [] }).block).toEqual(expect.arrayContaining([{ host: 'youtube.com', path: '/shorts' }, { host: 'bilibili.com', path: '/v/popular' }]));
    expect(urlRules({ ...feedsOnly }).block).not.toContainEqual({ host: 'youtube.com', path: '/' });
    const hosts = expand({ ...feedsOnly });
    expect(hosts).not.toContain('youtube.com');
    expect(hosts).not.toContain('bilibili.com');
  });

  it('does not repeat a rule', () => {
    const rules = urlRules({ enabledCategories: [], domains: ['example.org', 'www.example.org', 'example.org/a', 'example.org/a/'] });
    expect(rules.block).toEqual([{ host: 'example.org', path: '/' }, { host: 'example.org', path: '/a' }]);
  });

  it('refuses whole, with the count, past the cap of one lease', () => {
    const small = new Blocklist(defaultBlocklists, prefs({ enabledCategories: [], domains: ['a.com/x', 'b.com/y', 'c.com'] }), MAX_LEASE_HOSTNAMES, 2);
    expect(small.expandToUrlRules()).toEqual({ ok: false, reason: 'too-many-url-rules', count: 3, limit: 2 });
    expect(small.leasePlan()).toEqual({ ok: false, reason: 'too-many-url-rules', count: 3, limit: 2 });
    // Off, the browsers get nothing, so their cap does not apply.
    const off = new Blocklist(defaultBlocklists, prefs({ enabledCategories: [], domains: ['a.com/x', 'b.com/y', 'c.com'], browserPolicies: false }), MAX_LEASE_HOSTNAMES, 2);
    expect(off.leasePlan()).toMatchObject({ ok: true, browserPolicies: false, urlRules: { block: [], allow: [] } });
  });

  it('plans a lease the guard’s own schema accepts, with every default list and path rule', () => {
    const plan = new Blocklist(defaultBlocklists, prefs({ enabledCategories: BlocklistCategoryId.options, domains: ['youtube.com/shorts', 'bilibili.com/v/popular', 'example.org/%E7%83%AD%E9%97%A8'], allow: ['youtube.com/watch'] })).leasePlan();
    if (!plan.ok) throw new Error(plan.reason);
    const request = LeaseRequest.parse({ type: 'lease', sessionId: 's', endsAt: 1, mode: 'flexible', hostnames: plan.hostnames, browserPolicies: plan.browserPolicies, urlRules: plan.urlRules });
    expect(request.browserPolicies).toBe(true);
    expect(request.urlRules.block).toEqual(expect.arrayContaining([{ host: 'youtube.com', path: '/shorts' }, { host: 'example.org', path: '/%E7%83%AD%E9%97%A8' }]));
    expect(request.hostnames).not.toContain('youtube.com');
  });
});

describe('Blocklist.reach', () => {
  const list = (patch: Partial<BlockingPrefs> = {}) => new Blocklist(defaultBlocklists, prefs(patch));

  it('says system-wide for whole sites and browsers for paths; nowhere for paths while browser policies are off', () => {
    expect(list().reach('domains', 'example.org')).toBe('system-wide');
    expect(list().reach('domains', 'example.org/feed')).toBe('browsers');
    expect(list({ browserPolicies: false }).reach('domains', 'example.org/feed')).toBe('nowhere');
    expect(list().reach('allow', 'accounts.youtube.com')).toBe('system-wide');
    expect(list().reach('allow', 'youtube.com/watch')).toBe('browsers');
    expect(list({ browserPolicies: false }).reach('allow', 'youtube.com/watch')).toBe('nowhere');
  });

  it('says browsers for a whole site a path exception left to the browsers, nowhere for one allowed whole', () => {
    expect(list({ allow: ['example.org/watch'] }).reach('domains', 'example.org')).toBe('browsers');
    expect(list({ allow: ['example.org'] }).reach('domains', 'example.org')).toBe('nowhere');
    expect(list({ allow: ['example.org/watch'], browserPolicies: false }).reach('domains', 'example.org')).toBe('system-wide');
  });

  it('says nowhere for a stored rule that does not validate', () => {
    expect(list().reach('domains', 'a..b')).toBe('nowhere');
  });

  describe('an allowlist session ("only these sites")', () => {
    it('carries the allowed sites and turns browser policies on for itself, the blocklist unchanged', () => {
      const list = new Blocklist(defaultBlocklists, prefs({ enabledCategories: [], domains: ['example.net'], browserPolicies: false, allowOnlySites: ['arxiv.org', 'www.arxiv.org', '*.python.org', 'docs.rs/tokio'] }));
      expect(list.leasePlan()).toMatchObject({ ok: true, browserPolicies: false, allowOnly: null, urlRules: { block: [], allow: [] } });
      const plan = list.leasePlan(true);
      expect(plan).toEqual({
        ok: true,
        hostnames: ['example.net', 'www.example.net', 'm.example.net'],
        browserPolicies: true,
        urlRules: { block: [{ host: 'example.net', path: '/' }], allow: [{ host: 'accounts.youtube.com', path: '/' }] },
        allowOnly: [{ host: 'arxiv.org', path: '/' }, { host: 'python.org', path: '/' }, { host: 'docs.rs', path: '/tokio' }],
      });
      if (!plan.ok) throw new Error('no plan');
      const { ok: _ok, ...lease } = plan;
      expect(LeaseRequest.safeParse({ type: 'lease', sessionId: 's', endsAt: 1, mode: 'flexible', ...lease }).success).toBe(true);
    });

    it('says which allowed sites the blocklist keeps blocked: by the hosts file, or inside a blocked path, unless an exception opens them', () => {
      const list = new Blocklist(defaultBlocklists, prefs({ enabledCategories: ['global-video'], domains: ['github.com/trending'], allow: ['youtube.com/watch'] }));
      expect(list.blocksAllowOnlySite('arxiv.org')).toBe(false);
      expect(list.blocksAllowOnlySite('m.youtube.com')).toBe(true);
      expect(list.blocksAllowOnlySite('github.com/trending/rust')).toBe(true);
      expect(list.blocksAllowOnlySite('github.com')).toBe(false);
      expect(list.blocksAllowOnlySite('youtube.com/watch')).toBe(false);
    });
  });
});
