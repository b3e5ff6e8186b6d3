import { describe, expect, it } from 'vitest';
import { parser } from '@lezer/markdown';
import { mathSyntax } from './math-syntax';

const md = parser.configure(mathSyntax);

/** Every math node as `Name:text`, in document order. */
function math(doc: string): string[] {
  const found: string[] = [];
  md.parse(doc).iterate({
    enter(node) {
      if (node.name === 'InlineMath' || node.name === 'BlockMath') found.push(`${node.name}:${doc.slice(node.from, node.to)}`);
    },
  });
  return found;
}

function names(doc: string): string[] {
  const found: string[] = [];
  md.parse(doc).iterate({ enter: (node) => void found.push(node.name) });
  return found;
}

describe('inline math', () => {
  it('parses $...$ and \\(...\\)', () => {
    expect(math('Let $x^2$ and \\(y\\) be.')).toEqual(['InlineMath:$x^2$', 'InlineMath:\\(y\\)']);
  });

  it('follows pandoc: no space after the opener, none before the closer, no digit after it', () => {
    expect(math('It costs $20,000 and $30,000 now.')).toEqual([]);
    expect(math('$ x$ and $x $')).toEqual([]);
    expect(math('$x$5 only')).toEqual([]);
    expect(math('$x$5 then $y$')).toEqual(['InlineMath:$x$5 then $y$']); // what pandoc does too
    expect(math('from $a$ to $b$.')).toEqual(['InlineMath:$a$', 'InlineMath:$b$']);
  });

  it('keeps escaped dollars as text', () => {
    expect(math('Price \\$5 and \\$6')).toEqual([]);
    expect(names('Price \\$5 and \\$6')).toContain('Escape');
    expect(math('$a \\$ b$')).toEqual(['InlineMath:$a \\$ b$']);
    expect(math('\\\\$x$')).toEqual(['InlineMath:$x$']);
  });

  it('leaves dollars inside code spans and fenced code as code', () => {
    expect(math('Run `echo $HOME $PATH` now')).toEqual([]);
    expect(math('```sh\necho $x$\n$$\ny\n$$\n```\n')).toEqual([]);
    expect(math('    $x$ indented code')).toEqual([]);
  });

  it('does not parse unclosed delimiters', () => {
    expect(math('an open $x and nothing')).toEqual([]);
    expect(math('an open \\(x and nothing')).toEqual([]);
    expect(math('an open $$x and nothing')).toEqual([]);
  });

  it('treats $$...$$ inside a paragraph as inline display math', () => {
    expect(math('so $$a=b$$ holds')).toEqual(['InlineMath:$$a=b$$']);
  });

  it('wins over emphasis inside the formula', () => {
    expect(math('$a*b*c$ and *em*')).toEqual(['InlineMath:$a*b*c$']);
    expect(names('$a*b*c$')).not.toContain('Emphasis');
  });

  it('marks the delimiters', () => {
    const tree = md.parse('$x$');
    const marks: string[] = [];
    tree.iterate({ enter: (n) => void (n.name === 'MathMark' && marks.push(`${n.from}-${n.to}`)) });
    expect(marks).toEqual(['0-1', '2-3']);
  });
});

describe('block math', () => {
  it('parses multi-line $$ blocks and \\[ blocks', () => {
    expect(math('Hence:\n\n$$\na = b\n+ c\n$$\n\nDone.')).toEqual(['BlockMath:$$\na = b\n+ c\n$$']);
    expect(math('\\[\nx\n\\]')).toEqual(['BlockMath:\\[\nx\n\\]']);
    expect(math('$$x = 1$$')).toEqual(['BlockMath:$$x = 1$$']);
    expect(math('$$ a\nb $$')).toEqual(['BlockMath:$$ a\nb $$']);
  });

  it('interrupts a paragraph like Obsidian does', () => {
    expect(math('We have\n$$\nx\n$$\nafter')).toEqual(['BlockMath:$$\nx\n$$']);
  });

  it('ends an unclosed block at the first blank line and leaves the rest alone', () => {
    expect(math('$$\na = b\n\nNext paragraph with $y$.')).toEqual(['BlockMath:$$\na = b', 'InlineMath:$y$']);
    expect(math('$$\na = b')).toEqual(['BlockMath:$$\na = b']);
    expect(math('\\[\nq')).toEqual(['BlockMath:\\[\nq']);
  });

  it('does not close on an escaped dollar', () => {
    expect(math('$$\na \\$$\nb\n$$')).toEqual(['BlockMath:$$\na \\$$\nb\n$$']);
  });

  it('works inside lists and quotes', () => {
    expect(math('- item\n\n  $$\n  x\n  $$\n')).toEqual(['BlockMath:$$\n  x\n  $$']);
    expect(math('> $$\n> x\n> $$\n')).toEqual(['BlockMath:$$\n> x\n> $$']);
  });

  it('stops at the end of its container', () => {
    expect(math('> $$\n> x\n\nplain $$ text')).toEqual(['BlockMath:$$\n> x']);
  });

  it('copes with 10,000 nested braces and a long run of dollars', () => {
    const deep = `$${'{'.repeat(10_000)}x${'}'.repeat(10_000)}$`;
    expect(math(deep)).toHaveLength(1);
    expect(() => math('$'.repeat(50_000))).not.toThrow();
  });
});
