import { autocompletion, snippetCompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { Facet, type EditorState, type Extension } from '@codemirror/state';
import { LATEX_COMMANDS, LATEX_ENVIRONMENTS, REFERENCE_COMMANDS, type LatexCommand } from './latex-commands';
import { formulaAt, mathDocument } from './math-document';
import { mathRenderer } from './math-preview';
import { mathAt } from './math-ranges';
import { texContextAt } from './tex-context';

/** A snippet the writer keeps in the preamble: `%snippet frac: \frac{${num}}{${den}}`. */
export interface LatexSnippet {
  name: string;
  template: string;
}

/** Used while the preamble has no `%snippet` lines of its own. */
export const DEFAULT_SNIPPETS: readonly LatexSnippet[] = [
  { name: 'frac', template: '\\frac{${num}}{${den}}' },
  { name: 'sum', template: '\\sum_{${i=1}}^{${n}} ${}' },
  { name: 'mat', template: '\\begin{pmatrix}\n${a} & ${b} \\\\\n${c} & ${d}\n\\end{pmatrix}' },
];

const SNIPPET_LINE = /^%\s*snippet\s+([A-Za-z][\w-]*)\s*:\s?(.*)$/gm;

/** The preamble's `%snippet name: template` lines (`\n` in a template is a line break); the defaults when none. */
export function snippetsOf(preamble: string): LatexSnippet[] {
  const found = [...preamble.matchAll(SNIPPET_LINE)].map((m) => ({ name: m[1]!, template: m[2]!.trimEnd().replace(/\\n(?![a-zA-Z])/g, '\n') }));
  return found.length ? found : [...DEFAULT_SNIPPETS];
}

/** The preamble's snippets (index.ts provides them with the preamble's macros). */
export const latexSnippets = Facet.define<readonly LatexSnippet[], readonly LatexSnippet[]>({
  combine: (values) => values[0] ?? DEFAULT_SNIPPETS,
});

/**
 * Whether a position is inside a formula's TeX (not on its delimiters), closed or still being typed (`Then $\\alph`):
 * completion works only there.
 */
const inTex = (state: EditorState, pos: number): boolean => texContextAt(state, pos).kind === 'math';

function preview(state: EditorState, tex: string): () => Node {
  return () => {
    const dom = document.createElement('div');
    dom.className = 'cm-latex-preview';
    const m = mathAt(state, state.selection.main.head);
    const scope = m ? formulaAt(state, m.from)?.scope : undefined;
    const rendered = state.facet(mathRenderer).render(tex, true, scope);
    if (rendered.ok) dom.append(rendered.element.cloneNode(true));
    else dom.textContent = tex;
    return dom;
  };
}

const commandOption = (state: EditorState, c: LatexCommand): Completion =>
  snippetCompletion(`\\${c.insert}`, { label: `\\${c.name}`, type: 'keyword', info: preview(state, c.preview) });

/**
 * LaTeX completion, inside math only (a formula still open counts) and only after a backslash: `\com…` offers KaTeX's commands and the
 * preamble's snippets (`\frac` for the `frac` snippet; each with a rendered preview), `\begin{…` an environment with its `\end`, `\eqref{…`/`\ref{…` the note's labels.
 * Outside math it returns nothing, so prose typing never opens a list and Enter stays a line break.
 */
export function latexCompletionSource(context: CompletionContext): CompletionResult | null {
  const { state, pos } = context;
  if (!inTex(state, pos)) return null;
  const ref = context.matchBefore(/\\(?:eq)?ref\{[^}\s]*$/);
  if (ref) {
    const from = ref.from + ref.text.indexOf('{') + 1;
    const labels = [...state.field(mathDocument).labels.values()];
    return {
      from,
      options: labels.map((l) => ({ label: l.name, detail: l.number === null ? '' : `(${l.number})`, type: 'variable' })),
      validFor: /^[^}\s]*$/,
    };
  }
  const env = context.matchBefore(/\\begin\{[A-Za-z*]*$/);
  if (env) {
    return {
      from: env.from,
      options: LATEX_ENVIRONMENTS.map((name) =>
        snippetCompletion(`\\begin{${name}}\n\t\${}\n\\end{${name}}`, { label: `\\begin{${name}}`, type: 'type' }),
      ),
    };
  }
  // Only after a backslash: a plain word in math (`x + s`) never opens a list that Enter would accept.
  const word = context.matchBefore(/\\[A-Za-z]*$/);
  if (!word || (word.text === '\\' && !context.explicit)) return null;
  const snippets = state.facet(latexSnippets).map((s) =>
    snippetCompletion(s.template, { label: s.name, detail: 'snippet', type: 'text', boost: 1, info: preview(state, s.template.replace(/\$\{([^}]*)\}/g, (_, v: string) => v || '\\square')) }),
  );
  const commands = [...LATEX_COMMANDS, ...REFERENCE_COMMANDS].map((c) => commandOption(state, c));
  const begin = snippetCompletion('\\begin{${env}}\n\t${}\n\\end{${env}}', { label: '\\begin', type: 'keyword' });
  return { from: word.from, options: [...commands, begin, ...snippets.map((s) => ({ ...s, label: `\\${s.label}` }))], validFor: /^\\[A-Za-z]*$/ };
}

/** Completion with only the LaTeX source: Markdown's own (HTML tags in prose) stays off. */
export function latexCompletion(): Extension {
  return autocompletion({ override: [latexCompletionSource], icons: false, activateOnTyping: true });
}
