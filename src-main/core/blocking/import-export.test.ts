import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainRuleText, MAX_REPORTED_REJECTIONS } from '../../contract/blocking';
import { formatDomainRule, parseDomainRule, type DomainRule } from './domain-rule';
import { formatBlocklistText, parseBlocklistText } from './import-export';

const wwwAndApex = (rule: DomainRule) => [rule.hostname, `www.${rule.hostname}`];

describe('parseBlocklistText', () => {
  it('reads app lines (any case of the kind, the rest of the line as the rule), checked by the app-rule validator', () => {
    const parsed = parseBlocklistText(['# apps', '  APP:AppImage  Obsidian-*.AppImage  ', 'app:path /opt/a#b/app', 'app:path /opt/a#b/app', 'app:executable bash', 'app: telegram', 'site.example # comment'].join('\n'));
    expect(parsed.apps).toEqual([
      { kind: 'appImage', rule: 'Obsidian-*.AppImage' },
      { kind: 'path', rule: '/opt/a#b/app' },
    ]);
    expect(parsed.rejected).toEqual([
      { line: 5, text: 'app:executable bash', app: true, reason: 'system-process' },
      { line: 6, text: 'app: telegram', app: true, reason: 'unknown-app-kind' },
    ]);
    expect(parsed.rules.map(formatDomainRule)).toEqual(['site.example']);
  });

  it('reads the app lines of every system, each checked by its own system’s validator', () => {
    const parsed = parseBlocklistText(['app:bundleId com.tencent.xinWeChat', 'app:bundleid com.apple.finder', 'app:imageName WeChat.exe', 'app:imagename explorer.exe', 'app:windowsPath C:\\Program Files\\Tencent\\WeChat\\'].join('\n'));
    expect(parsed.apps).toEqual([
      { kind: 'bundleId', rule: 'com.tencent.xinWeChat' },
      { kind: 'imageName', rule: 'WeChat.exe' },
      { kind: 'windowsPath', rule: 'C:\\Program Files\\Tencent\\WeChat\\' },
    ]);
    expect(parsed.rejected.map(({ line, reason }) => ({ line, reason }))).toEqual([
      { line: 2, reason: 'system-process' },
      { line: 4, reason: 'system-process' },
    ]);
  });

  it('reads plain lines with comments, reporting each bad line with its number and reason', () => {
    const text = [
      '# my distractions',
      'news.ycombinator.com',
      '',
      '  *.Reddit.com   # all of it',
      'https://www.youtube.com/',
      'https://www.youtube.com/feed',
      'youtube.com/watch?v=1',
      'two words.com',
      `${'a'.repeat(300)}.com`,
      '192.168.1.1',
      'news.ycombinator.com',
    ].join('\n');
    const parsed = parseBlocklistText(text);
    // A path is a rule of its own (browsers enforce it), not a duplicate of the whole site.
    expect(parsed.rules.map(formatDomainRule)).toEqual(['news.ycombinator.com', '*.reddit.com', 'www.youtube.com', 'www.youtube.com/feed']);
    expect(parsed.rejected).toEqual([
      { line: 7, text: 'youtube.com/watch?v=1', reason: 'query' },
      { line: 8, text: 'two words.com', reason: 'space' },
      { line: 9, text: 'a'.repeat(200), reason: 'label-too-long' },
      { line: 10, text: '192.168.1.1', reason: 'ip-address' },
    ]);
    expect(parsed.rejectedTotal).toBe(4);
    expect(parsed.ignored).toBe(0);
  });

  it('reads hosts-file lines, several names a line, skipping the machine’s own names', () => {
    const text = [
      '127.0.0.1 localhost',
      '::1 localhost ip6-localhost ip6-loopback',
      '255.255.255.255 broadcasthost',
      '0.0.0.0 0.0.0.0',
      '0.0.0.0 a.example b.example\t# ads',
      '127.0.0.1 c.example',
      ':: a.example',
      '192.168.1.5 nas.example',
      '0.0.0.0 good.example bad_name.example',
      '0.0.0.0 path.example/feed',
    ].join('\r\n');
    const parsed = parseBlocklistText(text);
    expect(parsed.rules.map(formatDomainRule)).toEqual(['a.example', 'b.example', 'c.example', 'good.example']);
    expect(parsed.ignored).toBe(5);
    expect(parsed.rejected).toEqual([
      { line: 3, text: '255.255.255.255 broadcasthost', reason: 'not-a-block-address' },
      { line: 8, text: '192.168.1.5 nas.example', reason: 'not-a-block-address' },
      { line: 9, text: 'bad_name.example', reason: 'bad-character' },
      // A hosts file never held a path: such a line is a mistake, not a path rule.
      { line: 10, text: 'path.example/feed', reason: 'has-scheme-or-path' },
    ]);
  });

  it('reports at most a bounded number of rejections but counts them all', () => {
    const parsed = parseBlocklistText(Array.from({ length: 1000 }, () => 'not valid').join('\n'));
    expect(parsed.rejected).toHaveLength(MAX_REPORTED_REJECTIONS);
    expect(parsed.rejectedTotal).toBe(1000);
    expect(parsed.rejected.at(-1)?.line).toBe(MAX_REPORTED_REJECTIONS);
  });

  it('never throws, and every accepted rule and rejection is accounted for (fuzzed)', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.domain(),
      fc.domain().map((d) => `0.0.0.0 ${d}`),
      fc.tuple(fc.domain(), fc.webPath()).map(([d, p]) => `${d}${p}`),
      fc.tuple(fc.constantFrom('0.0.0.0', '127.0.0.1', '::', '10.0.0.1', 'x'), fc.array(fc.domain(), { maxLength: 3 })).map(([a, ds]) => [a, ...ds].join(' ')),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        const text = lines.join(eol);
        const parsed = parseBlocklistText(text);
        const lineCount = text.split(/\r\n|\r|\n|\u2028|\u2029/).length;
        for (const rule of parsed.rules) {
          const stored = formatDomainRule(rule);
          expect(DomainRuleText.safeParse(stored).success).toBe(true);
          expect(parseDomainRule(stored)).toEqual({ ok: true, rule });
        }
        expect(new Set(parsed.rules.map(formatDomainRule)).size).toBe(parsed.rules.length);
        for (const entry of parsed.rejected) {
          expect(entry.line).toBeGreaterThanOrEqual(1);
          expect(entry.line).toBeLessThanOrEqual(lineCount);
          // Refused for where it stands (a hosts line to a real address, a path in a hosts line), not for itself.
          if (entry.reason !== 'not-a-block-address' && entry.reason !== 'has-scheme-or-path') expect(parseDomainRule(entry.text).ok).toBe(false);
        }
        expect(parsed.rejectedTotal).toBe(parsed.rejected.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatBlocklistText', () => {
  const rules = fc.uniqueArray(
    fc.record({ hostname: fc.domain(), wildcard: fc.boolean(), path: fc.option(fc.webPath(), { freq: 3 }) }).map((rule) => {
      const parsed = parseDomainRule(`${rule.hostname}${rule.path ?? ''}`);
      return parsed.ok ? { ...parsed.rule, wildcard: rule.wildcard } : null;
    }),
    { maxLength: 20, selector: (rule) => (rule ? formatDomainRule(rule) : null) },
  );

  it('round-trips plain text to the same rules, wildcards and paths included (fuzzed)', () => {
    fc.assert(
      fc.property(rules, (maybe) => {
        const list = maybe.filter((rule): rule is DomainRule => rule !== null);
        const parsed = parseBlocklistText(formatBlocklistText('plain', list, wwwAndApex));
        expect(parsed.rules).toEqual(list);
        expect(parsed.rejectedTotal).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('writes hosts files as 0.0.0.0 and :: lines of the whole-site rules’ names, which import back as those names (fuzzed)', () => {
    fc.assert(
      fc.property(rules, (maybe) => {
        const list = maybe.filter((rule): rule is DomainRule => rule !== null);
        const text = formatBlocklistText('hosts', list, wwwAndApex);
        for (const line of text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))) {
          expect(line).toMatch(/^(0\.0\.0\.0|::) [a-z0-9.-]+$/);
        }
        const whole = list.filter((rule) => rule.path === null);
        const expected = [...new Set(whole.flatMap(wwwAndApex))].filter((host) => parseDomainRule(host).ok);
        expect(parseBlocklistText(text).rules.map(formatDomainRule)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
