import { parseHostname } from '../../base/hostname';

/**
 * Reads the host a plain HTTP request names (its Host header, RFC 9112 3.2) from the request head, and nothing
 * else: the rest of the request is never read. Bounded: a head longer than MAX_REQUEST_HEAD_BYTES is `invalid`, so
 * `need-more` only comes with at most that many bytes.
 */
export const MAX_REQUEST_HEAD_BYTES = 8 * 1024;
/** The most bytes the listener reads: the longest head and the blank line that ends it. */
export const MAX_REQUEST_HEAD_READ = MAX_REQUEST_HEAD_BYTES + 4;

export type RequestHeadResult = { kind: 'need-more' } | { kind: 'request'; host: string | null } | { kind: 'invalid'; reason: string };

const REQUEST_LINE = /^[A-Z]{1,20} \S{1,8000} HTTP\/1\.[01]$/;

export function parseRequestHead(data: Buffer): RequestHeadResult {
  const end = data.indexOf('\r\n\r\n');
  if (end === -1) return data.length > MAX_REQUEST_HEAD_BYTES ? invalid('the request head is too long') : { kind: 'need-more' };
  if (end > MAX_REQUEST_HEAD_BYTES) return invalid('the request head is too long');
  const [requestLine = '', ...fields] = data.subarray(0, end).toString('latin1').split('\r\n');
  if (!REQUEST_LINE.test(requestLine)) return invalid('not an HTTP/1 request line');
  const hosts = fields.filter((field) => /^host:/i.test(field));
  // RFC 9112 3.2: a request with more than one Host field is refused.
  if (hosts.length > 1) return invalid('two Host fields');
  if (hosts.length === 0) return { kind: 'request', host: null };
  // The port, if any, is not part of the name; an IPv6 literal or a bad name is simply no host to count.
  const value = hosts[0]!.slice(5).trim().replace(/:\d{1,5}$/, '');
  const parsed = parseHostname(value);
  return { kind: 'request', host: parsed.ok ? parsed.hostname : null };
}

function invalid(reason: string): { kind: 'invalid'; reason: string } {
  return { kind: 'invalid', reason };
}
