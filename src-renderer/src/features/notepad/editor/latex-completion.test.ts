import { CompletionContext, completionStatus, currentCompletions } from '@codemirror/autocomplete';
import { EditorSelection } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { stillroomEditor } from './index';
import { latexCompletionSource, snippetsOf } from './latex-completion';
import { mathDocument } from './math-document';
import { testEditor, defaultEditorPrefs } from '../../../../../test-support/test-editor';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

const prefs = defaultEditorPrefs;
const labelsOf = (v: EditorView, pos: number) =>
  latexCompletionSource(new CompletionContext(v.state, pos, false))?.options.map((o) => o.label) ?? null;

/** Types like a person: one user-event transaction per character, so completion activates as it does live. */
function type(v: EditorView, text: string) {
  for (const ch of text) {
    const { head } = v.state.selection.main;
    v.dispatch({ changes: { from: head, insert: ch }, selection: EditorSelection.cursor(head + 1), userEvent: 'input.type' });
  }
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 250));
const pressEnter = (v: EditorView) => v.contentDOM.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));

describe('LaTeX completion', () => {
  it('offers commands for a prefix inside math, with a rendered preview, and nothing in prose', () => {
    const doc = 'Prose \\fr here, math $\\fr$.';
    view = testEditor(doc, 0, [mathDocument]);
    const inMath = doc.indexOf('\\fr$') + 3;
    const labels = labelsOf(view, inMath)!;
    expect(labels).toContain('\\frac');
    expect(labels).toContain('\\dfrac');
    const frac = latexCompletionSource(new CompletionContext(view.state, inMath, false))!.options.find((o) => o.label === '\\frac')!;
    const info = (frac.info as () => Node)() as HTMLElement;
    expect(info.querySelector('.katex .mfrac')).not.toBeNull();
    expect(labelsOf(view, doc.indexOf('\\fr here') + 3)).toBeNull();
    const snippet = latexCompletionSource(new CompletionContext(view.state, inMath, false))!.options.find((o) => o.detail === 'snippet')!;
    expect(snippet.label).toBe('\\frac');
  });

  it('offers commands in a formula still being typed ($, $$, \\( with no closer yet), never in prose, code or after a price', () => {
    const doc = 'Then $\\alph\n\nThen $$\\alph\n\nThen \\(\\alph\n\nIt costs $5, \\alph\n\nCode `$\\alph\n\n```\n$\\alph\n```';
    view = testEditor(doc, 0, [mathDocument]);
    const after = (n: number) => {
      let at = -1;
      for (let i = 0; i <= n; i++) at = doc.indexOf('\\alph', at + 1);
      return at + '\\alph'.length;
    };
    for (const open of [0, 1, 2]) expect(labelsOf(view, after(open))).toContain('\\alpha');
    for (const closed of [3, 4, 5]) expect(labelsOf(view, after(closed))).toBeNull();
  });

  it('opens nothing for a plain word in math, so Enter there is a line break', async () => {
    view = testEditor('$$\nx + \n$$', 7, stillroomEditor({ prefs }));
    type(view, 'su');
    await settle();
    expect(completionStatus(view.state)).toBeNull();
    pressEnter(view);
    expect(view.state.doc.toString()).toBe('$$\nx + su\n\n$$');
  });

  it('offers environments after \\begin{ and the note\'s labels inside \\eqref{', () => {
    const doc = '$$\n\\begin{equation}E=mc^2\\label{eq:energy}\\end{equation}\n$$\n\nSee $\\eqref{eq:}$ and $\\begin{al}$.';
    view = testEditor(doc, 0, [mathDocument]);
    const ref = latexCompletionSource(new CompletionContext(view.state, doc.indexOf('eq:}') + 3, false))!;
    expect(ref.options.map((o) => [o.label, o.detail])).toEqual([['eq:energy', '(1)']]);
    expect(labelsOf(view, doc.indexOf('{al}') + 3)).toContain('\\begin{align}');
  });

  it('reads snippets from the preamble, with the defaults when it has none', () => {
    expect(snippetsOf('').map((s) => s.name)).toEqual(['frac', 'sum', 'mat']);
    expect(snippetsOf('\\newcommand{\\R}{\\mathbb R}\n%snippet norm: \\lVert ${x} \\rVert')).toEqual([{ name: 'norm', template: '\\lVert ${x} \\rVert' }]);
  });

  it('accepts with Enter inside math; \\begin{align} brings its \\end{align}', async () => {
    view = testEditor('Math $$ end.', 6, stillroomEditor({ prefs }));
    type(view, '\\begin{alig');
    await settle();
    expect(completionStatus(view.state)).toBe('active');
    expect(currentCompletions(view.state)[0]!.label).toBe('\\begin{align}');
    pressEnter(view);
    expect(view.state.doc.toString()).toMatch(/^Math \$\\begin\{align\}\n\s*\n\\end\{align\}\$ end\.$/);
  });

  it('never steals Enter in prose', async () => {
    view = testEditor('Prose ', 6, stillroomEditor({ prefs }));
    type(view, '\\frac');
    await settle();
    expect(completionStatus(view.state)).toBeNull();
    pressEnter(view);
    expect(view.state.doc.toString()).toBe('Prose \\frac\n');
  });
});
