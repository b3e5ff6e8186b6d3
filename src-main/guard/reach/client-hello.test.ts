import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CLIENT_HELLO_BYTES, parseClientHello } from './client-hello';

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

  it('never throws and never names a host the validator refuses, on random and mutated input (fuzz)', () => {
    const seeds = [nodeHello, chromiumHello, hello([[0, serverName([0, 'a.example'])]])];
    for (let round = 0; round < 20_000; round++) {
      let input: Uint8Array;
      if (round % 4 === 0) {
        input = new Uint8Array(randomBytes(Math.floor(Math.random() * 600)));
        // Often a handshake record header, so the fuzz gets past the first check.
        if (round % 8 === 0 && input.length > 5) input.set([0x16, 0x03, 0x01], 0);
      } else {
        const seed = seeds[round % seeds.length]!;
        input = new Uint8Array(seed);
        for (let flips = 1 + Math.floor(Math.random() * 4); flips > 0; flips--) input[Math.floor(Math.random() * input.length)] = Math.floor(Math.random() * 256);
        if (round % 3 === 0) input = input.subarray(0, Math.floor(Math.random() * input.length));
      }
      const result = parseClientHello(input);
      expect(['need-more', 'hello', 'invalid']).toContain(result.kind);
      if (result.kind === 'hello' && result.serverName !== null) expect(result.serverName).toMatch(/^[a-z0-9.-]{1,253}$/);
    }
  });
});
