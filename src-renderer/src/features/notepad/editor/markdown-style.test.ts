import type { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it } from 'vitest';
import { markdownStyle } from './markdown-style';
import { decorationsOf, testEditor } from '../../../../../test-support/test-editor';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

const doc = '# Title\n\nSome *soft* and **bold** with `code`.\n\n- item\n\n> quoted\n> more';

const hidden = (v: EditorView): string[] =>
  decorationsOf(v)
    .filter((d) => d.kind === 'replace')
    .map((d) => v.state.sliceDoc(d.from, d.to));

describe('markdown styling', () => {
  it('styles headings, emphasis, code, lists and quotes', () => {
    view = testEditor(doc, doc.length, markdownStyle);
    const classes = decorationsOf(view).map((d) => d.spec.class).filter(Boolean);
    expect(classes).toEqual(
      expect.arrayContaining(['cm-md-h cm-md-h1', 'cm-md-em', 'cm-md-strong', 'cm-md-code', 'cm-md-list-mark', 'cm-md-quote']),
    );
    expect(view.contentDOM.querySelector('.cm-md-h1')?.textContent).toBe('Title');
  });

  it('hides marks on lines without the cursor and shows them on the cursor line', () => {
    view = testEditor(doc, doc.length, markdownStyle); // cursor on the last quote line
    expect(hidden(view)).toEqual(['# ', '*', '*', '**', '**', '`', '`']);
    view.dispatch({ selection: { anchor: doc.indexOf('soft') } });
    expect(hidden(view)).toEqual(['# ']);
    view.dispatch({ selection: { anchor: 1 } });
    expect(hidden(view)).toEqual(['*', '*', '**', '**', '`', '`']);
  });

  it('keeps its decorations when the cursor moves within a line', () => {
    view = testEditor(doc, doc.indexOf('soft'), markdownStyle);
    const set = view.plugin(markdownStyle)!.decorations;
    view.dispatch({ selection: { anchor: doc.indexOf('bold') } });
    expect(view.plugin(markdownStyle)!.decorations).toBe(set);
  });
});
