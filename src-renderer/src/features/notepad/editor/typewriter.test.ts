import { EditorState } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { typewriter, typewriterTarget } from './typewriter';
import { testEditor } from '../../../../../test-support/test-editor';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

describe('typewriter scrolling', () => {
  it('centres on keyboard edits and motion, not on clicks or programmatic changes', () => {
    const state = EditorState.create({ doc: 'one\ntwo\nthree' });
    expect(typewriterTarget(state.update({ changes: { from: 3, insert: 'x' }, selection: { anchor: 4 }, userEvent: 'input.type' }))).toBe(4);
    expect(typewriterTarget(state.update({ selection: { anchor: 6 }, userEvent: 'select' }))).toBe(6);
    expect(typewriterTarget(state.update({ selection: { anchor: 6 }, userEvent: 'select.pointer' }))).toBeNull();
    expect(typewriterTarget(state.update({ changes: { from: 0, insert: 'x' } }))).toBeNull();
    expect(typewriterTarget(state.update({ userEvent: 'input' }))).toBeNull();
  });

  it('adds a centring scroll to typing transactions only while on', () => {
    view = testEditor('one\ntwo', 7, typewriter.of(true));
    const typed = view.state.update({ changes: { from: 7, insert: '!' }, selection: { anchor: 8 }, userEvent: 'input.type' });
    expect(typed.effects.some((e) => (e.value as { y?: string }).y === 'center')).toBe(true);
    expect(view.dom.classList.contains('cm-typewriter')).toBe(true);
    typewriter.set(view, false);
    const plain = view.state.update({ changes: { from: 7, insert: '!' }, userEvent: 'input.type' });
    expect(plain.effects).toEqual([]);
  });
});
