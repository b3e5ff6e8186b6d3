import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHostname } from '../../base/hostname';
import { MAX_REQUEST_HEAD_BYTES, MAX_REQUEST_HEAD_READ, parseRequestHead } from './request-head';

const head = (text: string) => parseRequestHead(Buffer.from(text, 'latin1'));

describe('parseRequestHead', () => {
  it('reads the Host field, without its port, lower-cased', () => {
    expect(head('GET / HTTP/1.1\r\nHost: WWW.Bilibili.com:80\r\nAccept: */*\r\n\r\n')).toEqual({ kind: 'request', host: 'www.bilibili.com' });
    expect(head('GET /favicon.ico HTTP/1.1\r\nhost: youtube.com\r\n\r\nbody is never read')).toEqual({ kind: 'request', host: 'youtube.com' });
  });

  it('waits for the end of the head', () => {
    expect(head('GET / HTTP/1.1\r\nHost: a.com\r\n')).toEqual({ kind: 'need-more' });
  });

  it('answers a request without a usable host (none, an IP literal, a bad name) with no host', () => {
    expect(head('GET / HTTP/1.0\r\n\r\n')).toEqual({ kind: 'request', host: null });
    expect(head('GET / HTTP/1.1\r\nHost: 127.0.0.253\r\n\r\n')).toEqual({ kind: 'request', host: null });
    expect(head('GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n')).toEqual({ kind: 'request', host: null });
    expect(head('GET / HTTP/1.1\r\nHost: a b.com\r\n\r\n')).toEqual({ kind: 'request', host: null });
  });

  it('refuses what is not an HTTP/1 request, two Host fields, and an endless head', () => {
    expect(head('\x16\x03\x01\x00\x05hello\r\n\r\n')).toMatchObject({ kind: 'invalid' });
    expect(head('GET / HTTP/2.0\r\n\r\n')).toMatchObject({ kind: 'invalid' });
    expect(head('GET / HTTP/1.1\r\nHost: a.com\r\nHost: b.com\r\n\r\n')).toEqual({ kind: 'invalid', reason: 'two Host fields' });
    expect(head(`GET / HTTP/1.1\r\nX: ${'a'.repeat(MAX_REQUEST_HEAD_BYTES)}`)).toEqual({ kind: 'invalid', reason: 'the request head is too long' });
    expect(head(`GET / HTTP/1.1\r\nX: ${'a'.repeat(MAX_REQUEST_HEAD_BYTES)}\r\n\r\n`)).toEqual({ kind: 'invalid', reason: 'the request head is too long' });
  });

  // Fuzz (fast-check): whatever bytes arrive, the parser returns one of its three answers without throwing, names only a
  // host the validator accepts, waits for no more than MAX_REQUEST_HEAD_BYTES, and never changes its mind.
  const fuzzed = { numRuns: 3000 };

  it('answers random bytes within its limits (fuzz)', { timeout: 60_000 }, () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), fc.uint8Array({ maxLength: 64 }), (bytes, more) => holdsItsLimits(Buffer.from(bytes), Buffer.from(more))), fuzzed);
  });

  it('answers mutated request heads within its limits (fuzz)', { timeout: 60_000 }, () => {
    const flip = fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) });
    const heads = fc.record({ head: requestHeads, flips: fc.array(flip, { maxLength: 4 }), cut: fc.option(fc.nat()) }).map(({ head, flips, cut }) => {
      const bytes = Buffer.from(head, 'latin1');
      for (const { at, value } of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
      return cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
    });
    fc.assert(fc.property(heads, fc.uint8Array({ maxLength: 64 }), (bytes, more) => holdsItsLimits(bytes, Buffer.from(more))), fuzzed);
  });

  it('has decided once MAX_REQUEST_HEAD_READ bytes are there, whatever they are (fuzz)', { timeout: 60_000 }, () => {
    const long = fc.tuple(requestHeads, fc.uint8Array({ minLength: MAX_REQUEST_HEAD_READ, maxLength: MAX_REQUEST_HEAD_READ + 100 })).map(([head, tail]) => Buffer.concat([Buffer.from(head, 'latin1'), tail]));
    fc.assert(
      fc.property(long, (bytes) => {
        holdsItsLimits(bytes, Buffer.alloc(0));
        expect(parseRequestHead(bytes).kind).not.toBe('need-more');
      }),
      { numRuns: 300 },
    );
  });
});

/** Request heads as clients write them, and not quite: any method, target and fields, Host among them or not. */
const fieldName = fc.oneof(fc.constantFrom('Host', 'host', 'HOST', 'Accept', 'Host ', 'X-Host'), fc.stringMatching(/^[A-Za-z-]{1,12}$/));
const fieldValue = fc.oneof(fc.domain(), fc.domain().map((name) => `${name}:80`), fc.string({ maxLength: 300 }), fc.constantFrom('[::1]:80', '127.0.0.1', ''));
const requestHeads = fc
  .record({
    method: fc.constantFrom('GET', 'HEAD', 'POST', 'get', 'CONNECT'),
    target: fc.oneof(fc.constant('/'), fc.webPath(), fc.string({ maxLength: 50 })),
    version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 '),
    fields: fc.array(fc.tuple(fieldName, fieldValue), { maxLength: 8 }),
    end: fc.constantFrom('\r\n\r\n', '\r\n', '\n\n', ''),
  })
  .map(({ method, target, version, fields, end }) => [`${method} ${target} ${version}`, ...fields.map(([name, value]) => `${name}: ${value}`)].join('\r\n') + end);

/** The parser's promises on any input: one of its answers, a valid host or none, bounded waiting, a final decision. */
function holdsItsLimits(bytes: Buffer, more: Buffer): void {
  const result = parseRequestHead(bytes);
  expect(['need-more', 'request', 'invalid']).toContain(result.kind);
  if (result.kind === 'need-more') expect(bytes.length).toBeLessThanOrEqual(MAX_REQUEST_HEAD_BYTES);
  if (result.kind === 'request' && result.host !== null) expect(parseHostname(result.host)).toEqual({ ok: true, hostname: result.host });
  // What follows a decided head (the body, a pipelined request) never changes the decision.
  if (result.kind !== 'need-more') expect(parseRequestHead(Buffer.concat([bytes, more]))).toEqual(result);
}
