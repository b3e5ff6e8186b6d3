import { posix, win32 } from 'node:path';
import { AppCategoryId, MAX_OWN_APPS, OPEN_APPS_WAIT_MS, OwnAppKind, type AppEntry, type AppsPrefs, type AppsState, type OwnApp } from '../../contract/apps';
import type { SessionBlocks } from '../../contract/session-window';
import { checkLinuxAppRule, type AppRuleResult } from '../../base/apps/app-rule';
import { checkMacAppRule } from '../../base/apps/mac-app-rule';
import { checkWindowsAppRule } from '../../base/apps/windows-app-rule';
import { SerialQueue } from '../../base/serial-queue';
import { DomainError } from '../domain-error';
import type { SettingsPatch } from '../../contract/settings';
import type { SettingsService } from '../settings/settings-service';
import type { AppCategory } from './default-apps';

export interface AppsServiceOptions {
  readonly settings: SettingsService;
  readonly categories: readonly AppCategory[];
  /** Whether this system has an enforcer (Linux, macOS, Windows). */
  readonly supported: boolean;
  /** The host's file picker (CoreHost.chooseFile): a path, or null when cancelled; absent where there is none. */
  readonly chooseFile?: () => Promise<string | null>;
  /** `process.platform`: which kinds of own rule the form offers. */
  readonly platform: string;
}

/** Where a user's own rule of each kind goes in a list entry, and which OS's validator checks it. */
const PLACE_OF: Record<OwnAppKind, { os: 'linux' | 'macos' | 'windows'; field: string; check: (rule: string) => AppRuleResult }> = {
  executable: { os: 'linux', field: 'executables', check: (rule) => checkLinuxAppRule('executable', rule) },
  path: { os: 'linux', field: 'paths', check: (rule) => checkLinuxAppRule('path', rule) },
  appImage: { os: 'linux', field: 'appImages', check: (rule) => checkLinuxAppRule('appImage', rule) },
  flatpak: { os: 'linux', field: 'flatpaks', check: (rule) => checkLinuxAppRule('flatpak', rule) },
  snap: { os: 'linux', field: 'snaps', check: (rule) => checkLinuxAppRule('snap', rule) },
  bundleId: { os: 'macos', field: 'bundleIds', check: (rule) => checkMacAppRule('bundleId', rule) },
  appPath: { os: 'macos', field: 'appPaths', check: (rule) => checkMacAppRule('appPath', rule) },
  imageName: { os: 'windows', field: 'imageNames', check: (rule) => checkWindowsAppRule('imageName', rule) },
  windowsPath: { os: 'windows', field: 'paths', check: (rule) => checkWindowsAppRule('windowsPath', rule) },
};

/** The kinds a user can add on each system (`process.platform`); elsewhere none. */
export function ownAppKindsFor(platform: string): readonly OwnAppKind[] {
  return OwnAppKind.options.filter((kind) => PLACE_OF[kind].os === OS_OF[platform]);
}

const OS_OF: Record<string, 'linux' | 'macos' | 'windows'> = { linux: 'linux', darwin: 'macos', win32: 'windows' };

/** Checks a user's own rule with its OS's one validator (base/apps/*-app-rule.ts). */
export function checkOwnAppRule(kind: OwnAppKind, rule: string): AppRuleResult {
  return PLACE_OF[kind].check(rule);
}

/**
 * The app lists' preferences (the switch, the categories, the user's own entries), kept in settings, and the list a
 * session starting now would close. It closes nothing itself: the apps protection does, during a session.
 */
export class AppsService {
  private readonly listeners = new Set<(state: AppsState) => void>();
  private readonly changes = new SerialQueue();
  private readonly stopSettings: () => void;
  private lastPrefs: string;

  constructor(private readonly options: AppsServiceOptions) {
    this.lastPrefs = JSON.stringify(options.settings.get().apps);
    // A settings.update from elsewhere (another window, a hand-edited file) changes the lists too.
    this.stopSettings = options.settings.onChange(({ settings }) => {
      const serialized = JSON.stringify(settings.apps);
      if (serialized === this.lastPrefs) return;
      this.lastPrefs = serialized;
      const state = this.state();
      for (const listener of this.listeners) listener(state);
    });
  }

  dispose(): void {
    this.stopSettings();
    this.listeners.clear();
  }

  onChange(listener: (state: AppsState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get supported(): boolean {
    return this.options.supported;
  }

  get enabled(): boolean {
    return this.prefs().enabled;
  }

  /** Between the polite close and the forced one, as the user set it (Settings → Apps); the guard's lease carries it too. */
  get closeGraceMs(): number {
    return this.prefs().closeGraceSeconds * 1000;
  }

  /** How long apps open at a session's start are left for the user to close: 0 unless they asked for the wait. */
  get openAppsWaitMs(): number {
    return this.prefs().waitForOpenApps ? OPEN_APPS_WAIT_MS : 0;
  }

  state(): AppsState {
    const prefs = this.prefs();
    return {
      enabled: prefs.enabled,
      supported: this.options.supported,
      categories: this.options.categories.map((category) => ({
        id: category.id,
        names: category.names,
        why: category.why,
        enabled: prefs.enabledCategories.includes(category.id),
        apps: category.apps.map(({ id, names }) => ({ id, names })),
      })),
      own: prefs.own,
      closeGraceSeconds: prefs.closeGraceSeconds,
      waitForOpenApps: prefs.waitForOpenApps,
      canChooseFile: this.options.chooseFile !== undefined,
      ownKinds: [...ownAppKindsFor(this.options.platform)],
    };
  }

  /**
   * What a session starting now closes: the apps of the categories it names (null: those enabled in Settings), then
   * the user's own unless it leaves them out, each its own app.
   */
  sessionList(blocks: SessionBlocks | null = null): AppEntry[] {
    const prefs = this.prefs();
    const categories = blocks?.apps ?? prefs.enabledCategories;
    const builtIn = this.options.categories.filter((category) => categories.includes(category.id)).flatMap((category) => category.apps);
    return [...builtIn, ...(blocks === null || blocks.ownApps ? prefs.own.map(ownEntry) : [])];
  }

  setEnabled(enabled: boolean): Promise<AppsState> {
    return this.change((prefs) => (prefs.enabled === enabled ? prefs : { ...prefs, enabled }));
  }

  setCategory(id: AppCategoryId, enabled: boolean): Promise<AppsState> {
    return this.change((prefs) => {
      const next = new Set(prefs.enabledCategories.filter((candidate) => candidate !== id));
      if (enabled) next.add(id);
      return { ...prefs, enabledCategories: AppCategoryId.options.filter((candidate) => next.has(candidate)) };
    });
  }

  /** Adds one rule, checked by the one validator: a rule that could reach a system process is refused with why. */
  addOwn({ kind, rule: input }: { kind: OwnAppKind; rule: string }): Promise<AppsState> {
    const checked = checkOwnAppRule(kind, input);
    if (!checked.ok) return Promise.reject(new DomainError('app-rule-refused', `Not an app rule (${checked.reason})`, { reason: checked.reason }));
    return this.change((prefs) => {
      if (prefs.own.some((own) => own.kind === kind && own.rule === checked.rule)) return prefs;
      if (prefs.own.length >= MAX_OWN_APPS) throw new DomainError('apps-too-many', `More than ${MAX_OWN_APPS} apps of your own`, { limit: MAX_OWN_APPS });
      return { ...prefs, own: [...prefs.own, { kind, rule: checked.rule }] };
    });
  }

  /**
   * "Choose a file…": the picked file as a `path` rule, or by its name as an `appImage` rule when it is one, through
   * the same validator as a typed rule; a refusal names the rule. Cancelled: nothing changes.
   */
  async addOwnFromFile(): Promise<AppsState> {
    const choose = this.options.chooseFile;
    if (!choose) throw new DomainError('app-file-chooser-unavailable', 'No file picker here');
    const file = await choose();
    if (file === null) return this.state();
    const own = ownAppOfFile(file);
    try {
      return await this.addOwn(own);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'app-rule-refused') throw new DomainError(error.code, error.message, { ...error.params, rule: own.rule.slice(0, 200) });
      throw error;
    }
  }

  setCloseGrace(seconds: number): Promise<AppsState> {
    return this.change((prefs) => (prefs.closeGraceSeconds === seconds ? prefs : { ...prefs, closeGraceSeconds: seconds }));
  }

  setWaitForOpenApps(enabled: boolean): Promise<AppsState> {
    return this.change((prefs) => (prefs.waitForOpenApps === enabled ? prefs : { ...prefs, waitForOpenApps: enabled }));
  }

  own(): readonly OwnApp[] {
    return this.prefs().own;
  }

  /**
   * An import's app lines (already checked by the validator), added in the same settings write as `alongside` (the
   * import's sites): all or none, refused with `apps-too-many` when they would not fit, and then nothing is written.
   */
  importOwn(apps: readonly OwnApp[], alongside: SettingsPatch): Promise<{ added: number; alreadyPresent: number }> {
    return this.changes.run(async () => {
      const prefs = this.prefs();
      const present = new Set(prefs.own.map(ownKey));
      const added = apps.filter((own) => !present.has(ownKey(own)));
      const own = [...prefs.own, ...added];
      if (own.length > MAX_OWN_APPS) throw new DomainError('apps-too-many', `More than ${MAX_OWN_APPS} apps of your own`, { limit: MAX_OWN_APPS });
      await this.options.settings.update({ ...alongside, apps: { ...prefs, own } });
      return { added: added.length, alreadyPresent: apps.length - added.length };
    });
  }

  removeOwn({ kind, rule }: OwnApp): Promise<AppsState> {
    return this.change((prefs) => ({ ...prefs, own: prefs.own.filter((own) => own.kind !== kind || own.rule !== rule) }));
  }

  private change(edit: (prefs: AppsPrefs) => AppsPrefs): Promise<AppsState> {
    return this.changes.run(async () => {
      const before = this.prefs();
      const next = edit(before);
      if (next !== before) await this.options.settings.update({ apps: next });
      return this.state();
    });
  }

  private prefs(): AppsPrefs {
    return this.options.settings.get().apps;
  }
}

function ownKey({ kind, rule }: OwnApp): string {
  return `${kind}:${rule}`;
}

/** A chosen file as the rule that names it: an AppImage by its file name (it runs from a mount), else its path. */
export function ownAppOfFile(file: string): { kind: OwnAppKind; rule: string } {
  const name = posix.basename(file);
  return /\.appimage$/i.test(name) ? { kind: 'appImage', rule: name } : { kind: 'path', rule: file };
}

/** A user's own rule as a list entry of its own, named by what the user typed (a path by its last part). */
function ownEntry(own: OwnApp, index: number): AppEntry {
  const name = ownAppName(own).slice(0, 100) || own.rule.slice(0, 100);
  const { os, field } = PLACE_OF[own.kind];
  const entry: AppEntry = {
    id: `own-${index + 1}`,
    names: { en: name, 'zh-CN': name },
    // A label only: the user's own apps are closed whichever categories are on.
    category: 'chat',
    linux: { executables: [], paths: [], appImages: [], flatpaks: [], snaps: [] },
    macos: { bundleIds: [], appPaths: [] },
    windows: { imageNames: [], paths: [] },
  };
  return { ...entry, [os]: { ...entry[os], [field]: [own.rule] } };
}

/** The name a rule is shown by: a path's last part (`WeChat` for `/Applications/WeChat.app`), else the rule. */
export function ownAppName({ kind, rule }: OwnApp): string {
  switch (kind) {
    case 'path':
      return posix.basename(rule);
    case 'appPath':
      return posix.basename(rule).replace(/\.app$/i, '');
    case 'windowsPath':
      return win32.basename(rule);
    default:
      return rule;
  }
}
