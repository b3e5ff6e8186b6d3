import { afterEach, describe, expect, it } from 'vitest';
import type { EditorView } from '@codemirror/view';
import { ensureSyntaxTree } from '@codemirror/language';
import { Compartment, EditorSelection } from '@codemirror/state';
import { MathRenderCache } from './katex-render';
import { formulaAt, labelPosition, mathDocument, mathPreamble } from './math-document';
import { mathIn } from './math-ranges';
import { mathPreview, mathRenderer } from './math-preview';
import { macroDefinitions, preambleScope } from './tex-macros';
import { testEditor, withFinishedParses } from '../../../../../test-support/test-editor';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

const renderTexes = (v: EditorView) => mathIn(v.state, 0, v.state.doc.length).map((m) => formulaAt(v.state, m.from)?.renderTex);

describe('macro definitions', () => {
  it('reads \\newcommand, \\renewcommand, \\def and \\DeclareMathOperator in their usual forms', () => {
    expect(macroDefinitions('\\newcommand{\\R}{\\mathbb{R}} \\newcommand\\abs[1]{\\lvert #1 \\rvert} \\renewcommand{\\v}[2][x]{#1_{#2}}')).toEqual([
      { name: '\\R', body: '\\mathbb{R}', from: 0, to: 27 },
      { name: '\\abs', body: '\\lvert #1 \\rvert', from: 28, to: 64 },
      { name: '\\v', body: '#1_{#2}', from: 65, to: 97 },
    ]);
    expect(macroDefinitions('\\def\\pair#1#2{(#1,#2)} \\DeclareMathOperator{\\tr}{tr}')).toEqual([
      { name: '\\pair', body: '(#1,#2)', from: 0, to: 22 },
      { name: '\\tr', body: '\\operatorname{tr}', from: 23, to: 52 },
    ]);
    expect(preambleScope('% \\newcommand{\\hidden}{x}\n\\newcommand{\\shown}{y}').macros).toEqual({ '\\shown': 'y' });
  });
});

describe('the pre-pass', () => {
  it('applies definitions in document order: a formula sees the ones before it, never later ones', () => {
    const doc = 'Use $\\f$ early.\n\n$$\n\\def\\f{A}\\f\n$$\n\nThen $\\f$.\n\n$$\n\\renewcommand{\\f}{B}\n$$\n\nLast $\\f$.';
    view = testEditor(doc, 0, [mathDocument]);
    const scopes = mathIn(view.state, 0, doc.length).map((m) => formulaAt(view!.state, m.from)!.scope.macros['\\f']);
    expect(scopes).toEqual([undefined, undefined, 'A', 'A', 'B']);
    // The preamble is the start: a note can override it from where it does so.
    view.destroy();
    view = testEditor(doc, 0, [mathDocument, mathPreamble.of(preambleScope('\\newcommand{\\f}{P}'))]);
    expect(mathIn(view.state, 0, doc.length).map((m) => formulaAt(view!.state, m.from)!.scope.macros['\\f'])).toEqual(['P', 'P', 'A', 'A', 'B']);
  });

  it('numbers equation, align and gather rows across the note, skipping starred, \\nonumber and \\tag rows', () => {
    const doc = [
      '$$\n\\begin{equation}a\\label{first}\\end{equation}\n$$',
      '$$\n\\begin{align}b&=c\\\\d&=e\\nonumber\\\\f&=g\\label{third}\\end{align}\n$$',
      '$$\n\\begin{equation*}h\\end{equation*}\n$$',
      '$$\n\\begin{gather}i\\tag{\\ast}\\label{star}\\\\j\\end{gather}\n$$',
      '$$ k \\tag{K} \\label{kay} $$',
      'Inline $\\eqref{third}$, $\\ref{first}$, $\\eqref{star}$, $\\eqref{kay}$ and $\\eqref{nowhere}$.',
    ].join('\n\n');
    view = testEditor(doc, 0, [mathDocument]);
    expect(renderTexes(view)).toEqual([
      '\n\\begin{equation*}a\\tag{1}\\end{equation*}\n',
      '\n\\begin{align*}b&=c\\tag{2}\\\\d&=e\\nonumber\\\\f&=g\\tag{3}\\end{align*}\n',
      '\n\\begin{equation*}h\\end{equation*}\n',
      '\n\\begin{gather*}i\\tag{\\ast}\\\\j\\tag{4}\\end{gather*}\n',
      ' k \\tag{K}  ',
      '{(3)}',
      '{1}',
      '{(\\ast)}',
      '{(K)}',
      '{(\\text{??})}',
    ]);
    const doc2 = view.state.field(mathDocument);
    expect(doc2.issues.map((i) => [i.label, view!.state.sliceDoc(i.from, i.to)])).toEqual([['nowhere', '\\eqref{nowhere}']]);
    expect(labelPosition(view.state, 'third')?.target.number).toBe('3');
  });

  it('warns about a duplicate label and sends references to the first', () => {
    const doc = '$$\n\\begin{equation}a\\label{x}\\end{equation}\n$$\n\n$$\n\\begin{equation}b\\label{x}\\end{equation}\n$$\n\nSee $\\eqref{x}$.';
    view = testEditor(doc, 0, [mathDocument]);
    const { issues } = view.state.field(mathDocument);
    expect(issues).toHaveLength(1);
    expect(view.state.sliceDoc(issues[0]!.from, issues[0]!.to)).toBe('\\label{x}');
    expect(issues[0]!.from).toBeGreaterThan(doc.indexOf('b\\label'));
    expect(renderTexes(view).at(-1)).toBe('{(1)}');
  });

  it('typing prose maps the formulas without a new pass; a new equation renumbers the ones after it', () => {
    const doc = 'Intro.\n\n$$\n\\begin{equation}a\\label{a}\\end{equation}\n$$\n\nSee $\\eqref{a}$.';
    view = testEditor(doc, 0, [mathDocument]);
    const before = view.state.field(mathDocument);
    withFinishedParses(() => view!.dispatch({ changes: { from: 0, insert: 'More prose. ' } }));
    const after = view.state.field(mathDocument);
    expect(after.labels).toBe(before.labels); // the pass did not run again
    expect(after.changed).toEqual([]);
    expect(renderTexes(view).at(-1)).toBe('{(1)}');
    // At the note's very end too, where the insertion lies just past the tree the last pass read.
    withFinishedParses(() => view!.dispatch({ changes: { from: view!.state.doc.length, insert: ' And more.' } }));
    expect(view.state.field(mathDocument).labels).toBe(before.labels);
    view.dispatch({ changes: { from: 0, insert: '$$\n\\begin{equation}z\\end{equation}\n$$\n\n' } });
    expect(renderTexes(view).at(-1)).toBe('{(2)}');
    expect(view.state.field(mathDocument).changed.length).toBeGreaterThanOrEqual(2);
  });

  it('typing in a formula that keeps its labels, tags, references and definitions renders it alone, without a new pass', () => {
    const doc = '$$\n\\begin{equation}a\\label{a}\\end{equation}\n$$\n\n$$\n\\begin{equation}b \\eqref{a} \\eqref{none}\\label{a}\\end{equation}\n$$\n\nSee $\\eqref{a}$.';
    view = testEditor(doc, 0, [mathDocument]);
    const before = view.state.field(mathDocument);
    const at = doc.indexOf('b \\eqref');
    withFinishedParses(() => view!.dispatch({ changes: { from: at, insert: 'x+' } }));
    const after = view.state.field(mathDocument);
    expect(after.labels).toBe(before.labels); // the pass did not run again
    expect(renderTexes(view)).toEqual([
      '\n\\begin{equation*}a\\tag{1}\\end{equation*}\n',
      '\n\\begin{equation*}x+b {(1)} {(\\text{??})}\\tag{2}\\end{equation*}\n',
      '{(1)}',
    ]);
    expect(after.changed).toEqual([[doc.indexOf('$$\n\\begin{equation}b'), doc.indexOf('$$\n\nSee') + 4]]);
    // Its warnings moved with its text: the undefined reference and the duplicate label.
    expect(after.issues.map((i) => [i.label, view!.state.sliceDoc(i.from, i.to)])).toEqual([['none', '\\eqref{none}'], ['a', '\\label{a}']]);
    // A changed label is another outline: the pass runs, and the reference no longer resolves.
    withFinishedParses(() => view!.dispatch({ changes: { from: doc.indexOf('\\label{a}') + 7, insert: 'b' } }));
    expect(view.state.field(mathDocument).labels).not.toBe(before.labels);
    expect(renderTexes(view).at(-1)).toBe('{(2)}');
  });

  it('takes in the formulas the background parser reaches later, numbered after the ones before', () => {
    let big = '';
    for (let i = 0; i < 3000; i++) big += `Line ${i} with words.\n\n$$\n\\begin{equation}x_{${i}}\\end{equation}\n$$\n\n`;
    view = testEditor(big, 0, [mathDocument], true);
    expect(view.state.field(mathDocument).formulas.size).toBeLessThan(3000);
    ensureSyntaxTree(view.state, big.length, 10_000);
    view.dispatch({ selection: EditorSelection.cursor(0) });
    expect(view.state.field(mathDocument).formulas.size).toBe(3000);
    expect(renderTexes(view).at(-1)).toBe('\n\\begin{equation*}x_{2999}\\tag{3000}\\end{equation*}\n');
  });

  // The 100 ms budget is measured in Chromium (e2e/app/notepad-math.spec.ts); jsdom's DOM is several times slower.
  it('re-renders visible formulas when the preamble changes a macro they use', () => {
    const slot = new Compartment();
    const cache = new MathRenderCache();
    const formulas = `Start ${Array.from({ length: 40 }, (_, i) => `$\\v_{${i}}$`).join(' ')}`;
    view = testEditor(formulas, 0, [mathPreview(), mathRenderer.of(cache), slot.of(mathPreamble.of(preambleScope('\\newcommand{\\v}{a}')))]);
    expect(view.contentDOM.querySelectorAll('.cm-math-error')).toHaveLength(0);
    const calls = cache.katexCalls;
    view.dispatch({ effects: slot.reconfigure(mathPreamble.of(preambleScope('\\newcommand{\\v}{\\mathbf{b}}'))) });
    expect(cache.katexCalls - calls).toBe(40);
    expect(view.contentDOM.querySelector('.cm-math .mathbf')).not.toBeNull();
    expect(view.contentDOM.querySelectorAll('.cm-math-error')).toHaveLength(0);
  });

  it('refuses a macro bomb from the preamble with a message instead of hanging', () => {
    view = testEditor('A $\\boom$ b', 0, [mathPreview(), mathRenderer.of(new MathRenderCache()), mathPreamble.of(preambleScope('\\def\\boom{\\boom\\boom}'))]);
    const error = view.contentDOM.querySelector('.cm-math-error')!;
    expect(error.getAttribute('title')).toMatch(/Too many expansions/);
  });
});
