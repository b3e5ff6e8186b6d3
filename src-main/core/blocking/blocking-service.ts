import { lookup } from 'node:dns/promises';
import {
  BlocklistCategoryId,
  MAX_ALLOW_EXCEPTIONS,
  MAX_ALLOW_ONLY_SITES,
  MAX_USER_DOMAINS,
  type BlockTestResult,
  type BlockingPrefs,
  type BlockingState,
  type ExportFormat,
  type GuardInstallSupport,
  type GuardStatus,
  type ImportReport,
} from '../../contract/blocking';
import type { Settings, SettingsPatch } from '../../contract/settings';
import type { OwnApp } from '../../contract/apps';
import type { SessionBlocks } from '../../contract/session-window';
import { DomainError } from '../domain-error';
import type { SettingsService } from '../settings/settings-service';
import { Blocklist, type Expansion, type LeasePlan } from './blocklist';
import type { BlocklistData } from './default-blocklists';
import { formatDomainRule, parseDomainRule } from './domain-rule';
import { MAX_LEASE_HOSTNAMES } from '../guard-client/guard-client';
import { formatBlocklistText, parseBlocklistText } from './import-export';
import { SerialQueue } from '../../base/serial-queue';
import { GUARD_BLOCK_ADDRESSES } from '../guard-client/reach';

/** What the service asks of the guard's side: its status as the UI shows it, and the installer's three actions. */
export interface GuardControl {
  status(): Promise<GuardStatus>;
  /** Null where this app does not install (the development preview): the UI says why instead of offering a button. */
  readonly installer: GuardInstallActions | null;
}

export interface GuardInstallActions {
  /** Whether the actions below open an admin prompt, or only a person can run the install (and how), or nothing can. */
  support(): GuardInstallSupport;
  install(): Promise<void>;
  repair(): Promise<void>;
  uninstall(): Promise<void>;
}

/** `getaddrinfo` through Node: it reads the hosts file exactly as browsers and other programs do. */
export type Resolver = (hostname: string) => Promise<string[]>;

const systemResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** The host "Test the block" tries when the user names none: the best known one, if blocked. */
const PREFERRED_TEST_HOSTS = ['www.youtube.com', 'www.bilibili.com', 'www.reddit.com'];

/** The user's own apps, which travel in the same file as their sites (AppsService). */
export interface OwnAppsTransfer {
  own(): readonly OwnApp[];
  /** Adds `apps` in the same settings write as `alongside`, all or none (refused past the cap: nothing written). */
  importOwn(apps: readonly OwnApp[], alongside: SettingsPatch): Promise<{ added: number; alreadyPresent: number }>;
}

export interface BlockingServiceOptions {
  readonly settings: SettingsService;
  readonly data: BlocklistData;
  readonly guard: GuardControl;
  readonly ownApps: OwnAppsTransfer;
  readonly resolver?: Resolver;
}

type ListKey = 'domains' | 'allow' | 'allowOnlySites';

/**
 * The blocking preferences (categories, the user's domains, allow exceptions), kept in settings, and the
 * guard's state as the app can see it. It never blocks anything itself: a session does, through the guard.
 */
export class BlockingService {
  private readonly listeners = new Set<(state: BlockingState) => void>();
  private readonly changes = new SerialQueue();
  private readonly stopSettings: () => void;
  private lastPrefs: string;

  constructor(private readonly options: BlockingServiceOptions) {
    this.lastPrefs = JSON.stringify(options.settings.get().blocking);
    // Settings may change from elsewhere too (a settings.update from the renderer, a migration): follow them.
    this.stopSettings = options.settings.onChange((state) => this.prefsChanged(state.settings));
  }

  dispose(): void {
    this.stopSettings();
    this.listeners.clear();
  }

  onChange(listener: (state: BlockingState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener the state as it is now (the guard changed on its own: core's guard watch saw it). */
  async refresh(): Promise<void> {
    this.announce(await this.state());
  }

  /** The model as the prefs say now. */
  blocklist(): Blocklist {
    return new Blocklist(this.options.data, this.prefs());
  }

  /** The hostnames a session starting now would lease. */
  expandToHostnames(): Expansion {
    return this.blocklist().expandToHostnames();
  }

  /**
   * Everything a lease for a session starting now carries (hosts, the browsers' rules if they are on, an allowlist
   * session's sites): for the lists it names (a scheduled session), else (null) those enabled in Settings. The
   * allowed exceptions, the allowlist and the browser policies are Settings' either way.
   */
  leasePlan(blocks: SessionBlocks | null = null, allowOnly = false): LeasePlan {
    if (blocks === null) return this.blocklist().leasePlan(allowOnly);
    const prefs = this.prefs();
    return new Blocklist(this.options.data, { ...prefs, enabledCategories: blocks.sites, domains: blocks.ownSites ? prefs.domains : [] }).leasePlan(allowOnly);
  }

  async state(): Promise<BlockingState> {
    const prefs = this.prefs();
    const list = new Blocklist(this.options.data, prefs);
    const expansion = list.expandToHostnames();
    return {
      categories: this.options.data.categories.map((category) => ({
        id: category.id,
        names: { en: category.names.en, 'zh-CN': category.names['zh-CN'] },
        enabled: list.isEnabled(category.id),
        domains: category.sites.map((site) => site.domain),
        paths: [...category.paths],
        hostnameCount: list.categoryHostnames(category.id).length,
      })),
      domains: prefs.domains.map((rule) => ({ rule, reach: list.reach('domains', rule) })),
      allow: prefs.allow.map((rule) => ({ rule, reach: list.reach('allow', rule) })),
      allowOnlySites: prefs.allowOnlySites.map((rule) => ({ rule, blocked: list.blocksAllowOnlySite(rule) })),
      allowOnlyLimit: MAX_ALLOW_ONLY_SITES,
      browserPolicies: prefs.browserPolicies,
      hostnameCount: expansion.ok ? expansion.hostnames.length : expansion.count,
      hostnameLimit: MAX_LEASE_HOSTNAMES,
      guard: await this.options.guard.status(),
      install: this.options.guard.installer?.support() ?? { via: 'none', reason: 'preview' },
    };
  }

  setCategory(id: BlocklistCategoryId, enabled: boolean): Promise<BlockingState> {
    return this.change((prefs) => {
      const others = prefs.enabledCategories.filter((candidate) => candidate !== id);
      // Kept in the data's order, so the stored list does not depend on the order of clicks.
      const next = new Set(enabled ? [...others, id] : others);
      return { ...prefs, enabledCategories: BlocklistCategoryId.options.filter((candidate) => next.has(candidate)) };
    });
  }

  /** Whether sessions also write browser policies (paths, exceptions, DNS over HTTPS off). */
  setBrowserPolicies(enabled: boolean): Promise<BlockingState> {
    return this.change((prefs) => (prefs.browserPolicies === enabled ? prefs : { ...prefs, browserPolicies: enabled }));
  }

  addDomain(input: string): Promise<BlockingState> {
    return this.addRule('domains', input);
  }

  addAllow(input: string): Promise<BlockingState> {
    return this.addRule('allow', input);
  }

  /** A site an allowlist session opens; refused (nothing changed) when malformed or the allowlist is full. */
  addAllowOnlySite(input: string): Promise<BlockingState> {
    return this.addRule('allowOnlySites', input);
  }

  removeAllowOnlySite(text: string): Promise<BlockingState> {
    return this.change((prefs) => ({ ...prefs, allowOnlySites: prefs.allowOnlySites.filter((entry) => entry !== text) }));
  }

  removeDomain(text: string): Promise<BlockingState> {
    return this.change((prefs) => ({ ...prefs, domains: prefs.domains.filter((entry) => entry !== text) }));
  }

  removeAllow(text: string): Promise<BlockingState> {
    return this.change((prefs) => ({ ...prefs, allow: prefs.allow.filter((entry) => entry !== text) }));
  }

  /**
   * Adds every valid line to the user's domains, and every valid app line to their own apps, in one write; nothing
   * changes if the sites would not fit a lease or the apps the list.
   */
  async import(text: string): Promise<{ report: ImportReport; state: BlockingState }> {
    const parsed = parseBlocklistText(text);
    let added = 0;
    let alreadyPresent = 0;
    let apps = { added: 0, alreadyPresent: 0 };
    const write = async (blocking: BlockingPrefs) => {
      if (parsed.apps.length === 0) await this.options.settings.update({ blocking });
      else apps = await this.options.ownApps.importOwn(parsed.apps, { blocking });
    };
    const state = await this.change((prefs) => {
      const domains = [...prefs.domains];
      const present = new Set(domains);
      for (const rule of parsed.rules) {
        const entry = formatDomainRule(rule);
        if (present.has(entry)) {
          alreadyPresent += 1;
          continue;
        }
        present.add(entry);
        domains.push(entry);
        added += 1;
      }
      return { ...prefs, domains };
    }, write);
    return {
      report: { added, alreadyPresent, ignored: parsed.ignored, apps, rejected: parsed.rejected, rejectedTotal: parsed.rejectedTotal },
      state,
    };
  }

  /** The user's own domains (and, in plain text, their own apps) as a file (categories are built in and need no export). */
  export(format: ExportFormat): { text: string; fileName: string } {
    // A hosts file used elsewhere has no browser policies beside it: only whole exceptions leave hosts out.
    const list = new Blocklist(this.options.data, { ...this.prefs(), browserPolicies: false });
    const rules = this.prefs().domains.flatMap((entry) => {
      const parsed = parseDomainRule(entry);
      return parsed.ok ? [parsed.rule] : [];
    });
    const expand = (rule: (typeof rules)[number]) => list.expandRule(rule).filter((host) => !list.isAllowed(host));
    return {
      text: formatBlocklistText(format, rules, expand, this.options.ownApps.own()),
      fileName: format === 'plain' ? 'stillroom-blocklist.txt' : 'stillroom-blocklist.hosts',
    };
  }

  guardInstall(): Promise<BlockingState> {
    return this.runInstaller('install');
  }

  guardRepair(): Promise<BlockingState> {
    return this.runInstaller('repair');
  }

  guardUninstall(): Promise<BlockingState> {
    return this.runInstaller('uninstall');
  }

  /**
   * Resolves one host through the system resolver and says whether it answered with the block addresses.
   * Without a host named, it tries a blocked one (a well-known site first), so the answer is about the block.
   */
  async testBlock(input?: string): Promise<BlockTestResult> {
    const hostname = input === undefined ? this.defaultTestHost() : this.testHostFrom(input);
    const resolve = this.options.resolver ?? systemResolver;
    try {
      const addresses = (await resolve(hostname)).slice(0, 64);
      const blocking = addresses.filter((address) => GUARD_BLOCK_ADDRESSES.has(address)).length;
      const outcome = blocking === 0 ? 'not-blocked' : blocking === addresses.length ? 'blocked' : 'mixed';
      return { hostname, outcome, addresses };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'ERROR';
      return { hostname, outcome: 'not-resolved', addresses: [], error: String(code).slice(0, 100) };
    }
  }

  private defaultTestHost(): string {
    const expansion = this.expandToHostnames();
    const hostnames = expansion.ok ? expansion.hostnames : [];
    const preferred = PREFERRED_TEST_HOSTS.find((host) => hostnames.includes(host));
    const chosen = preferred ?? hostnames[0];
    if (!chosen) throw new DomainError('blocklist-empty', 'Nothing is on the blocklist to test');
    return chosen;
  }

  private testHostFrom(input: string): string {
    const parsed = parseDomainRule(input);
    if (!parsed.ok) throw new DomainError('domain-invalid', `Not a domain (${parsed.reason})`, { reason: parsed.reason });
    return parsed.rule.hostname;
  }

  private addRule(key: ListKey, input: string): Promise<BlockingState> {
    const parsed = parseDomainRule(input);
    if (!parsed.ok) {
      return Promise.reject(new DomainError('domain-invalid', `Not a domain (${parsed.reason})`, { reason: parsed.reason }));
    }
    const entry = formatDomainRule(parsed.rule);
    return this.change((prefs) => (prefs[key].includes(entry) ? prefs : { ...prefs, [key]: [...prefs[key], entry] }));
  }

  /** Every change: computed from the latest prefs, checked against the lease's cap, saved, then announced. */
  private change(
    edit: (prefs: BlockingPrefs) => BlockingPrefs,
    write: (prefs: BlockingPrefs) => Promise<unknown> = (blocking) => this.options.settings.update({ blocking }),
  ): Promise<BlockingState> {
    return this.changes.run(async () => {
      const before = this.prefs();
      const next = edit(before);
      if (next !== before) {
        this.checkFits(next);
        await write(next);
      }
      return this.state();
    });
  }

  private checkFits(prefs: BlockingPrefs): void {
    if (prefs.domains.length > MAX_USER_DOMAINS) {
      throw new DomainError('blocklist-too-large', `More than ${MAX_USER_DOMAINS} sites`, { count: prefs.domains.length, limit: MAX_USER_DOMAINS });
    }
    if (prefs.allowOnlySites.length > MAX_ALLOW_ONLY_SITES) {
      throw new DomainError('allowlist-full', `More than ${MAX_ALLOW_ONLY_SITES} sites on the allowlist`, { limit: MAX_ALLOW_ONLY_SITES });
    }
    if (prefs.allow.length > MAX_ALLOW_EXCEPTIONS) {
      throw new DomainError('blocklist-too-large', `More than ${MAX_ALLOW_EXCEPTIONS} allow exceptions`, { count: prefs.allow.length, limit: MAX_ALLOW_EXCEPTIONS });
    }
    const plan = new Blocklist(this.options.data, prefs).leasePlan();
    if (!plan.ok) {
      const what = plan.reason === 'too-many-hostnames' ? 'hostnames' : 'browser rules';
      throw new DomainError('blocklist-too-large', `${plan.count} ${what}, more than one lease holds`, { count: plan.count, limit: plan.limit });
    }
  }

  private async runInstaller(action: 'install' | 'repair' | 'uninstall'): Promise<BlockingState> {
    const installer = this.options.guard.installer;
    if (installer?.support().via !== 'prompt') throw new DomainError('guard-install-unavailable', 'No admin prompt can install the guard from here');
    try {
      await installer[action]();
    } catch (error) {
      // A failed prompt may have shown that none can be shown here (no polkit agent): Settings then offers the command.
      void this.refresh().catch(() => undefined);
      if (error instanceof DomainError) throw error;
      throw new DomainError('guard-install-failed', `${action} failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500), { action });
    }
    const state = await this.state();
    this.announce(state);
    return state;
  }

  private prefs(): BlockingPrefs {
    return this.options.settings.get().blocking;
  }

  private prefsChanged(settings: Settings): void {
    const serialized = JSON.stringify(settings.blocking);
    if (serialized === this.lastPrefs) return;
    this.lastPrefs = serialized;
    void this.state().then((state) => this.announce(state));
  }

  private announce(state: BlockingState): void {
    for (const listener of this.listeners) listener(state);
  }
}
