import type { BlockContext, Element, InlineContext, Line, MarkdownConfig } from '@lezer/markdown';
import { tags } from '@lezer/highlight';

// Node names the rest of the editor relies on. A math node's children are its delimiter marks (plus
// container markers such as `>` when display math sits in a quote); the TeX is what lies between them.
export const MathNode = {
  inline: 'InlineMath',
  block: 'BlockMath',
  mark: 'MathMark',
} as const;

const DOLLAR = 36;
const BACKSLASH = 92;

const isSpace = (ch: number): boolean => ch === 32 || ch === 9 || ch === 10 || ch === 13;
const isDigit = (ch: number): boolean => ch >= 48 && ch <= 57;

function inlineMath(cx: InlineContext, from: number, to: number, markLen: number): Element {
  return cx.elt(MathNode.inline, from, to, [
    cx.elt(MathNode.mark, from, from + markLen),
    cx.elt(MathNode.mark, to - markLen, to),
  ]);
}

/** pandoc tex_math_dollars: `$x$` and `$$x$$` inside a paragraph. Returns the end or -1. */
function parseDollarMath(cx: InlineContext, start: number): number {
  const double = cx.char(start + 1) === DOLLAR;
  const open = double ? 2 : 1;
  const first = cx.char(start + open);
  if (first < 0 || (!double && isSpace(first)) || first === DOLLAR) return -1;
  for (let pos = start + open; pos < cx.end; pos++) {
    const ch = cx.char(pos);
    if (ch === BACKSLASH) {
      pos++; // an escaped character (\$, \{) never closes the formula
      continue;
    }
    if (ch !== DOLLAR) continue;
    if (double) {
      if (cx.char(pos + 1) !== DOLLAR) continue;
      return cx.addElement(inlineMath(cx, start, pos + 2, 2));
    }
    if (isSpace(cx.char(pos - 1)) || isDigit(cx.char(pos + 1))) continue;
    return cx.addElement(inlineMath(cx, start, pos + 1, 1));
  }
  return -1;
}

/** `\(x\)` inside a paragraph. */
function parseParenMath(cx: InlineContext, start: number): number {
  if (cx.char(start + 1) !== 40 /* ( */) return -1;
  for (let pos = start + 2; pos < cx.end - 1; pos++) {
    if (cx.char(pos) !== BACKSLASH) continue;
    if (cx.char(pos + 1) === 41 /* ) */) return cx.addElement(inlineMath(cx, start, pos + 2, 2));
    pos++;
  }
  return -1;
}

/** Index just after `close` on this line, skipping backslash-escaped characters, or -1. */
function findClose(text: string, from: number, close: string): number {
  for (let i = from; i <= text.length - close.length; i++) {
    if (text.startsWith(close, i)) return i + close.length;
    if (text.charCodeAt(i) === BACKSLASH) i++;
  }
  return -1;
}

interface Opener {
  close: string;
  /** Index after the closing delimiter when the formula closes on its first line, else -1. */
  sameLineClose: number;
}

/** Does this line open display math as a block? `$$x$$ and more` is inline math in a paragraph. */
function blockOpener(line: Line): Opener | null {
  if (line.indent - line.baseIndent >= 4) return null;
  const text = line.text;
  const close = text.startsWith('$$', line.pos) ? '$$' : text.startsWith('\\[', line.pos) ? '\\]' : null;
  if (!close) return null;
  const sameLineClose = findClose(text, line.pos + 2, close);
  if (sameLineClose >= 0 && line.skipSpace(sameLineClose) < text.length) return null;
  return { close, sameLineClose };
}

// Lines inside containers (lists, quotes) report how many containers they continued; the field is
// public in the implementation (FencedCode relies on it) but missing from the typings.
const lineDepth = (line: Line): number => (line as Line & { depth: number }).depth;

/**
 * Display math starting a block: `$$` or `\[` at the start of a line, running to the line that ends
 * with the closing delimiter. An unclosed block ends at the first blank line (pandoc allows no blank
 * line inside display math), so typing `$$` never swallows the rest of the note.
 */
function parseBlockMath(cx: BlockContext, line: Line): boolean {
  const opener = blockOpener(line);
  if (!opener) return false;
  const from = cx.lineStart + line.pos;
  const children = [cx.elt(MathNode.mark, from, from + 2)];
  if (opener.sameLineClose >= 0) {
    const end = cx.lineStart + opener.sameLineClose;
    children.push(cx.elt(MathNode.mark, end - 2, end));
    cx.nextLine();
    cx.addElement(cx.elt(MathNode.block, from, end, children));
    return true;
  }
  let end = cx.lineStart + line.text.length;
  while (cx.nextLine() && lineDepth(line) >= cx.depth) {
    if (line.pos === line.text.length) break;
    children.push(...line.markers);
    const at = findClose(line.text, line.basePos, opener.close);
    if (at >= 0 && line.skipSpace(at) === line.text.length) {
      end = cx.lineStart + at;
      children.push(cx.elt(MathNode.mark, end - 2, end));
      cx.nextLine();
      break;
    }
    end = cx.lineStart + line.text.length;
  }
  cx.addElement(cx.elt(MathNode.block, from, end, children));
  return true;
}

/** The `@lezer/markdown` extension adding InlineMath and BlockMath nodes. */
export const mathSyntax: MarkdownConfig = {
  defineNodes: [
    { name: MathNode.inline, style: tags.special(tags.content) },
    { name: MathNode.block, block: true, style: tags.special(tags.content) },
    { name: MathNode.mark, style: tags.processingInstruction },
  ],
  parseInline: [
    {
      name: 'Math',
      before: 'Escape', // `\(` would otherwise be read as an escaped parenthesis; `\$` still is one
      parse(cx, next, pos) {
        if (next === DOLLAR) return parseDollarMath(cx, pos);
        if (next === BACKSLASH) return parseParenMath(cx, pos);
        return -1;
      },
    },
  ],
  parseBlock: [
    {
      name: 'BlockMath',
      before: 'FencedCode',
      parse: parseBlockMath,
      endLeaf: (_cx, line) => blockOpener(line) !== null,
    },
  ],
};
