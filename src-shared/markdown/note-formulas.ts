import { Emoji, GFM, parser, Subscript, Superscript } from '@lezer/markdown';
import { mathRangeOf, sourceOf } from './math-range';
import { MathNode, mathSyntax } from './math-syntax';
import { fencedDivSyntax } from './fenced-div-syntax';

// The editor's Markdown exactly: `@codemirror/lang-markdown`'s `markdownLanguage` is this parser (GFM, sub- and
// superscript, emoji) plus editor-only node props, and the editor adds `mathSyntax` and `fencedDivSyntax` the same way. So code spans
// and blocks, HTML, escapes and the math delimiters are read here as the editor reads them (tested against it in
// src-renderer/src/features/notepad/editor/note-formulas-editor.test.ts).
const noteParser = parser.configure([GFM, Subscript, Superscript, Emoji, mathSyntax, fencedDivSyntax]);

/** Nodes that never hold math; the math grammar does not look inside them either. */
const OPAQUE = new Set(['FencedCode', 'CodeBlock', 'InlineCode', 'HTMLBlock', 'CommentBlock', 'URL']);

/**
 * A formula's identity: its TeX with every run of whitespace (line breaks included) made one space, trimmed.
 * The delimiters do not count (`$x$`, `\(x\)`, `$$x$$` and `\[x\]` are the same formula `x`): changing only how a
 * formula is set off, or re-wrapping its lines, changes nothing.
 */
export const normaliseTex = (tex: string): string => tex.replace(/\s+/g, ' ').trim();

/** The note's formulas in document order, normalised; empty ones (`$$ $$` while typing) are not formulas. */
export function formulasOf(text: string): string[] {
  const source = sourceOf(text);
  const found: string[] = [];
  noteParser.parse(text).iterate({
    enter(node) {
      if (node.name === MathNode.inline || node.name === MathNode.block) {
        const tex = normaliseTex(mathRangeOf(node.node, source).tex);
        if (tex) found.push(tex);
        return false;
      }
      return !OPAQUE.has(node.name);
    },
  });
  return found;
}

export interface FormulaChanges {
  added: number;
  changed: number;
  removed: number;
}

/**
 * How a note's formulas changed between two texts, the formulas taken as multisets of normalised TeX (`normaliseTex`):
 * - `appeared` = after − before and `vanished` = before − after (multiset differences: a formula written twice
 *   before and three times after appeared once);
 * - an edited formula is one that vanished and one that appeared, so `changed` = min(|appeared|, |vanished|);
 * - `added` = |appeared| − changed (new formulas), `removed` = |vanished| − changed.
 * Unchanged formulas, moved ones included, count nowhere. Which vanished formula became which new one is not
 * guessed: the counts are what a reflection shows ("12 equations in 'Lemma 3'" = added + changed).
 */
export function formulaChanges(before: string, after: string): FormulaChanges {
  const left = new Map<string, number>();
  for (const tex of formulasOf(before)) left.set(tex, (left.get(tex) ?? 0) + 1);
  let appeared = 0;
  for (const tex of formulasOf(after)) {
    const count = left.get(tex) ?? 0;
    if (count > 0) left.set(tex, count - 1);
    else appeared++;
  }
  let vanished = 0;
  for (const count of left.values()) vanished += count;
  const changed = Math.min(appeared, vanished);
  return { added: appeared - changed, changed, removed: vanished - changed };
}
