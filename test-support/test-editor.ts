import { markdown } from '@codemirror/lang-markdown';
import { ensureSyntaxTree, syntaxTreeAvailable } from '@codemirror/language';
import { EditorSelection, EditorState, type Extension } from '@codemirror/state';
import { EditorView, type DecorationSet } from '@codemirror/view';
import { vi } from 'vitest';
import { mathSyntax } from '../src-shared/markdown/math-syntax';
import { fencedDivSyntax } from '../src-shared/markdown/fenced-div-syntax';
import { EditorPrefs } from '../src-main/contract/notes';

/**
 * A real EditorView in jsdom (no layout) with Markdown + math parsing and the given extensions. The first
 * parse has a 20 ms budget, which a loaded test machine can miss even for a short note: unless `partial`
 * asks for that case, the parse is finished first so tests see the whole tree.
 */
export function testEditor(doc: string, cursor: number, extensions: Extension = [], partial = false): EditorView {
  const parent = document.createElement('div');
  document.body.append(parent);
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      selection: EditorSelection.cursor(cursor),
      extensions: [markdown({ extensions: [mathSyntax, fencedDivSyntax] }), extensions],
    }),
  });
  if (!partial && !syntaxTreeAvailable(view.state, doc.length)) {
    ensureSyntaxTree(view.state, doc.length, 10_000);
    view.dispatch({}); // the finished tree reaches the state (and the extensions) with the next transaction
  }
  return view;
}

/**
 * Runs `edits` with the clock held. Each transaction's reparse has a time budget (Date.now), which a loaded machine
 * can run out even for a short note, and a tree that falls short is scanned afresh rather than mapped: a test of what
 * an edit does after a finished parse holds the clock, so every parse finishes, as on an idle machine.
 */
export function withFinishedParses(edits: () => void): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    edits();
  } finally {
    vi.useRealTimers();
  }
}

export interface DecoInfo {
  from: number;
  to: number;
  kind: 'widget' | 'replace' | 'mark' | 'line';
  spec: Record<string, unknown>;
}

/** Every decoration a view shows, flattened for assertions. */
export function decorationsOf(view: EditorView): DecoInfo[] {
  const out: DecoInfo[] = [];
  for (const source of view.state.facet(EditorView.decorations)) {
    const set: DecorationSet = typeof source === 'function' ? source(view) : source;
    set.between(0, view.state.doc.length, (from, to, deco) => {
      const shape = deco as unknown as { isReplace?: boolean; startSide: number };
      const kind = shape.isReplace ? 'replace' : deco.spec.widget ? 'widget' : shape.startSide === -2e8 ? 'line' : 'mark';
      out.push({ from, to, kind, spec: deco.spec as Record<string, unknown> });
    });
  }
  return out.sort((a, b) => a.from - b.from || a.to - b.to);
}

/** The Writing settings' defaults (the schema's own) with live rendering on: what the editor tests start from. */
export const defaultEditorPrefs = { ...EditorPrefs.parse({}), sourceMode: false } as const;
