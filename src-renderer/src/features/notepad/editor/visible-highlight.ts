import { syntaxTree, type HighlightStyle } from '@codemirror/language';
import { Prec, RangeSetBuilder, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { NodeProp, type Tree } from '@lezer/common';
import { getStyleTags, highlightTree, type Highlighter } from '@lezer/highlight';

type PutStyle = (from: number, to: number, classes: string) => void;

/**
 * `highlightTree` over `from`..`to`, started at the first top-level node that reaches `from`. `highlightTree` itself
 * steps through the top level from the document's first node, and a Markdown note's top level is flat, one node per
 * block: at the end of a 2,000-formula note that walk took about 2 ms of every keystroke (`npm run bench:profile`).
 * `childAfter` skips the nodes before `from` without making a node object for each. The styles are the same: a scoped
 * highlighter, or a top node with a style or a mounted tree of its own, is left to `highlightTree` over the whole.
 */
export function highlightFrom(tree: Tree, highlighter: Highlighter, put: PutStyle, from: number, to: number): void {
  const top = tree.topNode;
  // A scoped highlighter is chosen again at each language's top node (a mounted one too): `highlightTree` does that.
  if (highlighter.scope || getStyleTags(top) || tree.prop(NodeProp.mounted)) {
    highlightTree(tree, highlighter, put, from, to);
    return;
  }
  for (let node = top.childAfter(from); node && node.from < to; node = node.nextSibling) {
    const offset = node.from;
    // A node in a buffer has no tree of its own: `toTree` copies its small part of the buffer.
    const subtree = node.tree ?? node.toTree();
    // Clamped to the node: `highlightTree` ends its last span at the range's end.
    const start = Math.max(from, node.from) - offset;
    const end = Math.min(to, node.to) - offset;
    highlightTree(subtree, highlighter, (spanFrom, spanTo, classes) => put(spanFrom + offset, spanTo + offset, classes), start, end);
  }
}

/** Decorations for what is on screen, rebuilt when the tree or the viewport changes, as CodeMirror's highlighter. */
class VisibleHighlighter {
  decorations: DecorationSet;
  private tree: Tree;
  private decoratedTo: number;
  private readonly marks = new Map<string, Decoration>();

  constructor(view: EditorView, private readonly style: HighlightStyle) {
    this.tree = syntaxTree(view.state);
    this.decorations = this.build(view);
    this.decoratedTo = view.viewport.to;
  }

  update(update: ViewUpdate): void {
    const tree = syntaxTree(update.state);
    const { viewport } = update.view;
    const decoratedToMapped = update.changes.mapPos(this.decoratedTo, 1);
    // While the parser has not reached the viewport's end, keep what was drawn (mapped) until the tree gets there.
    if (tree.length < viewport.to && tree.type === this.tree.type && decoratedToMapped >= viewport.to) {
      this.decorations = this.decorations.map(update.changes);
      this.decoratedTo = decoratedToMapped;
    } else if (tree !== this.tree || update.viewportChanged) {
      this.tree = tree;
      this.decorations = this.build(update.view);
      this.decoratedTo = viewport.to;
    }
  }

  private build(view: EditorView): DecorationSet {
    if (!this.tree.length) return Decoration.none;
    const builder = new RangeSetBuilder<Decoration>();
    for (const { from, to } of view.visibleRanges) {
      highlightFrom(this.tree, this.style, (start, end, classes) => builder.add(start, end, this.mark(classes)), from, to);
    }
    return builder.finish();
  }

  private mark(classes: string): Decoration {
    let mark = this.marks.get(classes);
    if (!mark) this.marks.set(classes, (mark = Decoration.mark({ class: classes })));
    return mark;
  }
}

/**
 * `syntaxHighlighting(style)` from @codemirror/language, with its tree walk replaced by `highlightFrom`. Nothing
 * in the editor asks `highlightingFor`, the one thing this leaves out.
 */
export function visibleHighlighting(style: HighlightStyle): Extension {
  const plugin = ViewPlugin.define((view) => new VisibleHighlighter(view, style), { decorations: (value) => value.decorations });
  return [Prec.high(plugin), style.module ? EditorView.styleModule.of(style.module) : []];
}
