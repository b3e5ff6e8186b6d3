import type { EditorView } from '@codemirror/view';
import { EditorSelection, EditorState } from '@codemirror/state';
import { afterEach, describe, expect, it } from 'vitest';
import { MathRenderCache } from './katex-render';
import { mathPreview, mathRenderer } from './math-preview';
import { mathReferences, referenceTooltip } from './math-references';
import { editorPhrases } from './phrases';
import { theoremBlocks } from './theorem-blocks';
import { crossReferenceAt, crossReferenceTooltip, goToLabel, theoremReferences } from './theorem-references';
import { decorationsOf, testEditor } from '../../../../../test-support/test-editor';

let view: EditorView | null = null;
afterEach(() => view?.destroy());

const doc = [
  'Intro.', // 0
  '',
  '::: {#thm-main .theorem title="Main"}',
  'Every bounded sequence has a convergent subsequence.',
  ':::',
  '',
  '::: proof',
  'Bisect.',
  ':::',
  '',
  'By @thm-main and @lem-none, also $\\ref{thm-main}$.',
  '',
  ':::',
].join('\n');

function open(cursor = 0, locale: 'en' | 'zh-CN' = 'en') {
  view = testEditor(doc, cursor, [
    EditorState.phrases.of(editorPhrases[locale]),
    theoremBlocks(),
    theoremReferences(),
    mathPreview(),
    mathRenderer.of(new MathRenderCache()),
    mathReferences(),
  ]);
  return view;
}

describe('theorem-like blocks in the editor', () => {
  it('shows a heading in place of the opening fence, ∎ for a proof, and the body in its style', () => {
    const v = open();
    expect([...v.contentDOM.querySelectorAll('.cm-thm-heading')].map((el) => el.textContent)).toEqual(['Theorem 1 (Main).', 'Proof.']);
    expect(v.contentDOM.querySelector('.cm-thm-heading-proof')).not.toBeNull();
    expect(v.contentDOM.querySelector('.cm-thm-qed')!.textContent).toBe('∎');
    const body = [...v.contentDOM.querySelectorAll('.cm-thm-body-plain')].map((el) => el.textContent);
    expect(body).toEqual(['Every bounded sequence has a convergent subsequence.']);
    expect(v.contentDOM.textContent).not.toContain('{#thm-main');
  });

  it('shows the fence\'s source while the cursor is on its line', () => {
    const v = open(doc.indexOf('{#thm-main') + 2);
    expect([...v.contentDOM.querySelectorAll('.cm-thm-heading')].map((el) => el.textContent)).toEqual(['Proof.']);
    expect(v.contentDOM.textContent).toContain('::: {#thm-main .theorem title="Main"}');
  });

  it('says, on the fence, when a ::: closes nothing', () => {
    const v = open();
    const warnings = decorationsOf(v).filter((d) => d.spec.class === 'cm-math-warning');
    const stray = warnings.find((d) => d.from === doc.lastIndexOf(':::'))!;
    expect((stray.spec.attributes as Record<string, string>).title).toBe('This ::: closes no block');
  });

  it('reads in Chinese: 定理 1（Main）, 证明', () => {
    const v = open(0, 'zh-CN');
    expect([...v.contentDOM.querySelectorAll('.cm-thm-heading')].map((el) => el.textContent)).toEqual(['定理 1（Main）', '证明']);
    expect(v.contentDOM.querySelector('.cm-thm-ref')!.textContent).toBe('定理 1');
  });
});

describe('references to theorem-like blocks', () => {
  it('render as "Theorem 1" off the cursor, as source on it, with a warning when undefined', () => {
    const v = open();
    expect([...v.contentDOM.querySelectorAll('.cm-thm-ref')].map((el) => el.textContent)).toEqual(['Theorem 1']);
    const warning = decorationsOf(v).find((d) => d.spec.class === 'cm-math-warning' && v.state.sliceDoc(d.from, d.to) === '@lem-none')!;
    expect((warning.spec.attributes as Record<string, string>).title).toBe('No theorem is labelled lem-none');
    v.dispatch({ selection: EditorSelection.cursor(doc.indexOf('@thm-main') + 3) });
    expect(v.contentDOM.querySelectorAll('.cm-thm-ref')).toHaveLength(0);
    expect(v.contentDOM.querySelector('.cm-thm-ref-source')!.textContent).toBe('@thm-main');
  });

  it('preview the block on hover, and its button jumps there', () => {
    const v = open();
    const at = doc.indexOf('@thm-main') + 2;
    expect(crossReferenceAt(v.state, at)).toEqual({ label: 'thm-main', from: at - 2, to: at - 2 + '@thm-main'.length });
    const dom = crossReferenceTooltip(v, at)!.create(v).dom;
    expect(dom.querySelector('.cm-thm-preview-heading')!.textContent).toBe('Theorem 1 (Main).');
    expect(dom.querySelector('.cm-thm-preview-body')!.textContent).toBe('Every bounded sequence has a convergent subsequence.');
    dom.querySelector('button')!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    expect(v.state.selection.main.head).toBe(doc.indexOf('::: {#thm-main'));
    const missing = crossReferenceTooltip(v, doc.indexOf('@lem-none') + 1)!.create(v).dom;
    expect(missing.textContent).toBe('No theorem is labelled lem-none');
    expect(crossReferenceTooltip(v, 2)).toBeNull();
  });

  it('resolve `\\ref{}` in math to the number, with the block\'s card on hover and a jump', () => {
    const v = open();
    expect(v.contentDOM.querySelector('.cm-math-inline .katex-html')!.textContent).toBe('1');
    const dom = referenceTooltip(v, doc.indexOf('\\ref{thm-main}') + 2)!.create(v).dom;
    expect(dom.querySelector('.cm-thm-preview-heading')!.textContent).toBe('Theorem 1 (Main).');
    expect(goToLabel(v, 'thm-main')).toBe(true);
    expect(v.state.selection.main.head).toBe(doc.indexOf('::: {#thm-main'));
  });
});
