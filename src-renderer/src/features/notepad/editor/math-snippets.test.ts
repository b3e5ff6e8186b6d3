import { markdown } from '@codemirror/lang-markdown';
import { ensureSyntaxTree } from '@codemirror/language';
import { completionStatus, currentCompletions } from '@codemirror/autocomplete';
import { EditorSelection, EditorState } from '@codemirror/state';
import { undo } from '@codemirror/commands';
import { EditorView, runScopeHandlers } from '@codemirror/view';
import { Vim, getCM } from '@replit/codemirror-vim';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPrefs, setSnippets, stillroomEditor, type MathEditorPrefs } from './index';
import { texContextAt } from './tex-context';
import { mathSyntax } from '../../../../../src-shared/markdown/math-syntax';
import { defaultEditorPrefs } from '../../../../../test-support/test-editor';

const prefs: MathEditorPrefs = defaultEditorPrefs;
// Full editors: a loaded machine can take seconds to build the first one, so each test may take longer than vitest's 5 s.
const views: EditorView[] = [];
afterEach(() => {
  for (const view of views.splice(0)) view.destroy();
});

function editor(doc = '', options: { prefs?: Partial<MathEditorPrefs>; snippets?: string } = {}): EditorView {
  const state = EditorState.create({
    doc,
    selection: EditorSelection.cursor(doc.length),
    extensions: stillroomEditor({ prefs: { ...prefs, ...options.prefs }, snippets: options.snippets }),
  });
  const view = new EditorView({ state, parent: document.body });
  views.push(view);
  return view;
}

/** Types as the browser's input does: each character goes through the editor's input handlers first. */
function type(view: EditorView, text: string): void {
  for (const ch of text) {
    const { from, to } = view.state.selection.main;
    const insert = () => view.state.update({ changes: { from, to, insert: ch }, selection: EditorSelection.cursor(from + 1), userEvent: 'input.type' });
    if (!view.state.facet(EditorView.inputHandler).some((handler) => handler(view, from, to, ch, insert))) view.dispatch(insert());
  }
}

/** A key as a keydown reaches the editor's keymaps; returns whether one took it. When none does, Enter types a line break. */
function press(view: EditorView, key: string, shiftKey = false): boolean {
  const handled = runScopeHandlers(view, new KeyboardEvent('keydown', { key, shiftKey }), 'editor');
  return handled;
}

const text = (view: EditorView): string => view.state.doc.toString();
/** The text with the cursor shown as `|`. */
const withCursor = (view: EditorView): string => {
  const head = view.state.selection.main.head;
  return text(view).slice(0, head) + '|' + text(view).slice(head);
};

describe('math context while typing', () => {
  it('sees a formula still being typed as math, prose and code as what they are, and prices as prose', () => {
    const at = (doc: string) => {
      const state = EditorState.create({ doc, extensions: markdown({ extensions: [mathSyntax] }) });
      ensureSyntaxTree(state, doc.length, 5000);
      return texContextAt(state, doc.length).kind;
    };
    expect(at('Then $\\alph')).toBe('math');
    expect(at('Then \\(x + \\alph')).toBe('math');
    expect(at('Then $$\\sum')).toBe('math');
    expect(at('$$\n\\begin{align}\nx')).toBe('math');
    expect(at('Then $x$ and')).toBe('prose');
    expect(at('It costs $5 and \\alph')).toBe('prose');
    expect(at('Code `$x')).toBe('prose');
    expect(at('```\n$x')).toBe('code');
  });
});

describe('completion in a formula still being typed', { timeout: 30_000 }, () => {
  it('offers \\alpha after `Then $\\alph` before any closing $, and nothing in prose', async () => {
    const view = editor('Then ');
    type(view, '$\\alph');
    await expect.poll(() => completionStatus(view.state), { timeout: 10_000 }).toBe('active');
    expect(currentCompletions(view.state).map((c) => c.label)).toContain('\\alpha');
    const prose = editor('Then ');
    type(prose, '\\alph');
    await new Promise((resolve) => setTimeout(resolve, 150)); // (a list that would open does so within one frame)
    expect(completionStatus(prose.state)).toBeNull();
  });
});

describe('auto-expanding snippets', { timeout: 30_000 }, () => {
  it('expands // to \\frac{}{} and Tab moves through its fields, then out', () => {
    const view = editor('Then $x = ');
    type(view, '//');
    expect(withCursor(view)).toBe('Then $x = \\frac{|}{}');
    type(view, 'a');
    expect(press(view, 'Tab')).toBe(true);
    expect(withCursor(view)).toBe('Then $x = \\frac{a}{|}');
    type(view, 'b');
    press(view, 'Tab');
    expect(withCursor(view)).toBe('Then $x = \\frac{a}{b}|');
  });

  it('gives back the typed trigger on Undo', () => {
    const view = editor('$x = ');
    type(view, '//');
    expect(text(view)).toBe('$x = \\frac{}{}');
    undo(view);
    expect(withCursor(view)).toBe('$x = //|');
  });

  it('expands @a, sr and a regex subscript in math, never in prose', () => {
    const view = editor('$');
    type(view, '@a + xsr + y1');
    expect(text(view)).toBe('$\\alpha + x^{2} + y_{1}');
    const prose = editor('Mail me @a or xsr');
    type(prose, ' y1 @a');
    expect(text(prose)).toBe('Mail me @a or xsr y1 @a');
  });

  it('turns mk and dm into inline and display math in prose, only at a word start', () => {
    const view = editor('Let ');
    type(view, 'mk');
    expect(withCursor(view)).toBe('Let $|$');
    type(view, 'x');
    expect(text(view)).toBe('Let $x$');
    const display = editor('So\n');
    type(display, 'dm');
    expect(withCursor(display)).toBe('So\n$$\n|\n$$');
    const word = editor('a re');
    type(word, 'mk');
    expect(text(word)).toBe('a remk');
  });

  it('moves through pmat cells with Tab and rows with Enter, and Shift+Enter leaves the matrix', () => {
    const view = editor('$$\n');
    type(view, 'pmat');
    expect(withCursor(view)).toBe('$$\n\\begin{pmatrix}\n|\n\\end{pmatrix}');
    type(view, 'a');
    press(view, 'Tab');
    type(view, 'b');
    press(view, 'Enter');
    type(view, 'c');
    expect(text(view)).toBe('$$\n\\begin{pmatrix}\na & b \\\\\nc\n\\end{pmatrix}');
    press(view, 'Enter', true);
    expect(withCursor(view)).toBe('$$\n\\begin{pmatrix}\na & b \\\\\nc\n\\end{pmatrix}|');
  });

  it('Tab leaves the current brace', () => {
    const view = editor('$\\sqrt{x + 1} + 2$', {});
    view.dispatch({ selection: EditorSelection.cursor('$\\sqrt{x'.length) });
    press(view, 'Tab');
    expect(withCursor(view)).toBe('$\\sqrt{x + 1}| + 2$');
  });

  it('leaves Enter and Tab to the editor in prose and code: a line break, an indent, no snippet', () => {
    const view = editor('Prose');
    press(view, 'Enter');
    expect(text(view)).toBe('Prose\n');
    const code = editor('```\n$\\begin{pmatrix} x');
    press(code, 'Tab');
    expect(text(code)).not.toContain('&');
    type(code, '//');
    expect(text(code)).toMatch(/x\/\/$/);
  });

  it('keeps TeX’s escaped braces and places the fields after them', () => {
    const view = editor('$', { snippets: 'mA set \\{ $1 \\mid $2 \\}$0' });
    type(view, 'set');
    expect(withCursor(view)).toBe('$\\{ | \\mid  \\}');
    type(view, 'x');
    press(view, 'Tab');
    expect(withCursor(view)).toBe('$\\{ x \\mid | \\}');
  });

  it('reads the vault’s snippet file: its good lines apply, bad ones are skipped', () => {
    const view = editor('$', { snippets: 'mA ;; \\cdot\nthis line is bad\nmA ee e^{$1}$0' });
    type(view, ';;');
    expect(text(view)).toBe('$\\cdot');
    type(view, '//');
    expect(text(view)).toBe('$\\cdot//'); // the defaults are replaced by the file
    setSnippets(view, undefined);
    type(view, ' @a');
    expect(text(view)).toBe('$\\cdot// \\alpha');
  });

  it('is off with the switch, and Vim’s normal mode never expands', () => {
    const off = editor('$', { prefs: { snippets: false } });
    type(off, '@a');
    expect(text(off)).toBe('$@a');
    applyPrefs(off, { ...prefs, snippets: true }, { ...prefs, snippets: false });
    type(off, ' @a');
    expect(text(off)).toBe('$@a \\alpha');

    const vim = editor('$x', { prefs: { vim: true } });
    Vim.handleKey(getCM(vim)!, 'A', 'user'); // append: insert mode
    type(vim, '@a');
    expect(text(vim)).toBe('$x\\alpha');
    Vim.handleKey(getCM(vim)!, '<Esc>', 'user');
    const tabTrigger = editor('$ee', { prefs: { vim: true }, snippets: 'm ee e^{$1}$0' });
    press(tabTrigger, 'Tab');
    expect(text(tabTrigger)).not.toContain('e^{');
  });
});

describe('brackets in math', { timeout: 30_000 }, () => {
  it('pair inside math, \\left pairs with \\right, a typed closer steps over, Backspace takes an empty pair; prose types plainly', () => {
    const view = editor('$');
    type(view, 'f(x');
    expect(withCursor(view)).toBe('$f(x|)');
    type(view, ')');
    expect(withCursor(view)).toBe('$f(x)|');
    type(view, ' \\left(');
    expect(withCursor(view)).toBe('$f(x) \\left(|\\right)');
    type(view, '\\left\\{');
    expect(withCursor(view)).toBe('$f(x) \\left(\\left\\{|\\right\\}\\right)');
    type(view, '[');
    press(view, 'Backspace');
    expect(withCursor(view)).toBe('$f(x) \\left(\\left\\{|\\right\\}\\right)');
    const typedInFull = editor('$');
    type(typedInFull, '\\left( \\frac{a}{b} \\right) + \\{x\\} + \\left\\{ y \\right\\} + |x|');
    expect(text(typedInFull)).toBe('$\\left( \\frac{a}{b} \\right) + \\{x\\} + \\left\\{ y \\right\\} + |x|');
    const prose = editor('Note ');
    type(prose, '(see');
    expect(text(prose)).toBe('Note (see');
  });
});
