import { HighlightStyle } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { EditorFont } from '../../../../../src-main/contract/notes';
import { visibleHighlighting } from './visible-highlight';

// CJK faces follow the Latin ones in every stack, so Chinese text never falls back to a bitmap default.
const CJK_SANS = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC'";
export const fontStacks: Record<EditorFont, string> = {
  serif: `'Iowan Old Style', 'Palatino Linotype', Palatino, 'Source Serif 4', Georgia, 'Songti SC', 'Noto Serif CJK SC', ${CJK_SANS}, serif`,
  humanist: `Seravek, 'Gill Sans Nova', Ubuntu, Calibri, 'Segoe UI', 'DejaVu Sans', ${CJK_SANS}, sans-serif`,
  mono: `ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', ${CJK_SANS}, monospace`,
};

export interface Typography {
  fontFamily: EditorFont;
  fontSize: number;
  lineHeight: number;
}

/** The writer's font, size and line height; swapped through a Compartment when the settings change. */
export function typography({ fontFamily, fontSize, lineHeight }: Typography): Extension {
  return EditorView.theme({
    '.cm-scroller': { fontFamily: fontStacks[fontFamily], fontSize: `${fontSize}px`, lineHeight: String(lineHeight) },
  });
}

const mono = 'var(--font-mono, ui-monospace, Menlo, Consolas, monospace)';

/**
 * The writing surface. Colours are the app theme's CSS variables (light, dark and sepia are set on
 * <html data-theme> by the renderer shell), so the editor follows the app without its own palette.
 */
export const editorTheme: Extension = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--bg)', height: '100%' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { overflow: 'auto' },
  '.cm-content': {
    maxWidth: 'var(--measure, 70ch)',
    margin: '0 auto',
    padding: '2.5rem 1.5rem 6rem',
    caretColor: 'var(--text)',
  },
  '&.cm-typewriter .cm-content': { paddingBottom: '50vh' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)', borderLeftWidth: '2px' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
    { backgroundColor: 'var(--selection)' },
  '.cm-line': { padding: '0' },

  // Markdown, quietly.
  '.cm-md-h': { fontWeight: '600', letterSpacing: '0.005em' },
  '.cm-md-h1': { fontSize: '1.55em', lineHeight: '1.3', paddingTop: '0.6em' },
  '.cm-md-h2': { fontSize: '1.3em', lineHeight: '1.35', paddingTop: '0.5em' },
  '.cm-md-h3': { fontSize: '1.12em', paddingTop: '0.3em' },
  '.cm-md-em': { fontStyle: 'italic' },
  '.cm-md-strong': { fontWeight: '600' },
  '.cm-md-strike': { textDecoration: 'line-through', color: 'var(--text-quiet)' },
  '.cm-md-code': { fontFamily: mono, fontSize: '0.88em', backgroundColor: 'var(--bg-sunken)', borderRadius: '3px', padding: '0 0.15em' },
  '.cm-md-link': { color: 'var(--accent)' },
  '.cm-md-list-mark, .cm-md-quote-mark': { color: 'var(--text-quiet)' },
  '.cm-md-quote': { borderLeft: '3px solid var(--border)', paddingLeft: '0.9em', color: 'var(--text-quiet)' },

  // Math: rendered at the text's size; source in the code face while it is edited.
  '.cm-math .katex': { fontSize: '1em' },
  '.cm-math-inline': { cursor: 'text' },
  '.cm-math-block, .cm-math-preview': { position: 'relative', textAlign: 'center', padding: '0.35em 0', cursor: 'text', overflowX: 'auto' },
  // Beside a display formula, not below it: the marker must not add a line while the TeX is invalid.
  '.cm-math-block > .cm-math-error-marker, .cm-math-preview > .cm-math-error-marker': { position: 'absolute', top: '0.5em', right: '0' },
  '.cm-math-block .katex-display, .cm-math-preview .katex-display': { margin: '0' },
  '.cm-math-preview': { borderTop: '1px dashed var(--border)', marginTop: '0.2em' },
  '.cm-math-editing': { fontFamily: mono, fontSize: '0.9em' },
  '.cm-math-delimiter': { color: 'var(--text-quiet)' },
  '.cm-tex-tag': { color: 'var(--accent)' },
  '.cm-tex-bracket, .cm-tex-comment': { color: 'var(--text-quiet)' },
  '.cm-tex-number': { color: 'var(--ok)' },
  '.cm-tex-error': { color: 'var(--danger)' },
  '.cm-math-ghost': { opacity: '0.45' },
  '.cm-math-error': { color: 'var(--danger)', fontFamily: mono, fontSize: '0.9em' },
  '.cm-math-error-marker': {
    display: 'inline-block',
    verticalAlign: 'super',
    marginLeft: '0.2em',
    width: '1.1em',
    height: '1.1em',
    lineHeight: '1.1em',
    borderRadius: '50%',
    fontSize: '0.6em',
    fontFamily: 'var(--font-ui, sans-serif)',
    textAlign: 'center',
    color: 'var(--bg)',
    backgroundColor: 'var(--danger)',
    cursor: 'help',
  },

  // References and completion: a quiet underline for a label that does not resolve; previews at text size.
  '.cm-math-warning': { textDecoration: 'underline wavy var(--warn, var(--danger))', textDecorationThickness: '1px', textUnderlineOffset: '3px' },
  '.cm-math-ref-preview': { display: 'flex', alignItems: 'center', gap: '0.8em', padding: '0.4em 0.7em', maxWidth: '36em' },
  '.cm-math-ref-body .katex-display': { margin: '0' },
  '.cm-math-ref-body .katex-tag': { display: 'none' }, // the number is shown beside it already
  '.cm-math-ref-number': { color: 'var(--text-quiet)' },
  '.cm-math-ref-go': { font: 'inherit', fontSize: '0.85em' },
  '.cm-math-ref-missing': { color: 'var(--text-quiet)' },
  '.cm-completionInfo .katex': { fontSize: '1.1em' },

  // Theorem-like blocks as amsthm sets them: a bold heading (italic for proofs and remarks), italic statements in
  // the plain style, ∎ at the right margin; a quiet rule at the left says where a block runs.
  '.cm-thm-heading': { fontWeight: '600' },
  '.cm-thm-heading-remark, .cm-thm-heading-proof': { fontWeight: 'normal', fontStyle: 'italic' },
  '.cm-thm-body, .cm-thm-fence': { borderLeft: '2px solid var(--border)', paddingLeft: '0.8em' },
  '.cm-thm-body-plain': { fontStyle: 'italic' },
  '.cm-thm-end': { textAlign: 'right' },
  '.cm-thm-qed': { paddingRight: '0.2em' },
  '.cm-thm-ref': { color: 'var(--accent)', cursor: 'pointer' },
  '.cm-thm-preview': { flexWrap: 'wrap' },
  '.cm-thm-preview-body': { whiteSpace: 'pre-wrap', fontStyle: 'italic', flexBasis: '100%' },

  // Focus dimming; the fade explains the change, so it goes when motion is reduced.
  '.cm-dimmed': { opacity: '0.32', transition: 'opacity 160ms ease' },
  '@media (prefers-reduced-motion: reduce)': { '.cm-dimmed': { transition: 'none' } },
});

/** Token colours for source mode and for what the live styling leaves alone. */
const quietHighlight = HighlightStyle.define([
  { tag: tags.heading, fontWeight: '600' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strong, fontWeight: '600' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator], color: 'var(--text-quiet)' },
  { tag: [tags.link, tags.url], color: 'var(--accent)' },
  { tag: tags.monospace, fontFamily: mono, fontSize: '0.9em' },
  { tag: tags.quote, color: 'var(--text-quiet)' },
]);

export const editorHighlight: Extension = visibleHighlighting(quietHighlight);
