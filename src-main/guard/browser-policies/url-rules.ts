import { parseHostname } from '../../base/hostname';
import type { UrlRule, UrlRules } from '../protocol';

/**
 * URL rules as the guard re-validates them (GUARD.md invariant 2), and as each browser family writes them. Only what
 * passes here reaches a policy file, so nothing from the socket can put a wildcard, a scheme or a quote into one.
 */

/** Path characters allowed: RFC 3986 path characters and '%' escapes; no '*', '?', '#', space, quote or control. */
const PATH = /^\/[A-Za-z0-9\-._~!$&'()+,;=:@/%]*$/;
const PERCENT_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
export const MAX_URL_RULE_PATH = 1024;

export type UrlRuleResult = { ok: true; rules: UrlRules } | { ok: false; message: string };

/** Validates and normalises every rule; one bad rule refuses the whole set. Duplicates are dropped, order kept. */
export function parseUrlRules(input: UrlRules): UrlRuleResult {
  const out: UrlRules = { block: [], allow: [] };
  for (const kind of ['block', 'allow'] as const) {
    const seen = new Set<string>();
    for (const raw of input[kind]) {
      const host = parseHostname(raw.host);
      if (!host.ok) return { ok: false, message: `URL rule host rejected (${host.reason}): ${JSON.stringify(raw.host.slice(0, 100))}` };
      const path = raw.path;
      if (path.length > MAX_URL_RULE_PATH || !PATH.test(path) || PERCENT_ESCAPE.test(path)) {
        return { ok: false, message: `URL rule path rejected: ${JSON.stringify(path.slice(0, 100))}` };
      }
      const key = ruleKey({ host: host.hostname, path });
      if (seen.has(key)) continue;
      seen.add(key);
      out[kind].push({ host: host.hostname, path });
    }
  }
  return { ok: true, rules: out };
}

export function ruleKey(rule: UrlRule): string {
  return `${rule.host}${rule.path}`;
}

/**
 * Chromium's URL filter format: `host/path` matches the host, its subdomains and every path starting with `path`
 * (a bare host is the whole site). Chromium applies the most specific filter, and an allowlist entry over a blocklist
 * entry of the same specificity, so `youtube.com/watch` in URLAllowlist opens /watch inside a blocked youtube.com.
 */
export function chromiumPattern(rule: UrlRule): string {
  return rule.path === '/' ? rule.host : `${rule.host}${rule.path}`;
}

/**
 * Firefox's WebsiteFilter takes WebExtension match patterns: `*://*.host/path*` matches http and https, the host and
 * every subdomain, and every path starting with `path`.
 */
export function firefoxPattern(rule: UrlRule): string {
  return `*://*.${rule.host}${rule.path}*`;
}
