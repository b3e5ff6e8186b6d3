import { describe, expect, it } from 'vitest';
import { BlockingPrefs } from '../../contract/blocking';
import { Blocklist } from './blocklist';
import { defaultBlocklists } from './default-blocklists';
import { MAX_LEASE_HOSTNAMES } from '../../guard/protocol';

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
});
