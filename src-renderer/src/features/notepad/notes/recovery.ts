import type { NoteRecovery } from '../../../../../src-main/contract/notes';
import { api } from '../../../app/api';
import type { NotesSlice } from './notes-kit';

/**
 * The recovery copies to offer. The open note's own copy, while its text is unsaved, belongs to a save still in
 * progress (a conflict on screen, a save that keeps failing), not to the past.
 */
export function offeredRecoveries(items: readonly NoteRecovery[], openName: string | null, unsaved: boolean): NoteRecovery[] {
  return items.filter((item) => item.name !== openName || !unsaved);
}

/** Text that never reached its note (a crash, a failed save): offered with a choice for each, once per start. */
export const recoveryActions: NotesSlice<'loadRecoveries' | 'restoreRecovery' | 'discardRecovery'> = (kit) => ({
  async loadRecoveries() {
    const result = await api().notes.recoveries();
    if (result.ok) kit.set({ recoveries: offeredRecoveries(result.value.items, kit.get().open?.name ?? null, kit.draft.dirty) });
  },

  async restoreRecovery(name, mode) {
    kit.set({ error: null });
    const result = await api().notes.restoreRecovery({ name, mode });
    if (!result.ok) {
      kit.set({ error: result.error });
      return false;
    }
    kit.set({ recoveries: kit.get().recoveries.filter((item) => item.name !== name) });
    await kit.get().refresh();
    if (kit.get().open?.name === result.value.name) {
      kit.set({ open: { name: result.value.name, base: result.value.version } });
      kit.showText(result.value.content);
    } else {
      await kit.get().openNote(result.value.name);
    }
    return true;
  },

  async discardRecovery(name) {
    kit.set({ error: null });
    const result = await api().notes.discardRecovery({ name });
    if (!result.ok) {
      kit.set({ error: result.error });
      return false;
    }
    kit.set({ recoveries: kit.get().recoveries.filter((item) => item.name !== name) });
    return true;
  },
});
