import { describe, expect, it } from 'vitest';
import { formulaChanges, formulasOf, normaliseTex } from './note-formulas';

describe('formulasOf', () => {
  it('finds formulas by the editor grammar: dollars, \\( \\), display blocks, quotes', () => {
    const note = [
      'Let $a^2$ and \\(b\\) be given, and $$c$$ inline.',
      '',
      '$$',
      'x +',
      '  y',
      '$$',
      '',
      '\\[ \\int_0^1 f \\]',
      '',
      '> $$',
      '> q = 1',
      '> $$',
    ].join('\n');
    expect(formulasOf(note)).toEqual(['a^2', 'b', 'c', 'x + y', '\\int_0^1 f', 'q = 1']);
  });

  it('skips what the editor does not read as math: escapes, prices, code spans and blocks, HTML, empty formulas', () => {
    const note = [
      'It costs \\$5 and \\$3.',
      '',
      'A price: $ 3 $, and 4 $5 and $6.',
      '',
      'Code: `$code$`; around inline HTML: <span>$html$</span>.',
      '',
      '```',
      '$fenced$',
      '```',
      '',
      '    $indented$',
      '',
      '<div>',
      '$block html$',
      '</div>',
      '',
      '$$ $$ and \\(  \\)',
    ].join('\n');
    // Inline HTML tags are nodes of their own; the text between them is prose, so `$html$` is math, as in the editor.
    expect(formulasOf(note)).toEqual(['html']);
  });

  it('normalises whitespace and nothing else', () => {
    expect(normaliseTex('  a \n\t+  b ')).toBe('a + b');
    expect(normaliseTex('a+b')).not.toBe(normaliseTex('a + b'));
  });
});

describe('formulaChanges', () => {
  const note = (...formulas: string[]) => formulas.map((tex) => `Some text $${tex}$.`).join('\n\n');

  it('counts new formulas as added', () => {
    expect(formulaChanges('', note('a', 'b', 'c'))).toEqual({ added: 3, changed: 0, removed: 0 });
  });

  it('counts an edited formula as changed, not as one added and one removed', () => {
    expect(formulaChanges(note('a', 'b', 'c'), note('a', 'b + 1', 'c'))).toEqual({ added: 0, changed: 1, removed: 0 });
  });

  it('counts removed formulas, and an edit plus a new one as one changed and one added', () => {
    expect(formulaChanges(note('a', 'b', 'c'), note('a'))).toEqual({ added: 0, changed: 0, removed: 2 });
    expect(formulaChanges(note('a', 'b'), note('a', 'b2', 'd'))).toEqual({ added: 1, changed: 1, removed: 0 });
  });

  it('leaves unchanged, moved, re-delimited and re-wrapped formulas out', () => {
    const before = 'Prose $x = 1$ and $y$.\n\n$$\nz\n$$';
    const after = 'New prose first.\n\n\\[ z \\]\n\nThen $y$ and \\(x  =  1\\).';
    expect(formulaChanges(before, after)).toEqual({ added: 0, changed: 0, removed: 0 });
  });

  it('treats formulas as a multiset: a copy of an existing formula is added', () => {
    expect(formulaChanges(note('a'), note('a', 'a'))).toEqual({ added: 1, changed: 0, removed: 0 });
    expect(formulaChanges(note('a', 'a'), note('a'))).toEqual({ added: 0, changed: 0, removed: 1 });
  });

  it('does not count math that became code, nor code that became math, as unchanged', () => {
    expect(formulaChanges('Text $a$.', 'Text `$a$`.')).toEqual({ added: 0, changed: 0, removed: 1 });
    expect(formulaChanges('Text \\$a$.', 'Text $a$.')).toEqual({ added: 1, changed: 0, removed: 0 });
  });
});
