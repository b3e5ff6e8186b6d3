import { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { testEditor } from '../../../../../test-support/test-editor';
import { Toggle } from './toggle';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

describe('Toggle', () => {
  it('switches its extension on and off in place', () => {
    const marked = new Toggle(EditorView.editorAttributes.of({ class: 'marked' }));
    view = testEditor('text', 0, marked.of(false));
    const dom = view.dom;
    expect(marked.isOn(view.state)).toBe(false);
    marked.toggle(view);
    expect(marked.isOn(view.state)).toBe(true);
    expect(view.dom.classList.contains('marked')).toBe(true);
    marked.set(view, true); // already on: no transaction, nothing changes
    marked.set(view, false);
    expect(view.dom.classList.contains('marked')).toBe(false);
    expect(view.dom).toBe(dom);
  });
});
