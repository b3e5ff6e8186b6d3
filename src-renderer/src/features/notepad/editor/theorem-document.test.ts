import type { EditorView } from '@codemirror/view';
import { Compartment, EditorState } from '@codemirror/state';
import { markdown } from '@codemirror/lang-markdown';
import { ensureSyntaxTree } from '@codemirror/language';
import { mathSyntax } from '../../../../../src-shared/markdown/math-syntax';
import { fencedDivSyntax } from '../../../../../src-shared/markdown/fenced-div-syntax';
import { afterEach, describe, expect, it } from 'vitest';
import { formulaAt } from './math-document';
import { mathIn } from './math-ranges';
import { mathPreview, mathRenderer } from './math-preview';
import { MathRenderCache } from './katex-render';
import { theoremDocument, theoremNumbering, theoremPosition } from './theorem-document';
import { testEditor, withFinishedParses } from '../../../../../test-support/test-editor';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

const doc = [
  '::: {#thm-main .theorem title="Main"}',
  'Every bounded sequence converges.',
  ':::',
  '',
  '::: {#lem-aux .lemma}',
  'A step.',
  ':::',
  '',
  '::: {#thm-next .theorem}',
  'More.',
  ':::',
  '',
  'By $\\ref{thm-next}$ and $\\ref{lem-aux}$.',
].join('\n');

const numbers = (v: EditorView) => v.state.field(theoremDocument).analysis.blocks.map((b) => `${b.kind} ${b.number}`);
const refTexes = (v: EditorView) => mathIn(v.state, 0, v.state.doc.length).map((m) => formulaAt(v.state, m.from)?.renderTex);

/** The field built afresh over a fully parsed state of the text (no view). */
function freshField(text: string) {
  const state = EditorState.create({ doc: text, extensions: [markdown({ extensions: [mathSyntax, fencedDivSyntax] }), theoremDocument] });
  ensureSyntaxTree(state, text.length, 10_000);
  return state.update({}).state.field(theoremDocument);
}

describe('the theorem field', () => {
  it('numbers blocks per kind, and `\\ref` in math gives the number', () => {
    view = testEditor(doc, 0, [theoremDocument, mathPreview(), mathRenderer.of(new MathRenderCache())]);
    expect(numbers(view)).toEqual(['theorem 1', 'lemma 1', 'theorem 2']);
    expect(refTexes(view)).toEqual(['{2}', '{1}']);
    expect(theoremPosition(view.state, 'lem-aux')).toMatchObject({ from: doc.indexOf('::: {#lem'), to: doc.indexOf(':::', doc.indexOf('A step.')) + 3 });
  });

  it('keeps its analysis while prose is typed, and renumbers (formulas too) when a fence changes', () => {
    view = testEditor(doc, 0, [theoremDocument, mathPreview(), mathRenderer.of(new MathRenderCache())]);
    const v = view;
    const before = v.state.field(theoremDocument).analysis;
    withFinishedParses(() => {
      v.dispatch({ changes: { from: doc.indexOf('converges'), insert: 'surely ' } });
      expect(v.state.field(theoremDocument).analysis).toBe(before);
      expect(v.state.field(theoremDocument).fences[2]!.from).toBe(v.state.doc.toString().indexOf('::: {#lem'));
      // A lemma becomes a theorem: the theorem after it is now 3, and so is its `\ref`.
      const at = v.state.doc.toString().indexOf('.lemma');
      v.dispatch({ changes: { from: at, to: at + '.lemma'.length, insert: '.theorem' } });
    });
    expect(numbers(v)).toEqual(['theorem 1', 'theorem 2', 'theorem 3']);
    expect(refTexes(v)).toEqual(['{3}', '{2}']);
  });

  it('finds a fence typed line by line and a block that grows a new label', () => {
    view = testEditor('Intro.\n\nBy $\\ref{def-new}$.\n', 0, [theoremDocument, mathPreview(), mathRenderer.of(new MathRenderCache())]);
    const v = view;
    withFinishedParses(() => {
      for (const ch of '::: {#def-new .definition}\nA thing.\n:::\n') v.dispatch({ changes: { from: v.state.doc.length, insert: ch } });
    });
    expect(numbers(v)).toEqual(['definition 1']);
    expect(v.state.field(theoremDocument).analysis.issues).toEqual([]);
    expect(refTexes(v)).toEqual(['{1}']);
  });

  it('numbers with one shared counter when the setting says so, and follows the setting when it changes', () => {
    const slot = new Compartment();
    view = testEditor(doc, 0, [slot.of(theoremNumbering.of('shared')), theoremDocument]);
    expect(numbers(view)).toEqual(['theorem 1', 'lemma 2', 'theorem 3']);
    view.dispatch({ effects: slot.reconfigure(theoremNumbering.of('perKind')) });
    expect(numbers(view)).toEqual(['theorem 1', 'lemma 1', 'theorem 2']);
  });

  it('after random edits, equals a fresh build of the same text', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const pieces = ['::: {.lemma}\n', ':::\n', 'x ', '\n', '::: {#thm-q .theorem}\n', '\n\n', '@thm-q '];
    view = testEditor(doc, 0, [theoremDocument]);
    const v = view;
    withFinishedParses(() => {
      for (let step = 0; step < 60; step++) {
        const at = random(v.state.doc.length + 1);
        if (random(3) === 0 && v.state.doc.length > 0) v.dispatch({ changes: { from: at, to: Math.min(v.state.doc.length, at + 1 + random(12)) } });
        else v.dispatch({ changes: { from: at, insert: pieces[random(pieces.length)]! } });
        const want = freshField(v.state.doc.toString());
        const got = v.state.field(theoremDocument);
        expect(got.fences).toEqual(want.fences);
        expect(got.analysis.blocks).toEqual(want.analysis.blocks);
        expect(got.analysis.issues).toEqual(want.analysis.issues);
      }
    });
  }, 30_000); // a fresh parse per step: seconds on a loaded machine
});
