import type { BlocklistCategoryId, BlockingPrefs, RuleReach } from '../../contract/blocking';
import { MAX_LEASE_HOSTNAMES, MAX_URL_RULES, type UrlRule, type UrlRules } from '../guard-client/guard-client';
import type { BlocklistData } from './default-blocklists';
import { parseDomainRule, type DomainRule } from './domain-rule';
import { parseHostname } from '../../base/hostname';

export type Expansion =
  | { ok: true; hostnames: string[] }
  | { ok: false; reason: 'too-many-hostnames'; count: number; limit: number };

export type UrlRuleExpansion =
  | { ok: true; urlRules: UrlRules }
  | { ok: false; reason: 'too-many-url-rules'; count: number; limit: number };

/** Everything one lease carries from the blocklist: the hosts file's hostnames and, if on, the browsers' rules. */
export type LeasePlan =
  | { ok: true; hostnames: string[]; browserPolicies: boolean; urlRules: UrlRules; allowOnly: UrlRule[] | null }
  | { ok: false; reason: 'too-many-hostnames' | 'too-many-url-rules'; count: number; limit: number };

/**
 * What a session blocks: the enabled categories plus the user's rules, minus the allow exceptions. The hosts file
 * gets whole hosts only (it has no paths and no wildcards); browsers, through their managed policies, get every
 * rule as a host and a path prefix, exceptions included.
 *
 * A path exception (`youtube.com/watch`) inside a site blocked whole can only work in a browser: with browser
 * policies on, that site leaves the hosts file and the browsers hold it, exception and all. With them off, path
 * rules and path exceptions reach nowhere, and the reach says so.
 */
export class Blocklist {
  private readonly knownSubdomains = new Map<string, readonly string[]>();
  private readonly allowRules: DomainRule[];
  /** The allow rules that take hosts out of the hosts file: whole exceptions, and path ones left to browsers. */
  private readonly hostsAllowRules: DomainRule[];
  private readonly hostsAllowedHosts: Set<string>;
  private readonly wholeAllowedHosts: Set<string>;

  constructor(
    private readonly data: BlocklistData,
    private readonly prefs: BlockingPrefs,
    private readonly limit: number = MAX_LEASE_HOSTNAMES,
    private readonly urlRuleLimit: number = MAX_URL_RULES,
  ) {
    for (const category of data.categories) {
      for (const site of category.sites) this.knownSubdomains.set(site.domain, site.subdomains);
    }
    this.allowRules = validRules(prefs.allow);
    this.hostsAllowRules = this.allowRules.filter((rule) => rule.path === null || prefs.browserPolicies);
    this.hostsAllowedHosts = new Set(this.hostsAllowRules.flatMap((rule) => this.expandRule(rule)));
    this.wholeAllowedHosts = new Set(this.allowRules.filter((rule) => rule.path === null).flatMap((rule) => this.expandRule(rule)));
  }

  isEnabled(id: BlocklistCategoryId): boolean {
    return this.prefs.enabledCategories.includes(id);
  }

  /** Hostnames one category blocks on its own, after allow exceptions. */
  categoryHostnames(id: BlocklistCategoryId): string[] {
    const category = this.data.categories.find((c) => c.id === id);
    if (!category) return [];
    return this.blockable(category.sites.map(siteRule));
  }

  /** The hosts file's share of a session now: whole hosts, deduplicated, in list order; refused whole past the cap. */
  expandToHostnames(): Expansion {
    const whole = [...this.categoryRules(), ...validRules(this.prefs.domains)].filter((rule) => rule.path === null);
    const hostnames = this.blockable(whole);
    if (hostnames.length > this.limit) return { ok: false, reason: 'too-many-hostnames', count: hostnames.length, limit: this.limit };
    return { ok: true, hostnames };
  }

  /**
   * The browsers' share: every block rule as its site and path ('/' for a whole site) and every exception. A host
   * in a browser rule also covers its subdomains (as Chromium's URLBlocklist reads it), so work tools under a
   * built-in site (accounts.youtube.com under youtube.com) are allowed explicitly.
   */
  expandToUrlRules(): UrlRuleExpansion {
    const categories = this.categoryRules();
    const block = uniqueUrlRules([...categories, ...validRules(this.prefs.domains)].map(urlRuleOf));
    const { hosts, trees } = this.data.neverBlock;
    const underBuiltIn = [...hosts, ...trees].filter((host) =>
      categories.some((rule) => host.endsWith(`.${urlRuleOf(rule).host}`)),
    );
    const allow = uniqueUrlRules([...this.allowRules.map(urlRuleOf), ...underBuiltIn.map((host) => ({ host, path: '/' }))]);
    const count = Math.max(block.length, allow.length);
    if (count > this.urlRuleLimit) return { ok: false, reason: 'too-many-url-rules', count, limit: this.urlRuleLimit };
    return { ok: true, urlRules: { block, allow } };
  }

  /**
   * What a lease for a session starting now carries; the browsers' rules only when browser policies are on. An
   * allowlist session ("only these sites") is enforced by browsers alone, so it turns their policies on for its length
   * and carries the allowed sites; the blocklist applies as ever (hosts file and browser rules).
   */
  leasePlan(allowOnly = false): LeasePlan {
    const hosts = this.expandToHostnames();
    if (!hosts.ok) return hosts;
    if (!this.prefs.browserPolicies && !allowOnly) return { ok: true, hostnames: hosts.hostnames, browserPolicies: false, urlRules: { block: [], allow: [] }, allowOnly: null };
    const urls = this.expandToUrlRules();
    if (!urls.ok) return urls;
    return { ok: true, hostnames: hosts.hostnames, browserPolicies: true, urlRules: urls.urlRules, allowOnly: allowOnly ? this.allowOnlyRules() : null };
  }

  /** The allowlist's sites as browser rules (a leading `*.` adds nothing: a browser rule covers subdomains anyway). */
  allowOnlyRules(): UrlRule[] {
    return uniqueUrlRules(validRules(this.prefs.allowOnlySites).map(urlRuleOf));
  }

  /**
   * Whether an allowlist site stays blocked all the same in an allowlist session: the hosts file blocks its host, or
   * a browser rule blocks it (it lies inside a blocked site or path) and no exception opens it.
   */
  blocksAllowOnlySite(text: string): boolean {
    const parsed = parseDomainRule(text);
    if (!parsed.ok) return false;
    const site = urlRuleOf(parsed.rule);
    const hosts = this.expandToHostnames();
    if (hosts.ok && (hosts.hostnames.includes(site.host) || hosts.hostnames.includes(parsed.rule.hostname))) return true;
    const urls = this.expandToUrlRules();
    if (!urls.ok) return false;
    const inside = (outer: UrlRule) => (site.host === outer.host || site.host.endsWith(`.${outer.host}`)) && site.path.startsWith(outer.path);
    return urls.urlRules.block.some(inside) && !urls.urlRules.allow.some(inside);
  }

  /** Where one stored rule of the user's takes effect in a session, as the prefs say now. */
  reach(list: 'domains' | 'allow', text: string): RuleReach {
    const parsed = parseDomainRule(text);
    if (!parsed.ok) return 'nowhere';
    const rule = parsed.rule;
    if (rule.path !== null) return this.prefs.browserPolicies ? 'browsers' : 'nowhere';
    if (list === 'allow') return 'system-wide';
    const hosts = this.expandRule(rule);
    if (hosts.some((host) => !this.isAllowed(host))) return 'system-wide';
    // Out of the hosts file: for a path exception the browsers still hold the site; a whole exception frees it.
    return this.prefs.browserPolicies && hosts.some((host) => !this.isWhollyAllowed(host)) ? 'browsers' : 'nowhere';
  }

  /**
   * A rule stands for a site: its apex (a leading `www.` dropped), `www.`, `m.` and the subdomains the data
   * knows for it. `*.site` expands the same way: the hosts file cannot say "every subdomain".
   */
  expandRule(rule: DomainRule): string[] {
    const base = stripWww(rule.hostname);
    const known = this.knownSubdomains.get(base) ?? [];
    const candidates = [base, `www.${base}`, `m.${base}`, ...known.map((sub) => `${sub}.${base}`)];
    // A prefix can push a long name past 253 characters; such a host cannot exist, so it is simply left out.
    return candidates.filter((host) => {
      const parsed = parseHostname(host);
      return parsed.ok && parsed.hostname === host;
    });
  }

  /** Whether the hosts file leaves this host out (an exception, whole or, with browser policies, a path one). */
  isAllowed(hostname: string): boolean {
    return this.hostsAllowedHosts.has(hostname) || coveredByWildcard(this.hostsAllowRules, hostname);
  }

  private isWhollyAllowed(hostname: string): boolean {
    return this.wholeAllowedHosts.has(hostname) || coveredByWildcard(this.allowRules.filter((rule) => rule.path === null), hostname);
  }

  private categoryRules(): DomainRule[] {
    return this.data.categories
      .filter((category) => this.isEnabled(category.id))
      .flatMap((category) => [...category.sites.map(siteRule), ...validRules(category.paths)]);
  }

  private blockable(rules: readonly DomainRule[]): string[] {
    const seen = new Set<string>();
    for (const rule of rules) {
      for (const host of this.expandRule(rule)) {
        if (!this.isAllowed(host)) seen.add(host);
      }
    }
    return [...seen];
  }
}

/** Stored rules are re-validated: a hand-edited settings file must not put anything odd into a lease. */
function validRules(texts: readonly string[]): DomainRule[] {
  return texts.flatMap((text) => {
    const parsed = parseDomainRule(text);
    return parsed.ok ? [parsed.rule] : [];
  });
}

const siteRule = (site: { readonly domain: string }): DomainRule => ({ hostname: site.domain, wildcard: false, path: null });

/** A browser rule names the site (as the hosts file's expansion does, a leading `www.` dropped) and its path. */
const urlRuleOf = (rule: DomainRule): UrlRule => ({ host: stripWww(rule.hostname), path: rule.path ?? '/' });

function uniqueUrlRules(rules: readonly UrlRule[]): UrlRule[] {
  const seen = new Map<string, UrlRule>();
  for (const rule of rules) seen.set(`${rule.host}${rule.path}`, rule);
  return [...seen.values()];
}

function coveredByWildcard(rules: readonly DomainRule[], hostname: string): boolean {
  return rules.some((rule) => rule.wildcard && (hostname === rule.hostname || hostname.endsWith(`.${rule.hostname}`)));
}

function stripWww(hostname: string): string {
  const rest = hostname.startsWith('www.') ? hostname.slice(4) : hostname;
  return rest.includes('.') ? rest : hostname;
}
