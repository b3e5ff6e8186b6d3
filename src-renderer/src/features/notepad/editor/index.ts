import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdown, markdownKeymap, markdownLanguage } from '@codemirror/lang-markdown';
import { searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { drawSelection, dropCursor, EditorView, keymap } from '@codemirror/view';
import type { EditorPrefs } from '../../../../../src-main/contract/notes';
import type { Locale } from '../../../app/i18n/locale';
import { editorHighlight, editorTheme, typography } from './editor-theme';
import { focusDimming } from './focus-dimming';
import { MathRenderCache } from './katex-render';
import { latexCompletion, latexSnippets, snippetsOf } from './latex-completion';
import { mathDocument, mathPreamble } from './math-document';
import { mathReferences } from './math-references';
import { mathMotion } from './math-motion';
import { mathPreview, mathRenderer } from './math-preview';
import { mathSyntax } from '../../../../../src-shared/markdown/math-syntax';
import { preambleScope } from './tex-macros';
import { editorPhrases } from './phrases';
import { markdownStyle } from './markdown-style';
import { withPiecewiseReuse } from './markdown-reuse';
import { isSourceMode, setSourceMode, sourceMode } from './source-mode';
import { texHighlight } from './tex-highlight';
import { typewriter } from './typewriter';
import { vimMode } from './vim-mode';

/** What the writer chose: the app's editor settings plus source mode, which is a per-window state. */
export interface MathEditorPrefs extends EditorPrefs {
  sourceMode: boolean;
}

export interface StillroomEditorOptions {
  prefs: MathEditorPrefs;
  /** The UI language: the editor's messages and CodeMirror's panels follow it. */
  locale?: Locale;
  /** The vault's preamble (`preamble.tex`): its macros apply to every formula; see setPreamble. */
  preamble?: string;
}

const typographySlot = new Compartment();
const phrasesSlot = new Compartment();
const preambleSlot = new Compartment();

// The live layer: everything source mode switches off at once.
const live: Extension = [mathPreview(), mathMotion(), markdownStyle];

/** The Stillroom editor: Markdown with live KaTeX math, quiet styling, and the writing modes. */
export function stillroomEditor({ prefs, locale = 'en', preamble = '' }: StillroomEditorOptions): Extension[] {
  return [
    vimMode.of(prefs.vim),
    phrasesSlot.of(EditorState.phrases.of(editorPhrases[locale])),
    withPiecewiseReuse(markdown({ base: markdownLanguage, extensions: [mathSyntax], addKeymap: false })),
    history(),
    drawSelection(),
    dropCursor(),
    EditorView.lineWrapping,
    EditorState.allowMultipleSelections.of(true),
    keymap.of([...markdownKeymap, ...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
    EditorView.contentAttributes.of({ spellcheck: 'true', autocorrect: 'off', autocapitalize: 'sentences' }),
    mathRenderer.of(new MathRenderCache()),
    preambleSlot.of(preambleExtensions(preamble)),
    mathDocument, // the pre-pass stays on in source mode: completion, references and copy read it
    mathReferences(),
    latexCompletion(),
    sourceMode(live, prefs.sourceMode),
    texHighlight,
    focusDimming.of(prefs.focusDimming),
    typewriter.of(prefs.typewriter),
    typographySlot.of(typography(prefs)),
    editorTheme,
    editorHighlight,
  ];
}

/** Applies changed preferences in place: the view, its text, history and scroll position stay. */
export function applyPrefs(view: EditorView, prefs: MathEditorPrefs, previous: MathEditorPrefs): void {
  if (prefs.fontFamily !== previous.fontFamily || prefs.fontSize !== previous.fontSize || prefs.lineHeight !== previous.lineHeight) {
    view.dispatch({ effects: typographySlot.reconfigure(typography(prefs)) });
  }
  if (prefs.focusDimming !== previous.focusDimming) focusDimming.set(view, prefs.focusDimming);
  if (prefs.typewriter !== previous.typewriter) typewriter.set(view, prefs.typewriter);
  if (prefs.vim !== previous.vim) vimMode.set(view, prefs.vim);
  if (prefs.sourceMode !== previous.sourceMode) setSourceMode(view, prefs.sourceMode);
}

export function setLocale(view: EditorView, locale: Locale): void {
  view.dispatch({ effects: phrasesSlot.reconfigure(EditorState.phrases.of(editorPhrases[locale])) });
}

function preambleExtensions(preamble: string): Extension {
  return [mathPreamble.of(preambleScope(preamble)), latexSnippets.of(snippetsOf(preamble))];
}

/** A new preamble: formulas whose macros changed render again (the render cache is keyed by macro scope). */
export function setPreamble(view: EditorView, preamble: string): void {
  view.dispatch({ effects: preambleSlot.reconfigure(preambleExtensions(preamble)) });
}

export { focusDimming, isSourceMode, setSourceMode, typewriter, vimMode };
export { toggleSourceMode } from './source-mode';
