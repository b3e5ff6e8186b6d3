import { syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import { MathNode } from '../../../../../src-shared/markdown/math-syntax';

/**
 * What the text at a position is, for typing aids (completion, snippets, bracket pairing): TeX inside a formula
 * (closed, or still being typed), code, or prose. Local by construction: a walk up the syntax tree from the
 * position and a scan of the current line before it, never the whole note, so it costs the same at 10,000 formulas.
 */
export type TexContext =
  | {
      kind: 'math';
      /** Where the formula's TeX starts. */
      texFrom: number;
      /** Where its TeX ends: the closing delimiter, or the end of the line while the formula is still open. */
      texTo: number;
      /** After the closing delimiter; null while the formula is open. */
      end: number | null;
    }
  | { kind: 'prose' }
  | { kind: 'code' };

const PROSE: TexContext = { kind: 'prose' };
const CODE: TexContext = { kind: 'code' };
const codeNodes = new Set(['FencedCode', 'CodeBlock', 'InlineCode', 'CodeText', 'HTMLBlock', 'CommentBlock', 'URL', 'Autolink']);

const DOLLAR = '$';
const isSpace = (ch: string | undefined): boolean => ch === undefined || /\s/.test(ch);
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

export function texContextAt(state: EditorState, pos: number): TexContext {
  const tree = syntaxTree(state);
  for (const side of [-1, 1] as const) {
    for (let node: ReturnType<typeof tree.resolveInner> | null = tree.resolveInner(pos, side); node; node = node.parent) {
      if (codeNodes.has(node.name)) return CODE;
      if (node.name !== MathNode.inline && node.name !== MathNode.block) continue;
      const open = node.firstChild;
      const close = node.lastChild;
      const texFrom = open && open.name === MathNode.mark && open.from === node.from ? open.to : node.from;
      const closed = close && close !== open && close.name === MathNode.mark && close.to === node.to;
      const texTo = closed ? close.from : node.to;
      if (pos >= texFrom && pos <= texTo) return { kind: 'math', texFrom, texTo, end: closed ? node.to : null };
      break; // on a delimiter's outer side: what lies there is decided below
    }
  }
  const line = state.doc.lineAt(pos);
  const texFrom = openFormulaStart(line.text.slice(0, pos - line.from));
  return texFrom === null ? PROSE : { kind: 'math', texFrom: line.from + texFrom, texTo: line.to, end: null };
}

/**
 * Where the TeX of a formula opened before the end of `text` and not closed in it starts (`$`, `$$`, `\(` as the
 * inline parser reads them: pandoc's dollars, a backslash escapes), or null. Inline code is skipped. A `$` followed by
 * a space or a digit (`$5`) reads as money: prose with prices never turns into math as it is typed; a `$` just typed
 * opens a formula.
 */
export function openFormulaStart(text: string): number | null {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) return null;
      i = close;
    } else if (ch === '\\') {
      if (text[i + 1] !== '(') {
        i++;
        continue;
      }
      const close = findClose(text, i + 2, '\\)');
      if (close < 0) return i + 2;
      i = close - 1;
    } else if (ch === DOLLAR) {
      const double = text[i + 1] === DOLLAR;
      const from = i + (double ? 2 : 1);
      const first = text[from];
      if (first === undefined) return from; // just typed, or `$|$` from a snippet: the formula starts here
      if (!double && (isSpace(first) || isDigit(first))) continue;
      const close = double ? findClose(text, from, '$$') : findSingleClose(text, from);
      if (close < 0) return from;
      i = close - 1;
    }
  }
  return null;
}

/** Index after `close` in `text` from `from`, skipping escaped characters, or -1. */
function findClose(text: string, from: number, close: string): number {
  for (let i = from; i <= text.length - close.length; i++) {
    if (text.startsWith(close, i)) return i + close.length;
    if (text[i] === '\\') i++;
  }
  return -1;
}

/** A single `$` closes when it follows no space and no digit follows it (pandoc). */
function findSingleClose(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === DOLLAR && !isSpace(text[i - 1]) && !isDigit(text[i + 1])) return i + 1;
  }
  return -1;
}
