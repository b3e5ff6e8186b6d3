import { syntaxTree } from '@codemirror/language';
import { EditorSelection, Prec, type EditorState, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, hoverTooltip, ViewPlugin, WidgetType, type DecorationSet, type Tooltip, type ViewUpdate } from '@codemirror/view';
import { DivNode } from '../../../../../src-shared/markdown/fenced-div-syntax';
import { labelPosition } from './math-document';
import { touchesSelection } from './math-ranges';
import { sayInEditor } from './phrases';
import { theoremDocument, theoremPosition } from './theorem-document';
import { theoremWords, type TheoremBlock } from './theorem-facts';

/** "Theorem 2", "Theorem 2 (Main)." in the editor's language. */
export const editorTheoremWords = (state: EditorState) => theoremWords((key, values) => sayInEditor(state, key, values));

/** Moves the cursor to a label's equation or theorem-like block and scrolls it to the middle of the view. */
export function goToLabel(view: EditorView, name: string): boolean {
  const target = labelPosition(view.state, name) ?? theoremPosition(view.state, name);
  if (!target) return false;
  view.dispatch({ selection: EditorSelection.cursor(target.from), effects: EditorView.scrollIntoView(target.from, { y: 'center' }) });
  view.focus();
  return true;
}

/** The hover card of a theorem-like block: its heading, the start of its text, and a way to go there. */
export function theoremPreview(view: EditorView, label: string): HTMLElement | null {
  const found = theoremPosition(view.state, label);
  if (!found) return null;
  const { state } = view;
  const dom = document.createElement('div');
  dom.className = 'cm-math-ref-preview cm-thm-preview';
  const heading = document.createElement('span');
  heading.className = 'cm-math-ref-number cm-thm-preview-heading';
  heading.textContent = editorTheoremWords(state).heading(found.block);
  const body = document.createElement('div');
  body.className = 'cm-thm-preview-body';
  const bodyFrom = Math.min(state.doc.lineAt(found.from).to + 1, found.to);
  const bodyTo = found.block.close === null ? found.to : state.doc.lineAt(found.to).from;
  const text = state.sliceDoc(bodyFrom, Math.max(bodyFrom, bodyTo)).trim();
  body.textContent = text.length > 400 ? `${text.slice(0, 400)}…` : text;
  const go = document.createElement('button');
  go.type = 'button';
  go.className = 'cm-math-ref-go';
  go.textContent = sayInEditor(state, 'goToTheorem');
  go.addEventListener('mousedown', (event) => {
    event.preventDefault(); // keep the editor's focus and selection until the jump itself
    goToLabel(view, label);
  });
  dom.append(heading, body, go);
  return dom;
}

function missingPreview(state: EditorState, label: string): HTMLElement {
  const dom = document.createElement('div');
  dom.className = 'cm-math-ref-preview cm-math-ref-missing';
  dom.textContent = sayInEditor(state, 'undefinedTheorem', { label });
  return dom;
}

/** The `@thm-…` reference at a position (touching counts), or null. */
export function crossReferenceAt(state: EditorState, pos: number): { label: string; from: number; to: number } | null {
  for (const side of [1, -1] as const) {
    const node = syntaxTree(state).resolveInner(pos, side);
    if (node.name === DivNode.reference) return { label: state.sliceDoc(node.from + 1, node.to), from: node.from, to: node.to };
  }
  return null;
}

export function crossReferenceTooltip(view: EditorView, pos: number): Tooltip | null {
  const found = crossReferenceAt(view.state, pos);
  if (!found) return null;
  return {
    pos: found.from,
    end: found.to,
    above: true,
    create: () => ({ dom: theoremPreview(view, found.label) ?? missingPreview(view.state, found.label) }),
  };
}

/** A reference as it reads: "Theorem 2". */
class ReferenceWidget extends WidgetType {
  constructor(readonly text: string) {
    super();
  }
  override eq(other: ReferenceWidget): boolean {
    return other.text === this.text;
  }
  override toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'cm-thm-ref';
    span.textContent = this.text;
    return span;
  }
  // A press reaches the editor: Mod-click jumps, a plain click puts the cursor there and shows the source.
  override ignoreEvent(event: Event): boolean {
    return event.type !== 'mousedown';
  }
}

const blockOf = (state: EditorState, label: string): TheoremBlock | undefined => state.field(theoremDocument, false)?.analysis.labels.get(label);

/**
 * References in the visible text: a warning on one that is undefined (always, source mode too); with `rendered`, the
 * others read as "Theorem 2" off the cursor and show their source on it (the live layer's part).
 */
function referenceDecorations(view: EditorView, rendered: boolean): DecorationSet {
  const { state } = view;
  const words = editorTheoremWords(state);
  const out: Range<Decoration>[] = [];
  for (const { from, to } of view.visibleRanges) {
    syntaxTree(state).iterate({
      from,
      to,
      enter(node) {
        if (node.name !== DivNode.reference) return undefined;
        const label = state.sliceDoc(node.from + 1, node.to);
        const block = blockOf(state, label);
        if (!block) {
          if (rendered) return false;
          const title = sayInEditor(state, 'undefinedTheorem', { label });
          out.push(Decoration.mark({ class: 'cm-math-warning', attributes: { title } }).range(node.from, node.to));
        } else if (!rendered) return false;
        else if (!touchesSelection(state.selection, node.from, node.to)) {
          out.push(Decoration.replace({ widget: new ReferenceWidget(words.reference(block)) }).range(node.from, node.to));
        } else out.push(Decoration.mark({ class: 'cm-thm-ref-source' }).range(node.from, node.to));
        return false;
      },
    });
  }
  return Decoration.set(out, true);
}

const referenceView = (rendered: boolean) =>
  ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = referenceDecorations(view, rendered);
      }
      update(u: ViewUpdate): void {
        const analysisChanged = u.startState.field(theoremDocument, false)?.analysis !== u.state.field(theoremDocument, false)?.analysis;
        const selectionMatters = rendered && u.selectionSet;
        if (u.docChanged || u.viewportChanged || selectionMatters || analysisChanged || syntaxTree(u.state) !== syntaxTree(u.startState) || u.transactions.some((tr) => tr.reconfigured)) {
          this.decorations = referenceDecorations(u.view, rendered);
        }
      }
    },
    { decorations: (v) => v.decorations },
  );

/** References read as "Theorem 2" (part of the live layer, with the blocks' headings). */
export const renderedReferences = referenceView(true);

/** Mod-click on a reference jumps to its block (a plain click edits it). */
const jumpOnModClick = Prec.high(
  EditorView.domEventHandlers({
    mousedown(event, view) {
      if (!(event.ctrlKey || event.metaKey) || event.button !== 0) return false;
      const found = crossReferenceAt(view.state, view.posAtCoords({ x: event.clientX, y: event.clientY }, false));
      if (!found) return false;
      event.preventDefault();
      return goToLabel(view, found.label);
    },
  }),
);

/** `@thm-…` in prose: hover preview, Mod-click to jump, a warning when undefined (rendering is `renderedReferences`). */
export function theoremReferences(): Extension {
  return [theoremDocument, referenceView(false), hoverTooltip(crossReferenceTooltip, { hoverTime: 250 }), jumpOnModClick];
}
