import { syntaxTree } from '@codemirror/language';
import type { EditorState, Range } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import type { SyntaxNode } from '@lezer/common';
import { MathNode } from '../../../../../src-shared/markdown/math-syntax';
import { Toggle } from './toggle';

/** The top-level block holding `pos`, or null between blocks. */
function topBlock(state: EditorState, pos: number): SyntaxNode | null {
  for (const side of [1, -1] as const) {
    let node: SyntaxNode | null = syntaxTree(state).resolve(pos, side);
    while (node?.parent?.parent) node = node.parent;
    if (node?.parent && node.from <= pos && node.to >= pos) return node;
  }
  return null;
}

/**
 * The unit of text the writer is in: the block around the cursor, where a display equation and the
 * paragraph introducing it (the one right before it) count as one.
 */
export function focusUnit(state: EditorState, pos: number): { from: number; to: number } {
  const block = topBlock(state, pos);
  if (!block) {
    const line = state.doc.lineAt(pos);
    return { from: line.from, to: line.to };
  }
  let { from, to } = block;
  if (block.name === MathNode.block && block.prevSibling?.name === 'Paragraph') from = block.prevSibling.from;
  if (block.name === 'Paragraph' && block.nextSibling?.name === MathNode.block) to = block.nextSibling.to;
  return { from, to };
}

const dimmed = Decoration.line({ class: 'cm-dimmed' });

class FocusDimmingView {
  decorations: DecorationSet;
  unit: { from: number; to: number };

  constructor(readonly view: EditorView) {
    this.unit = focusUnit(view.state, view.state.selection.main.head);
    this.decorations = this.build();
    this.markWidgets();
  }

  update(u: ViewUpdate): void {
    const unit = focusUnit(u.state, u.state.selection.main.head);
    const moved = unit.from !== this.unit.from || unit.to !== this.unit.to;
    this.unit = unit;
    if (moved || u.docChanged || u.viewportChanged) this.decorations = this.build();
    if (moved || u.docChanged || u.viewportChanged || u.geometryChanged) this.markWidgets();
  }

  /** Line decorations for the visible lines outside the unit only. */
  private build(): DecorationSet {
    const { state } = this.view;
    const out: Range<Decoration>[] = [];
    for (const { from, to } of this.view.visibleRanges) {
      for (let pos = from; pos <= to; ) {
        const line = state.doc.lineAt(pos);
        if (line.to < this.unit.from || line.from > this.unit.to) out.push(dimmed.range(line.from));
        pos = line.to + 1;
      }
    }
    return Decoration.set(out);
  }

  /** Rendered display math is a block widget, which line decorations do not reach: mark it after drawing. */
  private markWidgets(): void {
    this.view.requestMeasure({
      read: (view) =>
        [...view.contentDOM.querySelectorAll<HTMLElement>('.cm-math-block')].map((el) => {
          const pos = view.posAtDOM(el);
          return [el, pos < this.unit.from || pos > this.unit.to] as const;
        }),
      write: (marks) => {
        for (const [el, dim] of marks) el.classList.toggle('cm-dimmed', dim);
      },
    });
  }
}

const focusDimmingPlugin = ViewPlugin.fromClass(FocusDimmingView, { decorations: (v) => v.decorations });

/** Focus dimming: everything but the current unit is dimmed, in the visible range only. */
export const focusDimming = new Toggle([focusDimmingPlugin, EditorView.editorAttributes.of({ class: 'cm-focus-dimming' })]);
