import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidNoteName } from '../../contract/notes';
import { uniqueNoteName } from './note-name';
import { followsItsText, isNameForTitle, titleFromText } from './note-title';

describe("the title a note's text gives it", () => {
  it('is the first heading, without its marks, CJK kept', () => {
    expect(titleFromText('# Fourier series\n\nBody')).toBe('Fourier series');
    expect(titleFromText('Some prose first.\n\n## Closing remarks ##\n')).toBe('Closing remarks');
    expect(titleFromText('# 傅里叶级数与卷积\n正文')).toBe('傅里叶级数与卷积');
    expect(titleFromText('Stokes theorem\n==============\n')).toBe('Stokes theorem');
    expect(titleFromText('# Main result {#sec-main .unnumbered}\n')).toBe('Main result');
  });

  it('is the first line when there is no heading', () => {
    expect(titleFromText('\n\n  A note on limits.\nMore text')).toBe('A note on limits.');
    expect(titleFromText('- [ ] buy chalk\n- grade')).toBe('buy chalk');
    expect(titleFromText('> quoted **idea**')).toBe('quoted idea');
  });

  it('takes emphasis, links, code and math delimiters off the words', () => {
    expect(titleFromText('# The **energy** of _a_ `field` [link](https://x.org) and [[Other note|alias]]')).toBe(
      'The energy of a field link and alias',
    );
    expect(titleFromText('# Bounds on $\\alpha_{n}$ and \\(\\beta\\)')).toBe('Bounds on alpha_n and beta');
    expect(titleFromText('# snake_case_name stays')).toBe('snake_case_name stays');
  });

  it('skips front matter, code and display-math blocks', () => {
    expect(titleFromText('---\ntitle: x\n---\n\n# After the front matter')).toBe('After the front matter');
    expect(titleFromText('```python\n# a comment, not a heading\n```\n# Real heading')).toBe('Real heading');
    expect(titleFromText('$$\n# not a heading\n$$\nProse line')).toBe('Prose line');
    expect(titleFromText('$$ x^2 $$\n# After a one-line formula')).toBe('After a one-line formula');
  });

  it('is null when nothing could name a file', () => {
    expect(titleFromText('')).toBeNull();
    expect(titleFromText('\n   \n')).toBeNull();
    expect(titleFromText('#\n# ///\n')).toBeNull();
    expect(titleFromText('```\ncode only\n```')).toBeNull();
  });

  it("is cut to a title's length at a word", () => {
    const title = titleFromText(`# ${'word '.repeat(100)}`) ?? '';
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title.endsWith('word')).toBe(true);
  });

  it('always gives a valid file name', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const title = titleFromText(text);
        if (title !== null) expect(isValidNoteName(uniqueNoteName(title, () => false))).toBe(true);
      }),
    );
  });
});

describe('whether a note follows its text', () => {
  it('follows while it is untitled, or its name is its title (a collision suffix allowed)', () => {
    expect(followsItsText('Untitled.md', '')).toBe(true);
    expect(followsItsText('无标题 2.md', '  \n')).toBe(true);
    expect(followsItsText('Untitled 3.md', '# Made before notes were named by their text\n')).toBe(true);
    expect(followsItsText('Plan.md', '# Plan\n')).toBe(true);
    expect(followsItsText('Plan 3.md', '# Plan\n')).toBe(true);
    expect(followsItsText('Ω the limit.md', '# Ω: the limit\n')).toBe(true);
  });

  it('stops once the name is one the writer chose', () => {
    expect(followsItsText('Meeting notes.md', '# Plan\n')).toBe(false);
    expect(followsItsText('Lemma 3.md', '')).toBe(false);
    expect(followsItsText('plan.md', '# Plan\n')).toBe(false);
    expect(followsItsText('Plan 0.md', '# Plan\n')).toBe(false);
    expect(followsItsText('Plan x.md', '# Plan\n')).toBe(false);
    expect(isNameForTitle('Untitled.md', '///')).toBe(false);
  });
});
