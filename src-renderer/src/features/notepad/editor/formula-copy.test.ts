import type { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { stillroomEditor } from './index';
import { formulaAtCursor } from './formula-copy';
import { testEditor, defaultEditorPrefs } from '../../../../../test-support/test-editor';

let view: EditorView | null = null;
afterEach(() => view?.destroy());
const prefs = defaultEditorPrefs;

describe('copying math', () => {
  it('gives a formula at the cursor as LaTeX and as MathML with the preamble macros expanded', () => {
    const doc = 'Let $\\RR^n$ be.\n\nNo math here.';
    view = testEditor(doc, doc.indexOf('RR'), stillroomEditor({ prefs, preamble: '\\newcommand{\\RR}{\\mathbb{R}}' }));
    const formula = formulaAtCursor(view.state)!;
    expect(formula.latex).toBe('$\\RR^n$');
    const mathml = formula.mathml()!;
    expect(mathml).toMatch(/^<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML">/);
    expect(mathml).toContain('<mi mathvariant="double-struck">R</mi>');
    view.dispatch({ selection: { anchor: doc.indexOf('here') } });
    expect(formulaAtCursor(view.state)).toBeNull();
  });

  it('copies the LaTeX source of a selection across rendered formulas (a real copy event)', () => {
    const doc = 'Before $a^2$ and\n\n$$\n\\frac{1}{2}\n$$\n\nafter.';
    view = testEditor(doc, doc.length, stillroomEditor({ prefs }));
    expect(view.contentDOM.querySelectorAll('.cm-math .katex')).toHaveLength(2); // rendered, not source
    view.focus(); // CodeMirror copies only while the DOM selection is in the editor, as it is for a writer
    view.dispatch({ selection: { anchor: 0, head: doc.length } });
    const data = new Map<string, string>();
    const event = new Event('copy', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(event, 'clipboardData', {
      value: { setData: (type: string, value: string) => data.set(type, value), getData: (type: string) => data.get(type) ?? '', clearData: () => data.clear() },
    });
    view.contentDOM.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(data.get('text/plain')).toBe(doc);
  });
});
