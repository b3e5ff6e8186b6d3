import {
  SETTINGS_SCHEMA_VERSION,
  Settings,
  SettingsPatch,
  type SettingsNotice,
  type SettingsState,
} from '../../contract/settings';
import type { Clock } from '../clock';
import { SerialQueue } from '../../base/serial-queue';
import { DomainError } from '../domain-error';
import { migrateSettings } from './migrations';
import type { SettingsStorage } from './settings-storage';

export const defaultSettings = (): Settings => Settings.parse({ schemaVersion: SETTINGS_SCHEMA_VERSION });

/**
 * Owns the settings document: loads it once (migrating, or recovering from a bad file with a dated backup and a
 * notice for the UI), hands out snapshots, and saves every change atomically before announcing it.
 */
export class SettingsService {
  private listeners = new Set<(state: SettingsState) => void>();
  /** One write at a time, in order, so two quick changes cannot interleave on disk. */
  private readonly writes = new SerialQueue();

  private constructor(
    private readonly storage: SettingsStorage,
    private settings: Settings,
    private notice: SettingsNotice | null,
  ) {}

  static async open(storage: SettingsStorage, clock: Clock): Promise<SettingsService> {
    const loaded = await storage.load();
    if (loaded.kind === 'missing') {
      const service = new SettingsService(storage, defaultSettings(), null);
      await storage.save(service.settings);
      return service;
    }
    const recover = async (reason: string): Promise<SettingsService> => {
      const backupPath = await storage.backup('corrupt', new Date(clock.now()));
      const service = new SettingsService(storage, defaultSettings(), { kind: 'recovered-corrupt', backupPath, reason });
      await storage.save(service.settings);
      return service;
    };
    if (loaded.kind === 'unreadable') return recover(loaded.reason);

    const outcome = migrateSettings(loaded.data);
    if (outcome.kind === 'invalid') return recover(outcome.reason);
    if (outcome.kind === 'newer') {
      // Written by a newer Stillroom: keep it untouched beside ours, so going back to that version loses nothing.
      const backupPath = await storage.backup('newer', new Date(clock.now()));
      const service = new SettingsService(storage, defaultSettings(), {
        kind: 'recovered-newer',
        backupPath,
        version: outcome.version,
      });
      await storage.save(service.settings);
      return service;
    }
    const parsed = Settings.safeParse(outcome.document);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return recover(`${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    const service = new SettingsService(storage, parsed.data, null);
    if (outcome.kind === 'migrated') await storage.save(service.settings);
    return service;
  }

  state(): SettingsState {
    return { settings: structuredClone(this.settings), notice: this.notice ?? this.browserPoliciesNotice() };
  }

  get(): Settings {
    return structuredClone(this.settings);
  }

  /** Replaces the given sections; nothing is changed unless the result is valid and saved. */
  update(patch: SettingsPatch): Promise<SettingsState> {
    return this.writes.run(async () => {
      const checkedPatch = SettingsPatch.safeParse(patch);
      // The schema's prefaults fill in every section the patch left out; only the sections it names replace ours.
      const named = checkedPatch.success ? Object.fromEntries(Object.entries(checkedPatch.data).filter(([section]) => Object.hasOwn(patch, section))) : {};
      const next = checkedPatch.success ? Settings.safeParse({ ...this.settings, ...named }) : checkedPatch;
      if (!next.success) {
        const issue = next.error.issues[0];
        const path = issue?.path.join('.') || '(settings)';
        throw new DomainError('settings-invalid', `${path}: ${issue?.message ?? 'invalid'}`, { path });
      }
      await this.storage.save(next.data);
      this.settings = next.data;
      return this.announce();
    });
  }

  /** Dismisses the notice shown now; the browser-policies one is remembered in the file, so it is said only once. */
  async dismissNotice(): Promise<SettingsState> {
    if (this.notice) {
      this.notice = null;
      return this.announce();
    }
    if (this.browserPoliciesNotice()) return this.update({ blocking: { ...this.settings.blocking, browserPoliciesNoticeDismissed: true } });
    return this.state();
  }

  private browserPoliciesNotice(): SettingsNotice | null {
    const { browserPolicies, browserPoliciesNoticeDismissed } = this.settings.blocking;
    return browserPolicies && !browserPoliciesNoticeDismissed ? { kind: 'browser-policies' } : null;
  }

  onChange(listener: (state: SettingsState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private announce(): SettingsState {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
    return state;
  }

}
