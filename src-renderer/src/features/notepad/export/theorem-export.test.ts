import { describe, expect, it } from 'vitest';
import { noteToHtml } from './note-html';
import { noteToLatex } from './note-latex';

const theoremNote = [
  '::: {#def-bounded .definition title="Bounded"}',
  'A sequence is bounded when $|a_n| \\le M$.',
  ':::',
  '',
  '::: {#thm-bw .theorem title="Bolzano & Weierstrass"}',
  'Every bounded sequence converges along a subsequence:',
  '$$',
  '\\begin{equation}a_{n_k} \\to a \\label{eq:lim}\\end{equation}',
  '$$',
  ':::',
  '',
  '::: proof',
  'By @def-bounded and $\\eqref{eq:lim}$.',
  ':::',
  '',
  '::: {#lem-aux .lemma}',
  'See @thm-bw, $\\ref{thm-bw}$ and @lem-gone.',
  ':::',
].join('\n');

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('theorems in the HTML export', () => {
  it('are numbered blocks with their headings, references are links, as on screen (per kind)', () => {
    const page = parse(noteToHtml({ title: 'x', text: theoremNote, preamble: '', katexCss: '', lang: 'en' }));
    const headings = [...page.querySelectorAll('.theorem-heading')].map((h) => h.textContent);
    expect(headings).toEqual(['Definition 1 (Bounded).', 'Theorem 1 (Bolzano & Weierstrass).', 'Proof.', 'Lemma 1.']);
    expect(page.querySelector('#thm-bw.theorem-plain')!.textContent).toContain('Every bounded sequence');
    expect(page.querySelector('#thm-bw .math-display')!.textContent).toContain('(1)');
    expect(page.querySelector('.theorem-proof .qed')!.textContent).toBe('∎');
    const links = [...page.querySelectorAll('a')].map((a) => `${a.getAttribute('href')} ${a.textContent}`);
    expect(links).toEqual(['#def-bounded Definition 1', '#thm-bw Theorem 1']);
    expect(page.querySelector('#lem-aux .katex-html')!.textContent).toBe('1');
    expect(page.querySelector('.ref-missing')!.textContent).toBe('@lem-gone');
    expect(page.body.textContent).not.toContain(':::');
  });

  it('share one counter when the setting says so, and speak the export\'s language', () => {
    const page = parse(noteToHtml({ title: 'x', text: theoremNote, preamble: '', katexCss: '', lang: 'zh-CN', theoremNumbering: 'shared' }));
    const headings = [...page.querySelectorAll('.theorem-heading')].map((h) => h.textContent);
    expect(headings).toEqual(['定义 1（Bounded）', '定理 2（Bolzano & Weierstrass）', '证明', '引理 3']);
    expect(page.querySelector('a[href="#thm-bw"]')!.textContent).toBe('定理 2');
  });

  it('closes a block left open at the end, and drops a stray :::', () => {
    const page = parse(noteToHtml({ title: 'x', text: ':::\n\n::: {.remark}\nOpen', preamble: '', katexCss: '', lang: 'en' }));
    expect(page.querySelector('.theorem-remark')!.textContent).toBe('Remark 1.\nOpen\n');
  });
});

describe('theorems in the LaTeX export', () => {
  it('are amsthm environments with labels, numbered per kind, references as Theorem~\\ref', () => {
    const tex = noteToLatex({ title: 'x', text: theoremNote, preamble: '' });
    expect(tex).toContain('\\usepackage{amsthm}\n\\theoremstyle{plain}\n\\newtheorem{theorem}{Theorem}\n\\newtheorem{lemma}{Lemma}');
    expect(tex).toContain('\\theoremstyle{definition}\n\\newtheorem{definition}{Definition}');
    expect(tex).toContain('\\begin{definition}[{Bounded}]\\label{def-bounded}\nA sequence is bounded when $|a_n| \\le M$.');
    expect(tex).toContain('\\begin{theorem}[{Bolzano \\& Weierstrass}]\\label{thm-bw}');
    expect(tex).toContain('\\begin{proof}\nBy Definition~\\ref{def-bounded} and $\\eqref{eq:lim}$.\n\\end{proof}');
    expect(tex).toContain('See Theorem~\\ref{thm-bw}, $\\ref{thm-bw}$ and \\ref{lem-gone}.');
    expect(tex).toContain('\\renewcommand{\\qedsymbol}{$\\blacksquare$}');
    expect(tex).not.toContain(':::');
  });

  it('put every kind on the theorem counter when numbering is shared, and leave a kind the preamble defines to it', () => {
    const tex = noteToLatex({ title: 'x', text: theoremNote, preamble: '\\newtheorem{remark}{Note}', theoremNumbering: 'shared' });
    expect(tex).toContain('\\newtheorem{theorem}{Theorem}\n\\newtheorem{lemma}[theorem]{Lemma}');
    expect(tex).toContain('\\newtheorem{definition}[theorem]{Definition}');
    expect(tex).not.toContain('\\newtheorem{remark}[theorem]');
  });
});
