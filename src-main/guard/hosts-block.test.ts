import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHostname } from '../base/hostname';
import { BEGIN_MARKER, END_MARKER, hasBlock, renderBlock, withBlock, withoutBlocks } from './hosts-block';
import { decideLease } from './lease';
import { LeaseRequest } from './protocol';

const original = '127.0.0.1\tlocalhost\n# a comment\n10.0.0.5 www.youtube.com\n';

describe('hosts block', () => {
  it('puts the block above every other line, with both address families', () => {
    const result = withBlock(original, ['www.youtube.com', 'youtube.com']);
    expect(result).toBe(
      `${BEGIN_MARKER}\n0.0.0.0 www.youtube.com\n:: www.youtube.com\n0.0.0.0 youtube.com\n:: youtube.com\n${END_MARKER}\n${original}`,
    );
    expect(withoutBlocks(result)).toBe(original);
  });

  it('points the IPv4 lines at the reach counter when it listens, keeping the IPv6 line on ::', () => {
    const result = withBlock(original, ['bilibili.com'], '127.0.0.253');
    expect(result).toBe(`${BEGIN_MARKER}\n127.0.0.253 bilibili.com\n:: bilibili.com\n${END_MARKER}\n${original}`);
    expect(withoutBlocks(result)).toBe(original);
    // The counter going away (another session fell back) moves the lines, nothing else.
    expect(withBlock(result, ['bilibili.com'])).toBe(withBlock(original, ['bilibili.com']));
  });

  it('cleans up counter lines next to a stray marker, but never a localhost line', () => {
    expect(withoutBlocks(`${BEGIN_MARKER}\n127.0.0.253 a.example\n:: a.example\n127.0.0.1 localhost\n`)).toBe('127.0.0.1 localhost\n');
    expect(withoutBlocks(`127.0.0.1 localhost\n127.0.0.253 a.example\n${END_MARKER}\n`)).toBe('127.0.0.1 localhost\n');
  });

  it.each([
    ['CRLF', '127.0.0.1 localhost\r\n::1 localhost\r\n'],
    ['no final newline', '127.0.0.1 localhost\n::1 localhost'],
    ['UTF-8 BOM', '\xef\xbb\xbf127.0.0.1 localhost\n'],
    ['BOM and CRLF without final newline', '\xef\xbb\xbf# hosts\r\n127.0.0.1 localhost'],
    ['empty', ''],
    ['only blank lines', '\n\n\n'],
    ['non-UTF-8 bytes', '# caf\xe9\n127.0.0.1 localhost\n'],
  ])('removes the block leaving every byte identical (%s)', (_name, content) => {
    const blocked = withBlock(content, ['example.com']);
    expect(blocked).not.toBe(content);
    expect(blocked.includes('\r\n')).toBe(content.includes('\r\n'));
    expect(withoutBlocks(blocked)).toBe(content);
    // Applying twice is the same as once (reconcile is idempotent).
    expect(withBlock(blocked, ['example.com'])).toBe(blocked);
  });

  it('keeps a BOM first and uses CRLF for a CRLF file', () => {
    const blocked = withBlock('\xef\xbb\xbf127.0.0.1 localhost\r\n', ['example.com']);
    expect(blocked.startsWith(`\xef\xbb\xbf${BEGIN_MARKER}\r\n0.0.0.0 example.com\r\n`)).toBe(true);
  });

  it('replaces an old block, wherever it was moved, with the new one', () => {
    const moved = original + renderBlock(['old.example'], '\n');
    expect(withBlock(moved, ['new.example'])).toBe(renderBlock(['new.example'], '\n') + original);
    expect(withBlock(moved, [])).toBe(original);
  });

  it('removes an unterminated block and only our own lines after it', () => {
    const truncated = `${BEGIN_MARKER}\n0.0.0.0 a.example\n:: a.example\n0.0.0.0 b.exa`;
    expect(withoutBlocks(truncated)).toBe('');
    expect(withoutBlocks(`${BEGIN_MARKER}\n0.0.0.0 a.example\n${original}`)).toBe(original);
  });

  it('removes a stray end marker and our own lines right above it', () => {
    expect(withoutBlocks(`${original}0.0.0.0 a.example\n:: a.example\n${END_MARKER}\n# after\n`)).toBe(`${original}# after\n`);
  });

  it('removes nested and repeated blocks', () => {
    const twice = renderBlock(['a.example'], '\n') + original + renderBlock(['b.example'], '\n');
    expect(withoutBlocks(twice)).toBe(original);
    const nested = `${BEGIN_MARKER}\n${renderBlock(['a.example'], '\n')}${original}`;
    expect(withoutBlocks(nested)).toBe(original);
    expect(hasBlock(withoutBlocks(nested))).toBe(false);
  });

  it('leaves any file without markers untouched, and restores it exactly after a block (fuzzed)', () => {
    const bytes = fc.string({ unit: fc.constantFrom('a', ' ', '\t', '#', '\n', '\r', '\xef', '\xbb', '\xbf', '0', '.', ':', '\xe9'), maxLength: 200 });
    fc.assert(
      fc.property(bytes, fc.array(fc.domain(), { maxLength: 5 }), (content, hosts) => {
        expect(withoutBlocks(content)).toBe(content);
        const hostnames = hosts.map((host) => parseHostname(host)).flatMap((r) => (r.ok ? [r.hostname] : []));
        expect(withoutBlocks(withBlock(content, hostnames))).toBe(content);
      }),
      { numRuns: 3000 },
    );
  });

  it('never writes a line inside the markers that is not an address and a valid hostname, whatever the lease asked (fuzzed, 10,000 cases)', () => {
    const hostnameLike = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.domain(),
      fc.constantFrom('a.com\n0.0.0.0 evil.com', 'a.com # x', `x.com\n${END_MARKER}`, 'x.com\r\n127.0.0.1 bank.com', '*.a.com', '::1'),
    );
    const now = { wallMs: 1_000_000, uptimeMs: 5_000, bootId: 'boot' };
    fc.assert(
      fc.property(fc.array(hostnameLike, { minLength: 1, maxLength: 8 }), fc.string({ maxLength: 50 }), (hostnames, content) => {
        const request = LeaseRequest.safeParse({ type: 'lease', sessionId: 's1', endsAt: now.wallMs + 60_000, mode: 'flexible', hostnames });
        if (!request.success) return;
        const decision = decideLease(null, request.data, now);
        if (!decision.ok || decision.lease === null) return;
        const file = withBlock(withoutBlocks(content), decision.lease.hostnames);
        const lines = file.split(/\r?\n/);
        const begin = lines.indexOf(BEGIN_MARKER);
        const end = lines.indexOf(END_MARKER, begin);
        expect(begin).toBeGreaterThanOrEqual(0);
        expect(end).toBeGreaterThan(begin);
        for (const line of lines.slice(begin + 1, end)) {
          const match = /^(0\.0\.0\.0|::) (\S+)$/.exec(line);
          expect(match).not.toBeNull();
          expect(parseHostname(match?.[2] ?? '')).toEqual({ ok: true, hostname: match?.[2] });
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
