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
import { mathBrackets } from './math-brackets';
import { mathDocument, mathPreamble } from './math-document';
import { mathSnippets, snippetRules } from './math-snippets';
import { parseSnippetFile } from './snippet-rules';
import { mathReferences } from './math-references';
import { mathMotion } from './math-motion';
import { mathPreview, mathRenderer } from './math-preview';
import { mathSyntax } from '../../../../../src-shared/markdown/math-syntax';
import { fencedDivSyntax } from '../../../../../src-shared/markdown/fenced-div-syntax';
import { theoremBlocks } from './theorem-blocks';
import { theoremDocument, theoremNumbering } from './theorem-document';
import { theoremReferences } from './theorem-references';
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
  /** The vault's snippet file (`snippets.txt`); undefined: the default snippets. See setSnippets. */
  snippets?: string;
}

const typographySlot = new Compartment();
const phrasesSlot = new Compartment();
const preambleSlot = new Compartment();
const snippetsSlot = new Compartment();
const numberingSlot = new Compartment();

// The live layer: everything source mode switches off at once.
const live: Extension = [mathPreview(), mathMotion(), markdownStyle, theoremBlocks()];

/** The Stillroom editor: Markdown with live KaTeX math, quiet styling, and the writing modes. */
export function stillroomEditor({ prefs, locale = 'en', preamble = '', snippets }: StillroomEditorOptions): Extension[] {
  return [
    vimMode.of(prefs.vim),
    // Before the keymaps and bracket pairing: a typed character that completes a trigger expands it.
    mathSnippets.of(prefs.snippets),
    snippetsSlot.of(snippetExtensions(snippets)),
    mathBrackets,
    phrasesSlot.of(EditorState.phrases.of(editorPhrases[locale])),
    withPiecewiseReuse(markdown({ base: markdownLanguage, extensions: [mathSyntax, fencedDivSyntax], addKeymap: false })),
    history(),
    drawSelection(),
    dropCursor(),
    EditorView.lineWrapping,
    EditorState.allowMultipleSelections.of(true),
    keymap.of([...markdownKeymap, ...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
    EditorView.contentAttributes.of({ spellcheck: 'true', autocorrect: 'off', autocapitalize: 'sentences' }),
    mathRenderer.of(new MathRenderCache()),
    preambleSlot.of(preambleExtensions(preamble)),
    numberingSlot.of(theoremNumbering.of(prefs.theoremNumbering)),
    theoremDocument, // before the formulas' pre-pass, which resolves `\ref{thm-…}` through it
    mathDocument, // the pre-pass stays on in source mode: completion, references and copy read it
    mathReferences(),
    theoremReferences(),
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
  if (prefs.snippets !== previous.snippets) mathSnippets.set(view, prefs.snippets);
  if (prefs.sourceMode !== previous.sourceMode) setSourceMode(view, prefs.sourceMode);
  if (prefs.theoremNumbering !== previous.theoremNumbering) view.dispatch({ effects: numberingSlot.reconfigure(theoremNumbering.of(prefs.theoremNumbering)) });
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

const snippetExtensions = (file: string | undefined): Extension => (file === undefined ? [] : snippetRules.of(parseSnippetFile(file).rules));

/** A new snippet file: its good lines apply from the next keystroke (the panel reports the bad ones). */
export function setSnippets(view: EditorView, file: string | undefined): void {
  view.dispatch({ effects: snippetsSlot.reconfigure(snippetExtensions(file)) });
}

export { focusDimming, isSourceMode, mathSnippets, setSourceMode, typewriter, vimMode };
export { toggleSourceMode } from './source-mode';
