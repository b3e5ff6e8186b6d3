import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

/**
 * The one validator of a single hostname, shared by the app's domain rules and the privileged guard (which
 * re-validates every hostname it is given). Whatever passes is safe to write into a hosts file line.
 */
export type HostnameRejection =
  | 'empty'
  | 'too-long'
  | 'label-too-long'
  | 'bad-character'
  | 'ip-address'
  | 'has-scheme-or-path'
  | 'bad-label'
  | 'single-label'
  | 'idn-invalid';

export type HostnameResult = { ok: true; hostname: string } | { ok: false; reason: HostnameRejection };

export const MAX_HOSTNAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
/** Longer input is refused before any parsing, so a huge string costs nothing. */
const MAX_INPUT_LENGTH = 1024;

const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
// A numeric (or 0x-hex) last label makes URL parsers read the whole name as an IPv4 address ("1.2.3").
const NUMERIC_LABEL = /^(?:\d+|0x[0-9a-f]*)$/;

export function parseHostname(input: string): HostnameResult {
  const trimmed = input.trim().toLowerCase();
  if (trimmed === '') return reject('empty');
  if (trimmed.length > MAX_INPUT_LENGTH) return reject('too-long');
  if (isIP(trimmed) !== 0 || isIP(trimmed.replace(/^\[(.*)\]$/, '$1')) !== 0) return reject('ip-address');
  if (/[/\\:?]/.test(trimmed)) return reject('has-scheme-or-path');

  // ASCII is judged as typed (so "a b" is a bad character); only then does non-ASCII go through IDNA mapping.
  if (/\p{ASCII}/u.test(trimmed.replace(/[a-z0-9.-]/g, ''))) return reject('bad-character');
  const ascii = /\P{ASCII}/u.test(trimmed) ? domainToASCII(trimmed) : trimmed;
  if (ascii === '') return reject('idn-invalid');
  if (!/^[a-z0-9.-]+$/.test(ascii)) return reject('idn-invalid');

  const hostname = ascii.endsWith('.') ? ascii.slice(0, -1) : ascii;
  const labels = hostname.split('.');
  if (labels.some((label) => label.length > MAX_LABEL_LENGTH)) return reject('label-too-long');
  if (hostname.length > MAX_HOSTNAME_LENGTH) return reject('too-long');
  if (!labels.every((label) => LABEL.test(label))) return reject('bad-label');
  if (NUMERIC_LABEL.test(labels[labels.length - 1] ?? '')) return reject('ip-address');
  if (labels.length < 2) return reject('single-label');
  // Punycode labels ("xn--") typed as ASCII must decode; the round trip through IDNA rejects broken ones.
  if (domainToASCII(hostname) !== hostname) return reject('idn-invalid');
  return { ok: true, hostname };
}

function reject(reason: HostnameRejection): HostnameResult {
  return { ok: false, reason };
}
