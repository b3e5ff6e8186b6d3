import { describe, expect, it } from 'vitest';
import { chromiumLists, chromiumPattern, firefoxLists, firefoxPattern, parseUrlRules } from './url-rules';

describe('URL rules in the guard', () => {
  it('normalises hosts as the hosts file does, keeps paths, and drops duplicates', () => {
    expect(parseUrlRules({ block: [{ host: 'YouTube.com', path: '/shorts' }, { host: 'youtube.com', path: '/shorts' }, { host: 'bilibili.com', path: '/v/popular' }], allow: [{ host: 'youtube.com', path: '/watch' }] })).toEqual({
      ok: true,
      rules: { block: [{ host: 'youtube.com', path: '/shorts' }, { host: 'bilibili.com', path: '/v/popular' }], allow: [{ host: 'youtube.com', path: '/watch' }] },
    });
  });

  it.each([
    ['a path without a leading slash', { host: 'a.com', path: 'shorts' }],
    ['a space', { host: 'a.com', path: '/a b' }],
    ['a wildcard', { host: 'a.com', path: '/*' }],
    ['a quote', { host: 'a.com', path: '/"' }],
    ['a query', { host: 'a.com', path: '/watch?v=1' }],
    ['a control character', { host: 'a.com', path: '/a\n' }],
    ['non-ASCII (must be percent-encoded)', { host: 'a.com', path: '/视频' }],
    ['a broken percent escape', { host: 'a.com', path: '/%zz' }],
    ['an overlong path', { host: 'a.com', path: `/${'a'.repeat(1024)}` }],
    ['a host with a scheme', { host: 'https://a.com', path: '/' }],
    ['an IP address', { host: '10.0.0.1', path: '/' }],
  ])('refuses the whole set for %s', (_what, rule) => {
    expect(parseUrlRules({ block: [{ host: 'ok.com', path: '/' }], allow: [rule] })).toMatchObject({ ok: false });
  });

  it('accepts percent escapes and the other path characters URLs use', () => {
    expect(parseUrlRules({ block: [{ host: 'a.com', path: "/v/%E8%A7%86-._~!$&'()+,;=:@" }], allow: [] })).toMatchObject({ ok: true });
  });

  it("writes Chromium's URL filter format and Firefox's match patterns", () => {
    expect(chromiumPattern({ host: 'youtube.com', path: '/' })).toBe('youtube.com');
    expect(chromiumPattern({ host: 'youtube.com', path: '/shorts' })).toBe('youtube.com/shorts');
    expect(firefoxPattern({ host: 'youtube.com', path: '/' })).toBe('*://*.youtube.com/*');
    expect(firefoxPattern({ host: 'youtube.com', path: '/shorts' })).toBe('*://*.youtube.com/shorts*');
  });

  describe('an allowlist session ("only these sites")', () => {
    const site = (host: string, path = '/') => ({ host, path });
    const rules = { block: [site('youtube.com'), site('x.com', '/home'), site('github.com', '/trending')], allow: [site('youtube.com', '/watch'), site('accounts.youtube.com')] };
    const allowOnly = [site('arxiv.org'), site('m.youtube.com'), site('x.com'), site('github.com', '/trending/rust'), site('youtube.com', '/watch'), site('docs.python.org', '/3/')];

    it('is an ordinary session without an allowlist', () => {
      expect(chromiumLists({ ...rules, allowOnly: null })).toEqual({ block: ['youtube.com', 'x.com/home', 'github.com/trending'], allow: ['youtube.com/watch', 'accounts.youtube.com'] });
      expect(firefoxLists(rules).allow).toEqual(['*://*.youtube.com/watch*', '*://*.accounts.youtube.com/*']);
    });

    it('Chromium: blocks everything else, keeps the blocks on top, and leaves out an allowed site inside a block unless an exception opens it', () => {
      // m.youtube.com lies under blocked youtube.com, github.com/trending/rust under a blocked path; x.com keeps its
      // blocked /home by specificity; youtube.com/watch is a blocklist exception.
      expect(chromiumLists({ ...rules, allowOnly })).toEqual({
        block: ['*', 'youtube.com', 'x.com/home', 'github.com/trending'],
        allow: ['arxiv.org', 'x.com', 'youtube.com/watch', 'docs.python.org/3/'],
      });
    });

    it('Firefox: any exception wins over any block, so an allowed site a block touches at all is left out', () => {
      expect(firefoxLists({ ...rules, allowOnly })).toEqual({
        block: ['<all_urls>', '*://*.youtube.com/*', '*://*.x.com/home*', '*://*.github.com/trending*'],
        allow: ['*://*.arxiv.org/*', '*://*.youtube.com/watch*', '*://*.docs.python.org/3/*'],
      });
    });

    it('with an empty allowlist blocks every site', () => {
      expect(chromiumLists({ block: [], allow: [site('a.com')], allowOnly: [] })).toEqual({ block: ['*'], allow: [] });
      expect(firefoxLists({ block: [], allow: [site('a.com')], allowOnly: [] })).toEqual({ block: ['<all_urls>'], allow: [] });
    });
  });
});
