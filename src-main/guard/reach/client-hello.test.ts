import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHostname } from '../../base/hostname';
import { MAX_CLIENT_HELLO_BYTES, MAX_CLIENT_HELLO_READ, parseClientHello } from './client-hello';

// Captured from real clients against a plain TCP server on 127.0.0.2 (the bytes as they arrived):
// Node 20's tls.connect({ servername: 'www.bilibili.com' }) and Debian's Chromium 156 loading https://www.youtube.com/shorts.
const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', name)));
const nodeHello = fixture('node-hello.bin');
const chromiumHello = fixture('chromium-hello.bin');

/** A minimal hello built by hand: one record, the given extensions (type, body) in order. */
function hello(extensions: [number, Uint8Array][] | null, options: { version?: number; sessionId?: number } = {}): Uint8Array {
  const body = [
    ...u16(options.version ?? 0x0303),
    ...new Array<number>(32).fill(7),
    options.sessionId ?? 0,
    ...new Array<number>(options.sessionId ?? 0).fill(1),
    ...u16(2),
    0x13,
    0x01,
    1,
    0,
  ];
  if (extensions) {
    const block = extensions.flatMap(([type, data]) => [...u16(type), ...u16(data.length), ...data]);
    body.push(...u16(block.length), ...block);
  }
  const handshake = [1, (body.length >> 16) & 0xff, (body.length >> 8) & 0xff, body.length & 0xff, ...body];
  return new Uint8Array([0x16, 0x03, 0x01, ...u16(handshake.length), ...handshake]);
}

function serverName(...names: [number, string][]): Uint8Array {
  const list = names.flatMap(([type, name]) => [type, ...u16(name.length), ...Buffer.from(name, 'latin1')]);
  return new Uint8Array([...u16(list.length), ...list]);
}

function u16(value: number): number[] {
  return [(value >> 8) & 0xff, value & 0xff];
}

/** `seeds` with a few bytes overwritten, then perhaps cut short: mostly well-formed, wrong in one or two places. */
function mutated(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const flip = fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) });
  return fc.record({ seed: fc.constantFrom(...seeds), flips: fc.array(flip, { minLength: 1, maxLength: 6 }), cut: fc.option(fc.nat()) }).map(({ seed, flips, cut }) => {
    const bytes = new Uint8Array(seed);
    for (const { at, value } of flips) bytes[at % bytes.length] = value;
    return cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
  });
}

/** The parser's promises on any input: one of its answers, a valid host or none, bounded waiting, a final decision. */
function holdsItsLimits(bytes: Uint8Array, more: Uint8Array): void {
  const result = parseClientHello(bytes);
  expect(['need-more', 'hello', 'invalid']).toContain(result.kind);
  if (result.kind === 'need-more') expect(bytes.length).toBeLessThan(MAX_CLIENT_HELLO_READ);
  if (result.kind === 'hello' && result.serverName !== null) {
    expect(result.serverName).toMatch(/^[a-z0-9.-]{1,253}$/);
    expect(parseHostname(result.serverName)).toEqual({ ok: true, hostname: result.serverName });
  }
  // What follows a decided hello never changes the decision: the listener may stop reading there.
  if (result.kind !== 'need-more') expect(parseClientHello(new Uint8Array([...bytes, ...more]))).toEqual(result);
}

/** The same handshake bytes cut into records of `size` bytes each. */
function split(record: Uint8Array, size: number): Uint8Array {
  const payload = record.subarray(5);
  const out: number[] = [];
  for (let at = 0; at < payload.length; at += size) {
    const part = payload.subarray(at, at + size);
    out.push(0x16, 0x03, 0x01, ...u16(part.length), ...part);
  }
  return new Uint8Array(out);
}

describe('parseClientHello', () => {
  it('reads the server name from real hellos of Node and Chromium', () => {
    expect(parseClientHello(nodeHello)).toEqual({ kind: 'hello', serverName: 'www.bilibili.com' });
    expect(parseClientHello(chromiumHello)).toEqual({ kind: 'hello', serverName: 'www.youtube.com' });
  });

  it('asks for more on every strict prefix of a real hello, never guessing a name', () => {
    for (const bytes of [nodeHello, chromiumHello]) {
      for (let cut = 0; cut < bytes.length; cut++) expect(parseClientHello(bytes.subarray(0, cut))).toEqual({ kind: 'need-more' });
    }
  });

  it('joins a hello split over several records, and refuses one spread over too many', () => {
    expect(parseClientHello(split(nodeHello, 100))).toEqual({ kind: 'hello', serverName: 'www.bilibili.com' });
    expect(parseClientHello(split(nodeHello, 50))).toMatchObject({ kind: 'invalid', reason: 'the ClientHello spans too many records' });
  });

  it('lower-cases the name and accepts a hello without any extension (no name)', () => {
    expect(parseClientHello(hello([[0, serverName([0, 'WWW.Example.COM'])]]))).toEqual({ kind: 'hello', serverName: 'www.example.com' });
    expect(parseClientHello(hello(null))).toEqual({ kind: 'hello', serverName: null });
    expect(parseClientHello(hello([[10, new Uint8Array([0, 2, 0, 29])]]))).toEqual({ kind: 'hello', serverName: null });
  });

  it.each([
    ['plain HTTP', new Uint8Array(Buffer.from('GET / HTTP/1.1\r\nHost: x.com\r\n\r\n'))],
    ['an SSLv2-style record version', (() => {
      const bytes = hello([[0, serverName([0, 'a.com'])]]);
      bytes[1] = 0x02;
      return bytes;
    })()],
    ['a zero-length record', new Uint8Array([0x16, 0x03, 0x01, 0, 0])],
    ['a record longer than TLS allows', new Uint8Array([0x16, 0x03, 0x01, 0x40, 0x01])],
    ['a ServerHello in place of a ClientHello', (() => {
      const bytes = hello([[0, serverName([0, 'a.com'])]]);
      bytes[5] = 2;
      return bytes;
    })()],
    ['a session id longer than 32 bytes', hello([[0, serverName([0, 'a.com'])]], { sessionId: 33 })],
    ['a ClientHello version out of range', hello([[0, serverName([0, 'a.com'])]], { version: 0x0305 })],
    ['two server name extensions', hello([[0, serverName([0, 'a.com'])], [0, serverName([0, 'b.com'])]])],
    ['two host names in one list', hello([[0, serverName([0, 'a.com'], [0, 'b.com'])]])],
    ['an empty server name list', hello([[0, new Uint8Array([0, 0])]])],
    ['a name with a NUL byte', hello([[0, serverName([0, 'a.com\u0000.evil'])]])],
    ['a name with a space', hello([[0, serverName([0, 'a b.com'])]])],
    ['an IP address as the name', hello([[0, serverName([0, '127.0.0.1'])]])],
    ['a single-label name', hello([[0, serverName([0, 'localhost'])]])],
    ['a name with non-ASCII bytes', hello([[0, serverName([0, 'b\u00fccher.de'])]])],
  ])('refuses %s', (_, bytes) => {
    expect(parseClientHello(bytes)).toMatchObject({ kind: 'invalid' });
  });

  it('refuses lengths that overrun what holds them', () => {
    // The server name list says 200 bytes inside an extension of 9.
    const list = serverName([0, 'a.com']);
    list[1] = 200;
    expect(parseClientHello(hello([[0, list]]))).toMatchObject({ kind: 'invalid' });
    // The extension block claims more than the hello holds.
    const bytes = hello([[0, serverName([0, 'a.com'])]]);
    const blockAt = 5 + 4 + 2 + 32 + 1 + 2 + 2 + 1 + 1;
    bytes[blockAt] = 0xff;
    expect(parseClientHello(bytes)).toMatchObject({ kind: 'invalid' });
  });

  it('refuses a hello announced longer than the limit as soon as its header arrives', () => {
    const header = new Uint8Array([0x16, 0x03, 0x01, 0x00, 0x04, 1, 0x01, 0x00, 0x00]);
    expect(MAX_CLIENT_HELLO_BYTES).toBeLessThan(0x010000);
    expect(parseClientHello(header)).toEqual({ kind: 'invalid', reason: 'the ClientHello is too long' });
  });

  // Fuzz (fast-check): whatever bytes arrive, the parser returns one of its three answers without throwing, names only a
  // host the validator accepts, waits for no more than MAX_CLIENT_HELLO_READ bytes, and never changes its mind.
  const seeds = [nodeHello, chromiumHello, hello([[0, serverName([0, 'a.example'])]]), split(hello([[0, serverName([0, 'b.example'])]]), 20)];
  const fuzzed = { numRuns: 3000 };

  it('answers random bytes within its limits (fuzz)', { timeout: 60_000 }, () => {
    // Often behind a handshake record header, so the fuzz gets past the first check.
    const random = fc.tuple(fc.boolean(), fc.uint8Array({ maxLength: 2048 })).map(([framed, bytes]) => (framed ? new Uint8Array([0x16, 0x03, 0x01, ...bytes]) : bytes));
    fc.assert(fc.property(random, fc.uint8Array({ maxLength: 64 }), holdsItsLimits), fuzzed);
  });

  it('answers mutated real hellos within its limits (fuzz)', { timeout: 60_000 }, () => {
    fc.assert(fc.property(mutated(seeds), fc.uint8Array({ maxLength: 64 }), holdsItsLimits), fuzzed);
  });

  it('has decided once MAX_CLIENT_HELLO_READ bytes are there, whatever they are (fuzz)', { timeout: 60_000 }, () => {
    const filler = fc.uint8Array({ minLength: MAX_CLIENT_HELLO_READ, maxLength: MAX_CLIENT_HELLO_READ + 100 });
    // Records that each say "full" (16 kB) or a random length: the hello may only fill MAX_CLIENT_HELLO_BYTES.
    const records = fc.tuple(filler, fc.array(fc.integer({ min: 1, max: 1 << 14 }), { minLength: 1, maxLength: 5 })).map(([bytes, lengths]) => {
      let at = 0;
      for (const length of lengths) {
        if (at + 5 > bytes.length) break;
        bytes.set([0x16, 0x03, 0x03, length >> 8, length & 0xff], at);
        if (at === 0) bytes.set([1, 0x00, 0x3f, 0xf0], 5);
        at += 5 + length;
      }
      return bytes;
    });
    fc.assert(
      fc.property(fc.oneof(filler, records), (bytes) => {
        holdsItsLimits(bytes, new Uint8Array());
        expect(parseClientHello(bytes).kind).not.toBe('need-more');
      }),
      { numRuns: 100 },
    );
  });

});
