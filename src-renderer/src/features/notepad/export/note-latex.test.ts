import { describe, expect, it } from 'vitest';
import { noteToLatex, noteToLatexFragment } from './note-latex';

describe('LaTeX export', () => {
  it('writes the preamble, escaped prose and math as written', () => {
    const text = '# Energy & work\n\nLet $\\RR$ be 100% *real*, see `a_b`.\n\n$$\n\\begin{equation}E=mc^2\\label{e}\\end{equation}\n$$\n\n$$\nx^2\n$$\n\n- By $\\eqref{e}$\n- done';
    const tex = noteToLatex({ title: 'Lemma #3', text, preamble: '\\newcommand{\\RR}{\\mathbb{R}}\n%snippet frac: \\frac{${a}}{${b}}' });
    expect(tex).toContain('\\providecommand{\\RR}{}\\renewcommand{\\RR}{\\mathbb{R}}');
    expect(tex).toContain('%snippet frac');
    expect(tex).toContain('\\title{Lemma \\#3}');
    expect(tex).toContain('\\section{Energy \\& work}');
    expect(tex).toContain('Let $\\RR$ be 100\\% \\emph{real}, see \\texttt{a\\_b}.');
    expect(tex).toContain('\n\\begin{equation}E=mc^2\\label{e}\\end{equation}\n');
    expect(tex).toContain('\\[\nx^2\n\\]');
    expect(tex).toContain('\\begin{itemize}\n\\item By $\\eqref{e}$\n\\item done\n\\end{itemize}');
    expect(tex.indexOf('\\begin{document}')).toBeGreaterThan(tex.indexOf('\\renewcommand{\\RR}'));
  });

  it('defines a name LaTeX already has (\\d) whether or not it exists, as KaTeX took it', () => {
    const tex = noteToLatex({ title: 'x', text: '$\\d x$', preamble: '\\newcommand*{\\d}{\\mathrm{d}}\n\\newcommand\\e{e}' });
    expect(tex).toContain('\\providecommand*{\\d}{}\\renewcommand*{\\d}{\\mathrm{d}}');
    expect(tex).toContain('\\providecommand\\e{}\\renewcommand\\e{e}');
  });

  it('makes a macro defined in a formula hold for the formulas after it, as in the editor', () => {
    const tex = noteToLatexFragment({ text: 'Let $\\newcommand{\\h}[1]{\\tfrac{#1}{2}} \\h{x}$ and $\\providecommand{\\k}{k}\\k$, then $\\h{y}$.', preamble: '' });
    expect(tex).toBe('Let $\\gdef\\h#1{\\tfrac{#1}{2}} \\h{x}$ and $\\ifdefined\\k\\else\\gdef\\k{k}\\fi\\k$, then $\\h{y}$.\n');
  });

  it('writes a formula KaTeX cannot render as its source, keeping the equation numbers after it', () => {
    const text = '$$\n\\begin{align}\na &= \\nosuchcommand \\\\\nb &= 1\n\\end{align}\n$$\n\n$$\n\\begin{equation}c\\end{equation}\n$$';
    const tex = noteToLatexFragment({ text, preamble: '' });
    expect(tex).toContain('\\texttt{\\$\\$\n\\textbackslash{}begin\\{align\\}');
    expect(tex).toContain('\\addtocounter{equation}{2}');
    expect(tex).toContain('\\begin{equation}c\\end{equation}');
  });

  it('ends a % comment in inline math before the closing $', () => {
    expect(noteToLatexFragment({ text: 'A $a % b$ and $5\\%$.', preamble: '' })).toBe('A $a % b\n$ and $5\\%$.\n');
  });

  it('writes code blocks in alltt, with only \\ { } escaped', () => {
    const tex = noteToLatexFragment({ text: '```\nx = {"a": 1} # 50% \\end{alltt}\n```', preamble: '' });
    expect(tex).toBe('\\begin{alltt}\nx = \\{"a": 1\\} # 50% \\textbackslash{}end\\{alltt\\}\n\\end{alltt}\n');
  });

  it('sets up CJK for each engine and marks text pdflatex cannot set, in a document', () => {
    const tex = noteToLatex({ title: '笔记', text: '证明 α 😀 ą', preamble: '' });
    expect(tex).toContain('\\title{\\cjk{笔记}}');
    expect(tex).toContain('\\cjk{证明} \\ensuremath{\\alpha} \\unsupportedglyph{1F600} \\unsupportedglyph{0105}');
    expect(tex).toMatch(/\\ifPDFTeX[\s\S]*CJKutf8[\s\S]*\\else[\s\S]*fontspec[\s\S]*\\fi/);
  });

  it('copies as a fragment: the body only, Unicode left for the writer’s own document', () => {
    const fragment = noteToLatexFragment({ text: '# 证明\n\nSee $x_1$ & 😀.', preamble: '\\newcommand{\\RR}{\\mathbb{R}}' });
    expect(fragment).toBe('\\section{证明}\n\nSee $x_1$ \\& 😀.\n');
  });
});
