import { EditorSelection } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MathRenderCache } from './katex-render';
import { mathDocument } from './math-document';
import { mathPreview, mathRenderer } from './math-preview';
import { dirtySpans, intersectSpans, mathIn, mergeSpans } from './math-ranges';
import { decorationsOf, testEditor, withFinishedParses } from '../../../../../test-support/test-editor';

describe('spans', () => {
  it('merges, intersects', () => {
    expect(mergeSpans([[5, 8], [0, 2], [3, 4], [7, 10], [12, 13]])).toEqual([[0, 10], [12, 13]]);
    expect(intersectSpans([[0, 10], [20, 30]], [[5, 25]])).toEqual([[5, 10], [20, 25]]);
  });

  it('reads a formula: delimiters, TeX, display, block, multi-line', () => {
    const view = testEditor('a $x$ b $$y$$\nc \\(p\nq\\)\n\n$$\nz\n$$', 0);
    const found = mathIn(view.state, 0, view.state.doc.length).map(({ tex, display, block, multiline }) => [tex, display, block, multiline]);
    expect(found).toEqual([
      ['x', false, false, false],
      ['y', true, false, false],
      ['p\nq', false, false, true],
      ['\nz\n', true, true, false],
    ]);
    view.destroy();
  });

  it('leaves quote markers out of the TeX of display math in a quote', () => {
    const view = testEditor('> $$\n> E(t) \\le E(0)\n> $$\n', 0);
    expect(mathIn(view.state, 0, view.state.doc.length).map((m) => m.tex)).toEqual(['\nE(t) \\le E(0)\n']);
    view.destroy();
  });

  it('marks the changed block and the old and new selection dirty, nothing else', () => {
    const doc = 'One $a$.\n\nTwo $b$ here.\n\nThree $c$.';
    const view = testEditor(doc, 0);
    const at = doc.indexOf('here');
    const tr = view.state.update({ changes: { from: at, insert: 'x' }, selection: { anchor: at + 1 } });
    const spans = dirtySpans(view.state, tr.state, tr.changes, true);
    expect(spans).toEqual([[0, 0], [doc.indexOf('Two'), doc.indexOf('here.') + 6]]);
    view.destroy();
  });
});

// Random edits: the incrementally maintained decorations must always equal a fresh build of the same state.
const tokens = ['$', '$$', 'x', ' ', '\n', '\n\n', '\\(', '\\)', '\\[', '\\]', '`', 'a^2', '> ', '- ', '\\$', '{', '}', '2',
  // The pre-pass: numbering, labels, references and macro definitions must stay incremental too.
  '\\begin{equation}', '\\end{equation}', '\\label{a}', '\\eqref{a}', '\\def\\f{y}', '\\f', '\\tag{t}'];
const text = fc.array(fc.constantFrom(...tokens), { maxLength: 16 }).map((parts) => parts.join(''));
const op = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), insert: fc.constantFrom(...tokens) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat() }),
);

const shape = (view: EditorView) => {
  const doc = view.state.field(mathDocument);
  return [
    ...decorationsOf(view).map((d) => `${d.from}-${d.to}:${d.kind}:${String(d.spec.tex)}:${String(d.spec.scope)}:${String(d.spec.class ?? '')}`),
    // The pre-pass beyond what is drawn: labels and warnings (an edit inside a formula may skip the pass).
    ...[...doc.labels.values()].map((l) => `label ${l.name}=${String(l.number)}@${l.index}`),
    ...doc.issues.map((i) => `issue ${i.from}-${i.to}:${i.template}:${i.label}`),
  ];
};

describe('incremental math decorations', () => {
  it('equal a from-scratch build after any sequence of edits and moves', () => {
    const cache = new MathRenderCache();
    const extensions = [mathPreview(), mathRenderer.of(cache)];
    fc.assert(
      fc.property(text, fc.array(op, { minLength: 1, maxLength: 8 }), (start, ops) => {
        const view = testEditor(start, 0, extensions);
        try {
          for (const o of ops) {
            const len = view.state.doc.length;
            const at = len === 0 ? 0 : o.at % (len + 1);
            // Every reparse finishes (the clock held), as on an idle machine: the fresh build below has the whole tree.
            withFinishedParses(() => {
              if (o.kind === 'insert') view.dispatch({ changes: { from: at, insert: o.insert }, selection: { anchor: at + o.insert.length } });
              else if (o.kind === 'delete') view.dispatch({ changes: { from: at, to: Math.min(len, at + o.length) } });
              else view.dispatch({ selection: EditorSelection.cursor(at) });
            });
            const fresh = testEditor(view.state.doc.toString(), view.state.selection.main.head, extensions);
            const expected = shape(fresh);
            fresh.destroy();
            expect(shape(view)).toEqual(expected);
          }
        } finally {
          view.destroy();
        }
      }),
      { numRuns: 120 },
    );
  }, 60_000);
});
