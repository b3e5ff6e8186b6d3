import type { SyntaxNode } from '@lezer/common';
import { MathNode } from './math-syntax';

/** What reading a formula needs of a document: CodeMirror's `Text` has it, and so has a plain string (`sourceOf`). */
export interface SourceText {
  sliceString(from: number, to: number): string;
}

export const sourceOf = (text: string): SourceText => ({ sliceString: (from, to) => text.slice(from, to) });

/** One formula in the document: where it is, where its TeX is, and how it displays. */
export interface MathRange {
  from: number;
  to: number;
  texFrom: number;
  texTo: number;
  tex: string;
  display: boolean;
  block: boolean;
  /** Inline math with a soft line break inside: its replacement must come from a StateField. */
  multiline: boolean;
}

/** Display math inside a quote carries the quote's `>` on each line: TeX gets the text without them. */
function withoutContainerMarks(node: SyntaxNode, doc: SourceText, from: number, to: number): string {
  let tex = '';
  let at = from;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === MathNode.mark || child.from < from || child.to > to) continue;
    tex += doc.sliceString(at, child.from);
    at = doc.sliceString(child.to, child.to + 1) === ' ' ? child.to + 1 : child.to;
  }
  return tex + doc.sliceString(at, to);
}

export function mathRangeOf(node: SyntaxNode, doc: SourceText): MathRange {
  const block = node.name === MathNode.block;
  const open = node.firstChild;
  const close = node.lastChild;
  const texFrom = open && open.name === MathNode.mark ? open.to : node.from;
  const closed = close && close !== open && close.name === MathNode.mark && close.to === node.to;
  const texTo = closed ? close.from : node.to;
  const display = block || doc.sliceString(node.from, node.from + 2) === '$$';
  const tex = block ? withoutContainerMarks(node, doc, texFrom, texTo) : doc.sliceString(texFrom, texTo);
  // Delimiters hold no line break, so the TeX tells (without two line lookups per formula per scan).
  return { from: node.from, to: node.to, texFrom, texTo, tex, display, block, multiline: !block && tex.includes('\n') };
}
