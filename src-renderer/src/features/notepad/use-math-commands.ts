import type { EditorView } from '@codemirror/view';
import { useMemo } from 'react';
import type { ExportFormat } from '../../../../src-main/contract/notes-math';
import { useCommands, type Command } from '../../app/commands/command-registry';
import { useMessages } from '../../app/i18n/messages';
import { useLocale } from '../../app/i18n/use-locale';
import { formulaAtCursor } from './editor/formula-copy';
import { katexCssFromDocument } from './export/katex-css';
import { noteToHtml } from './export/note-html';
import { noteToLatex, noteToLatexFragment } from './export/note-latex';
import { mathMessages } from './math-messages';
import { useMathStore } from './math-store';
import { useSettingsStore } from '../../app/settings-store';

/** Builds a note's export in the renderer (the editor's own parser, pre-pass and KaTeX) and has main write it. */
export async function exportNote(name: string, text: string, format: ExportFormat, lang: string, references = 'References'): Promise<void> {
  const store = useMathStore.getState();
  const title = name.slice(0, -3);
  // Theorems are numbered in the file as the editor numbers them on screen.
  const theoremNumbering = useSettingsStore.getState().state?.settings.editor.theoremNumbering;
  try {
    const content =
      format === 'tex'
        ? noteToLatex({ title, text, preamble: store.preamble, theoremNumbering, library: store.library })
        : noteToHtml({ title, text, preamble: store.preamble, katexCss: await katexCssFromDocument(), lang, theoremNumbering, library: store.library, referencesTitle: references });
    await store.exportNote(name, format, content);
  } catch (error) {
    store.say({ kind: 'failed', action: 'export', error: String(error) });
  }
}

async function copy(text: string | null, what: 'formula' | 'note' = 'formula'): Promise<void> {
  const store = useMathStore.getState();
  if (text === null) return store.say({ kind: 'failed', action: 'copy', error: 'KaTeX cannot render it' });
  try {
    await navigator.clipboard.writeText(text);
    store.say({ kind: 'copied', what });
  } catch (error) {
    store.say({ kind: 'failed', action: 'copy', error: String(error) });
  }
}

/** A note's body as LaTeX for the writer's own document (no preamble), on the clipboard. */
export function copyNoteAsLatex(text: string): Promise<void> {
  return copy(noteToLatexFragment({ text, preamble: useMathStore.getState().preamble }), 'note');
}

/**
 * The notepad's math commands: preamble, exports and Copy note as LaTeX while a note is open; Copy formula as
 * LaTeX / MathML only while the cursor is in a formula (`inFormula`, which the view tracks from the editor).
 */
export function useMathCommands(view: () => EditorView | null, openName: string | null, inFormula: boolean): void {
  const t = useMessages(mathMessages);
  const locale = useLocale();
  const commands = useMemo<Command[]>(() => {
    if (!openName) return [];
    const text = () => view()?.state.doc.toString() ?? '';
    const list: Command[] = [
      { id: 'notepad.preamble', title: t('command.preamble'), run: () => useMathStore.getState().setEditingPreamble(true) },
      { id: 'notepad.snippets', title: t('command.snippets'), run: () => useMathStore.getState().setEditingSnippets(true) },
      { id: 'notepad.exportHtml', title: t('command.exportHtml'), run: () => void exportNote(openName, text(), 'html', locale, t('export.references')) },
      { id: 'notepad.exportTex', title: t('command.exportTex'), run: () => void exportNote(openName, text(), 'tex', locale) },
      { id: 'notepad.exportPdf', title: t('command.exportPdf'), run: () => void exportNote(openName, text(), 'pdf', locale, t('export.references')) },
      { id: 'notepad.copyNoteLatex', title: t('command.copyNoteLatex'), run: () => void copyNoteAsLatex(text()) },
    ];
    if (inFormula) {
      const formula = () => {
        const v = view();
        return v ? formulaAtCursor(v.state) : null;
      };
      list.push(
        { id: 'notepad.copyLatex', title: t('command.copyLatex'), run: () => void copy(formula()?.latex ?? null) },
        { id: 'notepad.copyMathml', title: t('command.copyMathml'), run: () => void copy(formula()?.mathml() ?? null) },
      );
    }
    return list;
  }, [t, locale, view, openName, inFormula]);
  useCommands(commands);
}
