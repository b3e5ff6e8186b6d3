import { cursorCharLeft, cursorCharRight } from '@codemirror/commands';
import type { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { blockMathEntry, mathMotion, nearestSourcePos } from './math-motion';
import { mathPreview } from './math-preview';
import { mathAt } from './math-ranges';
import { decorationsOf, testEditor } from '../../../../../test-support/test-editor';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

const open = (doc: string, cursor: number): EditorView => (view = testEditor(doc, cursor, [mathPreview(), mathMotion()]));

const shownAsSource = (v: EditorView, text: string): boolean => {
  const at = v.state.doc.toString().indexOf(text);
  return decorationsOf(v).some((d) => d.from === at && d.kind === 'mark' && d.spec.class === 'cm-math-editing');
};

describe('math motion', () => {
  it('steps into an inline formula from the right, one character at a time, and out again', () => {
    const doc = 'See $ab$ here';
    const v = open(doc, 9); // after "$ab$ "
    expect(shownAsSource(v, '$ab$')).toBe(false);
    cursorCharLeft(v);
    expect(v.state.selection.main.head).toBe(8);
    expect(shownAsSource(v, '$ab$')).toBe(true);
    cursorCharLeft(v);
    expect(v.state.selection.main.head).toBe(7); // inside, at the right end of the TeX
    cursorCharLeft(v);
    cursorCharLeft(v);
    cursorCharLeft(v);
    expect(v.state.selection.main.head).toBe(4);
    cursorCharLeft(v);
    expect(v.state.selection.main.head).toBe(3);
    expect(shownAsSource(v, '$ab$')).toBe(false);
  });

  it('steps into an inline formula from the left', () => {
    const v = open('See $ab$ here', 3);
    cursorCharRight(v);
    expect(v.state.selection.main.head).toBe(4);
    expect(shownAsSource(v, '$ab$')).toBe(true);
    cursorCharRight(v);
    expect(v.state.selection.main.head).toBe(5);
  });

  it('finds the rendered block to enter going down and going up', () => {
    const doc = 'Thus:\n$$\na\\\\\nb\n$$\nAfter';
    const v = open(doc, doc.length);
    const start = doc.indexOf('$$');
    const end = doc.lastIndexOf('$$') + 2;
    expect(blockMathEntry(v.state, 2, true)).toBe(start);
    expect(blockMathEntry(v.state, doc.length, false)).toBe(end);
    expect(blockMathEntry(v.state, 2, false)).toBeNull();
    // Once the cursor is inside, the block is source and ordinary motion applies.
    v.dispatch({ selection: { anchor: start } });
    expect(blockMathEntry(v.state, doc.indexOf('After'), false)).toBeNull();
  });

  it('places a click on a rendered formula at the nearest source position', () => {
    const doc = 'x $abcd$ y\n\n$$\nfirst\nsecond\n$$\n';
    const v = open(doc, 0);
    const inline = mathAt(v.state, 3)!;
    expect(nearestSourcePos(v.state, inline, 0, 0.5)).toBe(3);
    expect(nearestSourcePos(v.state, inline, 0.5, 0.5)).toBe(5);
    expect(nearestSourcePos(v.state, inline, 1, 0.5)).toBe(7);
    expect(nearestSourcePos(v.state, inline, Number.NaN, 0)).toBe(3);
    const block = mathAt(v.state, doc.indexOf('$$\nfirst'))!;
    expect(nearestSourcePos(v.state, block, 0, 0.1)).toBe(doc.indexOf('first'));
    expect(nearestSourcePos(v.state, block, 1, 0.9)).toBe(doc.indexOf('second') + 6);
  });

  it('turns a mouse press on a rendered formula into a cursor in its source', () => {
    const doc = 'x $abcd$ y';
    const v = open(doc, doc.length);
    const widget = v.contentDOM.querySelector('.cm-math-inline')!;
    widget.getBoundingClientRect = () => ({ left: 100, top: 0, width: 40, height: 20, right: 140, bottom: 20, x: 100, y: 0, toJSON: () => ({}) });
    widget.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0, clientX: 140, clientY: 10 }));
    expect(v.state.selection.main.head).toBe(7);
    expect(shownAsSource(v, '$abcd$')).toBe(true);
  });
});
