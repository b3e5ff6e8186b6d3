import { describe, expect, it } from 'vitest';
import { noteToLatex } from './note-latex';

describe('LaTeX export', () => {
  it('writes the preamble, escaped prose and math as written', () => {
    const text = '# Energy & work\n\nLet $\\RR$ be 100% *real*, see `a_b`.\n\n$$\n\\begin{equation}E=mc^2\\label{e}\\end{equation}\n$$\n\n$$\nx^2\n$$\n\n- By $\\eqref{e}$\n- done';
    const tex = noteToLatex({ title: 'Lemma #3', text, preamble: '\\newcommand{\\RR}{\\mathbb{R}}\n%snippet frac: \\frac{${a}}{${b}}' });
    expect(tex).toContain('\\newcommand{\\RR}{\\mathbb{R}}');
    expect(tex).toContain('\\title{Lemma \\#3}');
    expect(tex).toContain('\\section{Energy \\& work}');
    expect(tex).toContain('Let $\\RR$ be 100\\% \\emph{real}, see \\texttt{a\\_b}.');
    expect(tex).toContain('\n\\begin{equation}E=mc^2\\label{e}\\end{equation}\n');
    expect(tex).toContain('\\[\nx^2\n\\]');
    expect(tex).toContain('\\begin{itemize}\n\\item By $\\eqref{e}$\n\\item done\n\\end{itemize}');
    expect(tex.indexOf('\\begin{document}')).toBeGreaterThan(tex.indexOf('\\newcommand'));
  });
});
