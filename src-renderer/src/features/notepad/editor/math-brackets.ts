import { EditorSelection, Prec, type EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, type Command } from '@codemirror/view';
import { texContextAt } from './tex-context';

const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set(Object.values(CLOSING));
// The only keys pairing acts on: everything else is typed without a look at the syntax tree.
const BRACKET_KEYS = new Set([...Object.keys(CLOSING), ...CLOSERS, '|']);
// After an opening bracket's pair is inserted only where nothing would be swallowed: before space, a closer, a
// formula's closing dollar or the line's end.
const PAIR_BEFORE = /^(?:$|[\s)\]}$])/;

/** The one empty cursor inside a formula's TeX, or null (pairing never touches selections, prose or code). */
function cursorInMath(state: EditorState): number | null {
  const { ranges, main } = state.selection;
  if (ranges.length !== 1 || !main.empty) return null;
  return texContextAt(state, main.head).kind === 'math' ? main.head : null;
}

/**
 * What typing `ch` at `pos` inserts in math, with the cursor's offset in it; null to insert it plainly.
 * `(` → `()`; `\{` → `\{\}`; `\left(` → `\left(\right)`, `\left\{` → `\left\{\right\}`, `\left|` → `\left|\right|`.
 */
export function pairFor(before: string, ch: string, after: string): { text: string; cursor: number } | null {
  const escaped = /(?:^|[^\\])(?:\\\\)*\\$/.test(before); // an odd run of backslashes: `\{` is a literal brace
  if (/\\left\\?$/.test(before) && (CLOSING[ch] || ch === '|')) {
    const close = ch === '|' ? '|' : CLOSING[ch]!;
    const right = `\\right${escaped ? '\\' : ''}${close}`;
    return { text: ch + right, cursor: 1 };
  }
  if (!CLOSING[ch] || !PAIR_BEFORE.test(after)) return null;
  if (escaped && ch !== '{') return null; // `\(`, `\[` are delimiters of their own
  return { text: ch + (escaped ? '\\' : '') + CLOSING[ch], cursor: 1 };
}

/**
 * What typing the closer `ch` does where pairing already put one after the cursor: steps over it, and when the writer
 * typed the pair's whole closing sequence themselves (`\right)` before an inserted `\right)`, `\}` before `\}`),
 * the typed prefix is dropped, so nothing is doubled. Returns [delete from, cursor after], or null.
 */
export function closeOver(before: string, ch: string, after: string, pos: number): [number, number] | null {
  if (!CLOSERS.has(ch) && ch !== '|') return null;
  const typed = /\\right\\?$|(?:^|[^\\])(?:\\\\)*(\\)$/.exec(before);
  if (typed) {
    const prefix = typed[1] ?? typed[0];
    if (after.startsWith(prefix + ch)) return [pos - prefix.length, pos + prefix.length + 1];
    return null; // an escaped `\}` or a `\right)` of its own
  }
  return ch !== '|' && after.startsWith(ch) ? [pos, pos + 1] : null;
}

const pairInMath = EditorView.inputHandler.of((view, from, to, text) => {
  if (view.composing || from !== to || !BRACKET_KEYS.has(text)) return false;
  if (cursorInMath(view.state) !== from) return false;
  const { state } = view;
  const line = state.doc.lineAt(from);
  const before = state.sliceDoc(Math.max(line.from, from - 8), from);
  const after = state.sliceDoc(from, Math.min(line.to, from + 8));
  const over = closeOver(before, text, after, from);
  if (over) {
    const [deleteFrom, cursor] = over;
    view.dispatch({
      changes: deleteFrom < from ? { from: deleteFrom, to: from } : [],
      selection: EditorSelection.cursor(cursor - (from - deleteFrom)),
      userEvent: 'input.type',
      scrollIntoView: true,
    });
    return true;
  }
  const pair = pairFor(before, text, after.slice(0, 1));
  if (!pair) return false;
  view.dispatch({ changes: { from, insert: pair.text }, selection: EditorSelection.cursor(from + pair.cursor), userEvent: 'input.type', scrollIntoView: true });
  return true;
});

/** Backspace between an empty pair in math deletes both brackets. */
const deletePair: Command = (view) => {
  const pos = cursorInMath(view.state);
  if (pos === null || pos === 0) return false;
  const pair = view.state.sliceDoc(pos - 1, pos + 1);
  if (pair.length !== 2 || CLOSING[pair[0]!] !== pair[1]) return false;
  view.dispatch({ changes: { from: pos - 1, to: pos + 1 }, userEvent: 'delete.backward', scrollIntoView: true });
  return true;
};

/** Bracket pairing inside math only: prose and code type exactly what is typed. */
export const mathBrackets: Extension = [pairInMath, Prec.high(keymap.of([{ key: 'Backspace', run: deletePair }]))];
