import { MAX_RULE_PATH, type DomainRejection } from '../../contract/blocking';
import { parseHostname } from '../../base/hostname';

/**
 * One entry of a blocklist or allow list: a hostname, whether the user wrote it as `*.hostname`, and a path
 * prefix (`/shorts`) or null for the whole site. Only browsers can enforce a path; the hosts file takes whole hosts.
 */
export interface DomainRule {
  readonly hostname: string;
  readonly wildcard: boolean;
  readonly path: string | null;
}

export type DomainRuleResult = { ok: true; rule: DomainRule } | { ok: false; reason: DomainRejection };

const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** What a path may hold once non-ASCII is percent-encoded: RFC 3986 path characters, without `*` (a wildcard to browsers). */
const PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()+,;=:@%/]+$/;

/**
 * Parses what a user typed or a list line held: `example.com`, `*.example.com`, `example.com/shorts`, or a pasted
 * `https://example.com/shorts`. Friendly where it is safe (surrounding spaces, a trailing slash, a scheme) and
 * strict everywhere else, with the reason.
 */
export function parseDomainRule(input: string): DomainRuleResult {
  if (/[\r\n\u2028\u2029]/.test(input)) return reject('newline');
  const text = input.trim();
  if (text === '') return reject('empty');
  if (text.includes('#')) return reject('comment');
  if (/\s/.test(text)) return reject('space');

  let rest = text;
  const scheme = URL_WITH_SCHEME.exec(text);
  if (scheme) {
    if (!/^https?:\/\/$/i.test(scheme[0])) return reject('url-unsupported');
    rest = text.slice(scheme[0].length);
  }
  const split = rest.search(/[/?]/);
  let host = split === -1 ? rest : rest.slice(0, split);
  const tail = split === -1 ? '' : rest.slice(split);
  if (scheme && (host === '' || host.includes('@'))) return reject('url-unsupported');
  if (tail.includes('?')) return reject('query');

  const wildcard = host.startsWith('*.');
  if (wildcard) host = host.slice(2);
  if (host.includes('*')) return reject('wildcard-misplaced');
  if (host.includes(':')) {
    // `::1` is an address, `example.com:8080` a port: the hostname validator tells them apart.
    const asHost = parseHostname(host);
    return reject(!asHost.ok && asHost.reason === 'ip-address' ? 'ip-address' : 'port');
  }

  const parsed = parseHostname(host);
  // Passing the validator's reason on unchanged also checks, at compile time, that the contract lists it.
  if (!parsed.ok) return reject(parsed.reason);
  const path = parsePath(tail);
  if (!path.ok) return reject(path.reason);
  return { ok: true, rule: { hostname: parsed.hostname, wildcard, path: path.path } };
}

/** The stored and exported form: `*.example.com`, `example.com` or `example.com/shorts`. */
export const formatDomainRule = (rule: DomainRule): string => `${rule.wildcard ? '*.' : ''}${rule.hostname}${rule.path ?? ''}`;

/**
 * `/shorts/` -> `/shorts`, `/` or nothing -> null (the whole site). Non-ASCII is percent-encoded as a browser
 * would send it; case is kept (paths are case-sensitive). Dot segments are refused: browsers resolve them away
 * before matching, so such a rule would never apply.
 */
function parsePath(tail: string): { ok: true; path: string | null } | { ok: false; reason: DomainRejection } {
  const trimmed = tail.replace(/\/+$/, '');
  if (trimmed === '') return { ok: true, path: null };
  if (trimmed.length > MAX_RULE_PATH) return { ok: false, reason: 'path-too-long' };
  // A lone surrogate cannot be encoded (encodeURIComponent throws): it is no character a URL can hold.
  if (/\p{Cs}/u.test(trimmed)) return { ok: false, reason: 'path-bad-character' };
  const encoded = trimmed.replace(/\P{ASCII}/gu, (character) => encodeURIComponent(character));
  if (encoded.length > MAX_RULE_PATH) return { ok: false, reason: 'path-too-long' };
  const wellFormed =
    PATH_CHARACTERS.test(encoded) &&
    !/%(?![0-9A-Fa-f]{2})/.test(encoded) &&
    !encoded.split('/').some((segment) => segment === '.' || segment === '..');
  return wellFormed ? { ok: true, path: encoded } : { ok: false, reason: 'path-bad-character' };
}

const reject = (reason: DomainRejection): DomainRuleResult => ({ ok: false, reason });
