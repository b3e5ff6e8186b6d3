import type { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { mathAt } from './math-ranges';
import { texHighlight, texTokens } from './tex-highlight';
import { testEditor } from '../../../../../test-support/test-editor';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

describe('TeX highlighting', () => {
  it('tokenizes commands, brackets and numbers', () => {
    const doc = '$\\frac{a}{2}$';
    view = testEditor(doc, 0, texHighlight);
    const tokens = texTokens(view.state, mathAt(view.state, 0)!).map((t) => [doc.slice(t.from, t.to), t.style]);
    expect(tokens).toEqual(expect.arrayContaining([['\\frac', 'tag'], ['{', 'bracket'], ['2', 'number']]));
  });

  it('marks math source with spellcheck off, and prose without', () => {
    view = testEditor('Some wrods and $\\alpha + x$ then\n\n$$\n\\beta\n$$', 0, texHighlight);
    const marked = [...view.contentDOM.querySelectorAll('.cm-math-source')];
    expect(marked.map((el) => el.getAttribute('spellcheck'))).toEqual(marked.map(() => 'false'));
    expect(marked.map((el) => el.textContent).join('|')).toContain('\\alpha');
    expect(marked.map((el) => el.textContent).join('|')).not.toContain('wrods');
    expect(view.contentDOM.querySelector('.cm-tex-tag')?.textContent).toBe('\\alpha');
  });

  it('follows edits: new formulas are marked and removed ones lose their marks', () => {
    view = testEditor('plain x here', 0, texHighlight);
    expect(view.contentDOM.querySelector('.cm-math-source')).toBeNull();
    view.dispatch({ changes: [{ from: 6, insert: '$' }, { from: 7, insert: '$' }] });
    expect(view.contentDOM.querySelector('.cm-math-source')?.textContent).toBe('$x$');
    view.dispatch({ changes: { from: 6, to: 7 } });
    expect(view.contentDOM.querySelector('.cm-math-source')).toBeNull();
  });

  it('leaves a huge formula untokenized', () => {
    const doc = `$${'x+'.repeat(3000)}x$`;
    view = testEditor(doc, 0, texHighlight);
    expect(texTokens(view.state, mathAt(view.state, 0)!)).toEqual([]);
  });
});
