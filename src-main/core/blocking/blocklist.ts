import type { BlocklistCategoryId, BlockingPrefs } from '../../contract/blocking';
import type { BlocklistData } from './default-blocklists';
import { parseDomainRule, type DomainRule } from './domain-rule';
import { MAX_LEASE_HOSTNAMES } from '../../guard/protocol';
import { parseHostname } from './hostname';

export type Expansion =
  | { ok: true; hostnames: string[] }
  | { ok: false; reason: 'too-many-hostnames'; count: number; limit: number };

/**
 * What a session blocks: the enabled categories plus the user's domains, minus the allow exceptions, expanded
 * into the hostnames a hosts file can hold (it has no wildcards).
 */
export class Blocklist {
  private readonly knownSubdomains = new Map<string, readonly string[]>();
  private readonly allowRules: DomainRule[];
  private readonly allowedHosts: Set<string>;

  constructor(
    private readonly data: BlocklistData,
    private readonly prefs: BlockingPrefs,
    private readonly limit: number = MAX_LEASE_HOSTNAMES,
  ) {
    for (const category of data.categories) {
      for (const site of category.sites) this.knownSubdomains.set(site.domain, site.subdomains);
    }
    this.allowRules = validRules(prefs.allow);
    this.allowedHosts = new Set(this.allowRules.flatMap((rule) => this.expandRule(rule)));
  }

  isEnabled(id: BlocklistCategoryId): boolean {
    return this.prefs.enabledCategories.includes(id);
  }

  /** Hostnames one category blocks on its own, after allow exceptions. */
  categoryHostnames(id: BlocklistCategoryId): string[] {
    const category = this.data.categories.find((c) => c.id === id);
    if (!category) return [];
    return this.blockable(category.sites.map((site) => ({ hostname: site.domain, wildcard: false })));
  }

  /** Everything a session would block now, deduplicated, in list order; refused whole past the lease's cap. */
  expandToHostnames(): Expansion {
    const rules: DomainRule[] = [];
    for (const category of this.data.categories) {
      if (!this.isEnabled(category.id)) continue;
      for (const site of category.sites) rules.push({ hostname: site.domain, wildcard: false });
    }
    rules.push(...validRules(this.prefs.domains));
    const hostnames = this.blockable(rules);
    if (hostnames.length > this.limit) return { ok: false, reason: 'too-many-hostnames', count: hostnames.length, limit: this.limit };
    return { ok: true, hostnames };
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

  isAllowed(hostname: string): boolean {
    if (this.allowedHosts.has(hostname)) return true;
    return this.allowRules.some((rule) => rule.wildcard && (hostname === rule.hostname || hostname.endsWith(`.${rule.hostname}`)));
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

function stripWww(hostname: string): string {
  const rest = hostname.startsWith('www.') ? hostname.slice(4) : hostname;
  return rest.includes('.') ? rest : hostname;
}
