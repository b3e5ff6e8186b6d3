import { api } from '../../../app/api';
import { useAppInfoStore } from '../../../app/app-info';
import { useMathStore } from '../math-store';
import type { NotesSlice } from './notes-kit';

/** Which folder holds the notes. Switching saves first; the note open from the old folder closes. */
export const vaultActions: NotesSlice<'loadVault' | 'changeVault' | 'chooseVault'> = (kit) => ({
  async loadVault() {
    kit.set({ vaultError: null });
    const result = await api().notes.vault();
    if (result.ok) kit.set({ vault: result.value });
  },

  async changeVault(folder) {
    kit.set({ vaultError: null, switchingVault: true });
    await kit.get().saveNow();
    const result = await api().notes.setVault({ folder });
    if (!result.ok) {
      kit.set({ vaultError: result.error, switchingVault: false });
      return false;
    }
    // Text a failed save left unsaved is in a recovery copy; the note itself now belongs to the old folder.
    kit.forgetEdits();
    kit.set({ vault: result.value, switchingVault: false, open: null, query: '', status: 'saved', saveError: null, conflict: null, deletedElsewhere: false, recoveries: [] });
    kit.showText('');
    // The app's info names the vault folder; the preamble is the new vault's.
    void useAppInfoStore.getState().load();
    void useMathStore.getState().loadPreamble();
    await kit.get().refresh();
    // Recovery copies belong to a vault: offer the new one's.
    await kit.get().loadRecoveries();
    return true;
  },

  async chooseVault() {
    kit.set({ vaultError: null });
    const picked = await api().notes.chooseVaultFolder();
    if (!picked.ok) {
      kit.set({ vaultError: picked.error });
      return false;
    }
    return picked.value.folder ? kit.get().changeVault(picked.value.folder) : false;
  },
});
