import type { EditorState, Extension, Range } from '@codemirror/state';
import type { EditorView} from '@codemirror/view';
import { Decoration, ViewPlugin, WidgetType, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { mathPhrases, sayInEditor } from './phrases';
import { theoremDocument } from './theorem-document';
import { THEOREM_KINDS } from './theorem-facts';
import { editorTheoremWords, renderedReferences } from './theorem-references';

/** A block's heading where its opening fence stands: "Theorem 2 (Main)." in the reading style. */
class HeadingWidget extends WidgetType {
  constructor(
    readonly text: string,
    readonly style: string,
  ) {
    super();
  }
  override eq(other: HeadingWidget): boolean {
    return other.text === this.text && other.style === this.style;
  }
  override toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = `cm-thm-heading cm-thm-heading-${this.style}`;
    span.textContent = this.text;
    return span;
  }
  override ignoreEvent(event: Event): boolean {
    return event.type !== 'mousedown'; // a click lands on the fence line and shows its source
  }
}

/** Where a proof's closing fence stands: the end-of-proof mark, at the right margin. */
class QedWidget extends WidgetType {
  override eq(): boolean {
    return true;
  }
  override toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'cm-thm-qed';
    span.textContent = '∎';
    return span;
  }
  override ignoreEvent(event: Event): boolean {
    return event.type !== 'mousedown';
  }
}

const qed = Decoration.replace({ widget: new QedWidget() });
const hiddenFence = Decoration.replace({});

function cursorLines(state: EditorState): Set<number> {
  const lines = new Set<number>();
  for (const r of state.selection.ranges) {
    for (let n = state.doc.lineAt(r.from).number; n <= state.doc.lineAt(r.to).number; n++) lines.add(n);
  }
  return lines;
}

/**
 * The visible fences and the lines between them: a heading widget for an opening fence and ∎ for a proof's closing
 * one, off the cursor's line (on it, the fence's source, to edit); body lines in the block's style; a wavy underline
 * with the reason on a fence that is never closed, closes nothing, or cannot be read.
 */
function blockDecorations(view: EditorView): DecorationSet {
  const { state } = view;
  const doc = state.field(theoremDocument, false);
  if (!doc) return Decoration.none;
  const { fences, analysis } = doc;
  const words = editorTheoremWords(state);
  const onCursor = cursorLines(state);
  const visible = view.visibleRanges;
  const seen = (from: number, to: number) => visible.some((r) => from <= r.to && to >= r.from);
  const out: Range<Decoration>[] = [];
  for (const block of analysis.blocks) {
    const open = fences[block.open]!;
    const close = block.close === null ? null : fences[block.close]!;
    const end = close ? close.to : state.doc.length;
    if (!seen(open.from, end)) continue;
    const style = THEOREM_KINDS[block.kind].style;
    const openLine = state.doc.lineAt(open.from);
    if (seen(open.from, open.to)) {
      out.push(Decoration.line({ class: 'cm-thm-fence' }).range(openLine.from));
      if (!onCursor.has(openLine.number)) out.push(Decoration.replace({ widget: new HeadingWidget(words.heading(block), style) }).range(open.from, open.to));
    }
    const lastBody = close ? state.doc.lineAt(close.from).number - 1 : state.doc.lines;
    for (const r of visible) {
      const first = Math.max(openLine.number + 1, state.doc.lineAt(r.from).number);
      const last = Math.min(lastBody, state.doc.lineAt(r.to).number);
      for (let n = first; n <= last; n++) out.push(Decoration.line({ class: `cm-thm-body cm-thm-body-${style}` }).range(state.doc.line(n).from));
    }
    if (close && seen(close.from, close.to)) {
      const closeLine = state.doc.lineAt(close.from);
      out.push(Decoration.line({ class: 'cm-thm-fence cm-thm-end' }).range(closeLine.from));
      if (!onCursor.has(closeLine.number)) out.push((block.kind === 'proof' ? qed : hiddenFence).range(close.from, close.to));
    }
  }
  for (const issue of analysis.issues) {
    const fence = fences[issue.fence]!;
    if (!seen(fence.from, fence.to) || fence.to <= fence.from) continue;
    const title = issue.template === 'duplicateLabel' ? state.phrase(mathPhrases.duplicateLabel, issue.value) : sayInEditor(state, issue.template, { attributes: issue.value });
    out.push(Decoration.mark({ class: 'cm-math-warning', attributes: { title } }).range(fence.from, fence.to));
  }
  return Decoration.set(out, true);
}

const lineKey = (state: EditorState): string => [...cursorLines(state)].join(',');

const blockView = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = blockDecorations(view);
    }
    update(u: ViewUpdate): void {
      const analysisChanged = u.startState.field(theoremDocument, false) !== u.state.field(theoremDocument, false);
      const linesMoved = u.selectionSet && lineKey(u.state) !== lineKey(u.startState);
      if (u.docChanged || u.viewportChanged || linesMoved || analysisChanged || u.transactions.some((tr) => tr.reconfigured)) {
        this.decorations = blockDecorations(u.view);
      }
    }
  },
  { decorations: (v) => v.decorations },
);

/** Theorem-like blocks and references drawn as they read: headings, body style, ∎, "Theorem 2"; the live layer's part. */
export function theoremBlocks(): Extension {
  return [theoremDocument, blockView, renderedReferences];
}
