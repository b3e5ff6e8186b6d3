import { EditorSelection, Prec, type EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, type Command } from '@codemirror/view';
import { blockMathField } from './math-preview';
import { mathAt, type MathRange } from './math-ranges';

/**
 * Where vertical motion should land when the next (or previous) line is display math currently shown
 * as a rendered block: inside its source, at its first line going down and its last going up. Null when
 * no rendered block is there (source blocks and prose move normally).
 */
export function blockMathEntry(state: EditorState, head: number, forward: boolean): number | null {
  const field = state.field(blockMathField, false);
  if (!field) return null;
  const line = state.doc.lineAt(head);
  const target = line.number + (forward ? 1 : -1);
  if (target < 1 || target > state.doc.lines) return null;
  const next = state.doc.line(target);
  let entry: number | null = null;
  field.decorations.between(next.from, next.to, (from, to, deco) => {
    const spec = deco.spec as { block?: boolean; widget?: unknown };
    if (!spec.block || !spec.widget || from === to) return undefined;
    if (forward && from === next.from) entry = from;
    if (!forward && to === next.to) entry = to;
    return entry === null ? undefined : false;
  });
  return entry;
}

function verticalIntoMath(forward: boolean): Command {
  return (view) => {
    const range = view.state.selection.main;
    if (!range.empty) return false;
    // Only when the motion would leave this line: a wrapped paragraph first moves through its own rows.
    const line = view.state.doc.lineAt(range.head);
    const moved = view.moveVertically(range, forward);
    if (moved.head >= line.from && moved.head <= line.to) return false;
    const entry = blockMathEntry(view.state, range.head, forward);
    if (entry === null) return false;
    view.dispatch({ selection: EditorSelection.cursor(entry), scrollIntoView: true, userEvent: 'select' });
    return true;
  };
}

/**
 * The source position nearest to a point on a rendered formula, from the point's relative place on the
 * widget: across for inline math, down then across (by source line) for display math.
 */
export function nearestSourcePos(state: EditorState, m: MathRange, fx: number, fy: number): number {
  const clamp = (v: number): number => Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
  const [x, y] = [clamp(fx), clamp(fy)];
  if (!m.block || m.texFrom >= m.texTo) return m.texFrom + Math.round(x * (m.texTo - m.texFrom));
  const first = state.doc.lineAt(m.texFrom).number;
  const last = state.doc.lineAt(m.texTo).number;
  const lines: { from: number; to: number }[] = [];
  for (let n = first; n <= last; n++) {
    const l = state.doc.line(n);
    const from = Math.max(l.from, m.texFrom);
    const to = Math.min(l.to, m.texTo);
    if (state.sliceDoc(from, to).trim() !== '') lines.push({ from, to });
  }
  if (lines.length === 0) return m.texFrom;
  const row = lines[Math.min(lines.length - 1, Math.floor(y * lines.length))]!;
  return row.from + Math.round(x * (row.to - row.from));
}

const clickIntoMath = EditorView.domEventHandlers({
  mousedown(event, view) {
    if (event.button !== 0 || event.shiftKey || event.altKey || event.metaKey || event.ctrlKey) return false;
    const widget = (event.target as Element | null)?.closest?.('.cm-math');
    if (!widget || !view.contentDOM.contains(widget)) return false;
    const m = mathAt(view.state, view.posAtDOM(widget));
    if (!m) return false;
    const rect = widget.getBoundingClientRect();
    const pos = nearestSourcePos(view.state, m, (event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height);
    event.preventDefault();
    view.focus();
    view.dispatch({ selection: EditorSelection.cursor(pos), userEvent: 'select.pointer' });
    return true;
  },
});

/**
 * Motion around rendered formulas. None of them is an atomic range: crossing a formula's edge touches it,
 * which reveals its source, so horizontal motion always steps into it rather than over it. Vertical
 * motion needs help only at rendered display blocks, and a click lands in the source.
 */
export function mathMotion(): Extension {
  return [
    Prec.high(
      keymap.of([
        { key: 'ArrowDown', run: verticalIntoMath(true) },
        { key: 'ArrowUp', run: verticalIntoMath(false) },
      ]),
    ),
    clickIntoMath,
  ];
}
