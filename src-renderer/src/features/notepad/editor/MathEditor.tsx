/**
 * <MathEditor>: the notepad's writing surface, one CodeMirror EditorView for the component's lifetime.
 *
 * Props (keep them stable; the vault view mounts this):
 * - `doc`: the text the editor opens with. Read once, at mount: afterwards the editor owns the text. To load
 *   another note, remount with a `key`; to take a version that changed on disk, call `replaceDoc`.
 * - `onDocChange(doc)`: after every edit by the writer (not after `replaceDoc`), with the document. It is
 *   CodeMirror's immutable text: call `toString()` only when the string is needed (saving), so a keystroke in a
 *   large note does not copy the whole note.
 * - `onBlur()`: the editor lost focus (a good moment to save).
 * - `prefs`: font, size, line height, focus dimming, typewriter scrolling, source mode. Changes are applied
 *   in place (Compartments), never by recreating the view, so history, selection and scroll survive.
 * - `onSourceModeChange(on)`: the writer toggled source mode with Mod-/ (mirror it into `prefs`).
 * - `onInFormulaChange(inFormula)`: the cursor entered or left a formula (for commands that act on one).
 * - `locale`: the UI language, for the editor's own messages and CodeMirror's search panel.
 * - `preamble`: the vault's preamble.tex (macros, completion snippets); `snippets`: the vault's snippet file
 *   (undefined: the default snippets); `ariaLabel`.
 * - `cspNonce`: a nonce for CodeMirror's injected <style> elements, for a CSP without style 'unsafe-inline'.
 *
 * Handle (`ref`): `focus()`, `replaceDoc(newDoc)` (minimal change, undoable, keeps the cursor nearby),
 * `getDoc()`, `view()` for tests and later features.
 */
import 'katex/dist/katex.min.css';
import { Annotation, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { Locale } from '../../../app/i18n/locale';
import type { DocumentText } from './document-text';
import { mathAt } from './math-ranges';
import { applyPrefs, isSourceMode, setLocale, setPreamble, setSnippets, stillroomEditor, type MathEditorPrefs } from './index';

export interface MathEditorHandle {
  focus(): void;
  replaceDoc(newDoc: string): void;
  getDoc(): string;
  view(): EditorView | null;
}

export interface MathEditorProps {
  doc: string;
  onDocChange: (doc: DocumentText) => void;
  onBlur?: () => void;
  prefs: MathEditorPrefs;
  onSourceModeChange?: (on: boolean) => void;
  onInFormulaChange?: (inFormula: boolean) => void;
  locale?: Locale;
  preamble?: string;
  snippets?: string;
  ariaLabel?: string;
  cspNonce?: string;
  className?: string;
  ref?: Ref<MathEditorHandle>;
}

/** Marks the transactions replaceDoc makes, which are not the writer's edits. */
const fromDisk = Annotation.define<boolean>();

/** The smallest single change turning `current` into `next` (common prefix and suffix kept). */
export function minimalChange(current: string, next: string): { from: number; to: number; insert: string } | null {
  if (current === next) return null;
  let start = 0;
  const max = Math.min(current.length, next.length);
  while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let endA = current.length;
  let endB = next.length;
  while (endA > start && endB > start && current.charCodeAt(endA - 1) === next.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return { from: start, to: endA, insert: next.slice(start, endB) };
}

export function MathEditor(props: MathEditorProps) {
  const { doc, onDocChange, onBlur, prefs, onSourceModeChange, onInFormulaChange, locale = 'en', preamble, snippets, ariaLabel, cspNonce, className, ref } = props;
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  // Latest callbacks and settings without recreating the view when the parent re-renders.
  const callbacks = useRef({ onDocChange, onBlur, onSourceModeChange, onInFormulaChange });
  useEffect(() => {
    callbacks.current = { onDocChange, onBlur, onSourceModeChange, onInFormulaChange };
  }, [onDocChange, onBlur, onSourceModeChange, onInFormulaChange]);
  const initial = useRef({ doc, prefs, locale, preamble, snippets, ariaLabel, cspNonce });
  const appliedLocale = useRef(locale);
  const appliedPrefs = useRef(prefs);
  const appliedPreamble = useRef(preamble);
  const appliedSnippets = useRef(snippets);

  useEffect(() => {
    const start = initial.current;
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: start.doc,
        extensions: [
          stillroomEditor({ prefs: start.prefs, locale: start.locale, preamble: start.preamble, snippets: start.snippets }),
          start.cspNonce ? EditorView.cspNonce.of(start.cspNonce) : [],
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((tr) => tr.annotation(fromDisk))) {
              callbacks.current.onDocChange(u.state.doc);
            }
            const source = isSourceMode(u.state);
            if (source !== isSourceMode(u.startState)) callbacks.current.onSourceModeChange?.(source);
            if (u.focusChanged && !u.view.hasFocus) callbacks.current.onBlur?.();
            if (u.selectionSet || u.docChanged) {
              const inFormula = mathAt(u.state, u.state.selection.main.head) !== null;
              if (inFormula !== (mathAt(u.startState, u.startState.selection.main.head) !== null)) callbacks.current.onInFormulaChange?.(inFormula);
            }
          }),
          // The text is editable, so the tab order reaches it already; `tabindex` says so to the tools that check a
          // scrolling region can be reached by keyboard (a contenteditable alone does not count for them).
          EditorView.contentAttributes.of({ 'aria-label': start.ariaLabel ?? 'Note', 'aria-multiline': 'true', tabindex: '0' }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      viewRef.current = null;
      view.destroy();
    };
    // The view is created once; later prop changes go through the effects below.
  }, []);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    applyPrefs(view, prefs, appliedPrefs.current);
    appliedPrefs.current = prefs;
  }, [prefs]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || locale === appliedLocale.current) return;
    appliedLocale.current = locale;
    setLocale(view, locale);
  }, [locale]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || preamble === appliedPreamble.current) return;
    appliedPreamble.current = preamble;
    setPreamble(view, preamble ?? '');
  }, [preamble]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || snippets === appliedSnippets.current) return;
    appliedSnippets.current = snippets;
    setSnippets(view, snippets);
  }, [snippets]);

  useImperativeHandle(
    ref,
    () => ({
      focus: () => viewRef.current?.focus(),
      getDoc: () => viewRef.current?.state.doc.toString() ?? '',
      view: () => viewRef.current,
      replaceDoc(newDoc: string) {
        const view = viewRef.current;
        if (!view) return;
        const change = minimalChange(view.state.doc.toString(), newDoc);
        if (change) view.dispatch({ changes: change, annotations: fromDisk.of(true) });
      },
    }),
    [],
  );

  return <div ref={host} className={className ?? 'math-editor'} />;
}
