import { describe, expect, it } from 'vitest';
import { citationsIn, citedKeys } from './citation-keys';

describe('citation keys', () => {
  it('reads bracketed groups and bare keys, as pandoc writes them', () => {
    const text = 'As [@knuth1984] and [see @a:b; -@c_d, p. 3] show, @lamport1994 agrees.';
    expect(citationsIn(text)).toEqual([
      { from: 3, to: 15, keys: ['knuth1984'], bracketed: true },
      { from: 20, to: 43, keys: ['a:b', 'c_d'], bracketed: true },
      { from: 50, to: 62, keys: ['lamport1994'], bracketed: false },
    ]);
  });

  it('ends a key before trailing punctuation, and never reads an e-mail address as a citation', () => {
    expect(citedKeys('Cited by @knuth1984. Mail me@example.org or @x.')).toEqual(['knuth1984', 'x']);
  });

  it('leaves theorem and equation references (@thm-…, @eq-…) to the theorem blocks', () => {
    expect(citedKeys('By @thm-main and [@lem-a; @knuth1984] and @eq-energy, @def-x, @prp-y, @cor-z, @rem-w, @exm-v.')).toEqual(['knuth1984']);
  });

  it('lists each cited key once, first citation first', () => {
    expect(citedKeys('[@b; @a] then @b and [@c]')).toEqual(['b', 'a', 'c']);
  });
});
