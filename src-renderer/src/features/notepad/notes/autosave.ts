import { api } from '../../../app/api';
import { autosaveDelay, RETRY_DELAY_MS } from './autosave-timer';
import { applyDisk } from './conflicts';
import type { NotesKit, NotesSlice } from './notes-kit';

/** Writes the open note's text if it is unsaved; a refusal becomes the status, a conflict, or a retry. */
async function saveOpenNote(kit: NotesKit): Promise<void> {
  const open = kit.get().open;
  if (!open || !kit.draft.dirty) return;
  const { content, mark } = kit.draft.snapshot();
  kit.set({ status: 'saving' });
  const result = await api().notes.save({ name: open.name, content, baseVersion: open.base, nameFromText: true });
  if (kit.get().open?.name !== open.name) return;
  if (result.ok) {
    const renamed = result.value.name !== open.name;
    // Named after its title: the editor stays as it is (it is keyed by its text, not its name); the list shows the name now.
    kit.set({ open: { name: result.value.name, base: result.value.version }, deletedElsewhere: false, saveError: null, conflict: null });
    if (renamed) void kit.get().refresh();
    if (kit.draft.saved(mark)) {
      kit.set({ status: 'saved', text: content });
    } else {
      kit.set({ status: 'unsaved' });
      kit.saveSoon();
    }
    kit.refreshListSoon();
    return;
  }
  if (result.error.code === 'note-conflict') {
    // Nothing was written; core kept our text as a recovery copy. Show both and let the user choose.
    applyDisk(kit, open.name, await api().notes.read({ name: open.name }));
    // The disk went back to our version meanwhile: no choice to make, so save again.
    if (!kit.get().conflict && kit.draft.dirty) kit.saveSoon();
    return;
  }
  kit.set({ status: 'failed', saveError: result.error });
  kit.autosave.saveIn(RETRY_DELAY_MS);
}

/** Typing and saving: a pause in typing saves, steady typing saves at the max wait, a failed save retries. */
export const autosaveActions: NotesSlice<'edited' | 'saveNow'> = (kit) => ({
  edited(text) {
    const { open, status } = kit.get();
    if (!open) return;
    const now = Date.now();
    kit.draft.edited(text, now);
    // Only the first keystroke after a save changes the status: the others notify no one.
    if (status !== 'failed' && status !== 'unsaved') kit.set({ status: 'unsaved' });
    kit.autosave.saveIn(autosaveDelay(kit.draft.dirtySince ?? now, now));
  },

  async saveNow() {
    kit.autosave.cancel();
    await kit.saves.run(
      () => kit.draft.dirty,
      () => saveOpenNote(kit),
    );
  },
});
