import { syntaxTree } from '@codemirror/language';
import { EditorState, Facet, StateField, type Extension, type Range, type Transaction } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, type DecorationSet } from '@codemirror/view';
import { MathRenderCache } from './katex-render';
import { formulaAt, mathDocument, mathPreamble } from './math-document';
import { dirtySpans, rebuildSpans, topLevelStart, touchesSelection, visibleMathPlugin, type MathRange, type Span } from './math-ranges';
import type { MacroScope } from './tex-macros';

let sharedCache: MathRenderCache | null = null;

/** The KaTeX render cache the preview uses (one serves every macro scope). */
export const mathRenderer = Facet.define<MathRenderCache, MathRenderCache>({
  combine: (values) => values[0] ?? (sharedCache ??= new MathRenderCache()),
});

type WidgetKind = 'inline' | 'block' | 'preview';
const noPhrases: readonly Record<string, string>[] = [];

/**
 * A rendered formula. Equality is by TeX (as the pre-pass rewrote it: numbers, references) and macro scope,
 * not position, so a formula that merely moves keeps its DOM. KaTeX runs only in toDOM, which CodeMirror calls
 * for widgets in the viewport.
 */
export class MathWidget extends WidgetType {
  constructor(
    readonly tex: string,
    readonly display: boolean,
    readonly lastGood: string | null,
    readonly kind: WidgetKind,
    readonly cache: MathRenderCache,
    /** The macros in effect where the formula stands: a changed macro must redraw it. */
    readonly scope: MacroScope,
    /** The phrases its messages were written in: a new UI language must redraw it. */
    readonly phrases: readonly Record<string, string>[] = noPhrases,
  ) {
    super();
  }

  override eq(other: MathWidget): boolean {
    return (
      other.tex === this.tex &&
      other.display === this.display &&
      other.lastGood === this.lastGood &&
      other.kind === this.kind &&
      other.cache === this.cache &&
      other.scope.key === this.scope.key &&
      other.phrases === this.phrases
    );
  }

  override toDOM(view: EditorView): HTMLElement {
    const wrap = document.createElement(this.kind === 'inline' ? 'span' : 'div');
    wrap.className = `cm-math cm-math-${this.kind}`;
    wrap.setAttribute('spellcheck', 'false');
    const cache = this.cache;
    const result = cache.render(this.tex, this.display, this.scope);
    if (result.ok) {
      wrap.append(result.element.cloneNode(true));
      return wrap;
    }
    const message = result.phrase ? view.state.phrase(result.phrase.template, ...result.phrase.values) : result.message;
    const fallback = this.lastGood !== null ? cache.render(this.lastGood, this.display, this.scope) : null;
    const marker = document.createElement('span');
    marker.className = 'cm-math-error-marker';
    marker.title = message;
    marker.textContent = '!';
    if (fallback?.ok) {
      // The last good render stays in place, ghosted, so the text does not jump while the TeX is invalid.
      const ghost = fallback.element.cloneNode(true) as HTMLElement;
      ghost.classList.add('cm-math-ghost');
      wrap.append(ghost, marker);
    } else {
      const source = document.createElement('span');
      source.className = 'cm-math-error';
      source.textContent = this.tex;
      source.title = message;
      wrap.append(source, marker);
    }
    wrap.classList.add('cm-math-invalid');
    return wrap;
  }

  override get estimatedHeight(): number {
    if (this.kind === 'inline') return -1;
    const rows = this.tex.split('\\\\').length;
    return 16 + 28 * rows;
  }

  // Mouse presses reach the editor's handlers, where math-motion places the cursor in the source.
  override ignoreEvent(event: Event): boolean {
    return event.type !== 'mousedown';
  }
}

interface MathSpec {
  tex: string;
  lastGood: string | null;
}

/**
 * The last TeX of this formula known to render, carried over from its previous decoration. Only a
 * formula whose TeX changed (the one being typed in) costs a KaTeX call; prose typing costs none.
 */
function lastGoodFor(old: DecorationSet, m: MathRange, tex: string, cache: MathRenderCache, scope: MacroScope): string | null {
  let prev: MathSpec | null = null;
  old.between(m.from, m.to, (_from, _to, deco) => {
    const spec = deco.spec as Partial<MathSpec>;
    if (typeof spec.tex === 'string') {
      prev = { tex: spec.tex, lastGood: spec.lastGood ?? null };
      return false;
    }
    return undefined;
  });
  const before = prev as MathSpec | null;
  if (!before) return null;
  if (before.tex === tex) return before.lastGood;
  if (cache.render(tex, m.display, scope).ok) return tex;
  if (before.lastGood !== null) return before.lastGood;
  return cache.render(before.tex, m.display, scope).ok ? before.tex : null;
}

function decorate(m: MathRange, state: EditorState, old: DecorationSet): Range<Decoration>[] {
  const cache = state.facet(mathRenderer);
  // The pre-pass knows the formula's numbers, references and macros; without it, the TeX as written.
  const facts = formulaAt(state, m.from);
  const tex = facts && facts.tex === m.tex ? facts.renderTex : m.tex;
  const scope = facts && facts.tex === m.tex ? facts.scope : state.facet(mathPreamble);
  const lastGood = lastGoodFor(old, m, tex, cache, scope);
  const spec = { tex, lastGood, scope: scope.key };
  if (touchesSelection(state.selection, m.from, m.to)) {
    const source = Decoration.mark({ class: 'cm-math-editing', ...spec }).range(m.from, m.to);
    if (!m.block) return [source];
    const preview = new MathWidget(tex, true, lastGood, 'preview', cache, scope, state.facet(EditorState.phrases));
    return [source, Decoration.widget({ widget: preview, block: true, side: 1, ...spec }).range(m.to)];
  }
  const widget = new MathWidget(tex, m.display, lastGood, m.block ? 'block' : 'inline', cache, scope, state.facet(EditorState.phrases));
  // Display math inside a quote or list starts after the container's marker, mid-line: a block widget
  // must start a line, so there it replaces the range inline (still from this StateField).
  const block = m.block && state.doc.lineAt(m.from).from === m.from;
  return [Decoration.replace({ widget, block, ...spec }).range(m.from, m.to)];
}

/** A new renderer or UI language: every widget must be drawn again. */
const rendererChanged = (startState: EditorState, state: EditorState): boolean =>
  startState.facet(mathRenderer) !== state.facet(mathRenderer) ||
  startState.facet(EditorState.phrases) !== state.facet(EditorState.phrases);

const isInlineOneLine = (m: MathRange): boolean => !m.block && !m.multiline;
const needsField = (m: MathRange): boolean => m.block || m.multiline;

interface FieldValue {
  decorations: DecorationSet;
  /** How far the syntax tree reached when last scanned: background parsing extends it later. */
  parsedTo: number;
}

/** Every formula the tree covers so far; no KaTeX runs here (widgets render when drawn). */
function buildField(state: EditorState, old: DecorationSet): FieldValue {
  const parsedTo = syntaxTree(state).length;
  const decorations = rebuildSpans(state, Decoration.none, [[0, parsedTo]], needsField, (m) => decorate(m, state, old));
  return { decorations, parsedTo };
}

/**
 * Display math and multi-line inline math: block and line-spanning replacements must come from a
 * StateField. KaTeX is deferred to the widgets' toDOM, so only visible ones ever render.
 */
export const blockMathField = StateField.define<FieldValue>({
  create: (state) => buildField(state, Decoration.none),
  update(value, tr: Transaction) {
    const state = tr.state;
    const parsedTo = syntaxTree(state).length;
    const mappedParsed = tr.changes.mapPos(value.parsedTo, 1);
    if (rendererChanged(tr.startState, state)) return buildField(state, value.decorations.map(tr.changes));
    if (!tr.docChanged && !tr.selection && parsedTo === value.parsedTo && renderChanges(tr.startState, state).length === 0) return value;
    const old = value.decorations.map(tr.changes);
    const spans: Span[] = dirtySpans(tr.startState, state, tr.changes, tr.selection !== undefined);
    spans.push(...renderChanges(tr.startState, state));
    if (parsedTo > mappedParsed) spans.push([topLevelStart(state, mappedParsed), parsedTo]);
    const decorations = rebuildSpans(state, old, spans, needsField, (m) => decorate(m, state, old));
    return { decorations, parsedTo };
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.decorations),
});

/** Formulas the pre-pass re-rendered elsewhere in the note (a number shifted, a macro changed) in this step. */
function renderChanges(startState: EditorState, state: EditorState): readonly Span[] {
  const doc = state.field(mathDocument, false);
  return !doc || startState.field(mathDocument, false) === doc ? [] : doc.changed;
}

/** Single-line inline math, decorated in the visible ranges only. */
export const inlineMathPlugin = visibleMathPlugin(isInlineOneLine, decorate, true, rendererChanged, (u) =>
  // Each value's `changed` covers one transaction; several in one update (rare) redraw what is visible.
  u.transactions.length > 1 && u.startState.field(mathDocument, false) !== u.state.field(mathDocument, false) ? 'all' : renderChanges(u.startState, u.state),
);

/** Live preview of math: rendered where the selection is not, source where it is. The pre-pass comes first. */
export function mathPreview(): Extension {
  return [mathDocument, blockMathField, inlineMathPlugin];
}
