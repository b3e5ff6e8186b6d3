import { Language, LanguageSupport } from '@codemirror/language';
import { Parser, TreeFragment, type Input, type PartialParse } from '@lezer/common';

// The first piece's size: small enough that the blocks taken one by one in it are few.
const FIRST_PIECE = 2048;

/**
 * The reusable fragments CodeMirror hands an incremental parse, each cut into pieces that at least double in size,
 * every cut on the line after a top-level block (so the parser re-reads at most the one block it stands before).
 *
 * Why: `@lezer/markdown` (1.8.1, the version here) reuses the old tree's anonymous chunks (its balanced groups of blocks) only when a
 * chunk is at most a quarter of the block content before the point where reuse starts, a rule against lopsided
 * trees it evaluates once per fragment. A fragment that starts at the note's start can then take no chunk at all:
 * typing at the end of a 10,000-formula note re-added its 10,000 top-level blocks one by one and balanced them
 * again, 15 to 35 ms a keystroke. With pieces that double, each piece starts after at least its own size of
 * content, so it takes whole chunks, and the reparse is proportional to the depth of the tree (about 1 ms there).
 * The upstream fix would compute that quarter from the content taken so far inside `FragmentCursor.takeNodes`.
 */
export function piecesForReuse(fragments: readonly TreeFragment[]): TreeFragment[] {
  const pieces: TreeFragment[] = [];
  for (const fragment of fragments) {
    let from = fragment.from;
    let openStart = fragment.openStart;
    for (;;) {
      const want = Math.max(from + FIRST_PIECE, from * 2);
      if (want >= fragment.to - FIRST_PIECE) break;
      // The first top-level block reaching past `want` (tree positions are the document's plus the offset).
      const block = fragment.tree.topNode.childAfter(want + fragment.offset);
      const cut = block ? block.to - fragment.offset + 1 : fragment.to;
      if (cut >= fragment.to) break;
      // Nothing changed at an inner cut: the old tree is valid on both sides of it (not open).
      pieces.push(new TreeFragment(from, cut, fragment.tree, fragment.offset, openStart, false));
      from = cut;
      openStart = false;
    }
    pieces.push(new TreeFragment(from, fragment.to, fragment.tree, fragment.offset, openStart, fragment.openEnd));
  }
  return pieces;
}

/** A parser that passes `piecesForReuse` of its fragments to the parser it wraps; the trees are the same. */
export class PiecewiseReuseParser extends Parser {
  constructor(readonly inner: Parser) {
    super();
  }

  override createParse(input: Input, fragments: readonly TreeFragment[], ranges: readonly { from: number; to: number }[]): PartialParse {
    return this.inner.startParse(input, piecesForReuse(fragments), ranges);
  }
}

/** The same language support with its parser wrapped in `PiecewiseReuseParser` (same language data and name). */
export function withPiecewiseReuse(support: LanguageSupport): LanguageSupport {
  const { language } = support;
  return new LanguageSupport(new Language(language.data, new PiecewiseReuseParser(language.parser), [], language.name), support.support);
}
