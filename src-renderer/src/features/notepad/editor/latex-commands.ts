/**
 * LaTeX commands KaTeX supports, for completion: the name, and what the preview renders (arguments filled
 * with placeholders). KaTeX exports no list of its functions, so this one is kept by hand, and
 * latex-commands.test.ts renders every entry with KaTeX: an entry KaTeX drops fails the test.
 */
export interface LatexCommand {
  name: string;
  /** Inserted text after the backslash: `${…}` fields are tab stops (CodeMirror snippet syntax). */
  insert: string;
  /** TeX shown rendered in the completion's info. */
  preview: string;
}

const plain = (names: string): LatexCommand[] =>
  names.split(' ').map((name) => ({ name, insert: name, preview: `\\${name}` }));
const withArgs = (name: string, args: string[], preview: string): LatexCommand => ({
  name,
  insert: `${name}${args.map((a) => `{\${${a}}}`).join('')}`,
  preview,
});

export const LATEX_COMMANDS: readonly LatexCommand[] = [
  ...plain(
    'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega ' +
      'Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega',
  ),
  ...plain(
    'infty partial nabla forall exists nexists emptyset varnothing in notin ni subset subseteq supset supseteq cup cap setminus ' +
      'le leq ge geq neq ne approx equiv sim simeq cong propto ll gg prec succ perp parallel mid ' +
      'pm mp times div cdot circ ast star oplus otimes wedge vee neg lnot land lor ' +
      'to rightarrow leftarrow Rightarrow Leftarrow leftrightarrow Leftrightarrow implies iff mapsto uparrow downarrow ' +
      'sum prod coprod int iint iiint oint bigcup bigcap bigoplus bigotimes lim limsup liminf sup inf max min ' +
      'sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh log ln exp det dim ker deg gcd Pr arg ' +
      'ldots cdots vdots ddots dots quad qquad hbar ell Re Im aleph wp angle triangle square top bot ' +
      'langle rangle lfloor rfloor lceil rceil lvert rvert lVert rVert displaystyle textstyle',
  ),
  // Delimiter sizes need a delimiter after them: the preview shows one in use.
  ...['left', 'right'].map((name) => ({ name, insert: name, preview: '\\left( \\frac{a}{b} \\right)' })),
  ...['big', 'Big', 'bigg', 'Bigg'].map((name) => ({ name, insert: name, preview: `\\${name}( x \\${name})` })),
  withArgs('frac', ['num', 'den'], '\\frac{a}{b}'),
  withArgs('dfrac', ['num', 'den'], '\\dfrac{a}{b}'),
  withArgs('tfrac', ['num', 'den'], '\\tfrac{a}{b}'),
  withArgs('binom', ['n', 'k'], '\\binom{n}{k}'),
  withArgs('sqrt', ['x'], '\\sqrt{x}'),
  withArgs('overline', ['x'], '\\overline{x}'),
  withArgs('underline', ['x'], '\\underline{x}'),
  withArgs('overbrace', ['x'], '\\overbrace{x+y}'),
  withArgs('underbrace', ['x'], '\\underbrace{x+y}'),
  withArgs('hat', ['x'], '\\hat{x}'),
  withArgs('widehat', ['x'], '\\widehat{xy}'),
  withArgs('tilde', ['x'], '\\tilde{x}'),
  withArgs('widetilde', ['x'], '\\widetilde{xy}'),
  withArgs('bar', ['x'], '\\bar{x}'),
  withArgs('vec', ['x'], '\\vec{x}'),
  withArgs('dot', ['x'], '\\dot{x}'),
  withArgs('ddot', ['x'], '\\ddot{x}'),
  withArgs('mathbb', ['X'], '\\mathbb{R}'),
  withArgs('mathbf', ['x'], '\\mathbf{x}'),
  withArgs('mathcal', ['X'], '\\mathcal{L}'),
  withArgs('mathfrak', ['X'], '\\mathfrak{g}'),
  withArgs('mathrm', ['x'], '\\mathrm{d}x'),
  withArgs('mathit', ['x'], '\\mathit{x}'),
  withArgs('mathsf', ['x'], '\\mathsf{x}'),
  withArgs('boldsymbol', ['x'], '\\boldsymbol{\\alpha}'),
  withArgs('operatorname', ['name'], '\\operatorname{tr}A'),
  withArgs('text', ['words'], '\\text{if } x'),
  withArgs('tag', ['n'], 'x \\tag{1}'),
  withArgs('stackrel', ['top', 'x'], '\\stackrel{!}{=}'),
  withArgs('overset', ['top', 'x'], '\\overset{?}{=}'),
  withArgs('underset', ['bottom', 'x'], '\\underset{n}{\\max}'),
  withArgs('boxed', ['x'], '\\boxed{x}'),
  withArgs('cancel', ['x'], '\\cancel{x}'),
  withArgs('color', ['red'], '\\color{blue}x'),
];

/** Ours, not KaTeX's: the pre-pass resolves them before KaTeX runs (formula-facts.ts). */
export const REFERENCE_COMMANDS: readonly LatexCommand[] = [
  withArgs('label', ['name'], '\\text{label}'),
  withArgs('eqref', ['label'], '(1)'),
  withArgs('ref', ['label'], '1'),
];

/** Environments offered after `\begin{`; each brings its `\end`. */
export const LATEX_ENVIRONMENTS: readonly string[] = [
  'equation', 'equation*', 'align', 'align*', 'aligned', 'gather', 'gather*', 'gathered', 'split', 'cases',
  'matrix', 'pmatrix', 'bmatrix', 'vmatrix', 'Vmatrix', 'array', 'alignat', 'alignat*',
];
