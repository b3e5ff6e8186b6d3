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
  | { kind: 'snippets-saved' }
  | { kind: 'failed'; action: 'export' | 'copy' | 'preamble' | 'snippets'; error: AppError | string };

/** The vault's own text files the notepad reads and saves: the preamble and the snippet file. */
type VaultText = 'preamble' | 'snippets';

interface MathState {
  /** The vault's preamble.tex as last read or saved; '' when there is none. */
  preamble: string;
  version: string | null;
  /** The vault's snippets.txt as last read or saved; null when there is none (the default snippets apply). */
  snippets: string | null;
  snippetsVersion: string | null;
  editingPreamble: boolean;
  editingSnippets: boolean;
  /** The vault's references, parsed once per change of the file's text (never on the typing path). */
  library: Library;
  referencesText: string;
  notice: MathNotice | null;
  loadPreamble(): Promise<void>;
  loadReferences(): Promise<void>;
  savePreamble(content: string): Promise<boolean>;
  loadSnippets(): Promise<void>;
  saveSnippets(content: string): Promise<boolean>;
  setEditingPreamble(on: boolean): void;
  setEditingSnippets(on: boolean): void;
  exportNote(name: string, format: ExportFormat, content: string): Promise<boolean>;
  say(notice: MathNotice | null): void;
}

const calls = {
  preamble: { load: () => api().notesMath.preamble(), save: (input: SaveInput) => api().notesMath.savePreamble(input) },
  snippets: { load: () => api().notesMath.snippets(), save: (input: SaveInput) => api().notesMath.saveSnippets(input) },
};
type SaveInput = { content: string; baseVersion: string | null };

/**
 * The notepad's math files: the preamble every note renders with, the snippets, the references exports cite, and
 * exports. Main owns the files.
 */
export const useMathStore = create<MathState>((set, get) => {
  const versionOf = (file: VaultText) => (file === 'preamble' ? get().version : get().snippetsVersion);
  const keep = (file: VaultText, content: string, version: string | null) =>
    set(file === 'preamble' ? { preamble: content, version } : { snippets: version === null ? null : content, snippetsVersion: version });
  const load = async (file: VaultText) => {
    const result = await calls[file].load();
    // A file that cannot be read (too large, not text) is said once; formulas render without its macros, and the
    // default snippets apply.
    if (result.ok) keep(file, result.value.content, result.value.version);
    else if (get().notice?.kind !== 'failed') set({ notice: { kind: 'failed', action: file, error: result.error } });
  };
  const save = async (file: VaultText, content: string) => {
    const result = await calls[file].save({ content, baseVersion: versionOf(file) });
    if (!result.ok) {
      // Changed elsewhere: take that version as the base, so saving the draft again replaces it knowingly.
      if (result.error.code === 'note-conflict') await load(file);
      set({ notice: { kind: 'failed', action: file, error: result.error } });
      return false;
    }
    keep(file, result.value.content, result.value.version);
    set({ notice: { kind: file === 'preamble' ? 'preamble-saved' : 'snippets-saved' } });
    return true;
  };
  return {
    preamble: '',
    version: null,
    snippets: null,
    snippetsVersion: null,
    editingPreamble: false,
    editingSnippets: false,
    library: EMPTY_LIBRARY,
    referencesText: '',
    notice: null,
    loadPreamble: () => load('preamble'),
    async loadReferences() {
      const result = await api().notesMath.references();
      if (!result.ok) return;
      if (result.value.content !== get().referencesText) set({ referencesText: result.value.content, library: parseLibrary(result.value.content) });
    },
    savePreamble: (content) => save('preamble', content),
    loadSnippets: () => load('snippets'),
    saveSnippets: (content) => save('snippets', content),
    setEditingPreamble: (on) => set({ editingPreamble: on, ...(on ? { editingSnippets: false } : {}) }),
    setEditingSnippets: (on) => set({ editingSnippets: on, ...(on ? { editingPreamble: false } : {}) }),
    async exportNote(name, format, content) {
      const result = await api().notesMath.exportNote({ name, format, content });
      if (!result.ok) set({ notice: { kind: 'failed', action: 'export', error: result.error } });
      else set({ notice: { kind: result.value.printFromBrowser ? 'print-from-browser' : 'exported', fileName: `Exports/${result.value.fileName}` } });
      return result.ok;
    },
    say: (notice) => set({ notice }),
  };
});

/**
 * Reads the preamble, the snippets and the references at boot and again when the window comes back: they may be
 * edited in another program.
 */
export function followMath(): () => void {
  const load = () => {
    void useMathStore.getState().loadPreamble();
    void useMathStore.getState().loadSnippets();
    void useMathStore.getState().loadReferences();
  };
  window.addEventListener('focus', load);
  load();
  return () => window.removeEventListener('focus', load);
}
