import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainRuleText, type DomainRejection } from '../../contract/blocking';
import { formatDomainRule, parseDomainRule } from './domain-rule';

describe('parseDomainRule', () => {
  it.each([
    ['youtube.com', 'youtube.com', false],
    ['  X.com\t', 'x.com', false],
    ['*.reddit.com', 'reddit.com', true],
    ['https://www.reddit.com/', 'www.reddit.com', false],
    ['HTTP://b23.tv', 'b23.tv', false],
    ['bücher.de', 'xn--bcher-kva.de', false],
    ['*.例子.测试', 'xn--fsqu00a.xn--0zwm56d', true],
  ])('accepts %j as %j (wildcard %s)', (input, hostname, wildcard) => {
    expect(parseDomainRule(input)).toEqual({ ok: true, rule: { hostname, wildcard, path: null } });
  });

  it.each([
    ['youtube.com/shorts', 'youtube.com', '/shorts'],
    ['YouTube.com/Shorts/', 'youtube.com', '/Shorts'],
    ['https://www.youtube.com/feed/trending', 'www.youtube.com', '/feed/trending'],
    ['bilibili.com/v/popular', 'bilibili.com', '/v/popular'],
    ['example.org/a%20b', 'example.org', '/a%20b'],
    ['example.org/热门', 'example.org', '/%E7%83%AD%E9%97%A8'],
    ['example.org/~me/(x)', 'example.org', '/~me/(x)'],
  ])('accepts %j as host %j with path %j', (input, hostname, path) => {
    expect(parseDomainRule(input)).toEqual({ ok: true, rule: { hostname, wildcard: false, path } });
  });

  it('takes a trailing slash, or a bare "/", as the whole site', () => {
    expect(parseDomainRule('youtube.com/')).toEqual({ ok: true, rule: { hostname: 'youtube.com', wildcard: false, path: null } });
    expect(parseDomainRule('https://youtube.com//')).toEqual({ ok: true, rule: { hostname: 'youtube.com', wildcard: false, path: null } });
    expect(parseDomainRule('*.youtube.com/shorts')).toEqual({ ok: true, rule: { hostname: 'youtube.com', wildcard: true, path: '/shorts' } });
  });

  it.each<[string, DomainRejection]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['*.', 'empty'],
    ['you tube.com', 'space'],
    ['a.com b.com', 'space'],
    ['a.com\nb.com', 'newline'],
    ['a.com\r', 'newline'],
    ['a.com # mine', 'comment'],
    ['#a.com', 'comment'],
    ['127.0.0.1', 'ip-address'],
    ['::1', 'ip-address'],
    ['0.0.0.0', 'ip-address'],
    ['https://youtube.com?x=1', 'query'],
    ['youtube.com/watch?v=1', 'query'],
    ['https://youtube.com:443', 'port'],
    ['youtube.com:8080/feed', 'port'],
    ['https://user@youtube.com', 'url-unsupported'],
    ['ftp://youtube.com', 'url-unsupported'],
    ['https://', 'url-unsupported'],
    ['https:///feed', 'url-unsupported'],
    ['youtube.com/sh*rts', 'path-bad-character'],
    ['youtube.com/a"b', 'path-bad-character'],
    ['youtube.com/a\\b', 'path-bad-character'],
    ['youtube.com/100%', 'path-bad-character'],
    ['youtube.com/a/../b', 'path-bad-character'],
    ['youtube.com/\ud800', 'path-bad-character'],
    [`youtube.com/${'a'.repeat(1100)}`, 'path-too-long'],
    [`youtube.com/${'热'.repeat(400)}`, 'path-too-long'],
    ['/shorts', 'empty'],
    [`${'a'.repeat(300)}.com`, 'label-too-long'],
    ['a.*.com', 'wildcard-misplaced'],
    ['**.a.com', 'wildcard-misplaced'],
    ['*a.com', 'wildcard-misplaced'],
    ['localhost', 'single-label'],
    ['ex_ample.com', 'bad-character'],
    ['-a.com', 'bad-label'],
  ])('rejects %j as %s', (input, reason) => {
    expect(parseDomainRule(input)).toEqual({ ok: false, reason });
  });

  it('formats every accepted rule into stored text that parses back to the same rule (fuzzed)', () => {
    const input = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.domain(),
      fc.domain().map((d) => `*.${d}`),
      fc.domain().map((d) => `https://${d}/`),
      fc.tuple(fc.domain(), fc.webPath()).map(([d, p]) => `${d}${p}`),
      fc.tuple(fc.domain(), fc.string({ unit: 'grapheme', maxLength: 30 })).map(([d, p]) => `${d}/${p}`),
      fc.tuple(fc.constantFrom('', '*.', ' ', 'https://'), fc.string({ unit: 'grapheme', maxLength: 40 })).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(input, (text) => {
        const parsed = parseDomainRule(text);
        if (!parsed.ok) return;
        const stored = formatDomainRule(parsed.rule);
        expect(DomainRuleText.safeParse(stored).success).toBe(true);
        expect(parseDomainRule(stored)).toEqual(parsed);
      }),
      { numRuns: 3000 },
    );
  });
});
