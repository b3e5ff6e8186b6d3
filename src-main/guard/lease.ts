import { readFile, rm } from 'node:fs/promises';
import { uptime } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { parseHostname } from '../base/hostname';
import { writeJsonAtomic } from '../base/atomic-file';
import { readBootId } from './boot-id';
import { parseUrlRuleList, parseUrlRules, ruleKey } from './browser-policies/url-rules';
import { checkLinuxAppRules, type AppRuleRefusal } from '../base/apps/app-rule';
import { checkMacAppRules } from '../base/apps/mac-app-rule';
import { checkWindowsAppRules } from '../base/apps/windows-app-rule';
import {
  AllowOnly,
  LeaseApps,
  LeaseMode,
  MAX_LEASE_APPS,
  MAX_LEASE_HOSTNAMES,
  MAX_LEASE_MS,
  MAX_URL_RULES,
  NO_LEASE_APPS,
  UrlRules,
  type LeaseApp,
  type LeaseRequest,
  type RefusalCode,
  type UrlRule,
} from './protocol';

/**
 * A lease: "block these hostnames for this session until then". Time is honest (guard invariant 7 in docs/ARCHITECTURE.md):
 * within one boot the end is measured as elapsed boot time (os.uptime: counts sleep, ignores wall-clock
 * changes), so moving the clock forward or back changes nothing. After a reboot the wall clock is all that is left,
 * and it may be wrong (a flat CMOS battery, a clock far behind): the remaining time is then also bounded by what must
 * have passed (at least this boot's uptime). Whatever the clocks say, it never exceeds the lease's original length.
 */

/** A moment as the guard sees it. `bootId` is null where none could be read (then a smaller uptime means a reboot). */
export interface Instant {
  wallMs: number;
  uptimeMs: number;
  bootId: string | null;
}

export interface GuardClock {
  now(): Instant;
}

let bootId: string | null | undefined;

export const systemGuardClock: GuardClock = {
  // Read once: the boot does not change under a running process, and on macOS and Windows it takes a command.
  now: () => ({ wallMs: Date.now(), uptimeMs: Math.round(uptime() * 1000), bootId: (bootId ??= readBootId(process.platform)) }),
};

export const StoredInstant = z.object({ wallMs: z.number(), uptimeMs: z.number(), bootId: z.string().max(100).nullable() }).strict();

export const Lease = z
  .object({
    sessionId: z.string().max(100),
    endsAt: z.number().int(),
    mode: LeaseMode,
    hostnames: z.array(z.string().max(253)).max(MAX_LEASE_HOSTNAMES),
    // Defaults: a lease saved by a guard from before browser policies has none.
    browserPolicies: z.boolean().default(false),
    urlRules: UrlRules.default({ block: [], allow: [] }),
    // A lease saved by a guard from before allowlist sessions is an ordinary one.
    allowOnly: AllowOnly.default(null),
    // A lease saved by a guard from before app enforcement closes no apps.
    apps: LeaseApps.default(NO_LEASE_APPS),
    takenAt: StoredInstant,
  })
  .strict();
export type Lease = z.infer<typeof Lease>;

export function sameBoot(then: Instant, now: Instant): boolean {
  return then.bootId !== null && now.bootId !== null ? then.bootId === now.bootId : now.uptimeMs >= then.uptimeMs;
}

/**
 * Time honestly known to have passed since `then`: boot time within one boot; after a reboot, at least this boot's
 * uptime and at least what the wall clock says (the machine may have been off for any time).
 */
export function elapsedSince(then: Instant, now: Instant): number {
  if (sameBoot(then, now)) return now.uptimeMs - then.uptimeMs;
  return Math.max(0, now.wallMs - then.wallMs, now.uptimeMs);
}

/** Milliseconds left on the lease at `now`; zero or less means it has ended. Never more than its original length. */
export function leaseRemainingMs(lease: Lease, now: Instant): number {
  const lengthMs = lease.endsAt - lease.takenAt.wallMs;
  return Math.min(lengthMs, lengthMs - elapsedSince(lease.takenAt, now));
}

/** The lease if it is still running at `now`, else null. */
export function activeLease(lease: Lease | null, now: Instant): Lease | null {
  return lease !== null && leaseRemainingMs(lease, now) > 0 ? lease : null;
}

export type Decision = { ok: true; lease: Lease | null } | { ok: false; code: RefusalCode; message: string };
export type Refusal = Extract<Decision, { ok: false }>;

/** What a lease blocks, without its session and times: also what a held schedule window carries (schedule-hold.ts). */
export type LeaseBlocks = Pick<Lease, 'hostnames' | 'browserPolicies' | 'urlRules' | 'allowOnly' | 'apps'>;

/**
 * What a lease (or a held window) asks to block, each hostname, URL rule and app rule through its one validator
 * (invariant 2), in canonical form; one bad entry, or nothing blocked at all, refuses the whole request.
 */
export function checkBlocks(request: Pick<LeaseRequest, 'hostnames' | 'browserPolicies' | 'urlRules' | 'allowOnly' | 'apps'>): { ok: true; blocks: LeaseBlocks } | Refusal {
  const hostnames = new Set<string>();
  for (const raw of request.hostnames) {
    const parsed = parseHostname(raw);
    if (!parsed.ok) return refuse('invalid-hostname', `Hostname rejected (${parsed.reason}): ${JSON.stringify(raw.slice(0, 100))}`);
    hostnames.add(parsed.hostname);
  }
  const urlRules = parseUrlRules(request.urlRules);
  if (!urlRules.ok) return refuse('invalid-url-rule', urlRules.message);
  let allowOnly: UrlRule[] | null = null;
  if (request.allowOnly !== null) {
    const sites = parseUrlRuleList(request.allowOnly);
    if (!sites.ok) return refuse('invalid-url-rule', sites.message);
    if (!request.browserPolicies) return refuse('bad-request', 'An allowlist session needs browser policies');
    allowOnly = sites.rules;
  }
  const checkedApps = checkApps(request.apps.entries);
  if (!checkedApps.ok) return checkedApps;
  const { browserPolicies } = request;
  // A session whose rules are all paths sends no whole host, one that only closes apps none at all; a lease that blocks nothing is a mistake.
  if (hostnames.size === 0 && !(browserPolicies && (urlRules.rules.block.length > 0 || allowOnly !== null)) && checkedApps.apps.length === 0) return refuse('bad-request', 'The lease blocks nothing');
  const { graceMs, openAppsWaitMs } = request.apps;
  return { ok: true, blocks: { hostnames: [...hostnames].sort(), browserPolicies, urlRules: urlRules.rules, allowOnly, apps: { entries: checkedApps.apps, graceMs, openAppsWaitMs } } };
}

/**
 * Everything either blocks, as narrow as either (a locked lease extended, a held window running with a session):
 * every host, blocked URL rule and app of both; an exception to a browser rule only if both make it; "only these
 * sites" if either says so, a site staying open only if every allowlist allows it; the shorter close grace of a side
 * that closes apps. `a`'s order first.
 */
export function unionOfBlocks(a: LeaseBlocks, b: LeaseBlocks): LeaseBlocks {
  const blocked = new Set(a.urlRules.block.map(ruleKey));
  const allowedByB = new Set(b.urlRules.allow.map(ruleKey));
  const asked = new Set(a.apps.entries.map(appKey));
  const narrower = b.apps.entries.length > 0;
  const allowedSitesOfB = new Set((b.allowOnly ?? []).map(ruleKey));
  return {
    hostnames: [...new Set([...a.hostnames, ...b.hostnames])].sort(),
    browserPolicies: a.browserPolicies || b.browserPolicies,
    urlRules: { block: [...a.urlRules.block, ...b.urlRules.block.filter((rule) => !blocked.has(ruleKey(rule)))], allow: a.urlRules.allow.filter((rule) => allowedByB.has(ruleKey(rule))) },
    allowOnly: b.allowOnly ? (a.allowOnly ?? b.allowOnly).filter((site) => allowedSitesOfB.has(ruleKey(site))) : a.allowOnly,
    apps: {
      entries: [...a.apps.entries, ...b.apps.entries.filter((app) => !asked.has(appKey(app)))],
      graceMs: narrower ? Math.min(a.apps.graceMs, b.apps.graceMs) : a.apps.graceMs,
      openAppsWaitMs: narrower ? Math.min(a.apps.openAppsWaitMs, b.apps.openAppsWaitMs) : a.apps.openAppsWaitMs,
    },
  };
}

/** Whether `wider` blocks at least everything `narrower` does, no more leniently (unionOfBlocks would add nothing). */
export function coversBlocks(wider: LeaseBlocks, narrower: LeaseBlocks): boolean {
  const { hostnames, browserPolicies, urlRules, allowOnly, apps } = wider;
  return JSON.stringify(unionOfBlocks(wider, narrower)) === JSON.stringify({ hostnames, browserPolicies, urlRules, allowOnly, apps });
}

/**
 * Whether a new lease is taken. Every hostname and app rule is re-validated here whatever the app checked
 * (invariant 2); one bad hostname or rule refuses the whole request. An active locked lease may be extended, never
 * shortened or narrowed: the new one keeps the later end, the union of hostnames and apps, the narrower allowlist,
 * the shorter close grace, and stays locked.
 */
export function decideLease(current: Lease | null, request: LeaseRequest, now: Instant): Decision {
  const checked = checkBlocks(request);
  if (!checked.ok) return checked;
  let blocks = checked.blocks;
  if (request.endsAt <= now.wallMs) return refuse('lease-in-past', 'The lease ends in the past');
  if (request.endsAt - now.wallMs > MAX_LEASE_MS) return refuse('lease-too-long', 'A lease may last at most 24 hours');

  let { endsAt, mode } = request;
  const takenAt = now;
  const locked = activeLease(current, now);
  if (locked?.mode === 'locked') {
    const currentEnd = now.wallMs + leaseRemainingMs(locked, now);
    if (endsAt < currentEnd) return refuse('locked', 'A locked lease cannot be shortened before it ends');
    blocks = unionOfBlocks(blocks, locked);
    if (blocks.hostnames.length > MAX_LEASE_HOSTNAMES) return refuse('bad-request', `More than ${MAX_LEASE_HOSTNAMES} hostnames`);
    if (blocks.urlRules.block.length > MAX_URL_RULES) return refuse('bad-request', `More than ${MAX_URL_RULES} URL rules`);
    if (blocks.apps.entries.length > MAX_LEASE_APPS) return refuse('bad-request', `More than ${MAX_LEASE_APPS} apps`);
    mode = 'locked';
    endsAt = Math.max(endsAt, currentEnd);
  }
  return { ok: true, lease: { sessionId: request.sessionId, endsAt, mode, ...blocks, takenAt } };
}

/**
 * Every rule of every app through its OS's one validator (base/apps/app-rule.ts, mac-app-rule.ts,
 * windows-app-rule.ts), kept in its canonical form; a rule that could reach a system process, or is not a rule at
 * all, refuses the lease whole, saying which (`wechat.windows.paths`; a Linux rule's field is named alone, as before).
 */
function checkApps(entries: readonly LeaseApp[]): { ok: true; apps: LeaseApp[] } | Refusal {
  const apps: LeaseApp[] = [];
  for (const entry of entries) {
    const linux = checkLinuxAppRules(entry.linux);
    const macos = checkMacAppRules(entry.macos);
    const windows = checkWindowsAppRules(entry.windows);
    const refusals: [string, AppRuleRefusal<string> | undefined][] = [['', linux.refused[0]], ['macos.', macos.refused[0]], ['windows.', windows.refused[0]]];
    const [prefix, first] = refusals.find(([, refusal]) => refusal !== undefined) ?? ['', undefined];
    if (first) return { ok: false, code: 'invalid-app-rule', message: `App rule rejected (${first.reason}) in ${entry.id}.${prefix}${first.field}: ${JSON.stringify(first.rule.slice(0, 100))}` };
    const { executables, paths, appImages, flatpaks, snaps } = linux.rules;
    apps.push({
      id: entry.id,
      linux: { executables: [...executables], paths: [...paths], appImages: [...appImages], flatpaks: [...flatpaks], snaps: [...snaps] },
      macos: { bundleIds: [...macos.rules.bundleIds], appPaths: [...macos.rules.appPaths] },
      windows: { imageNames: [...windows.rules.imageNames], paths: [...windows.rules.paths] },
    });
  }
  return { ok: true, apps };
}

/** An app is the same app only with the same id and the very same rules, on every OS. */
function appKey(app: LeaseApp): string {
  return JSON.stringify([app.id, app.linux.executables, app.linux.paths, app.linux.appImages, app.linux.flatpaks, app.linux.snaps, app.macos.bundleIds, app.macos.appPaths, app.windows.imageNames, app.windows.paths]);
}

/** Releasing ends the lease now, unless it belongs to another session or is locked and still running. */
export function decideRelease(current: Lease | null, sessionId: string, now: Instant): Decision {
  const active = activeLease(current, now);
  if (!active) return { ok: true, lease: null };
  if (active.sessionId !== sessionId) return refuse('other-session', 'The active lease belongs to another session');
  if (active.mode === 'locked') return refuse('locked', 'A locked lease cannot be released before it ends');
  return { ok: true, lease: null };
}

function refuse(code: RefusalCode, message: string): Refusal {
  return { ok: false, code, message };
}

/** The lease on disk in the guard's root-owned state folder. */
export class LeaseStore {
  constructor(private readonly stateDir: string) {}

  get path(): string {
    return join(this.stateDir, 'lease.json');
  }

  /** A missing file is no lease; an unreadable one is reported and treated as no lease (failing open is safe). */
  async load(): Promise<{ lease: Lease | null; error?: string }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lease: null };
      return { lease: null, error: `Cannot read the lease: ${(error as Error).message}` };
    }
    const parsed = Lease.safeParse(safeJson(text));
    return parsed.success ? { lease: parsed.data } : { lease: null, error: 'The stored lease is corrupt; treated as none' };
  }

  save(lease: Lease): Promise<void> {
    return writeJsonAtomic(this.path, lease, { mode: 0o600 });
  }

  clear(): Promise<void> {
    return rm(this.path, { force: true });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
