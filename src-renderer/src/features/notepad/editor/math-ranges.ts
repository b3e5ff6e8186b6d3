import { syntaxTree } from '@codemirror/language';
import type { EditorSelection, EditorState, Range, RangeSet, RangeValue, Text, ChangeSet } from '@codemirror/state';
import type { SyntaxNode, Tree } from '@lezer/common';
import { Decoration, ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';
import { mathRangeOf, type MathRange } from '../../../../../src-shared/markdown/math-range';
import { MathNode } from '../../../../../src-shared/markdown/math-syntax';

export { mathRangeOf, type MathRange };

export type Span = readonly [from: number, to: number];

const isMath = (name: string): boolean => name === MathNode.inline || name === MathNode.block;
// Nodes that never hold math: skipping them keeps scans proportional to the prose around formulas.
const opaque = new Set(['FencedCode', 'CodeBlock', 'InlineCode', 'HTMLBlock', 'CommentBlock', 'URL', 'Link']);

/** Formulas overlapping or touching [from, to], in document order. */
export function mathIn(state: EditorState, from: number, to: number): MathRange[] {
  const found: MathRange[] = [];
  syntaxTree(state).iterate({
    from,
    to,
    enter(node) {
      if (isMath(node.name)) {
        if (node.to >= from && node.from <= to) found.push(mathRangeOf(node.node, state.doc));
        return false;
      }
      return !opaque.has(node.name);
    },
  });
  return found;
}

/** The formula at a position (touching counts), or null. */
export function mathAt(state: EditorState, pos: number): MathRange | null {
  return mathIn(state, pos, pos)[0] ?? null;
}

/** The start of the top-level block at `pos` (where a parse that stopped there can have cut a block short). */
export function topLevelStart(state: EditorState, pos: number): number {
  let node = syntaxTree(state).resolve(pos, -1);
  while (node.parent && node.parent.parent) node = node.parent;
  return node.parent ? node.from : state.doc.lineAt(pos).from;
}

export function touchesSelection(selection: EditorSelection, from: number, to: number): boolean {
  return selection.ranges.some((r) => r.from <= to && r.to >= from);
}

// The smallest enclosing block whose content an edit can re-pair: a paragraph's `$` pairs anywhere in
// it, and a `$$` block's extent depends on its closing line.
const leafBlocks = new Set(['Paragraph', 'BlockMath', 'FencedCode', 'CodeBlock', 'HTMLBlock', 'Table']);

function enclosingBlock(tree: Tree, doc: Text, from: number, to: number): [number, number] {
  let a = doc.lineAt(from).from;
  let b = doc.lineAt(to).to;
  for (const [pos, side] of [[from, -1], [from, 1], [to, -1], [to, 1]] as const) {
    let node: SyntaxNode | null = tree.resolveInner(pos, side);
    while (node && node.parent && !leafBlocks.has(node.name) && node.parent.parent) node = node.parent;
    if (node && node.parent) {
      a = Math.min(a, node.from);
      b = Math.max(b, node.to);
    }
  }
  return [a, b];
}

/**
 * The spans whose decorations an update must rebuild: the blocks around each change (in the new tree,
 * and in the old one mapped forward, since an edit can shrink a block and free the text after it), and
 * the old and new selection (a formula's touch state can only change there).
 */
export function dirtySpans(
  startState: EditorState,
  state: EditorState,
  changes: ChangeSet,
  selectionChanged: boolean,
): Span[] {
  const spans: Span[] = [];
  if (!changes.empty) {
    const oldTree = syntaxTree(startState);
    const newTree = syntaxTree(state);
    changes.iterChangedRanges((fromA, toA, fromB, toB) => {
      spans.push(enclosingBlock(newTree, state.doc, fromB, toB));
      const [oldFrom, oldTo] = enclosingBlock(oldTree, startState.doc, fromA, toA);
      spans.push([changes.mapPos(oldFrom, -1), changes.mapPos(oldTo, 1)]);
    });
  }
  if (selectionChanged || !changes.empty) {
    for (const r of startState.selection.ranges) spans.push([changes.mapPos(r.from, -1), changes.mapPos(r.to, 1)]);
    for (const r of state.selection.ranges) spans.push([r.from, r.to]);
  }
  return mergeSpans(spans);
}

export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

export function intersectSpans(spans: readonly Span[], within: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const [a, b] of spans) {
    for (const [c, d] of within) {
      const from = Math.max(a, c);
      const to = Math.min(b, d);
      if (from <= to) out.push([from, to]);
    }
  }
  return out;
}

/**
 * Rebuilds a decoration set inside `spans` only: formulas found there are decorated afresh (by `build`,
 * which may consult the mapped old set), and every old decoration overlapping a span or a rebuilt
 * formula is dropped, so nothing is doubled. Everything else is kept as mapped.
 */
export function rebuildSpans<T extends RangeValue>(
  state: EditorState,
  old: RangeSet<T>,
  spans: readonly Span[],
  accept: (m: MathRange) => boolean,
  build: (m: MathRange) => Range<T>[],
): RangeSet<T> {
  if (spans.length === 0) return old;
  const seen = new Set<number>();
  const formulas: MathRange[] = [];
  for (const [from, to] of spans) {
    for (const m of mathIn(state, from, to)) {
      if (!seen.has(m.from) && accept(m)) {
        seen.add(m.from);
        formulas.push(m);
      }
    }
  }
  formulas.sort((x, y) => x.from - y.from);
  const touched = mergeSpans(spans);
  // Inclusive overlap with a span, or containment in a rebuilt formula (its point widgets sit at its end);
  // plain overlap with a formula's extent would also drop a neighbour that merely touches it.
  const stale = (from: number, to: number): boolean =>
    touched.some(([a, b]) => from <= b && to >= a) || formulas.some((m) => from >= m.from && to <= m.to);
  const first = Math.min(touched[0]![0], formulas[0]?.from ?? Infinity);
  const last = Math.max(touched[touched.length - 1]![1], formulas[formulas.length - 1]?.to ?? -Infinity);
  return old.update({ add: formulas.flatMap(build), sort: true, filterFrom: first, filterTo: last, filter: (f, t) => !stale(f, t) });
}

/** Parts of `spans` not inside any of `minus` (both sorted). */
function subtractSpans(spans: readonly Span[], minus: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const [from, to] of spans) {
    let at = from;
    for (const [a, b] of minus) {
      if (b < at || a > to) continue;
      if (a > at) out.push([at, a]);
      at = Math.max(at, b);
    }
    if (at < to) out.push([at, to]);
  }
  return out;
}

const visibleSpans = (view: EditorView): Span[] => view.visibleRanges.map((r) => [r.from, r.to] as const);

type Decorate = (m: MathRange, state: EditorState, old: DecorationSet) => Range<Decoration>[];

/**
 * A view plugin decorating formulas in the visible ranges only. Updates map the old set through the
 * changes and rebuild just the changed blocks, newly scrolled-in text and (when decorations depend on
 * it) the old and new selection; formulas scrolled out of view are dropped.
 */
export function visibleMathPlugin(
  accept: (m: MathRange) => boolean,
  decorate: Decorate,
  followsSelection: boolean,
  /** When this says the configuration changed in a way that affects every decoration, all are rebuilt. */
  mustRebuild: (startState: EditorState, state: EditorState) => boolean = () => false,
  /** Formulas that must be redrawn for reasons outside the changed text (numbering, macros), or 'all'. */
  alsoRebuild: (u: ViewUpdate) => readonly Span[] | 'all' = () => [],
) {
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      /** The visible spans the decorations were built for. */
      covered: Span[];

      constructor(view: EditorView) {
        this.covered = visibleSpans(view);
        this.decorations = rebuildSpans(view.state, Decoration.none, this.covered, accept, (m) =>
          decorate(m, view.state, Decoration.none),
        );
      }

      update(u: ViewUpdate): void {
        const oldTree = syntaxTree(u.startState);
        const newTree = syntaxTree(u.state);
        const visible = visibleSpans(u.view);
        const selectionMatters = followsSelection && u.selectionSet;
        let spans: Span[];
        const extra = alsoRebuild(u);
        if (extra === 'all' || mustRebuild(u.startState, u.state)) {
          spans = visible;
        } else if (newTree.length !== u.changes.mapPos(oldTree.length, 1) || (!u.docChanged && newTree !== oldTree)) {
          spans = visible; // the background parser got further: what it parsed may hold new formulas
        } else if (u.docChanged || selectionMatters || u.viewportChanged) {
          const covered = this.covered.map(([a, b]) => [u.changes.mapPos(a, -1), u.changes.mapPos(b, 1)] as const);
          const dirty = dirtySpans(u.startState, u.state, u.changes, selectionMatters);
          spans = [...subtractSpans(visible, covered), ...intersectSpans([...dirty, ...extra], visible)];
        } else if (extra.length) {
          spans = intersectSpans(extra, visible);
        } else return;
        const old = this.decorations.map(u.changes);
        const kept = u.viewportChanged ? old.update({ filter: (from, to) => visible.some(([a, b]) => to >= a && from <= b) }) : old;
        this.covered = visible;
        this.decorations = rebuildSpans(u.state, kept, spans, accept, (m) => decorate(m, u.state, old));
      }
    },
    { decorations: (v) => v.decorations },
  );
}
