import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import Store from 'electron-store';
import { backupName, type SettingsStorage } from '../core/settings/settings-storage';

/**
 * Settings through electron-store (atomic writes, one file in the app's data folder). Migrations and validation
 * stay in core's SettingsService; electron-store's own `migrations` are not used (their author documents them as
 * unreliable). An unparsable file makes electron-store throw at construction: reported as `unreadable`.
 */
export class ElectronStoreSettingsStorage implements SettingsStorage {
  private store: Store<Record<string, unknown>> | null = null;

  constructor(private readonly folder: string) {}

  get path(): string {
    return join(this.folder, 'settings.json');
  }

  private open(): Store<Record<string, unknown>> {
    this.store ??= new Store<Record<string, unknown>>({ cwd: this.folder, name: 'settings', clearInvalidConfig: false });
    return this.store;
  }

  async load(): ReturnType<SettingsStorage['load']> {
    try {
      const store = this.open();
      return store.size === 0 ? { kind: 'missing' } : { kind: 'loaded', data: store.store };
    } catch (error) {
      this.store = null;
      return { kind: 'unreadable', reason: (error as Error).message };
    }
  }

  async save(data: unknown): Promise<void> {
    this.open().store = data as Record<string, unknown>;
  }

  async backup(tag: string, at: Date): Promise<string> {
    const target = join(dirname(this.path), backupName(basename(this.path), tag, at));
    await rename(this.path, target);
    this.store = null;
    return target;
  }
}
