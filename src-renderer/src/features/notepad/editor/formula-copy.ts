import type { EditorState } from '@codemirror/state';
import { renderMathToString } from './katex-render';
import { formulaAt } from './math-document';
import { mathAt } from './math-ranges';

/** The formula at the cursor as LaTeX source (delimiters included, as written) and as MathML; null off math. */
export function formulaAtCursor(state: EditorState): { latex: string; mathml: () => string | null } | null {
  const m = mathAt(state, state.selection.main.head);
  if (!m) return null;
  const facts = formulaAt(state, m.from);
  return {
    latex: state.sliceDoc(m.from, m.to),
    mathml() {
      const rendered = renderMathToString(facts?.renderTex ?? m.tex, m.display, facts?.scope ?? { key: '', macros: {} }, 'mathml');
      if (!rendered.ok) return null;
      // KaTeX wraps MathML in a span; the clipboard wants the <math> element itself.
      return /<math[\s\S]*<\/math>/.exec(rendered.html)?.[0] ?? null;
    },
  };
}
