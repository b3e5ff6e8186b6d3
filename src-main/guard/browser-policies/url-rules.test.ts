import { describe, expect, it } from 'vitest';
import { browserRulesOf, chromiumLists, chromiumPattern, firefoxLists, firefoxPattern, parseUrlRules } from './url-rules';

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

    it('is an ordinary session without an allowlist', () => {
      expect(browserRulesOf(rules, null)).toBe(rules);
      expect(chromiumLists(rules)).toEqual({ block: ['youtube.com', 'x.com/home', 'github.com/trending'], allow: ['youtube.com/watch', 'accounts.youtube.com'] });
    });

    it('blocks everything else, keeps the blocks on top, and leaves out an allowed site a block touches unless an exception opens it', () => {
      const allowOnly = [site('arxiv.org'), site('m.youtube.com'), site('x.com'), site('github.com'), site('youtube.com', '/watch'), site('docs.python.org', '/3/')];
      const browser = browserRulesOf(rules, allowOnly);
      // m.youtube.com lies under blocked youtube.com; x.com and github.com hold blocked paths; youtube.com/watch is an exception.
      expect(browser).toEqual({ block: rules.block, allow: [site('arxiv.org'), site('youtube.com', '/watch'), site('docs.python.org', '/3/')], blockEverythingElse: true });
      expect(chromiumLists(browser)).toEqual({ block: ['*', 'youtube.com', 'x.com/home', 'github.com/trending'], allow: ['arxiv.org', 'youtube.com/watch', 'docs.python.org/3/'] });
      expect(firefoxLists(browser)).toEqual({
        block: ['<all_urls>', '*://*.youtube.com/*', '*://*.x.com/home*', '*://*.github.com/trending*'],
        allow: ['*://*.arxiv.org/*', '*://*.youtube.com/watch*', '*://*.docs.python.org/3/*'],
      });
    });

    it('with an empty allowlist blocks every site', () => {
      expect(chromiumLists(browserRulesOf({ block: [], allow: [site('a.com')] }, []))).toEqual({ block: ['*'], allow: [] });
    });
  });
});
