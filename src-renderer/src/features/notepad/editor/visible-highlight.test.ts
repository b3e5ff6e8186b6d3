import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { EditorView } from '@codemirror/view';
import { NodeType } from '@lezer/common';
import { classHighlighter, highlightTree, tags } from '@lezer/highlight';
import { afterEach, describe, expect, it } from 'vitest';
import { mathSyntax } from '../../../../../src-shared/markdown/math-syntax';
import { decorationsOf, testEditor } from '../../../../../test-support/test-editor';
import { highlightFrom, visibleHighlighting } from './visible-highlight';

const parser = markdown({ base: markdownLanguage, extensions: [mathSyntax] }).language.parser;

// Every kind of block and inline the notepad parses, HTML (a mounted language) and code fences included.
const note = [
  '# A heading with *emphasis*',
  '',
  'Setext heading',
  '==============',
  '',
  'Prose with **strong**, `code`, ~~struck~~, a [link](https://example.org "title") and $e^{i\\pi} + 1 = 0$.',
  '',
  '> A quote with *emphasis',
  '> across lines* and $x$.',
  '',
  '- a list item',
  '  1. nested, with <kbd>HTML</kbd>',
  '- [ ] a task',
  '',
  '```js',
  'const x = 1; // a comment',
  '```',
  '',
  '<div class="aside">',
  '  An HTML block.',
  '</div>',
  '',
  '$$',
  '\\int_0^1 x\\,dx = \\tfrac12',
  '$$',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | *2* |',
  '',
  '---',
  '',
  'The end.',
].join('\n');

type Span = [number, number, string];

function spans(highlight: (put: (from: number, to: number, classes: string) => void) => void): Span[] {
  const out: Span[] = [];
  highlight((from, to, classes) => out.push([from, to, classes]));
  return out;
}

let view: EditorView | null = null;
afterEach(() => view?.destroy());

describe('highlightFrom', () => {
  const tree = parser.parse(note);
  // Windows that start and end inside blocks, between blocks, at the edges, and the whole note.
  const windows: [number, number][] = [[0, note.length]];
  for (let from = 0; from < note.length; from += 7) windows.push([from, Math.min(note.length, from + 1 + ((from * 13) % 90))]);
  windows.push([note.indexOf('```js') + 2, note.indexOf('<div')], [note.indexOf('$$'), note.length], [note.length, note.length]);

  it('gives the spans highlightTree gives, for every window', () => {
    for (const [from, to] of windows) {
      const expected = spans((put) => highlightTree(tree, classHighlighter, put, from, to));
      expect(spans((put) => highlightFrom(tree, classHighlighter, put, from, to)), `${from}..${to}`).toEqual(expected);
    }
  });

  it('applies a scoped highlighter only to its own language, as highlightTree', () => {
    const otherLanguage = HighlightStyle.define([{ tag: tags.heading, class: 'h' }], { scope: NodeType.define({ id: 0, name: 'OtherLanguage', top: true }) });
    expect(spans((put) => highlightFrom(tree, otherLanguage, put, 0, note.length))).toEqual([]);
    const markdownOnly = HighlightStyle.define([{ tag: tags.heading, class: 'h' }], { scope: markdownLanguage });
    const headings = spans((put) => highlightFrom(tree, markdownOnly, put, 0, note.length));
    expect(headings.length).toBeGreaterThan(0);
    expect(headings).toEqual(spans((put) => highlightTree(tree, markdownOnly, put, 0, note.length)));
  });
});

describe('visibleHighlighting', () => {
  const style = HighlightStyle.define([
    { tag: tags.heading, fontWeight: '600' },
    { tag: tags.emphasis, fontStyle: 'italic' },
    { tag: [tags.link, tags.url], color: 'blue' },
    { tag: tags.monospace, fontFamily: 'monospace' },
  ]);
  const marks = (extension: Parameters<typeof testEditor>[2]) => {
    view = testEditor(note, 0, extension);
    const found = decorationsOf(view);
    view.destroy();
    view = null;
    return found;
  };

  it('draws the marks syntaxHighlighting draws, and follows an edit', () => {
    const ours = marks(visibleHighlighting(style));
    expect(ours.length).toBeGreaterThan(5);
    expect(ours).toEqual(marks(syntaxHighlighting(style)));

    view = testEditor(note, 0, visibleHighlighting(style));
    view.dispatch({ changes: { from: note.indexOf('The end.'), insert: '## Late heading\n\n' } });
    const heading = note.indexOf('The end.');
    expect(decorationsOf(view).some((mark) => mark.from === heading && typeof mark.spec.class === 'string')).toBe(true);
  });
});
