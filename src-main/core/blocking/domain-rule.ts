import type { DomainRejection } from '../../contract/blocking';
import { parseHostname } from './hostname';

/** One entry of a blocklist or allow list: a hostname, and whether the user wrote it as `*.hostname`. */
export interface DomainRule {
  readonly hostname: string;
  readonly wildcard: boolean;
}

export type DomainRuleResult = { ok: true; rule: DomainRule } | { ok: false; reason: DomainRejection };

const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Parses what a user typed or a list line held. Friendly where it is safe (surrounding spaces, a pasted
 * `https://host/` with nothing after the host) and strict everywhere else, with the reason.
 */
export function parseDomainRule(input: string): DomainRuleResult {
  if (/[\r\n\u2028\u2029]/.test(input)) return reject('newline');
  const text = input.trim();
  if (text === '') return reject('empty');
  if (text.includes('#')) return reject('comment');
  if (/\s/.test(text)) return reject('space');

  let host = text;
  if (URL_WITH_SCHEME.test(text)) {
    const bare = hostOfBareUrl(text);
    if (bare === null) return reject('url-with-path');
    host = bare;
  }

  const wildcard = host.startsWith('*.');
  if (wildcard) host = host.slice(2);
  if (host.includes('*')) return reject('wildcard-misplaced');

  const parsed = parseHostname(host);
  // Passing the validator's reason on unchanged also checks, at compile time, that the contract lists it.
  if (!parsed.ok) return reject(parsed.reason);
  return { ok: true, rule: { hostname: parsed.hostname, wildcard } };
}

/** The stored and exported form: `*.example.com` or `example.com`. */
export const formatDomainRule = (rule: DomainRule): string => (rule.wildcard ? `*.${rule.hostname}` : rule.hostname);

/** `https://www.reddit.com/` -> `www.reddit.com`; anything carrying a path, query, port or user -> null. */
function hostOfBareUrl(text: string): string | null {
  const scheme = /^(https?):\/\//i.exec(text);
  if (!scheme) return null;
  const rest = text.slice(scheme[0].length).replace(/\/$/, '');
  if (rest === '' || /[/?#@:\\]/.test(rest)) return null;
  return rest;
}

const reject = (reason: DomainRejection): DomainRuleResult => ({ ok: false, reason });
