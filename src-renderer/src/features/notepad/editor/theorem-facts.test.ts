import { describe, expect, it } from 'vitest';
import { format } from '../../../app/i18n/messages';
import { analyzeTheorems, parseDivAttributes, theoremWords, type Fence } from './theorem-facts';
import { editorMessages } from './phrases';

const open = (attributes: string): Fence => ({ attributes });
const close: Fence = { attributes: null };

describe('fence attributes', () => {
  it('reads pandoc attributes: id, classes, quoted and bare values, one bare word as a class', () => {
    expect(parseDivAttributes('{#thm-main .theorem title="The \\"main\\" one" n=3 note=\'x y\'}')).toEqual({
      ok: true,
      attributes: { id: 'thm-main', classes: ['theorem'], values: { title: 'The "main" one', n: '3', note: 'x y' } },
    });
    expect(parseDivAttributes('proof')).toEqual({ ok: true, attributes: { id: null, classes: ['proof'], values: {} } });
  });

  it('says what it cannot read: an unclosed brace, an unterminated quote, stray text', () => {
    expect(parseDivAttributes('{#thm-a .theorem')).toEqual({ ok: false, problem: '{#thm-a .theorem' });
    expect(parseDivAttributes('{.theorem title="Main}')).toEqual({ ok: false, problem: 'title="Main' });
    expect(parseDivAttributes('{.theorem !!}')).toEqual({ ok: false, problem: '!!' });
    expect(parseDivAttributes('two words')).toEqual({ ok: false, problem: 'two words' });
  });
});

describe('theorem numbering', () => {
  const note = [
    open('{#thm-a .theorem title="Main"}'), close,
    open('{#lem-b .lemma}'), close,
    open('{#thm-c}'), // the kind from the label's prefix
    open('{.proof}'), close, // a proof inside the theorem
    close,
    open('{.definition}'), close,
    open('{.theorem .unnumbered}'), close,
  ];

  it('counts each kind on its own', () => {
    const { blocks, labels, issues } = analyzeTheorems(note, 'perKind');
    expect(blocks.map((b) => `${b.kind} ${b.number}`)).toEqual(['theorem 1', 'lemma 1', 'theorem 2', 'proof null', 'definition 1', 'theorem null']);
    expect(labels.get('thm-c')).toMatchObject({ open: 4, close: 7 });
    expect(blocks[3]).toMatchObject({ open: 5, close: 6 });
    expect(blocks[0]!.title).toBe('Main');
    expect(issues).toEqual([]);
  });

  it('or shares one counter among every numbered kind', () => {
    const { blocks } = analyzeTheorems(note, 'shared');
    expect(blocks.map((b) => b.number)).toEqual(['1', '2', '3', null, '4', null]);
  });

  it('warns of a block never closed, a fence closing nothing, attributes it cannot read, a label used twice', () => {
    const { blocks, issues, unclosed, closes } = analyzeTheorems(
      [close, open('{#thm-a .theorem}'), close, open('{#thm-a .lemma}'), close, open('{.theorem title="x}'), close, open('{.remark}')],
      'perKind',
    );
    expect(issues).toEqual([
      { fence: 0, template: 'divStrayClose', value: '' },
      { fence: 3, template: 'duplicateLabel', value: 'thm-a' },
      { fence: 5, template: 'divBadAttributes', value: 'title="x' },
      { fence: 7, template: 'divUnclosed', value: '' },
    ]);
    expect(unclosed).toEqual([7]);
    expect(closes.get(6)).toBe(5); // a fence it cannot read still opens a div, so what closes it is not stray
    expect(blocks.map((b) => b.kind)).toEqual(['theorem', 'lemma', 'remark']);
  });

  it('leaves other divs unnumbered but pairs their fences', () => {
    const { blocks, closes } = analyzeTheorems([open('{.callout-note}'), open('{#thm-x .theorem}'), close, close], 'perKind');
    expect(blocks).toHaveLength(1);
    expect([...closes]).toEqual([[2, 1], [3, 0]]);
  });
});

describe('theorem words', () => {
  const words = (locale: 'en' | 'zh-CN') => theoremWords((key, values) => format(locale, editorMessages[locale][key], values));
  const { blocks } = analyzeTheorems([open('{#thm-a .theorem title="Main"}'), close, open('{.proof}'), close], 'perKind');

  it('reads "Theorem 1", "Theorem 1 (Main).", "Proof." and in Chinese "定理 1"', () => {
    expect(words('en').reference(blocks[0]!)).toBe('Theorem 1');
    expect(words('en').heading(blocks[0]!)).toBe('Theorem 1 (Main).');
    expect(words('en').heading(blocks[1]!)).toBe('Proof.');
    expect(words('zh-CN').reference(blocks[0]!)).toBe('定理 1');
    expect(words('zh-CN').heading(blocks[0]!)).toBe('定理 1（Main）');
  });
});
