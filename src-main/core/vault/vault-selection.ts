import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { VaultState } from '../../contract/notes';
import type { SettingsService } from '../settings/settings-service';
import { checkVaultFolder } from './vault-folder';

/** Everything kept in one vault folder (its notes, reflections, math files), opened and closed together. */
export interface VaultContents {
  close(): Promise<void>;
}

export interface VaultSelectionOptions<T extends VaultContents> {
  readonly settings: SettingsService;
  /** The host's folder for notes when the user has chosen none (`~/Documents/Stillroom`). */
  readonly defaultFolder: string;
  /** Whether the host has a folder picker, for the UI to offer it. */
  readonly canChoose: boolean;
  /** Opens what the app keeps in a vault folder; never fails on a folder it cannot use (see WatchedFolder). */
  readonly openVault: (folder: string) => Promise<T>;
  /** The vault in use changed: each store tells the renderer what appeared or vanished with it. */
  readonly onSwitched: (previous: T, next: T) => void;
}

/**
 * Where a vault's own app data (recovery copies) lives: the data folder itself for the default vault, a folder
 * per other vault, so text kept from one vault's note is never offered over a same-named note in another.
 */
export function vaultDataDir(dataDir: string, defaultFolder: string, folder: string): string {
  if (folder === defaultFolder) return dataDir;
  return join(dataDir, 'vaults', createHash('sha256').update(folder).digest('hex').slice(0, 16));
}

/**
 * The vault folder the user chose in Settings and what is open on it, the one place a vault switch happens. A
 * switch checks the new folder, opens everything on it, saves the choice, then closes the old vault once its
 * queued saves are done. Files stay where they are.
 */
export class VaultSelection<T extends VaultContents> {
  private switching: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: VaultSelectionOptions<T>,
    private current: T,
    private folder: string,
  ) {}

  static async open<T extends VaultContents>(options: VaultSelectionOptions<T>): Promise<VaultSelection<T>> {
    const folder = options.settings.get().vault.folder ?? options.defaultFolder;
    return new VaultSelection(options, await options.openVault(folder), folder);
  }

  /** What is open on the vault in use now. */
  get vault(): T {
    return this.current;
  }

  state(): VaultState {
    return {
      folder: this.folder,
      defaultFolder: this.options.defaultFolder,
      isDefault: this.options.settings.get().vault.folder === null,
      canChoose: this.options.canChoose,
    };
  }

  /** Refused with `vault-unusable` before anything changes; null goes back to the default folder. */
  setFolder(chosen: string | null): Promise<VaultState> {
    const run = this.switching.then(() => this.switchTo(chosen));
    this.switching = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.switching;
    await this.current.close();
  }

  private async switchTo(chosen: string | null): Promise<VaultState> {
    const folder = await checkVaultFolder(chosen ?? this.options.defaultFolder);
    // The default folder typed out is still the default: it follows the host's if that ever moves.
    const stored = chosen === null || folder === resolve(this.options.defaultFolder) ? null : folder;
    if (folder === this.folder) {
      if (this.options.settings.get().vault.folder !== stored) await this.options.settings.update({ vault: { folder: stored } });
      return this.state();
    }
    const next = await this.options.openVault(folder);
    try {
      await this.options.settings.update({ vault: { folder: stored } });
    } catch (error) {
      await next.close();
      throw error;
    }
    const previous = this.current;
    this.current = next;
    this.folder = folder;
    // Calls that reached the old vault before the swap (an autosave) finish there before it closes.
    await previous.close();
    this.options.onSwitched(previous, next);
    return this.state();
  }
}
