import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHostname, type HostnameRejection } from './hostname';

describe('parseHostname', () => {
  it.each([
    ['youtube.com', 'youtube.com'],
    ['  WWW.YouTube.COM  ', 'www.youtube.com'],
    ['example.com.', 'example.com'],
    ['a-b.c-d.example', 'a-b.c-d.example'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['例子.测试', 'xn--fsqu00a.xn--0zwm56d'],
    ['ｙｏｕｔｕｂｅ。com', 'youtube.com'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['123.example.com', '123.example.com'],
    [`${'a'.repeat(63)}.com`, `${'a'.repeat(63)}.com`],
  ])('accepts %j as %j', (input, hostname) => {
    expect(parseHostname(input)).toEqual({ ok: true, hostname });
  });

  it.each<[string, HostnameRejection]>([
    ['', 'empty'],
    ['   \n ', 'empty'],
    ['exa mple.com', 'bad-character'],
    ['example.com\nevil.com', 'bad-character'],
    ['example.com # comment', 'bad-character'],
    ['#example.com', 'bad-character'],
    ['user@example.com', 'bad-character'],
    ['ex_ample.com', 'bad-character'],
    ['*.example.com', 'bad-character'],
    ['bü cher.de', 'bad-character'],
    ['https://youtube.com', 'has-scheme-or-path'],
    ['youtube.com/feed', 'has-scheme-or-path'],
    ['youtube.com:443', 'has-scheme-or-path'],
    ['127.0.0.1', 'ip-address'],
    ['0.0.0.0', 'ip-address'],
    ['::', 'ip-address'],
    ['::1', 'ip-address'],
    ['[2001:db8::1]', 'ip-address'],
    ['1.2.3', 'ip-address'],
    ['example.0x7f', 'ip-address'],
    ['localhost', 'single-label'],
    ['com.', 'single-label'],
    ['example..com', 'bad-label'],
    ['example.com..', 'bad-label'],
    ['.example.com', 'bad-label'],
    ['-a.com', 'bad-label'],
    ['a-.com', 'bad-label'],
    [`${'a'.repeat(64)}.com`, 'label-too-long'],
    [`${'a'.repeat(300)}.com`, 'label-too-long'],
    [`${'abcdefghi.'.repeat(26)}com`, 'too-long'],
    ['x'.repeat(5000), 'too-long'],
    ['xn--zz.com', 'idn-invalid'],
    ['xn--.com', 'bad-label'],
  ])('rejects %j as %s', (input, reason) => {
    expect(parseHostname(input)).toEqual({ ok: false, reason });
  });

  it('accepts exactly 253 characters (a trailing dot not counted) and rejects 254', () => {
    const name = (length: number) => `${'a'.repeat(61)}.${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(61)}.${'e'.repeat(length - 248)}`;
    expect(name(253)).toHaveLength(253);
    expect(parseHostname(name(253))).toEqual({ ok: true, hostname: name(253) });
    expect(parseHostname(`${name(253)}.`)).toEqual({ ok: true, hostname: name(253) });
    expect(parseHostname(name(254))).toEqual({ ok: false, reason: 'too-long' });
  });

  it('only ever returns hostnames of safe characters that parse again to themselves (fuzzed)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.domain()), (input) => {
        const result = parseHostname(input);
        if (!result.ok) return;
        expect(result.hostname).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
        expect(result.hostname.length).toBeLessThanOrEqual(253);
        expect(parseHostname(result.hostname)).toEqual(result);
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts every generated domain name', () => {
    fc.assert(
      fc.property(fc.domain(), (domain) => {
        const result = parseHostname(domain);
        expect(result.ok).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
