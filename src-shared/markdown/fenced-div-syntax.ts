import type { BlockContext, InlineContext, Line, MarkdownConfig } from '@lezer/markdown';
import { tags } from '@lezer/highlight';

/**
 * Node names for pandoc's fenced divs (`::: {#thm-main .theorem title="…"}` … `:::`) and Quarto's cross-references
 * (`@thm-main`). A fence is one line, a leaf block of its own: the text between an opening and a closing fence
 * stays ordinary top-level Markdown, so the note's flat top level (and its incremental parse) is unchanged, and
 * which fence closes which is worked out afterwards from the fences alone (pandoc's rule: the innermost open one).
 */
export const DivNode = {
  open: 'DivOpen',
  close: 'DivClose',
  mark: 'DivMark',
  attributes: 'DivAttributes',
  reference: 'CrossReference',
} as const;

/** Quarto's label prefixes for theorem-like blocks: only `@` followed by one of these is a cross-reference. */
export const CROSS_REFERENCE_PREFIXES = ['thm', 'lem', 'prp', 'cor', 'def', 'rem', 'exm'] as const;

const COLON = 58;
const AT = 64;

/** The colons opening a fence (three or more at the line's content start), or 0. */
function fenceColons(line: Line): number {
  if (line.indent - line.baseIndent >= 4) return 0; // an indented code block
  let n = 0;
  while (line.text.charCodeAt(line.pos + n) === COLON) n++;
  return n >= 3 ? n : 0;
}

function parseFence(cx: BlockContext, line: Line): boolean {
  const colons = fenceColons(line);
  if (!colons) return false;
  const from = cx.lineStart + line.pos;
  const end = cx.lineStart + line.text.trimEnd().length;
  const rest = line.text.slice(line.pos + colons).trim();
  const children = [cx.elt(DivNode.mark, from, from + colons)];
  // Trailing colons (`::: theorem :::`) are decoration, as in pandoc.
  const attributes = rest.replace(/\s*:+$/, '');
  if (attributes) {
    const at = cx.lineStart + line.text.indexOf(attributes, line.pos + colons);
    children.push(cx.elt(DivNode.attributes, at, at + attributes.length));
  }
  cx.nextLine();
  cx.addElement(cx.elt(attributes ? DivNode.open : DivNode.close, from, end, children));
  return true;
}

const isLabelChar = (ch: number): boolean =>
  (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 45 || ch === 95 || ch === 58;
const PREFIXED = new RegExp(`^(?:${CROSS_REFERENCE_PREFIXES.join('|')})-`);

/** `@thm-main`: an `@` not inside a word, a known prefix, then label characters (a trailing `:` or `-` is prose). */
function parseReference(cx: InlineContext, next: number, pos: number): number {
  if (next !== AT || (pos > cx.offset && isLabelChar(cx.char(pos - 1)) && cx.char(pos - 1) !== 58)) return -1;
  let end = pos + 1;
  while (end < cx.end && isLabelChar(cx.char(end))) end++;
  while (end > pos + 1 && (cx.char(end - 1) === 58 || cx.char(end - 1) === 45)) end--;
  const label = cx.slice(pos + 1, end);
  if (!PREFIXED.test(label) || label.length < 5) return -1;
  return cx.addElement(cx.elt(DivNode.reference, pos, end));
}

/** The `@lezer/markdown` extension adding fenced-div fences and theorem cross-references. */
export const fencedDivSyntax: MarkdownConfig = {
  defineNodes: [
    { name: DivNode.open, block: true, style: tags.processingInstruction },
    { name: DivNode.close, block: true, style: tags.processingInstruction },
    { name: DivNode.mark, style: tags.processingInstruction },
    { name: DivNode.attributes, style: tags.meta },
    { name: DivNode.reference, style: tags.link },
  ],
  parseBlock: [
    {
      name: 'FencedDiv',
      before: 'FencedCode',
      parse: parseFence,
      // A fence ends the paragraph above it, so a theorem needs no blank line around its fences.
      endLeaf: (_cx, line) => fenceColons(line) > 0,
    },
  ],
  parseInline: [{ name: 'CrossReference', parse: parseReference }],
};
