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
    expect(parseDomainRule(input)).toEqual({ ok: true, rule: { hostname, wildcard } });
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
    ['https://youtube.com/feed', 'url-with-path'],
    ['https://youtube.com?x=1', 'url-with-path'],
    ['https://youtube.com:443', 'url-with-path'],
    ['https://user@youtube.com', 'url-with-path'],
    ['ftp://youtube.com', 'url-with-path'],
    ['https://', 'url-with-path'],
    ['youtube.com/feed', 'has-scheme-or-path'],
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
