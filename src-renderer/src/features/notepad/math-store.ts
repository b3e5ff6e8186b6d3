import { create } from 'zustand';
import type { AppError } from '../../../../src-main/contract';
import type { ExportFormat } from '../../../../src-main/contract/notes-math';
import { api } from '../../app/api';
import { EMPTY_LIBRARY, parseLibrary, type Library } from './citations/library';

/** What the last math action said: shown once under the editor, in the writer's language. */
export type MathNotice =
  | { kind: 'exported'; fileName: string }
  /** A PDF export where nothing prints (the browser preview): the HTML was written, to be printed from a browser. */
  | { kind: 'print-from-browser'; fileName: string }
  | { kind: 'copied'; what: 'formula' | 'note' }
  | { kind: 'preamble-saved' }
  | { kind: 'failed'; action: 'export' | 'copy' | 'preamble'; error: AppError | string };

interface MathState {
  /** The vault's preamble.tex as last read or saved; '' when there is none. */
  preamble: string;
  version: string | null;
  editingPreamble: boolean;
  /** The vault's references, parsed once per change of the file's text (never on the typing path). */
  library: Library;
  referencesText: string;
  notice: MathNotice | null;
  loadPreamble(): Promise<void>;
  loadReferences(): Promise<void>;
  savePreamble(content: string): Promise<boolean>;
  setEditingPreamble(on: boolean): void;
  exportNote(name: string, format: ExportFormat, content: string): Promise<boolean>;
  say(notice: MathNotice | null): void;
}

/** The notepad's math files: the preamble every note renders with, and exports. Main owns the files. */
export const useMathStore = create<MathState>((set, get) => ({
  preamble: '',
  version: null,
  editingPreamble: false,
  library: EMPTY_LIBRARY,
  referencesText: '',
  notice: null,
  async loadPreamble() {
    const result = await api().notesMath.preamble();
    // A preamble that cannot be read (too large, not text) is said once; formulas render without its macros.
    if (result.ok) set({ preamble: result.value.content, version: result.value.version });
    else if (get().notice?.kind !== 'failed') set({ notice: { kind: 'failed', action: 'preamble', error: result.error } });
  },
  async loadReferences() {
    const result = await api().notesMath.references();
    if (!result.ok) return;
    if (result.value.content !== get().referencesText) set({ referencesText: result.value.content, library: parseLibrary(result.value.content) });
  },
  async savePreamble(content) {
    const result = await api().notesMath.savePreamble({ content, baseVersion: get().version });
    if (!result.ok) {
      // Changed elsewhere: take that version as the base, so saving the draft again replaces it knowingly.
      if (result.error.code === 'note-conflict') await get().loadPreamble();
      set({ notice: { kind: 'failed', action: 'preamble', error: result.error } });
      return false;
    }
    set({ preamble: result.value.content, version: result.value.version, notice: { kind: 'preamble-saved' } });
    return true;
  },
  setEditingPreamble: (on) => set({ editingPreamble: on }),
  async exportNote(name, format, content) {
    const result = await api().notesMath.exportNote({ name, format, content });
    if (!result.ok) set({ notice: { kind: 'failed', action: 'export', error: result.error } });
    else set({ notice: { kind: result.value.printFromBrowser ? 'print-from-browser' : 'exported', fileName: `Exports/${result.value.fileName}` } });
    return result.ok;
  },
  say: (notice) => set({ notice }),
}));

/** Reads the preamble at boot and again when the window comes back: preamble.tex may be edited in another program. */
export function followMath(): () => void {
  const load = () => {
    void useMathStore.getState().loadPreamble();
    void useMathStore.getState().loadReferences();
  };
  window.addEventListener('focus', load);
  load();
  return () => window.removeEventListener('focus', load);
}
