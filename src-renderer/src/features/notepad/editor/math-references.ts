import { Prec, type EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView, hoverTooltip, type Tooltip } from '@codemirror/view';
import { referenceText, type Reference } from './formula-facts';
import { formulaAt, labelPosition, mathDocument } from './math-document';
import { mathRenderer } from './math-preview';
import { mathAt } from './math-ranges';
import { mathPhrases } from './phrases';
import { goToLabel, theoremPreview } from './theorem-references';

export { goToLabel };

/**
 * The reference at a position: the one whose source is under it, or, on a rendered formula (whose source is
 * hidden), its first one.
 */
export function referenceAt(state: EditorState, pos: number): { ref: Reference; from: number; to: number } | null {
  const m = mathAt(state, pos);
  const facts = m ? formulaAt(state, m.from) : null;
  if (!m || !facts || facts.facts.refs.length === 0) return null;
  const texFrom = m.from + facts.texOffset;
  const under = facts.facts.refs.find((r) => pos >= texFrom + r.at && pos <= texFrom + r.end);
  return { ref: under ?? facts.facts.refs[0]!, from: m.from, to: m.to };
}

function previewOf(view: EditorView, ref: Reference): HTMLElement {
  const dom = document.createElement('div');
  dom.className = 'cm-math-ref-preview';
  const target = labelPosition(view.state, ref.name);
  if (!target) {
    // `\ref{thm-main}`: the theorem-like block's card.
    const theorem = theoremPreview(view, ref.name);
    if (theorem) return theorem;
    const issue = view.state.field(mathDocument).issues.find((i) => i.label === ref.name);
    dom.classList.add('cm-math-ref-missing');
    dom.textContent = view.state.phrase(issue?.template ?? mathPhrases.undefinedLabel, ref.name);
    return dom;
  }
  const number = document.createElement('span');
  number.className = 'cm-math-ref-number';
  number.textContent = referenceText('eqref', target.target.number);
  const rendered = view.state.facet(mathRenderer).render(target.mark.renderTex, target.mark.display, target.mark.scope);
  const body = document.createElement('div');
  body.className = 'cm-math-ref-body';
  if (rendered.ok) body.append(rendered.element.cloneNode(true));
  else body.textContent = target.mark.tex;
  const go = document.createElement('button');
  go.type = 'button';
  go.className = 'cm-math-ref-go';
  go.textContent = view.state.phrase(mathPhrases.goToEquation);
  go.addEventListener('mousedown', (event) => {
    event.preventDefault(); // keep the editor's focus and selection until the jump itself
    goToLabel(view, ref.name);
  });
  dom.append(number, body, go);
  return dom;
}

/** Hovering a formula that refers to an equation shows that equation, rendered, with a way to go there. */
export function referenceTooltip(view: EditorView, pos: number): Tooltip | null {
  const found = referenceAt(view.state, pos);
  if (!found) return null;
  return { pos: found.from, end: found.to, above: true, create: () => ({ dom: previewOf(view, found.ref) }) };
}

const referencePreview = hoverTooltip(referenceTooltip, { hoverTime: 250 });

/** Mod-click on a reference jumps to its equation (a plain click still edits the formula). */
const jumpOnModClick = Prec.high(
  EditorView.domEventHandlers({
    mousedown(event, view) {
      if (!(event.ctrlKey || event.metaKey) || event.button !== 0) return false;
      const pos = view.posAtCoords({ x: event.clientX, y: event.clientY }, false);
      const found = referenceAt(view.state, pos);
      if (!found) return false;
      event.preventDefault();
      return goToLabel(view, found.ref.name);
    },
  }),
);

/** Undefined and duplicate labels: a quiet wavy underline on the source, its reason as the title. */
const labelWarnings = EditorView.decorations.compute([mathDocument], (state) => {
  const issues = state.field(mathDocument).issues.filter((issue) => issue.to > issue.from);
  return Decoration.set(
    issues.map((issue) =>
      Decoration.mark({ class: 'cm-math-warning', attributes: { title: state.phrase(issue.template, issue.label) } }).range(issue.from, issue.to),
    ),
    true,
  );
});

/** `\eqref`/`\ref` in the editor: hover preview, Mod-click to jump, warnings for labels that do not resolve. */
export function mathReferences(): Extension {
  return [referencePreview, jumpOnModClick, labelWarnings];
}
