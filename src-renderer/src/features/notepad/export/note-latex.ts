import type { SyntaxNode } from '@lezer/common';
import { NUMBERED_ENVIRONMENTS } from '../editor/formula-facts';
import { renderMathToString } from '../editor/katex-render';
import type { FormulaMark } from '../editor/math-document';
import { citedKeys, wholeCitation, type Citation } from '../citations/citation-keys';
import { withCitations } from '../citations/citations-in-text';
import { EMPTY_LIBRARY, formatReference, type Library } from '../citations/library';
import { latexCode, latexMath, latexText, type LatexTarget } from './latex-text';
import { MARKS, parseNote, serialize, type NodeRule, type ParsedNote } from './note-tree';
import type { TheoremNumbering } from '../../../../../src-main/contract/notes';
import { editorMessages } from '../editor/phrases';
import { kindNameKey, THEOREM_KINDS, type TheoremBlock, type TheoremKind } from '../editor/theorem-facts';

/** Prose for a LaTeX document: every special character escaped, so a note's text never becomes a command. */
export const escapeLatex = (raw: string): string => latexText(raw, 'document');

/** Display math as LaTeX wants it: an environment stands alone (LaTeX numbers and labels it), the rest in `\[…\]`. */
function displayMath(tex: string): string {
  const body = tex.trim();
  const env = /^\\begin\{([a-zA-Z*]+)\}/.exec(body)?.[1];
  const standalone = env !== undefined && (NUMBERED_ENVIRONMENTS.has(env.replace('*', '')) || env === 'multline') && body.endsWith(`\\end{${env}}`);
  return standalone ? `\n${body}\n` : `\n\\[\n${body}\n\\]\n`;
}

/**
 * A formula's TeX for LaTeX. Macros it defines become global (`\gdef`), as they are in the editor, where a
 * definition holds for every later formula; LaTeX would forget one at the formula's end. A formula KaTeX cannot
 * render (the editor shows an error) is written as its source, so the document still compiles.
 */
function formulaTex(mark: FormulaMark, target: LatexTarget): string | null {
  if (!renderMathToString(mark.renderTex, mark.display, mark.scope).ok) return null;
  let tex = mark.tex;
  for (const def of [...mark.facts.definitions].reverse()) {
    const args = Math.max(0, ...[...def.body.matchAll(/#(\d)/g)].map((m) => Number(m[1])));
    const params = Array.from({ length: args }, (_, i) => `#${i + 1}`).join('');
    const global = `\\gdef${def.name}${params}{${def.body}}`;
    tex = tex.slice(0, def.from) + (def.provide ? `\\ifdefined${def.name}\\else${global}\\fi` : global) + tex.slice(def.to);
  }
  return latexMath(tex, target);
}

// pdflatex without CJK packages sets Latin text only: theorem names are English in the .tex whatever the UI language.
const kindName = (kind: TheoremKind): string => editorMessages.en[kindNameKey(kind)];
const END_OF_BLOCK = new RegExp(`\\n{2,}(\\\\end\\{(?:${Object.keys(THEOREM_KINDS).join('|')})\\*?\\})`, 'g');
const environment = (block: TheoremBlock): string => (block.kind !== 'proof' && block.number === null ? `${block.kind}*` : block.kind);

/**
 * amsthm environments numbered as the editor numbers them: per kind, or every kind on the theorem's counter; amsthm's
 * styles (plain, definition, remark); ∎ as the proof's end mark, as on screen. A kind the preamble defines itself is
 * left to it.
 */
export function theoremPreamble(note: ParsedNote, numbering: TheoremNumbering, preamble: string): string {
  const lines = ['\\usepackage{amsthm}'];
  const starred = new Set(note.theorems.blocks.filter((b) => b.kind !== 'proof' && b.number === null).map((b) => b.kind));
  let style = '';
  for (const kind of Object.keys(THEOREM_KINDS) as TheoremKind[]) {
    const kindStyle = THEOREM_KINDS[kind].style;
    if (kindStyle === 'proof' || new RegExp(`\\\\newtheorem\\*?\\{${kind}\\}`).test(preamble)) continue;
    if (kindStyle !== style) lines.push(`\\theoremstyle{${(style = kindStyle)}}`);
    const shared = numbering === 'shared' && kind !== 'theorem' ? '[theorem]' : '';
    lines.push(`\\newtheorem{${kind}}${shared}{${kindName(kind)}}`);
    if (starred.has(kind)) lines.push(`\\newtheorem*{${kind}*}{${kindName(kind)}}`);
  }
  lines.push('\\renewcommand{\\qedsymbol}{$\\blacksquare$}');
  return lines.join('\n');
}

/** Theorem-like blocks as amsthm environments with their labels; `@thm-…` as `Theorem~\\ref{…}`. */
function theoremRules(note: ParsedNote, target: LatexTarget): Record<string, NodeRule> {
  const { blockOfFence, labels } = note.theorems;
  return {
    DivOpen: (node) => {
      const block = blockOfFence.get(note.fence(node));
      if (!block || block.open !== note.fence(node)) return '';
      const title = block.title === null ? '' : block.kind === 'proof' ? `[\\proofname\\ (${latexText(block.title, target)})]` : `[{${latexText(block.title, target)}}]`;
      const label = block.label ? `\\label{${block.label}}` : '';
      return `\\begin{${environment(block)}}${title}${label}`;
    },
    DivClose: (node) => {
      const block = blockOfFence.get(note.fence(node));
      return block ? `\\end{${environment(block)}}\n` : '';
    },
    CrossReference: (node) => {
      const label = note.text.slice(node.from + 1, node.to);
      const block = labels.get(label);
      return block ? `${kindName(block.kind)}~\\ref{${label}}` : `\\ref{${label}}`;
    },
  };
}

const cite = (c: Citation) => `\\cite{${c.keys.join(',')}}`;
/** Prose with its citations as `\cite{…}`. */
const proseWith = (target: LatexTarget) => (raw: string) => withCitations(raw, cite, (plain) => latexText(plain, target));

function rules(note: ParsedNote, target: LatexTarget): Record<string, NodeRule> {
  const text = (raw: string) => latexText(raw, target);
  const cmd = (name: string): NodeRule => (_n, inner) => `\\${name}{${inner().trim()}}`;
  const code = (node: SyntaxNode) => {
    const lines = node.getChildren('CodeText').map((c) => note.text.slice(c.from, c.to)).join('\n');
    return `\n\\begin{alltt}\n${latexCode(lines, target)}\n\\end{alltt}\n`;
  };
  const math = (node: SyntaxNode, display: boolean): string => {
    const formula = note.formula(node);
    const tex = formula ? formulaTex(formula.mark, target) : null;
    if (tex === null) {
      // The editor numbered its rows all the same: the equations after it keep their numbers.
      const skipped = formula?.mark.facts.rows.filter((row) => row.auto).length ?? 0;
      const source = `\\texttt{${text(note.text.slice(node.from, node.to))}}`;
      return skipped ? `${source}\\addtocounter{equation}{${skipped}}` : source;
    }
    if (display) return displayMath(tex);
    // A `%` comment would swallow the closing `$`; a line break ends it first.
    return /(^|[^\\])%/.test(tex) ? `$${tex}\n$` : `$${tex}$`;
  };
  const table: Record<string, NodeRule> = {
    Paragraph: (_n, inner) => `${inner().trim()}\n\n`,
    ATXHeading1: cmd('section'), SetextHeading1: cmd('section'),
    ATXHeading2: cmd('subsection'), SetextHeading2: cmd('subsection'),
    ATXHeading3: cmd('subsubsection'), ATXHeading4: cmd('paragraph'), ATXHeading5: cmd('paragraph'), ATXHeading6: cmd('paragraph'),
    Emphasis: cmd('emph'),
    StrongEmphasis: cmd('textbf'),
    InlineCode: (node) => `\\texttt{${text(node.getChildren('CodeMark').length ? note.text.slice(node.firstChild!.to, node.lastChild!.from) : '')}}`,
    BulletList: (_n, inner) => `\\begin{itemize}\n${inner().trim()}\n\\end{itemize}\n\n`,
    OrderedList: (_n, inner) => `\\begin{enumerate}\n${inner().trim()}\n\\end{enumerate}\n\n`,
    ListItem: (_n, inner) => `\\item ${inner().trim()}`,
    Blockquote: (_n, inner) => `\\begin{quote}\n${inner().trim()}\n\\end{quote}\n\n`,
    FencedCode: code,
    CodeBlock: code,
    HorizontalRule: () => '\\bigskip\\hrule\\bigskip\n\n',
    HardBreak: () => '\\\\\n',
    Escape: (node) => text(note.text.slice(node.from + 1, node.to)),
    Link: (node, inner) => {
      const url = node.getChild('URL');
      if (url) return `${inner().trim()} (\\texttt{${text(note.text.slice(url.from, url.to))}})`;
      const citation = wholeCitation(note.text.slice(node.from, node.to));
      return citation ? cite(citation) : inner();
    },
    URL: (node) => (node.parent?.name === 'Link' ? '' : `\\texttt{${text(note.text.slice(node.from, node.to))}}`),
    // TeX goes through as the writer wrote it: LaTeX itself numbers, labels and resolves \eqref.
    InlineMath: (node) => math(node, note.text.startsWith('$$', node.from)),
    BlockMath: (node) => math(node, true),
  };
  for (const mark of MARKS) table[mark] = () => '';
  return { ...table, ...theoremRules(note, target) };
}

function body(note: ParsedNote, target: LatexTarget): string {
  // A block never closed runs to the note's end, as on screen.
  const unclosed = note.theorems.unclosed.map((fence) => note.theorems.blockOfFence.get(fence)).filter((b) => b !== undefined).reverse();
  return (serialize(note, rules(note, target), proseWith(target)) + unclosed.map((b) => `\\end{${environment(b)}}\n`).join(''))
    .replace(/\n{3,}/g, '\n\n')
    .replace(END_OF_BLOCK, '\n$1') // no paragraph break before the end: ∎ stays on the proof's last line
    .trim();
}

/**
 * The references a note cites, from the vault's library, as `thebibliography` (formatted by the app's style):
 * it compiles without bibtex or biber. Keys the library lacks are left out; LaTeX prints them as [?] and warns.
 */
function bibliography(text: string, library: Library): string {
  const items = citedKeys(text).flatMap((key) => {
    const formatted = formatReference(library, key);
    return formatted === null ? [] : [`\\bibitem{${key}} ${latexText(formatted, 'document')}`];
  });
  return items.length ? `\n\n\\begin{thebibliography}{${items.length}}\n${items.join('\n')}\n\\end{thebibliography}` : '';
}

/**
 * `\newcommand` of a name LaTeX already has (`\d`, `\P`) stops LaTeX, while KaTeX, which lacks many of them,
 * takes it: the export defines each name whether or not it exists.
 */
function latexPreamble(preamble: string): string {
  return preamble.trim().replace(/\\newcommand(\*?)\s*(\{\s*\\[a-zA-Z@]+\s*\}|\\[a-zA-Z@]+)/g, '\\providecommand$1$2{}\\renewcommand$1$2');
}

/**
 * What every exported document sets up before the vault's preamble: amsmath, KaTeX's own shorthands, and the
 * two commands latex-text.ts writes. Chinese, Japanese and Korean text (`\cjk`) needs CJKutf8 under pdflatex
 * (TeX Live's lang-chinese; the document warns and marks the text without it) or a Unicode engine (xelatex,
 * lualatex), which sets it in Noto CJK through fontspec.
 */
const SETUP = String.raw`\usepackage{iftex}
\usepackage{amsmath,amssymb}
\IfFileExists{mathtools.sty}{\usepackage{mathtools}}{}
\IfFileExists{xcolor.sty}{\usepackage{xcolor}}{}
\usepackage{alltt}
\ifPDFTeX
  \usepackage[utf8]{inputenc}
  \IfFileExists{CJKutf8.sty}{%
    \usepackage{CJKutf8}
    \DeclareRobustCommand\cjk[1]{\begin{CJK}{UTF8}{gbsn}#1\end{CJK}}%
  }{%
    \DeclareRobustCommand\cjk[1]{\textit{[CJK text: compile with xelatex or lualatex, or install CJKutf8]}%
      \PackageWarning{stillroom}{CJK text left out: pdflatex needs CJKutf8 (texlive-lang-chinese) for it}}%
  }
\else
  \usepackage{fontspec}
  \IfFontExistsTF{Noto Serif CJK SC}{\newfontfamily\cjkfont{Noto Serif CJK SC}}{\let\cjkfont\relax}
  \DeclareRobustCommand\cjk[1]{{\cjkfont #1}}
\fi
\DeclareRobustCommand\unsupportedglyph[1]{\texttt{[U+#1]}}
% KaTeX's shorthands, so that a formula that renders in the app compiles here too.
\providecommand{\R}{\mathbb{R}}
\providecommand{\N}{\mathbb{N}}
\providecommand{\Z}{\mathbb{Z}}
\providecommand{\reals}{\mathbb{R}}
\providecommand{\natnums}{\mathbb{N}}`;

/**
 * A note as a LaTeX document: the setup above, amsthm's environments for its theorem-like blocks, the vault's
 * preamble (its macros; `%snippet` lines are comments), then the note with prose escaped and math as written, so
 * `pdflatex` numbers equations and theorems as the editor does.
 */
export function noteToLatex({
  title,
  text,
  preamble,
  theoremNumbering = 'perKind',
  library = EMPTY_LIBRARY,
}: {
  title: string;
  text: string;
  preamble: string;
  theoremNumbering?: TheoremNumbering;
  library?: Library;
}): string {
  const note = parseNote(text, preamble, theoremNumbering);
  return [
    '\\documentclass{article}',
    `% Exported by Stillroom. Compiles with pdflatex; see the setup below for Chinese, Japanese and Korean text.`,
    SETUP,
    theoremPreamble(note, theoremNumbering, preamble),
    `% Preamble from the vault's preamble.tex`,
    latexPreamble(preamble),
    `\\title{${escapeLatex(title)}}`,
    '\\date{}',
    '\\begin{document}',
    '\\maketitle',
    '',
    body(note, 'document') + bibliography(text, library),
    '',
    '\\end{document}',
    '',
  ].join('\n');
}

/**
 * A note as a LaTeX fragment to paste into the writer's own document: the body only, no preamble; Unicode text is
 * left for that document's engine, and theorem-like blocks are amsthm environments (`theorem`, `lemma`, …, starred
 * when unnumbered) for that document to define.
 */
export function noteToLatexFragment({ text, preamble }: { text: string; preamble: string }): string {
  return `${body(parseNote(text, preamble), 'fragment')}\n`;
}
