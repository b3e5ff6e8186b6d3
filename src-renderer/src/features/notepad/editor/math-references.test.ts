import type { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { MathRenderCache } from './katex-render';
import { mathDocument } from './math-document';
import { mathPreview, mathRenderer } from './math-preview';
import { goToLabel, mathReferences, referenceAt, referenceTooltip } from './math-references';
import { decorationsOf, testEditor } from '../../../../../test-support/test-editor';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

const doc = [
  'Intro.',
  '$$\n\\begin{align}a&=b\\\\E&=mc^2\\label{eq:energy}\\end{align}\n$$',
  'By $\\eqref{eq:energy}$ and $\\eqref{eq:missing}$.',
].join('\n\n');

function open(cursor = 0) {
  view = testEditor(doc, cursor, [mathDocument, mathPreview(), mathRenderer.of(new MathRenderCache()), mathReferences()]);
  return view;
}

describe('references', () => {
  it('renders \\eqref as the equation\'s number from the pre-pass', () => {
    const v = open();
    const refs = [...v.contentDOM.querySelectorAll('.cm-math-inline')].map((el) => el.querySelector('.katex-html')!.textContent);
    expect(refs).toEqual(['(2)', '(??)']);
    expect(v.contentDOM.querySelector('.cm-math-block .katex-html')!.textContent).toContain('(2)');
  });

  it('previews the referenced equation on hover, and its button jumps there', () => {
    const v = open();
    const at = doc.indexOf('$\\eqref{eq:energy}') + 1;
    expect(referenceAt(v.state, at)?.ref.name).toBe('eq:energy');
    const tooltip = referenceTooltip(v, at)!;
    const dom = tooltip.create(v).dom;
    expect(dom.querySelector('.cm-math-ref-number')!.textContent).toBe('(2)');
    expect(dom.querySelector('.katex-display')!.textContent).toContain('mc');
    dom.querySelector('button')!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    expect(v.state.selection.main.head).toBe(doc.indexOf('$$'));
    expect(referenceTooltip(v, doc.indexOf('Intro'))).toBeNull();
  });

  it('says when a label is not defined, in the hover and as a quiet mark on the source', () => {
    const v = open();
    const missing = doc.indexOf('\\eqref{eq:missing}');
    const dom = referenceTooltip(v, missing + 2)!.create(v).dom;
    expect(dom.textContent).toBe('No equation is labelled eq:missing');
    const marks = decorationsOf(v).filter((d) => d.spec.class === 'cm-math-warning');
    expect(marks.map((d) => v.state.sliceDoc(d.from, d.to))).toEqual(['\\eqref{eq:missing}']);
    expect(goToLabel(v, 'eq:missing')).toBe(false);
  });
});
