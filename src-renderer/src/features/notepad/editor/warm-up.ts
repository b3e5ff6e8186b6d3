import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/**
 * The first note with formulas opened after the app starts ran the Markdown parser's and KaTeX's code for the first
 * time (the engine compiles a function when it first runs), and its KaTeX fonts had not been fetched: about twice
 * the time of every later opening (`npm run bench`, "first opening since the app started"). So when the notepad is
 * first shown, its first idle moment builds one throwaway editor off screen over a short note that uses what notes
 * use most (in the page, so KaTeX's styles and layout run too), removes it two frames later, and asks for KaTeX's
 * main fonts. Where the host has no idle callbacks (jsdom) nothing runs.
 */
const SAMPLE = [
  '# Warm-up',
  '',
  'Let $f \\colon \\mathbb{R}^n \\to \\mathbb{R}$ with $\\|\\nabla f(x)\\| \\le L$ and $\\alpha_k = \\frac{1}{\\sqrt{k}}$.',
  '',
  '$$',
  '\\int_0^1 \\sum_{n=1}^{\\infty} \\frac{x^n}{n!} \\, dx = \\lim_{N \\to \\infty} \\prod_{k=1}^{N} \\left( 1 + \\frac{1}{k^2} \\right)',
  '$$',
  '',
  '- a list item with $\\mathcal{O}(n \\log n)$ and **bold** text',
  '',
  '$$',
  '\\begin{align}',
  '  a &= b + c \\label{eq:warm} \\\\',
  '  \\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix} &\\ne \\hat{x}^{\\top}',
  '\\end{align}',
  '$$',
  '',
  'By \\eqref{eq:warm}, $\\tilde{a}_{ij} \\in \\{0, 1\\}$.',
].join('\n');

const KATEX_FONTS = ['1em KaTeX_Main', 'italic 1em KaTeX_Math', '1em KaTeX_Size1', '1em KaTeX_AMS'];

const state = { scheduled: false };

/** Once per page: warms the editor up in the next idle moment, built with `extensions` (the notepad's own). */
export function warmUpEditorOnce(extensions: () => Extension): void {
  if (state.scheduled || typeof requestIdleCallback !== 'function') return;
  state.scheduled = true;
  requestIdleCallback(
    () => {
      // In the page but off screen, inert and hidden from assistive technology, so styles and layout run too.
      const parent = document.createElement('div');
      Object.assign(parent.style, { position: 'fixed', left: '-10000px', top: '0', width: '720px', height: '480px', overflow: 'hidden' });
      parent.inert = true;
      parent.setAttribute('aria-hidden', 'true');
      document.body.append(parent);
      const view = new EditorView({ parent, state: EditorState.create({ doc: SAMPLE, extensions: extensions() }) });
      requestAnimationFrame(() => requestAnimationFrame(() => (view.destroy(), parent.remove())));
      for (const font of KATEX_FONTS) void document.fonts.load(font).catch(() => undefined);
    },
    { timeout: 2000 },
  );
}
