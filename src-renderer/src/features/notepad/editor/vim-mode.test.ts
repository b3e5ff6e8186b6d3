import { Vim, getCM } from '@replit/codemirror-vim';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPrefs, stillroomEditor, vimMode, type MathEditorPrefs } from './index';
import { defaultEditorPrefs } from '../../../../../test-support/test-editor';

const prefs: MathEditorPrefs = defaultEditorPrefs;
const views: EditorView[] = [];
afterEach(() => {
  for (const view of views.splice(0)) view.destroy();
});

function editor(doc: string, vim: boolean): EditorView {
  const view = new EditorView({ state: EditorState.create({ doc, extensions: stillroomEditor({ prefs: { ...prefs, vim } }) }), parent: document.body });
  views.push(view);
  return view;
}

/** Keys as Vim reads them, through its own key handler (what a keydown in the editor reaches). */
function keys(view: EditorView, ...sequence: string[]): void {
  const cm = getCM(view);
  if (!cm) throw new Error('Vim is not on in this editor');
  for (const key of sequence) Vim.handleKey(cm, key, 'user');
}

describe('Vim mode', () => {
  it('is off by default: the editor has no Vim state', () => {
    const view = editor('one\ntwo', false);
    expect(vimMode.isOn(view.state)).toBe(false);
    expect(getCM(view)).toBeNull();
  });

  it('when on, starts in normal mode: dd deletes a line, i…Esc inserts, u undoes', () => {
    const view = editor('one\ntwo\nthree', true);
    expect(vimMode.isOn(view.state)).toBe(true);
    // (No j/k here: jsdom has no layout to move by; the e2e test moves by lines in Chromium.)
    keys(view, 'd', 'd');
    expect(view.state.doc.toString()).toBe('two\nthree');
    keys(view, 'i');
    // In insert mode Vim lets typed characters through to the editor, as the browser's input does.
    const at = view.state.selection.main.head;
    view.dispatch({ changes: { from: at, insert: 'new ' }, selection: { anchor: at + 4 }, userEvent: 'input.type' });
    keys(view, '<Esc>');
    expect(view.state.doc.toString()).toBe('new two\nthree');
    expect(getCM(view)?.state.vim?.insertMode).toBe(false);
    keys(view, 'u');
    expect(view.state.doc.toString()).toBe('two\nthree');
  });

  it('turns on and off in place, the text and its history kept', () => {
    const view = editor('alpha beta', false);
    const on = { ...prefs, vim: true };
    applyPrefs(view, on, prefs);
    expect(vimMode.isOn(view.state)).toBe(true);
    keys(view, 'd', 'w');
    expect(view.state.doc.toString()).toBe('beta');
    applyPrefs(view, prefs, on);
    expect(vimMode.isOn(view.state)).toBe(false);
    expect(getCM(view)).toBeNull();
    expect(view.state.doc.toString()).toBe('beta');
  });
});
