import { ensureSyntaxTree } from '@codemirror/language';
import type { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { focusDimming, focusUnit } from './focus-dimming';
import { testEditor } from '../../../../../test-support/test-editor';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

const doc = 'First paragraph.\n\nWe now have:\n\n$$\na = b\n$$\n\nLast words.';

const dimmedLines = (v: EditorView): string[] =>
  [...v.contentDOM.querySelectorAll('.cm-line.cm-dimmed')].map((el) => el.textContent ?? '').filter((t) => t !== '');

describe('focus dimming', () => {
  it('counts a display equation and the paragraph before it as one unit', () => {
    view = testEditor(doc, 0);
    ensureSyntaxTree(view.state, doc.length);
    const intro = doc.indexOf('We now');
    const unit = { from: intro, to: doc.indexOf('$$\n\n') + 2 };
    expect(focusUnit(view.state, intro + 3)).toEqual(unit);
    expect(focusUnit(view.state, doc.indexOf('a = b'))).toEqual(unit);
    expect(focusUnit(view.state, 3)).toEqual({ from: 0, to: 16 });
    expect(focusUnit(view.state, doc.length)).toEqual({ from: doc.indexOf('Last'), to: doc.length });
  });

  it('dims every other visible line and follows the cursor', () => {
    view = testEditor(doc, doc.indexOf('We now'), focusDimming.of(true));
    expect(dimmedLines(view)).toEqual(['First paragraph.', 'Last words.']);
    view.dispatch({ selection: { anchor: 0 } });
    expect(dimmedLines(view)).toEqual(['We now have:', '$$', 'a = b', '$$', 'Last words.']);
  });

  it('switches on and off in place', () => {
    view = testEditor(doc, 0, focusDimming.of(false));
    expect(dimmedLines(view)).toEqual([]);
    focusDimming.toggle(view);
    expect(focusDimming.isOn(view.state)).toBe(true);
    expect(view.dom.classList.contains('cm-focus-dimming')).toBe(true);
    expect(dimmedLines(view).length).toBeGreaterThan(0);
    focusDimming.set(view, false);
    expect(dimmedLines(view)).toEqual([]);
  });
});
