import { snippet } from '@codemirror/autocomplete';
import { isolateHistory } from '@codemirror/commands';
import { EditorSelection, Facet, Prec, type ChangeSpec, type EditorState, type Transaction } from '@codemirror/state';
import { EditorView, keymap, type Command } from '@codemirror/view';
import { getCM } from '@replit/codemirror-vim';
import { BRACE_STANDINS, matchSnippet, parseSnippetFile, TRIGGER_REACH, DEFAULT_SNIPPET_FILE, type SnippetRule, type SnippetScope } from './snippet-rules';
import { texContextAt, type TexContext } from './tex-context';
import { Toggle } from './toggle';

const DEFAULT_RULES = parseSnippetFile(DEFAULT_SNIPPET_FILE).rules;

/** The vault's snippet rules (index.ts provides them from the snippet file; the defaults until it is read). */
export const snippetRules = Facet.define<readonly SnippetRule[], readonly SnippetRule[]>({
  combine: (values) => values[0] ?? DEFAULT_RULES,
});

// Vim's normal and visual modes own their keys: snippets work only where typing inserts text.
function inserting(view: EditorView): boolean {
  const vim = getCM(view)?.state.vim as { insertMode?: boolean } | null | undefined;
  return !vim || vim.insertMode === true;
}

const scopeOf = (context: TexContext): SnippetScope | null => (context.kind === 'code' ? null : context.kind === 'math' ? 'math' : 'prose');

/** The cursor when there is exactly one and it selects nothing (snippets never act on selections or many cursors). */
function singleCursor(state: EditorState): number | null {
  const { ranges, main } = state.selection;
  return ranges.length === 1 && main.empty ? main.head : null;
}

/**
 * Replaces [from, to] with the template through CodeMirror's `snippet()` (its fields, Tab order and Escape), in one
 * transaction (one undo step) that also turns the brace stand-ins back into TeX's `\\{`, `\\}` (field positions map
 * through it).
 */
function expand(view: EditorView, template: string, from: number, to: number): void {
  let made: Transaction | null = null;
  snippet(template)({ state: view.state, dispatch: (tr) => (made = tr) }, null, from, to);
  if (!made) return;
  const tr: Transaction = made;
  const restore: ChangeSpec[] = [];
  if (/[\uE000\uE001]/.test(template)) {
    tr.changes.iterChanges((_fa, _ta, fromB, _tb, inserted) => {
      const text = inserted.toString();
      for (let i = 0; i < text.length; i++) {
        const tex = BRACE_STANDINS.get(text[i]!);
        if (tex) restore.push({ from: fromB + i, to: fromB + i + 1, insert: tex });
      }
    });
  }
  view.dispatch(
    {
      changes: tr.changes,
      selection: tr.selection,
      effects: tr.effects,
      scrollIntoView: true,
      userEvent: 'input.complete',
      annotations: isolateHistory.of('full'), // its own undo step
    },
    { changes: restore, sequential: true },
  );
}

/** Auto snippets: the character that completes a trigger expands it instead of being inserted. */
const expandWhileTyping = EditorView.inputHandler.of((view, from, to, text) => {
  if (view.composing || view.state.readOnly || text.length !== 1 || from !== to || singleCursor(view.state) !== from) return false;
  if (!inserting(view)) return false;
  const scope = scopeOf(texContextAt(view.state, from));
  if (!scope) return false;
  const line = view.state.doc.lineAt(from);
  const before = view.state.sliceDoc(Math.max(line.from, from - TRIGGER_REACH + 1), from) + text;
  const match = matchSnippet(view.state.facet(snippetRules), before, scope, true);
  if (!match) return false;
  // The trigger is typed first, so Undo right after an expansion gives back what was typed.
  view.dispatch({ changes: { from, insert: text }, selection: EditorSelection.cursor(from + 1), userEvent: 'input.type' });
  expand(view, match.template, from + 1 - match.length, from + 1);
  return true;
});

// Environments whose rows are split into cells by `&` and ended by `\\`.
const CELL_ENVIRONMENTS = /^(?:[pbBvV]?matrix|smallmatrix|cases|dcases|rcases|array|aligned|alignedat|align|alignat|split|gathered|gather|eqnarray)\*?$/;
const ENVIRONMENT = /\\(begin|end)\{([^}]*)\}/g;

/** The innermost environment open at `pos` within the formula's TeX, or null. */
function openEnvironment(state: EditorState, texFrom: number, pos: number): string | null {
  const open: string[] = [];
  for (const m of state.sliceDoc(texFrom, pos).matchAll(ENVIRONMENT)) {
    if (m[1] === 'begin') open.push(m[2]!);
    else if (open[open.length - 1] === m[2]) open.pop();
  }
  return open[open.length - 1] ?? null;
}

/** Offset after the first closing bracket that `text` leaves unmatched (the end of the current group), or -1. */
function endOfGroup(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '{' || ch === '(' || ch === '[') depth++;
    else if (ch === '}' || ch === ')' || ch === ']') {
      if (depth === 0) return i + 1;
      depth--;
    }
  }
  return -1;
}

const moveTo = (view: EditorView, pos: number): boolean => {
  view.dispatch({ selection: EditorSelection.cursor(pos), scrollIntoView: true, userEvent: 'select' });
  return true;
};
const insert = (view: EditorView, text: string): boolean => {
  view.dispatch(view.state.replaceSelection(text), { scrollIntoView: true, userEvent: 'input' });
  return true;
};

/**
 * Tab, after the snippet fields (CodeMirror's own keymap moves through those first): expands a Tab trigger, else in
 * math leaves the current brace, else adds a cell in a matrix, else steps out of the formula. Elsewhere it does what
 * it did (indentation).
 */
const tab: Command = (view) => {
  const pos = singleCursor(view.state);
  if (pos === null || !inserting(view)) return false;
  const context = texContextAt(view.state, pos);
  const scope = scopeOf(context);
  if (!scope) return false;
  const line = view.state.doc.lineAt(pos);
  const match = matchSnippet(view.state.facet(snippetRules), view.state.sliceDoc(Math.max(line.from, pos - TRIGGER_REACH), pos), scope, false);
  if (match) {
    expand(view, match.template, pos - match.length, pos);
    return true;
  }
  if (context.kind !== 'math') return false;
  const out = endOfGroup(view.state.sliceDoc(pos, context.texTo));
  if (out >= 0) return moveTo(view, pos + out);
  const environment = openEnvironment(view.state, context.texFrom, pos);
  if (environment && CELL_ENVIRONMENTS.test(environment)) return insert(view, ' & ');
  if (context.end !== null && pos < context.end) return moveTo(view, context.end);
  return false;
};

/** The open cell environment at the cursor, with the formula around it; null elsewhere. */
function cellEnvironmentAt(view: EditorView): { pos: number; name: string; texTo: number } | null {
  const pos = singleCursor(view.state);
  if (pos === null || !inserting(view)) return null;
  const context = texContextAt(view.state, pos);
  if (context.kind !== 'math') return null;
  const name = openEnvironment(view.state, context.texFrom, pos);
  return name && CELL_ENVIRONMENTS.test(name) ? { pos, name, texTo: context.texTo } : null;
}

/** Enter in a matrix (or align, cases…) ends the row: ` \\` and a new line. */
const newRow: Command = (view) => (cellEnvironmentAt(view) ? insert(view, ' \\\\\n') : false);

/** Shift+Enter in a matrix leaves it: the cursor goes after its `\end{…}`. */
const leaveEnvironment: Command = (view) => {
  const at = cellEnvironmentAt(view);
  if (!at) return false;
  const end = `\\end{${at.name}}`;
  const index = view.state.sliceDoc(at.pos, at.texTo).indexOf(end);
  return index >= 0 ? moveTo(view, at.pos + index + end.length) : false;
};

/**
 * The snippet engine, on unless the writer turns it off (Settings → Writing): auto triggers as you type, Tab triggers,
 * Tab and Enter through matrix cells, Tab out of a brace. Rules come from the vault's snippet file (snippetRules).
 */
export const mathSnippets = new Toggle([
  expandWhileTyping,
  Prec.high(
    keymap.of([
      { key: 'Tab', run: tab },
      { key: 'Enter', run: newRow },
      { key: 'Shift-Enter', run: leaveEnvironment },
    ]),
  ),
]);
