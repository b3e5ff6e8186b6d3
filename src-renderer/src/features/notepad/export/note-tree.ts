import { markdownLanguage } from '@codemirror/lang-markdown';
import { Text } from '@codemirror/state';
import type { MarkdownParser } from '@lezer/markdown';
import type { SyntaxNode } from '@lezer/common';
import { analyzeFormulas, type FormulaMark } from '../editor/math-document';
import { mathRangeOf } from '../editor/math-ranges';
import { MathNode, mathSyntax } from '../../../../../src-shared/markdown/math-syntax';
import { DivNode, fencedDivSyntax } from '../../../../../src-shared/markdown/fenced-div-syntax';
import type { TheoremNumbering } from '../../../../../src-main/contract/notes';
import { preambleScope } from '../editor/tex-macros';
import { analyzeTheorems, type Fence, type TheoremAnalysis } from '../editor/theorem-facts';

// The editor's own Markdown (GFM) with its math and fenced-div syntax: an export finds exactly the formulas and
// theorem-like blocks the editor shows.
const parser = (markdownLanguage.parser as MarkdownParser).configure([mathSyntax, fencedDivSyntax]);

/** A note parsed for export, with the pre-passes' view of each formula and fence (numbers, references, macros). */
export interface ParsedNote {
  readonly text: string;
  readonly top: SyntaxNode;
  /** The theorem-like blocks as the editor numbers them; fences by their index in document order (`fence`). */
  readonly theorems: TheoremAnalysis;
  formula(node: SyntaxNode): { mark: FormulaMark; tex: string } | null;
  /** A `DivOpen`/`DivClose` node's index among the note's fences. */
  fence(node: SyntaxNode): number;
}

export function parseNote(text: string, preamble: string, numbering: TheoremNumbering = 'perKind'): ParsedNote {
  const tree = parser.parse(text);
  const doc = Text.of(text.split('\n'));
  const raw: ReturnType<typeof mathRangeOf>[] = [];
  const fences: Fence[] = [];
  const fenceIndex = new Map<number, number>();
  tree.iterate({
    enter(node) {
      if (node.name === DivNode.open || node.name === DivNode.close) {
        const attributes = node.node.getChild(DivNode.attributes);
        fenceIndex.set(node.from, fences.length);
        fences.push({ attributes: attributes ? text.slice(attributes.from, attributes.to) : null });
        return false;
      }
      if (node.name !== MathNode.inline && node.name !== MathNode.block) return true;
      raw.push(mathRangeOf(node.node, doc));
      return false;
    },
  });
  const theorems = analyzeTheorems(fences, numbering);
  const marks = new Map<number, FormulaMark>();
  for (let it = analyzeFormulas(raw, preambleScope(preamble), theorems.labels).formulas.iter(); it.value; it.next()) marks.set(it.from, it.value);
  return {
    text,
    top: tree.topNode,
    theorems,
    formula(node) {
      const mark = marks.get(node.from);
      return mark ? { mark, tex: mark.tex } : null;
    },
    fence: (node) => fenceIndex.get(node.from)!,
  };
}

/** How one export format writes a node: given the node and its children already written (null: write children). */
export type NodeRule = (node: SyntaxNode, inner: () => string) => string | null;

/**
 * Writes a parsed note out through per-node rules; text between child nodes goes through `text`. Nodes without
 * a rule write their children, so nothing a format does not know is dropped.
 */
export function serialize(note: ParsedNote, rules: Readonly<Record<string, NodeRule>>, text: (raw: string) => string): string {
  const write = (node: SyntaxNode): string => {
    const inner = () => {
      let out = '';
      let at = node.from;
      for (let child = node.firstChild; child; child = child.nextSibling) {
        out += text(note.text.slice(at, child.from)) + write(child);
        at = child.to;
      }
      return out + text(note.text.slice(at, node.to));
    };
    const rule = rules[node.name];
    return (rule ? rule(node, inner) : null) ?? inner();
  };
  return write(note.top);
}

/** Marks the formats never write: delimiters of emphasis, code, headings, lists, quotes and links. */
export const MARKS = ['DivMark', 'DivAttributes', 'EmphasisMark', 'CodeMark', 'HeaderMark', 'ListMark', 'QuoteMark', 'LinkMark', 'CodeInfo', 'LinkTitle', 'LinkLabel', 'StrikethroughMark', 'TaskMarker'];
