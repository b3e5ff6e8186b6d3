import { ensureSyntaxTree } from '@codemirror/language';
import { Compartment, EditorSelection } from '@codemirror/state';
import { afterEach, describe, expect, it } from 'vitest';
import { MathRenderCache } from './katex-render';
import { MathWidget, blockMathField, mathPreview, mathRenderer } from './math-preview';
import { mathPreamble } from './math-document';
import { preambleScope } from './tex-macros';
import { decorationsOf, testEditor, withFinishedParses } from '../../../../../test-support/test-editor';
import type { EditorView } from '@codemirror/view';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

function open(doc: string, cursor: number, cache = new MathRenderCache(), partial = false) {
  view = testEditor(doc, cursor, [mathPreview(), mathRenderer.of(cache)], partial);
  return { view, cache };
}

const doc = 'Intro with $a^2$ and $b$.\n\nThus:\n\n$$\nx = \\frac{1}{2}\n$$\n\nEnd.';

describe('math preview', () => {
  it('replaces formulas away from the cursor with KaTeX widgets', () => {
    const { view } = open(doc, doc.length);
    const decos = decorationsOf(view);
    expect(decos.map((d) => [d.kind, view.state.sliceDoc(d.from, d.to)])).toEqual([
      ['replace', '$a^2$'],
      ['replace', '$b$'],
      ['replace', '$$\nx = \\frac{1}{2}\n$$'],
    ]);
    expect(view.contentDOM.querySelectorAll('.cm-math-inline .katex')).toHaveLength(2);
    expect(view.contentDOM.querySelector('.cm-math-block .katex-display')).not.toBeNull();
  });

  it('shows the source of a formula the selection touches', () => {
    const { view } = open(doc, doc.indexOf('a^2') + 1);
    const first = decorationsOf(view)[0]!;
    expect([first.kind, first.spec.class]).toEqual(['mark', 'cm-math-editing']);
    view.dispatch({ selection: { anchor: doc.indexOf('$a^2$') + 5 } }); // right after the closing $
    expect(decorationsOf(view)[0]!.kind).toBe('mark');
    view.dispatch({ selection: { anchor: doc.indexOf('$a^2$') + 6 } });
    expect(decorationsOf(view)[0]!.kind).toBe('replace');
  });

  it('shows block source with a live preview below while the cursor is inside', () => {
    const { view } = open(doc, doc.indexOf('\\frac'));
    const block = decorationsOf(view).filter((d) => d.from >= doc.indexOf('$$'));
    expect(block.map((d) => d.kind)).toEqual(['mark', 'widget']);
    expect(view.contentDOM.querySelector('.cm-math-preview .katex-display')).not.toBeNull();
  });

  it('keeps the last good render ghosted, with the error as the marker title, while the TeX is invalid', () => {
    const { view } = open(doc, doc.indexOf('{2}') + 2);
    view.dispatch({ changes: { from: doc.indexOf('{2}') + 2, to: doc.indexOf('{2}') + 3 } }); // delete the `}`
    const preview = view.contentDOM.querySelector('.cm-math-preview')!;
    expect(preview.classList.contains('cm-math-invalid')).toBe(true);
    expect(preview.querySelector('.cm-math-ghost .katex-display')).not.toBeNull();
    expect(preview.querySelector('.cm-math-error-marker')!.getAttribute('title')).toMatch(/KaTeX parse error/);
    // Leaving the formula keeps the ghost for the rendered block as well.
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    expect(view.contentDOM.querySelector('.cm-math-block .cm-math-ghost')).not.toBeNull();
    // Fixing it renders the new TeX normally again.
    const at = view.state.doc.toString().indexOf('{2') + 2;
    view.dispatch({ changes: { from: at, insert: '}' } });
    expect(view.contentDOM.querySelector('.cm-math-block .cm-math-ghost')).toBeNull();
  });

  it('shows an invalid formula with no good past as source in error style', () => {
    const { view } = open('Bad $\\frac{a$ here.', 0);
    const error = view.contentDOM.querySelector('.cm-math-error')!;
    expect(error.textContent).toBe('\\frac{a');
    expect(error.getAttribute('title')).toMatch(/KaTeX parse error/);
  });

  it('never calls KaTeX while typing prose, and keeps far decorations as they were', () => {
    const { view, cache } = open(doc, doc.indexOf('End.') + 4);
    const before = decorationsOf(view);
    const calls = cache.katexCalls;
    withFinishedParses(() => {
      for (const ch of ' More words here.') view.dispatch(view.state.replaceSelection(ch));
    });
    expect(cache.katexCalls).toBe(calls);
    const after = decorationsOf(view);
    expect(after.map((d) => d.spec)).toEqual(before.map((d) => d.spec));
    expect(after[0]!.spec).toBe(before[0]!.spec); // the same decoration object, mapped, not rebuilt
  });

  it('renders each edit of the formula being typed in once, and nothing else', () => {
    const { view, cache } = open(doc, doc.indexOf('{2}') + 2);
    const calls = cache.katexCalls;
    view.dispatch(view.state.replaceSelection('3'));
    expect(cache.katexCalls - calls).toBe(1);
  });

  it('widgets compare by TeX and macro scope, not position', () => {
    const cache = new MathRenderCache();
    const none = preambleScope('');
    const other = preambleScope('\\def\\f{y}');
    expect(new MathWidget('x', false, null, 'inline', cache, none).eq(new MathWidget('x', false, null, 'inline', cache, preambleScope('')))).toBe(true);
    expect(new MathWidget('x', false, null, 'inline', cache, none).eq(new MathWidget('y', false, null, 'inline', cache, none))).toBe(false);
    expect(new MathWidget('x', false, null, 'inline', cache, none).eq(new MathWidget('x', false, null, 'inline', new MathRenderCache(), none))).toBe(false);
    expect(new MathWidget('x', false, null, 'inline', cache, none).eq(new MathWidget('x', false, null, 'inline', cache, other))).toBe(false);
    expect(new MathWidget('x', true, null, 'block', cache, none).estimatedHeight).toBeGreaterThan(20);
  });

  it('follows a formula that appears or disappears as delimiters are typed', () => {
    const { view } = open('Say x^2 now.\n\nMore.', 0);
    expect(decorationsOf(view)).toEqual([]);
    view.dispatch({ changes: [{ from: 4, insert: '$' }, { from: 7, insert: '$' }], selection: { anchor: 0 } });
    expect(decorationsOf(view).map((d) => view.state.sliceDoc(d.from, d.to))).toEqual(['$x^2$']);
    view.dispatch({ changes: { from: 4, to: 5 } });
    expect(decorationsOf(view)).toEqual([]);
  });

  it('frees the text after a block when its closing $$ is typed', () => {
    const text = '$$\na\nafter $y$ text';
    const { view } = open(text, 4);
    expect(decorationsOf(view).filter((d) => d.kind === 'replace')).toEqual([]);
    view.dispatch({ changes: { from: 4, insert: '\n$$' }, selection: { anchor: 0 } });
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    expect(decorationsOf(view).map((d) => [d.kind, view.state.sliceDoc(d.from, d.to)])).toEqual([
      ['replace', '$$\na\n$$'],
      ['replace', '$y$'],
    ]);
  });

  it('catches up when the background parser reaches more of the document', () => {
    let big = '';
    for (let i = 0; i < 3000; i++) big += `Line ${i} with words.\n\n$$\nx_{${i}}\n$$\n\n`;
    const { view } = open(big, 0, new MathRenderCache(), true);
    const before = view.state.field(blockMathField).decorations.size;
    expect(before).toBeLessThan(3000);
    ensureSyntaxTree(view.state, big.length, 10_000);
    view.dispatch({ selection: EditorSelection.cursor(0) });
    expect(view.state.field(blockMathField).decorations.size).toBe(3000);
  });

  it('decorates and renders only what is in the viewport of a 2,000-formula note', () => {
    let big = '';
    for (let i = 0; i < 1000; i++) big += `Step ${i}: $a_{${i}}$ and\n\n$$\nb_{${i}} = ${i}\n$$\n\n`;
    const { view, cache } = open(big, 0, new MathRenderCache(), true);
    ensureSyntaxTree(view.state, big.length, 10_000);
    view.dispatch({ selection: EditorSelection.cursor(0) });
    const inline = decorationsOf(view).filter((d) => d.kind === 'replace' && !d.spec.block);
    expect(inline.length).toBeGreaterThan(0);
    expect(inline.length).toBeLessThan(200);
    expect(view.state.field(blockMathField).decorations.size).toBe(1000); // cheap ranges, no KaTeX yet
    const drawn = view.contentDOM.querySelectorAll('.cm-math').length;
    expect(cache.katexCalls).toBeLessThanOrEqual(drawn);
    expect(cache.katexCalls).toBeLessThan(300);
  });

  it('redraws every formula with a new preamble', () => {
    const slot = new Compartment();
    const text = 'Let $\\RR$ be.\n\n$$\n\\RR^n\n$$\n\nEnd.';
    view = testEditor(text, text.length, [mathPreview(), mathRenderer.of(new MathRenderCache()), slot.of(mathPreamble.of(preambleScope('')))]);
    expect(view.contentDOM.querySelectorAll('.cm-math-error')).toHaveLength(2);
    view.dispatch({ effects: slot.reconfigure(mathPreamble.of(preambleScope('\\newcommand{\\RR}{\\mathbb{R}}'))) });
    expect(view.contentDOM.querySelectorAll('.cm-math-error')).toHaveLength(0);
    expect(view.contentDOM.querySelectorAll('.cm-math .katex')).toHaveLength(2);
  });

  it('renders display math inside a quote without a block widget mid-line', () => {
    const text = '> $$\n> x^2\n> $$\n\nAfter.';
    const { view } = open(text, text.length);
    const deco = decorationsOf(view).find((d) => d.kind === 'replace')!;
    expect(view.state.sliceDoc(deco.from, deco.to)).toBe('$$\n> x^2\n> $$');
    expect(deco.spec.block).toBe(false);
    expect(view.contentDOM.querySelector('.cm-math-block .katex-display')).not.toBeNull();
  });
});
