import { markdownLanguage } from '@codemirror/lang-markdown';
import type { MarkdownParser } from '@lezer/markdown';
import { describe, expect, it } from 'vitest';
import { formulasOf, normaliseTex } from '../../../../../src-shared/markdown/note-formulas';
import { mathRangeOf, sourceOf } from '../../../../../src-shared/markdown/math-range';
import { MathNode, mathSyntax } from '../../../../../src-shared/markdown/math-syntax';
import { fencedDivSyntax } from '../../../../../src-shared/markdown/fenced-div-syntax';

// The core counts a session's formulas with the shared parser; the editor parses with lang-markdown's language.
// They must find the same formulas, or a reflection would count what the writer never saw as math.
const editorParser = (markdownLanguage.parser as MarkdownParser).configure([mathSyntax, fencedDivSyntax]);

function editorFormulas(text: string): string[] {
  const found: string[] = [];
  editorParser.parse(text).iterate({
    enter(node) {
      if (node.name !== MathNode.inline && node.name !== MathNode.block) return true;
      const tex = normaliseTex(mathRangeOf(node.node, sourceOf(text)).tex);
      if (tex) found.push(tex);
      return false;
    },
  });
  return found;
}

const notes = [
  'Let $a$ and \\(b\\), $$c$$, \\$5, $ 3 $, `$code$`, ~sub $x$~ and ^sup $y$^, :smile: $z$.',
  '| a | $t$ |\n|---|---|\n| $u$ | `$v$` |',
  '- [ ] task $w$\n- item\n\n  $$\n  list\n  $$',
  '> $$\n> q\n> $$\n\n```\n$no$\n```\n\n    $indented$\n\n<div>\n$html$\n</div>',
  'https://example.org/$a$ and ~~$s$~~ and **$b$** and [link $l$](x)',
  '::: {#thm-a .theorem}\nLet $a$\n:::\nand $b$ after',
  '\\[\n\\begin{align}\nx &= 1 \\\\\ny &= 2\n\\end{align}\n\\]\n\n$$ unclosed\n\nafter',
];

describe('the shared formula finder', () => {
  it.each(notes)('finds what the editor finds in %j', (text) => {
    expect(formulasOf(text)).toEqual(editorFormulas(text));
    expect(formulasOf(text).length).toBeGreaterThan(0);
  });
});
