import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { Tree, TreeFragment, type Parser } from '@lezer/common';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mathSyntax } from '../../../../../src-shared/markdown/math-syntax';
import { PiecewiseReuseParser, piecesForReuse } from './markdown-reuse';

const plain = markdown({ base: markdownLanguage, extensions: [mathSyntax] }).language.parser;
const piecewise = new PiecewiseReuseParser(plain);

// Every kind of block the notepad parses, repeated: containers, fences, HTML (a nested language), tables, math.
const blocks = [
  '# Heading $h$',
  'Prose with **strong**, `code` and $e^{i\\pi} + 1 = 0$,\ncontinued on a second line.',
  '> A quote with $x$\n> across lines.',
  '- item one\n  1. nested $y$\n- [ ] a task',
  '```js\nconst x = 1;\n```',
  '<div class="aside">\n  HTML\n</div>',
  '| a | b |\n|---|---|\n| $c$ | d |',
  '$$\n\\int_0^1 x\\,dx\n$$',
  'Setext\n======',
  '    indented code',
];
const noteOf = (count: number): string => Array.from({ length: count }, (_, i) => blocks[i % blocks.length]).join('\n\n');

/** The tree after `edits`, each parsed incrementally from the previous tree, as CodeMirror does. */
function reparse(parser: Parser, text: string, edits: readonly { at: number; remove: number; insert: string }[]): { text: string; tree: Tree } {
  let tree = parser.parse(text);
  let fragments = TreeFragment.addTree(tree);
  for (const edit of edits) {
    const from = Math.min(edit.at, text.length);
    const to = Math.min(from + edit.remove, text.length);
    text = text.slice(0, from) + edit.insert + text.slice(to);
    fragments = TreeFragment.applyChanges(fragments, [{ fromA: from, toA: to, fromB: from, toB: from + edit.insert.length }]);
    tree = parser.parse(text, fragments);
    fragments = TreeFragment.addTree(tree, fragments);
  }
  return { text, tree };
}

/** Outermost subtrees of `tree` that are the very objects of `old`'s (reused, not rebuilt), as [from, to]. */
function sharedSubtrees(old: Tree, tree: Tree): [number, number][] {
  const olds = new Set<Tree>();
  const collect = (t: Tree) => {
    olds.add(t);
    for (const child of t.children) if (child instanceof Tree) collect(child);
  };
  collect(old);
  const found: [number, number][] = [];
  const walk = (t: Tree, at: number) => {
    t.children.forEach((child, i) => {
      const from = at + t.positions[i]!;
      if (!(child instanceof Tree)) return;
      if (olds.has(child)) found.push([from, from + child.length]);
      else walk(child, from);
    });
  };
  walk(tree, 0);
  return found;
}

describe('piecewise reuse of the Markdown tree', () => {
  it('gives the tree a fresh parse gives, after any edits', () => {
    const edit = fc.record({
      at: fc.nat({ max: 3000 }),
      remove: fc.nat({ max: 12 }),
      insert: fc.string({ unit: fc.constantFrom('a', ' ', '\n', '$', '`', '>', '-', '#', '*', '|', '<', '\\'), maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const { text, tree } = reparse(piecewise, noteOf(100), edits);
        expect(tree.toString()).toBe(plain.parse(text).toString());
      }),
      { numRuns: 40 },
    );
  }, 30_000);

  it('takes the unchanged start of a long note in whole chunks of the old tree, not block by block', () => {
    const text = noteOf(3000);
    const old = plain.parse(text);
    for (const at of [text.length, Math.floor(text.length / 2)]) {
      const fragments = TreeFragment.applyChanges(TreeFragment.addTree(old), [{ fromA: at, toA: at, fromB: at, toB: at + 1 }]);
      const edited = text.slice(0, at) + 'a' + text.slice(at);
      const tree = piecewise.parse(edited, fragments);
      expect(tree.toString()).toBe(plain.parse(edited).toString());
      const before = sharedSubtrees(old, tree).filter(([, to]) => to <= at);
      let blocksBefore = 0;
      for (let block = tree.topNode.firstChild; block && block.to <= at; block = block.nextSibling) blocksBefore++;
      // Block by block, the start would be `blocksBefore` subtrees; in chunks, a few per level of the old tree.
      expect(before.length).toBeLessThan(blocksBefore / 4);
    }
  });

  it('cuts a fragment on block boundaries into pieces that at least double', () => {
    const text = noteOf(4000);
    const tree = plain.parse(text);
    const pieces = piecesForReuse([new TreeFragment(0, text.length, tree, 0, false, true)]);
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces[0]!.from).toBe(0);
    expect(pieces[pieces.length - 1]!.to).toBe(text.length);
    expect(pieces[pieces.length - 1]!.openEnd).toBe(true);
    pieces.forEach((piece, i) => {
      if (i > 0) expect(piece.from).toBe(pieces[i - 1]!.to);
      // Each cut is the start of a line right after a top-level block.
      if (i > 0) expect(text[piece.from - 1]).toBe('\n');
      if (i > 0 && i < pieces.length - 1) expect(piece.to - piece.from).toBeGreaterThanOrEqual(piece.from);
      if (i < pieces.length - 1) expect(piece.openEnd).toBe(false);
    });
  });
});
