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
export type UrlRuleListResult = { ok: true; rules: UrlRule[] } | { ok: false; message: string };

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

/** One list of rules (an allowlist session's sites) through the same checks. */
export function parseUrlRuleList(input: readonly UrlRule[]): UrlRuleListResult {
  const parsed = parseUrlRules({ block: [], allow: [...input] });
  return parsed.ok ? { ok: true, rules: parsed.rules.allow } : parsed;
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

/**
 * What the browsers are told for a lease: its URL rules and, in an allowlist session ("only these sites"), the only
 * sites left open. Absent or null: an ordinary session, every site not blocked is open.
 */
export interface BrowserRules extends UrlRules {
  allowOnly?: readonly UrlRule[] | null;
}

/** Chromium's wildcard for every URL (internal chrome:// pages stay open). */
export const CHROMIUM_EVERY_URL = '*';
/** Firefox's match pattern for every URL. */
export const FIREFOX_EVERY_URL = '<all_urls>';

/**
 * The URLBlocklist and URLAllowlist entries of our rules. In an allowlist session everything is blocked, the allowed
 * sites are the only exceptions, and the session's blocks still apply on top: Chromium follows the most specific
 * filter, so a blocked path inside an allowed site stays blocked by itself, but an allowed site inside a blocked one
 * (m.youtube.com under youtube.com) would win and is left out, unless a blocklist exception opens it. The blocklist's
 * exceptions open nothing outside the allowlist, so they are not written.
 */
export function chromiumLists(rules: BrowserRules): { block: string[]; allow: string[] } {
  const block = rules.block.map(chromiumPattern);
  if (!rules.allowOnly) return { block, allow: rules.allow.map(chromiumPattern) };
  const open = openSites(rules, rules.allowOnly, (site, blocked) => within(site, blocked));
  return { block: [CHROMIUM_EVERY_URL, ...block], allow: open.map(chromiumPattern) };
}

/**
 * The WebsiteFilter Block and Exceptions entries of our rules. Firefox lets any exception win over any block, so in
 * an allowlist session an allowed site that a block touches at all (the same site, one above or below it, on a path
 * that overlaps) is left out, unless a blocklist exception opens it.
 */
export function firefoxLists(rules: BrowserRules): { block: string[]; allow: string[] } {
  const block = rules.block.map(firefoxPattern);
  if (!rules.allowOnly) return { block, allow: rules.allow.map(firefoxPattern) };
  const open = openSites(rules, rules.allowOnly, (site, blocked) => within(site, blocked) || within(blocked, site));
  return { block: [FIREFOX_EVERY_URL, ...block], allow: open.map(firefoxPattern) };
}

/** The allowed sites no block closes (as `closes` says for the browser family), or that an exception opens. */
function openSites(rules: UrlRules, allowOnly: readonly UrlRule[], closes: (site: UrlRule, block: UrlRule) => boolean): UrlRule[] {
  return allowOnly.filter((site) => !rules.block.some((block) => closes(site, block)) || rules.allow.some((exception) => within(site, exception)));
}

/** Whether `inner` is inside `outer`: the same host or a subdomain of it, and a path that starts with outer's. */
function within(inner: UrlRule, outer: UrlRule): boolean {
  const sameSite = inner.host === outer.host || inner.host.endsWith(`.${outer.host}`);
  return sameSite && inner.path.startsWith(outer.path);
}
