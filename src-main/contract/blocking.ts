import { z } from 'zod';
import { call, event, noInput } from './define';
import { AppRuleRejection } from './apps';

/** The built-in lists the user toggles; their domains live in resources/blocklists/default-blocklists.json. */
export const BlocklistCategoryId = z.enum(['global-feeds', 'global-video', 'chinese-feeds', 'chinese-video', 'news']);
export type BlocklistCategoryId = z.infer<typeof BlocklistCategoryId>;

/**
 * Feeds and video are on by default, in both regions: they are the endless, algorithmic streams a focus session
 * exists to keep out, and a user in either region meets the other's sites too. News is off: many people need it
 * for work, and it is finite enough to be a choice rather than a default.
 */
export const DEFAULT_CATEGORIES: readonly BlocklistCategoryId[] = ['global-feeds', 'global-video', 'chinese-feeds', 'chinese-video'];

/** Google sign-in goes through accounts.youtube.com; blocking it would break logging in to work tools. */
export const DEFAULT_ALLOW: readonly string[] = ['accounts.youtube.com'];

/**
 * The sites an allowlist session ("only these sites") opens by default: papers, references and documentation. The
 * user adds their own in Settings.
 */
export const DEFAULT_ALLOW_ONLY_SITES: readonly string[] = ['arxiv.org', 'scholar.google.com', 'doi.org', 'wikipedia.org', 'developer.mozilla.org', 'docs.python.org'];
/**
 * The most sites the allowlist holds: Chromium reads at most 1,000 entries of its URLAllowlist, shared with the
 * organisation's own, and the guard takes at most 500 (guard/protocol.ts MAX_ALLOW_ONLY_SITES).
 */
export const MAX_ALLOW_ONLY_SITES = 200;

export const MAX_USER_DOMAINS = 1500;
export const MAX_ALLOW_EXCEPTIONS = 500;
/** Raw text from an input field; long enough that a 300-character label reaches the validator and gets its reason. */
export const MAX_DOMAIN_INPUT = 2000;
export const MAX_IMPORT_TEXT = 2_000_000;
export const MAX_REPORTED_REJECTIONS = 200;

/** The longest path a rule may carry (the guard's limit for a URL rule's path). */
export const MAX_RULE_PATH = 1024;

/**
 * A stored rule: a validated, lower-case ASCII hostname, optionally with a leading `*.`, optionally followed by a
 * path (`youtube.com/shorts`), which only browsers can enforce (core re-validates).
 */
export const DomainRuleText = z
  .string()
  .max(2 + 253 + MAX_RULE_PATH)
  .regex(/^(\*\.)?[a-z0-9.-]+(\/[A-Za-z0-9\-._~!$&'()+,;=:@%/]*)?$/, 'a lower-case ASCII hostname, optionally with a leading *. and a path');

/** Why a domain was refused; the renderer says each in both languages. */
export const DomainRejection = z.enum([
  'empty',
  'too-long',
  'label-too-long',
  'bad-character',
  'ip-address',
  'has-scheme-or-path',
  'bad-label',
  'single-label',
  'idn-invalid',
  'newline',
  'space',
  'comment',
  'url-unsupported',
  'query',
  'port',
  'path-bad-character',
  'path-too-long',
  'wildcard-misplaced',
  'not-a-block-address',
]);
export type DomainRejection = z.infer<typeof DomainRejection>;

export const BlockingPrefs = z
  .object({
    enabledCategories: z.array(BlocklistCategoryId).max(BlocklistCategoryId.options.length).default(() => [...DEFAULT_CATEGORIES]),
    /** The user's own sites, blocked whenever a session runs. */
    domains: z.array(DomainRuleText).max(MAX_USER_DOMAINS).default(() => []),
    /** Allow exceptions: win over every block, including expanded subdomains. */
    allow: z.array(DomainRuleText).max(MAX_ALLOW_EXCEPTIONS).default(() => [...DEFAULT_ALLOW]),
    /**
     * Whether a session also asks browsers, through their managed policies, to block (paths included) and to keep
     * DNS over HTTPS off; Chrome and Edge then say "managed by your organisation". Off: the hosts file alone.
     */
    browserPolicies: z.boolean().default(true),
    /**
     * The sites an allowlist session opens in browsers (every other is blocked there through their policies; other
     * programs still reach the network). The blocklist still applies on top.
     */
    allowOnlySites: z.array(DomainRuleText).max(MAX_ALLOW_ONLY_SITES).default(() => [...DEFAULT_ALLOW_ONLY_SITES]),
    /** The user has read the notice that browser policies make browsers say "managed" (shown once, then not again). */
    browserPoliciesNoticeDismissed: z.boolean().default(false),
  })
  .strict();
export type BlockingPrefs = z.infer<typeof BlockingPrefs>;

const Version = z.string().max(64);

/** The browsers the guard can cover with managed policies. */
export const BrowserId = z.enum(['chrome', 'chromium', 'edge', 'brave', 'vivaldi', 'firefox']);
export type BrowserId = z.infer<typeof BrowserId>;
/** One browser as the guard sees it now: installed, whether our policy is in force in it, or why not. */
export const BrowserCoverage = z
  .object({ id: BrowserId, installed: z.boolean(), policyActive: z.boolean(), problem: z.string().max(500).nullable() })
  .strict();
export type BrowserCoverage = z.infer<typeof BrowserCoverage>;
/**
 * The reach counter during a lease (docs/blocking.md, "The reach counter"): `counting` while blocked hosts point at the guard's
 * loopback listener; `fallback` when it could not listen (they point at 0.0.0.0, nothing is counted), with why.
 */
export const ReachCounterState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('counting'), address: z.string().max(64) }).strict(),
  z
    .object({
      state: z.literal('fallback'),
      problem: z.enum(['disabled', 'port-in-use', 'address-unavailable', 'not-permitted', 'failed']),
      port: z.number().int().min(1).max(65535).nullable(),
    })
    .strict(),
]);
export type ReachCounterState = z.infer<typeof ReachCounterState>;

/** The guard as the app can honestly see it; each state says what the user can do next. */
export const GuardStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not-installed') }).strict(),
  /** Installed (its files are there) but its socket does not answer. */
  z.object({ state: z.literal('not-running'), detail: z.string().max(500) }).strict(),
  z.object({ state: z.literal('version-mismatch'), guardVersion: Version, appVersion: Version }).strict(),
  z
    .object({
      state: z.literal('running'),
      version: Version,
      lease: z
        .object({
          sessionId: z.string().max(200),
          endsAt: z.number().int().nonnegative(),
          locked: z.boolean(),
          /** The guard re-read the hosts file and found the block in place. */
          applied: z.boolean(),
          hostnameCount: z.number().int().nonnegative().max(1_000_000),
          /** Absent when the guard does not report one (an older guard). */
          reach: ReachCounterState.optional(),
        })
        .strict()
        .nullable(),
      /** Every browser the guard knows on this OS, with or without a lease (Settings lists them). */
      browsers: z.array(BrowserCoverage).max(32),
    })
    .strict(),
]);
export type GuardStatus = z.infer<typeof GuardStatus>;

/**
 * How the guard is installed from here: the OS's own admin prompt (Install, Repair and Uninstall buttons), commands a
 * person runs as root in a terminal where no prompt can be shown (Linux without pkexec or a polkit agent), or not at all.
 */
export const GuardInstallSupport = z.discriminatedUnion('via', [
  z.object({ via: z.literal('prompt') }).strict(),
  z
    .object({
      via: z.literal('terminal'),
      reason: z.enum(['no-pkexec', 'no-polkit-agent']),
      /** Installs, and repairs: the same command line the prompt would run, with sudo. */
      install: z.string().max(8192),
      uninstall: z.string().max(8192),
    })
    .strict(),
  z
    .object({
      via: z.literal('none'),
      /** `preview`: the development preview (`npm run preview:web`) leaves the machine's guard alone. */
      reason: z.enum(['preview', 'unsupported-platform', 'runtime-not-root-owned']),
      /** The binary the guard would run under, when that is why. */
      runtime: z.string().max(4096).optional(),
    })
    .strict(),
]);
export type GuardInstallSupport = z.infer<typeof GuardInstallSupport>;

export const BlocklistCategoryState = z
  .object({
    id: BlocklistCategoryId,
    names: z.object({ en: z.string().max(100), 'zh-CN': z.string().max(100) }).strict(),
    enabled: z.boolean(),
    domains: z.array(z.string().max(255)).max(1000),
    /** Feeds inside sites the list does not block whole (`youtube.com/shorts`): enforced by browsers only. */
    paths: z.array(DomainRuleText).max(50),
    hostnameCount: z.number().int().nonnegative().max(1_000_000),
  })
  .strict();

/**
 * Where a rule takes effect in a session: `system-wide` through the hosts file (every program), `browsers` through
 * their managed policies only (a path, or a site left to the browsers for a path exception), `nowhere` (a path
 * rule while browser policies are off).
 */
export const RuleReach = z.enum(['system-wide', 'browsers', 'nowhere']);
export type RuleReach = z.infer<typeof RuleReach>;

export const RuleEntry = z.object({ rule: DomainRuleText, reach: RuleReach }).strict();
export type RuleEntry = z.infer<typeof RuleEntry>;

export const BlockingState = z
  .object({
    categories: z.array(BlocklistCategoryState).max(20),
    domains: z.array(RuleEntry).max(MAX_USER_DOMAINS),
    allow: z.array(RuleEntry).max(MAX_ALLOW_EXCEPTIONS),
    /** The allowlist, each site with whether the blocklist keeps it blocked all the same in an allowlist session. */
    allowOnlySites: z.array(z.object({ rule: DomainRuleText, blocked: z.boolean() }).strict()).max(MAX_ALLOW_ONLY_SITES),
    allowOnlyLimit: z.number().int().positive().max(10_000),
    browserPolicies: z.boolean(),
    /** Hostnames a session would block now (after expansion and allow exceptions), and the most a lease may carry. */
    hostnameCount: z.number().int().nonnegative().max(1_000_000),
    hostnameLimit: z.number().int().positive().max(1_000_000),
    guard: GuardStatus,
    install: GuardInstallSupport,
  })
  .strict();
export type BlockingState = z.infer<typeof BlockingState>;

/**
 * The user's own apps travel in the same plain-text file as their sites (issue 21), one a line, marked
 * `app:<kind> <rule>` (`app:path /opt/SomeChat/somechat`, `app:flatpak im.riot.Riot`): the kind is one of
 * `OwnAppKind`, and the rule is the rest of the line as it stands (a path may hold `#`, so an app line takes no
 * trailing comment).
 */
export const APP_LINE_PREFIX = 'app:';

/** Why an app line was refused: its kind is not one, or the rule's own reason (`base/apps/app-rule.ts`). */
export const AppLineRejection = z.union([AppRuleRejection, z.literal('unknown-app-kind')]);
export type AppLineRejection = z.infer<typeof AppLineRejection>;

const RejectedLine = z.object({ line: z.number().int().positive(), text: z.string().max(200) });

export const ImportReport = z
  .object({
    added: z.number().int().nonnegative(),
    alreadyPresent: z.number().int().nonnegative(),
    /** System lines of a hosts file (localhost, broadcasthost) that are not blocks and were skipped. */
    ignored: z.number().int().nonnegative(),
    /** The app lines' own counts: added to the user's own apps in the same write as the sites. */
    apps: z.object({ added: z.number().int().nonnegative(), alreadyPresent: z.number().int().nonnegative() }).strict(),
    rejected: z
      .array(z.union([RejectedLine.extend({ reason: DomainRejection }).strict(), RejectedLine.extend({ app: z.literal(true), reason: AppLineRejection }).strict()]))
      .max(MAX_REPORTED_REJECTIONS),
    rejectedTotal: z.number().int().nonnegative(),
  })
  .strict();
export type ImportReport = z.infer<typeof ImportReport>;

export const ExportFormat = z.enum(['plain', 'hosts']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const BlockTestResult = z
  .object({
    hostname: z.string().max(255),
    /** `mixed`: the block addresses and others (a line of the user's own); programs that pick another still connect. */
    outcome: z.enum(['blocked', 'mixed', 'not-blocked', 'not-resolved']),
    addresses: z.array(z.string().max(64)).max(64),
    /** The resolver's error code when nothing resolved (e.g. ENOTFOUND). */
    error: z.string().max(100).optional(),
  })
  .strict();
export type BlockTestResult = z.infer<typeof BlockTestResult>;

const DomainInput = z.object({ domain: z.string().max(MAX_DOMAIN_INPUT) }).strict();
const StoredDomain = z.object({ domain: DomainRuleText }).strict();

/** The refusals this domain's calls answer with; errors.ts joins every domain's into `ErrorCode`. */
export const blockingErrorCodes = [
  'domain-invalid',
  'guard-refused',
  'blocklist-too-large',
  'blocklist-empty',
  /** The allowlist holds MAX_ALLOW_ONLY_SITES already. */
  'allowlist-full',
  'guard-install-unavailable',
  'guard-install-failed',
] as const;

export const blockingContract = {
  state: call(noInput, BlockingState),
  setCategory: call(z.object({ id: BlocklistCategoryId, enabled: z.boolean() }).strict(), BlockingState),
  setBrowserPolicies: call(z.object({ enabled: z.boolean() }).strict(), BlockingState),
  addDomain: call(DomainInput, BlockingState),
  removeDomain: call(StoredDomain, BlockingState),
  addAllow: call(DomainInput, BlockingState),
  removeAllow: call(StoredDomain, BlockingState),
  /** The allowlist of "only these sites" sessions. */
  addAllowOnlySite: call(DomainInput, BlockingState),
  removeAllowOnlySite: call(StoredDomain, BlockingState),
  import: call(
    z.object({ text: z.string().max(MAX_IMPORT_TEXT) }).strict(),
    z.object({ report: ImportReport, state: BlockingState }).strict(),
  ),
  export: call(
    z.object({ format: ExportFormat }).strict(),
    z.object({ text: z.string().max(10_000_000), fileName: z.string().max(100) }).strict(),
  ),
  guardInstall: call(noInput, BlockingState),
  guardRepair: call(noInput, BlockingState),
  guardUninstall: call(noInput, BlockingState),
  /** Resolves one host through the system resolver (which reads the hosts file); a blocked one by default. */
  testBlock: call(z.object({ hostname: z.string().max(MAX_DOMAIN_INPUT).optional() }).strict(), BlockTestResult),
  changed: event(BlockingState),
};

/**
 * Why sites are not blocked in a session, each with the details its message needs. `guard-refused` carries the
 * guard's own refusal code (src-main/guard/protocol.ts), shown as it is.
 */
export const BlockingUnavailable = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('guard-not-installed') }).strict(),
  z.object({ reason: z.literal('guard-not-running') }).strict(),
  z.object({ reason: z.literal('guard-refused'), code: z.string().min(1).max(60) }).strict(),
  z.object({ reason: z.literal('blocklist-empty') }).strict(),
  z.object({ reason: z.literal('blocklist-too-large'), count: z.number().int().nonnegative(), limit: z.number().int().nonnegative() }).strict(),
]);
export type BlockingUnavailable = z.infer<typeof BlockingUnavailable>;

/** An active block, and what undermines it: ports 80/443 answered on loopback also answer for blocked sites. */
export const BlockingActive = z
  .object({
    localServerPorts: z.array(z.number().int().min(1).max(65535)).max(10),
    /** Whether reaches for blocked sites are counted this session; absent in statuses recorded before the counter. */
    reach: ReachCounterState.optional(),
  })
  .strict();
export type BlockingActive = z.infer<typeof BlockingActive>;
