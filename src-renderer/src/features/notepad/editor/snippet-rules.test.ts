import { describe, expect, it } from 'vitest';
import { DEFAULT_SNIPPET_FILE, matchSnippet, parseSnippetFile, toTemplate } from './snippet-rules';

describe('snippet file', () => {
  it('reads every default line without an error', () => {
    const { rules, errors } = parseSnippetFile(DEFAULT_SNIPPET_FILE);
    expect(errors).toEqual([]);
    expect(rules.map((r) => r.trigger)).toEqual(expect.arrayContaining(['//', '@a', 'sr', 'mk', 'dm', 'pmat', 'bmat']));
  });

  it('reports each bad line by its number and keeps every good one', () => {
    const file = [
      '# comment', //               1
      'mA // \\frac{$1}{$2}$0', //  2
      'mA lonely', //               3: no replacement
      'mQ xx \\x', //               4: unknown option
      'A yy \\y', //                5: neither math nor prose
      'pmat', //                    6: a trigger alone
      'mAr ([a-z] \\z', //          7: a regex that does not compile
      'mA zz ${1:{x}}', //          8: a brace in a placeholder
      '', //                        9
      '   tAw mk $$0$   ', //       10: surrounding spaces are fine
    ].join('\n');
    const { rules, errors } = parseSnippetFile(file);
    expect(rules.map((r) => [r.line, r.trigger])).toEqual([
      [2, '//'],
      [10, 'mk'],
    ]);
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'shape'],
      [4, 'option'],
      [5, 'scope'],
      [6, 'shape'],
      [7, 'regex'],
      [8, 'placeholder'],
    ]);
    expect(errors[1]!.detail).toBe('Q');
    expect(errors[4]!.detail).toMatch(/regular expression/i);
  });

  it('reads \\n as a line break unless a letter follows (\\nabla stays a command)', () => {
    const [rule] = parseSnippetFile('tA dm $$\\n$0\\n$$ \\nabla').rules;
    expect(rule!.replacement).toBe('$$\n$0\n$$ \\nabla');
  });
});

describe('matching triggers', () => {
  const { rules } = parseSnippetFile(DEFAULT_SNIPPET_FILE);

  it('expands math triggers only in math and prose triggers only in prose', () => {
    expect(matchSnippet(rules, 'x//', 'math', true)?.rule.trigger).toBe('//');
    expect(matchSnippet(rules, 'http://', 'prose', true)).toBeNull();
    expect(matchSnippet(rules, 'Let mk', 'prose', true)?.rule.trigger).toBe('mk');
    expect(matchSnippet(rules, 'x mk', 'math', true)).toBeNull();
    expect(matchSnippet(rules, '@a', 'prose', true)).toBeNull();
    expect(matchSnippet(rules, '@a', 'math', true)?.template).toBe('\\alpha${0}');
  });

  it('keeps word-start triggers to the start of a word', () => {
    expect(matchSnippet(rules, 'a remark', 'prose', true)).toBeNull();
    expect(matchSnippet(rules, '(mk', 'prose', true)?.rule.trigger).toBe('mk');
  });

  it('never expands inside a command or environment name being typed, nor in a label, reference or text argument', () => {
    expect(matchSnippet(rules, '\\sum', 'math', true)).toBeNull();
    expect(matchSnippet(rules, '\\begin{pmat', 'math', true)).toBeNull();
    expect(matchSnippet(rules, 'x = sum', 'math', true)?.rule.trigger).toBe('sum');
    expect(matchSnippet(rules, 'x + pmat', 'math', true)?.rule.trigger).toBe('pmat');
    expect(matchSnippet(rules, '\\label{eq1', 'math', true)).toBeNull();
    expect(matchSnippet(rules, '\\text{mail @a', 'math', true)).toBeNull();
    expect(matchSnippet(rules, '\\text{a} + x1', 'math', true)?.template).toBe('x_{1}${0}');
  });

  it('matches regex triggers at the cursor and puts their groups in the replacement', () => {
    const match = matchSnippet(rules, 'y = x1', 'math', true)!;
    expect(match.length).toBe(2);
    expect(match.template).toBe('x_{1}${0}');
    expect(matchSnippet(rules, 'x1 + ', 'math', true)).toBeNull();
  });

  it('keeps Tab triggers for Tab: a rule without A never expands while typing', () => {
    const { rules: tabRules } = parseSnippetFile('m ee e^{$1}$0');
    expect(matchSnippet(tabRules, 'ee', 'math', true)).toBeNull();
    expect(matchSnippet(tabRules, 'ee', 'math', false)?.template).toBe('e^{${1}}${0}');
  });

  it('takes the first matching line, in file order', () => {
    const { rules: ordered } = parseSnippetFile('mA ab \\first\nmA b \\second');
    expect(matchSnippet(ordered, 'ab', 'math', true)?.rule.line).toBe(1);
    expect(matchSnippet(ordered, 'cb', 'math', true)?.rule.line).toBe(2);
  });
});

describe('replacement templates', () => {
  it('turns $n and ${n:text} into CodeMirror fields; TeX’s escaped braces go in as stand-ins', () => {
    expect(toTemplate('\\frac{$1}{$2}$0')).toBe('\\frac{${1}}{${2}}${0}');
    expect(toTemplate('\\sum_{${1:i=1}}')).toBe('\\sum_{${1:i=1}}${0}');
    expect(toTemplate('\\left\\{ $1 \\right\\}')).toBe('\\left\uE000 ${1} \\right\uE001${0}');
    expect(toTemplate('$$0$')).toBe('$${0}$');
    expect(toTemplate('\\$1')).toBe('\\$1${0}');
  });
});
