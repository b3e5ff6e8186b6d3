import { GFM, parser } from '@lezer/markdown';
import { describe, expect, it } from 'vitest';
import { DivNode, fencedDivSyntax } from './fenced-div-syntax';
import { mathSyntax } from './math-syntax';

const notes = parser.configure([GFM, mathSyntax, fencedDivSyntax]);

/** The nodes of the kinds asked for, as `Name:text`. */
function nodes(text: string, names: readonly string[] = [DivNode.open, DivNode.close, DivNode.attributes, DivNode.reference]): string[] {
  const out: string[] = [];
  notes.parse(text).iterate({
    enter(node) {
      if (names.includes(node.name)) out.push(`${node.name}:${text.slice(node.from, node.to)}`);
    },
  });
  return out;
}

describe('fenced divs', () => {
  it('reads opening fences with attributes and bare closing fences as lines of their own', () => {
    const text = '::: {#thm-main .theorem title="Main"}\nEvery $x$ is.\n:::\n\n::::: proof :::\nDone.\n:::::';
    expect(nodes(text)).toEqual([
      'DivOpen:::: {#thm-main .theorem title="Main"}',
      'DivAttributes:{#thm-main .theorem title="Main"}',
      'DivClose::::',
      'DivOpen:::::: proof :::',
      'DivAttributes:proof',
      'DivClose::::::',
    ]);
    // The text between the fences stays ordinary Markdown: a paragraph with its formula.
    expect(nodes(text, ['Paragraph', 'InlineMath'])).toEqual(['Paragraph:Every $x$ is.', 'InlineMath:$x$', 'Paragraph:Done.']);
  });

  it('ends a paragraph at a fence, and leaves two colons, indented code and fenced code alone', () => {
    expect(nodes('Text\n::: {.lemma}\nmore\n:::')).toEqual(['DivOpen:::: {.lemma}', 'DivAttributes:{.lemma}', 'DivClose::::']);
    expect(nodes(':: not a fence\n\n    ::: code\n\n```\n:::\n```')).toEqual([]);
  });
});

describe('cross-references', () => {
  it('reads @ and a known prefix, not an e-mail address, a citation key or trailing punctuation', () => {
    expect(nodes('By @thm-main, @lem-a:b. and (@def-x).', [DivNode.reference])).toEqual([
      'CrossReference:@thm-main',
      'CrossReference:@lem-a:b',
      'CrossReference:@def-x',
    ]);
    expect(nodes('mail me@thm-main.org, cite @knuth1984 or @thm- or `@thm-code`', [DivNode.reference])).toEqual([]);
  });
});
