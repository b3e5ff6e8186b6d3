import { z } from 'zod';
import { BlocklistCategoryId } from '../../contract/blocking';
import raw from '../../../resources/blocklists/default-blocklists.json' with { type: 'json' };
import { formatDomainRule, parseDomainRule } from './domain-rule';
import { parseHostname } from '../../base/hostname';

/** A site and the subdomains that serve it; the apex, `www.` and `m.` are added by expansion. */
export interface BlocklistSite {
  readonly domain: string;
  readonly subdomains: readonly string[];
}

export interface BlocklistCategory {
  readonly id: BlocklistCategoryId;
  readonly names: { readonly en: string; readonly 'zh-CN': string };
  readonly sites: readonly BlocklistSite[];
  /** Feeds inside a site the category does not block whole, as stored rules (`youtube.com/shorts`): browsers only. */
  readonly paths: readonly string[];
}

export interface BlocklistData {
  readonly categories: readonly BlocklistCategory[];
  /** Work tools no built-in list may reach: exact hosts, and whole trees. */
  readonly neverBlock: { readonly hosts: readonly string[]; readonly trees: readonly string[] };
}

/** A path rule exactly as stored: canonical, and with a path (a whole site belongs in `sites`). */
const CanonicalPathRule = z.string().refine((value) => {
  const parsed = parseDomainRule(value);
  return parsed.ok && parsed.rule.path !== null && !parsed.rule.wildcard && formatDomainRule(parsed.rule) === value;
}, 'not a canonical path rule');

/** A hostname exactly as stored: already lower-case ASCII, so validation must not change it. */
const CanonicalHostname = z.string().refine((value) => {
  const parsed = parseHostname(value);
  return parsed.ok && parsed.hostname === value;
}, 'not a canonical hostname');

const Site = z
  .object({ domain: CanonicalHostname, subdomains: z.array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/)) })
  .strict()
  .refine((site) => site.subdomains.every((sub) => CanonicalHostname.safeParse(`${sub}.${site.domain}`).success), 'a subdomain does not validate');

const Data = z
  .object({
    $comment: z.string().optional(),
    version: z.literal(1),
    categories: z
      .array(
        z
          .object({
            id: BlocklistCategoryId,
            names: z.object({ en: z.string().min(1).max(100), 'zh-CN': z.string().min(1).max(100) }).strict(),
            sites: z.array(Site).min(1),
            paths: z.array(CanonicalPathRule).max(50).default([]),
          })
          .strict(),
      )
      .refine((categories) => new Set(categories.map((c) => c.id)).size === BlocklistCategoryId.options.length, 'each category exactly once'),
    neverBlock: z
      .object({ $comment: z.string().optional(), hosts: z.array(CanonicalHostname), trees: z.array(CanonicalHostname) })
      .strict(),
  })
  .strict();

/** Parses list data (ours, shipped with the app) as strictly as anything read from disk. */
export function parseBlocklistData(input: unknown): BlocklistData {
  const { categories, neverBlock } = Data.parse(input);
  return { categories, neverBlock: { hosts: neverBlock.hosts, trees: neverBlock.trees } };
}

export const defaultBlocklists: BlocklistData = parseBlocklistData(raw);
