import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { VaultState } from '../../contract/notes';
import type { SettingsService } from '../settings/settings-service';
import type { NoteVault } from './note-vault';
import { checkVaultFolder } from './vault-folder';

export interface VaultSelectionOptions {
  readonly settings: SettingsService;
  /** The host's folder for notes when the user has chosen none (`~/Documents/Stillroom`). */
  readonly defaultFolder: string;
  /** Whether the host has a folder picker, for the UI to offer it. */
  readonly canChoose: boolean;
  readonly openVault: (folder: string) => Promise<NoteVault>;
  /** Notes that changed on disk, or that appeared or vanished because the vault changed. */
  readonly onNotesChanged: (names: string[]) => void;
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
 * The vault folder the user chose in Settings and the NoteVault open on it. A switch checks the new folder,
 * opens it, saves the choice, then closes the old vault once its queued saves are done. Notes stay where they are.
 */
export class VaultSelection {
  private switching: Promise<unknown> = Promise.resolve();
  private stopListening: () => void;

  private constructor(
    private readonly options: VaultSelectionOptions,
    private current: NoteVault,
    private folder: string,
  ) {
    this.stopListening = current.onChange(options.onNotesChanged);
  }

  static async open(options: VaultSelectionOptions): Promise<VaultSelection> {
    const folder = options.settings.get().vault.folder ?? options.defaultFolder;
    return new VaultSelection(options, await options.openVault(folder), folder);
  }

  get vault(): NoteVault {
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
    this.stopListening();
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
    this.stopListening();
    this.current = next;
    this.folder = folder;
    this.stopListening = next.onChange(this.options.onNotesChanged);
    // Calls that reached the old vault before the swap (an autosave) finish there before it closes.
    await previous.close();
    const names = new Set([...previous.list(), ...next.list()].map((note) => note.name));
    if (names.size > 0) this.options.onNotesChanged([...names]);
    return this.state();
  }
}
