import { MAX_HOSTNAME_LENGTH, parseHostname } from '../../base/hostname';

/**
 * Reads the server name (SNI, RFC 6066) from the first bytes a TLS client sends: its ClientHello (RFC 8446 4.1.2).
 * Only reads: no key, no certificate, nothing is answered but a closing alert, nothing is decrypted. Strict and
 * bounded: every length is checked against what holds it, the hello may span at most a few records and
 * MAX_CLIENT_HELLO_BYTES, and anything malformed is `invalid` (the connection is then closed uncounted).
 */

/** Chromium's hello with a post-quantum key share is about 1.8 kB; 16 kB leaves room for any real one. */
export const MAX_CLIENT_HELLO_BYTES = 16 * 1024;
const MAX_RECORDS = 4;
const RECORD_HEADER = 5;
/**
 * The most bytes the parser ever waits for: the records it reads carry at most MAX_CLIENT_HELLO_BYTES in all, so
 * with this many bytes it has decided (`need-more` only comes with less). The listener reads no more than this.
 */
export const MAX_CLIENT_HELLO_READ = MAX_CLIENT_HELLO_BYTES + MAX_RECORDS * RECORD_HEADER;
const CONTENT_HANDSHAKE = 0x16;
const HANDSHAKE_CLIENT_HELLO = 0x01;
const EXTENSION_SERVER_NAME = 0x0000;
const NAME_TYPE_HOST = 0x00;

export type ClientHelloResult =
  | { kind: 'need-more' }
  | { kind: 'hello'; serverName: string | null }
  | { kind: 'invalid'; reason: string };

/** Parses what arrived so far; `need-more` until the whole ClientHello is there. */
export function parseClientHello(data: Uint8Array): ClientHelloResult {
  const hello = handshakeMessage(data);
  if (!(hello instanceof Uint8Array)) return hello;
  if (hello[0] !== HANDSHAKE_CLIENT_HELLO) return invalid('the first handshake message is not a ClientHello');
  return readClientHello(new Reader(hello.subarray(4, 4 + messageLength(hello))));
}

// The first handshake message, once all of it arrived: the handshake layer may be split over several records.
function handshakeMessage(data: Uint8Array): Uint8Array | { kind: 'need-more' } | { kind: 'invalid'; reason: string } {
  const parts: Uint8Array[] = [];
  let offset = 0;
  let total = 0;
  for (;;) {
    if (total >= 4) {
      const joined = concat(parts, total);
      const length = messageLength(joined);
      if (length + 4 > MAX_CLIENT_HELLO_BYTES) return invalid('the ClientHello is too long');
      if (total >= length + 4) return joined;
    }
    if (parts.length === MAX_RECORDS) return invalid('the ClientHello spans too many records');
    if (data.length - offset < RECORD_HEADER) return { kind: 'need-more' };
    if (data[offset] !== CONTENT_HANDSHAKE) return invalid('not a TLS handshake record');
    // Legacy record version: 0x0301 to 0x0304 (TLS 1.0 to 1.3); anything else is not TLS.
    if (data[offset + 1] !== 0x03 || data[offset + 2]! < 0x01 || data[offset + 2]! > 0x04) return invalid('not a TLS record version');
    const length = (data[offset + 3]! << 8) | data[offset + 4]!;
    if (length === 0 || length > 1 << 14) return invalid('a record length out of range');
    // A record that would carry the hello past its limit is refused before its bytes are waited for.
    if (total + length > MAX_CLIENT_HELLO_BYTES) return invalid('the ClientHello is too long');
    if (data.length - offset - RECORD_HEADER < length) return { kind: 'need-more' };
    parts.push(data.subarray(offset + RECORD_HEADER, offset + RECORD_HEADER + length));
    offset += RECORD_HEADER + length;
    total += length;
  }
}

/** The 24-bit length in a handshake message's header. */
function messageLength(message: Uint8Array): number {
  return (message[1]! << 16) | (message[2]! << 8) | message[3]!;
}

function readClientHello(reader: Reader): ClientHelloResult {
  const version = reader.u16();
  if (version === null || version < 0x0300 || version > 0x0304) return invalid('a ClientHello version out of range');
  if (!reader.skip(32)) return invalid('the ClientHello ends in its random');
  const sessionId = reader.vector(1);
  if (!sessionId || sessionId.length > 32) return invalid('a bad session id');
  const suites = reader.vector(2);
  if (!suites || suites.length < 2 || suites.length % 2 !== 0) return invalid('a bad cipher suite list');
  const compression = reader.vector(1);
  if (!compression || compression.length < 1) return invalid('a bad compression list');
  // TLS 1.2 allows a hello without extensions: then there is no server name.
  if (reader.remaining === 0) return { kind: 'hello', serverName: null };
  const extensions = reader.vector(2);
  if (!extensions || reader.remaining !== 0) return invalid('a bad extension block');
  return readExtensions(new Reader(extensions));
}

function readExtensions(reader: Reader): ClientHelloResult {
  const seen = new Set<number>();
  let serverName: string | null = null;
  while (reader.remaining > 0) {
    const type = reader.u16();
    const body = reader.vector(2);
    if (type === null || !body) return invalid('an extension overruns its block');
    // RFC 8446 4.2: an extension type appears at most once.
    if (seen.has(type)) return invalid('an extension appears twice');
    seen.add(type);
    if (type !== EXTENSION_SERVER_NAME) continue;
    const name = readServerName(new Reader(body));
    if (typeof name !== 'string') return name;
    serverName = name;
  }
  return { kind: 'hello', serverName };
}

function readServerName(reader: Reader): string | { kind: 'invalid'; reason: string } {
  const list = reader.vector(2);
  if (!list || reader.remaining !== 0 || list.length === 0) return invalid('a bad server name list');
  const names = new Reader(list);
  let host: string | null = null;
  while (names.remaining > 0) {
    const type = names.u8();
    const name = names.vector(2);
    if (type === null || !name) return invalid('a server name overruns its list');
    if (type !== NAME_TYPE_HOST) continue;
    // RFC 6066 3: at most one name of each type.
    if (host !== null) return invalid('two host names');
    // ASCII letters, digits, dots and hyphens only, then the same validator the lease's hostnames passed.
    if (name.length === 0 || name.length > MAX_HOSTNAME_LENGTH || !name.every((byte) => (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x2e)) {
      return invalid('a host name that is not a DNS name');
    }
    const parsed = parseHostname(String.fromCharCode(...name));
    if (!parsed.ok) return invalid(`a host name the validator refuses (${parsed.reason})`);
    host = parsed.hostname;
  }
  return host ?? invalid('no host name in the server name list');
}

class Reader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  u8(): number | null {
    return this.remaining < 1 ? null : this.bytes[this.offset++]!;
  }

  u16(): number | null {
    if (this.remaining < 2) return null;
    const value = (this.bytes[this.offset]! << 8) | this.bytes[this.offset + 1]!;
    this.offset += 2;
    return value;
  }

  skip(count: number): boolean {
    if (this.remaining < count) return false;
    this.offset += count;
    return true;
  }

  /** A length-prefixed vector (`prefix` bytes of length), or null when it overruns what is left. */
  vector(prefix: 1 | 2): Uint8Array | null {
    const length = prefix === 1 ? this.u8() : this.u16();
    if (length === null || this.remaining < length) return null;
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const joined = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

function invalid(reason: string): { kind: 'invalid'; reason: string } {
  return { kind: 'invalid', reason };
}
