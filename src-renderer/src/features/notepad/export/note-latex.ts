import type { SyntaxNode } from '@lezer/common';
import { NUMBERED_ENVIRONMENTS } from '../editor/formula-facts';
import { MARKS, parseNote, serialize, type NodeRule, type ParsedNote } from './note-tree';
import type { TheoremNumbering } from '../../../../../src-main/contract/notes';
import { editorMessages } from '../editor/phrases';
import { kindNameKey, THEOREM_KINDS, type TheoremBlock, type TheoremKind } from '../editor/theorem-facts';

const SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '%': '\\%', _: '\\_',
  '^': '\\textasciicircum{}', '~': '\\textasciitilde{}',
};
/** Prose for LaTeX: every special character escaped, so a note's text never becomes a command. */
export const escapeLatex = (raw: string): string => raw.replace(/[\\{}$&#%_^~]/g, (ch) => SPECIALS[ch]!);

/** Display math as LaTeX wants it: an environment stands alone (LaTeX numbers and labels it), the rest in `\[…\]`. */
function displayMath(tex: string): string {
  const body = tex.trim();
  const env = /^\\begin\{([a-zA-Z*]+)\}/.exec(body)?.[1];
  const standalone = env !== undefined && (NUMBERED_ENVIRONMENTS.has(env.replace('*', '')) || env === 'multline') && body.endsWith(`\\end{${env}}`);
  return standalone ? `\n${body}\n` : `\n\\[\n${body}\n\\]\n`;
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
function theoremRules(note: ParsedNote): Record<string, NodeRule> {
  const { blockOfFence, labels } = note.theorems;
  return {
    DivOpen: (node) => {
      const block = blockOfFence.get(note.fence(node));
      if (!block || block.open !== note.fence(node)) return '';
      const title = block.title === null ? '' : block.kind === 'proof' ? `[\\proofname\\ (${escapeLatex(block.title)})]` : `[{${escapeLatex(block.title)}}]`;
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

function rules(note: ParsedNote): Record<string, NodeRule> {
  const cmd = (name: string): NodeRule => (_n, inner) => `\\${name}{${inner().trim()}}`;
  const verbatim = (node: SyntaxNode) => {
    const code = node.getChildren('CodeText').map((c) => note.text.slice(c.from, c.to)).join('\n');
    return `\n\\begin{verbatim}\n${code.replace(/\\end\{verbatim\}/g, '\\end {verbatim}')}\n\\end{verbatim}\n`;
  };
  const table: Record<string, NodeRule> = {
    Paragraph: (_n, inner) => `${inner().trim()}\n\n`,
    ATXHeading1: cmd('section'), SetextHeading1: cmd('section'),
    ATXHeading2: cmd('subsection'), SetextHeading2: cmd('subsection'),
    ATXHeading3: cmd('subsubsection'), ATXHeading4: cmd('paragraph'), ATXHeading5: cmd('paragraph'), ATXHeading6: cmd('paragraph'),
    Emphasis: cmd('emph'),
    StrongEmphasis: cmd('textbf'),
    InlineCode: (node) => `\\texttt{${escapeLatex(node.getChildren('CodeMark').length ? note.text.slice(node.firstChild!.to, node.lastChild!.from) : '')}}`,
    BulletList: (_n, inner) => `\\begin{itemize}\n${inner().trim()}\n\\end{itemize}\n\n`,
    OrderedList: (_n, inner) => `\\begin{enumerate}\n${inner().trim()}\n\\end{enumerate}\n\n`,
    ListItem: (_n, inner) => `\\item ${inner().trim()}`,
    Blockquote: (_n, inner) => `\\begin{quote}\n${inner().trim()}\n\\end{quote}\n\n`,
    FencedCode: verbatim,
    CodeBlock: verbatim,
    HorizontalRule: () => '\\bigskip\\hrule\\bigskip\n\n',
    HardBreak: () => '\\\\\n',
    Escape: (node) => escapeLatex(note.text.slice(node.from + 1, node.to)),
    Link: (node, inner) => {
      const url = node.getChild('URL');
      return url ? `${inner().trim()} (\\texttt{${escapeLatex(note.text.slice(url.from, url.to))}})` : inner();
    },
    URL: (node) => (node.parent?.name === 'Link' ? '' : `\\texttt{${escapeLatex(note.text.slice(node.from, node.to))}}`),
    // TeX goes through as the writer wrote it: LaTeX itself numbers, labels and resolves \eqref.
    InlineMath: (node) => {
      const tex = note.formula(node)?.tex ?? '';
      return note.text.startsWith('$$', node.from) ? displayMath(tex) : `$${tex}$`;
    },
    BlockMath: (node) => displayMath(note.formula(node)?.tex ?? ''),
  };
  for (const mark of MARKS) table[mark] = () => '';
  return { ...table, ...theoremRules(note) };
}

/**
 * A note as a LaTeX document: the vault's preamble (its macros; `%snippet` lines are comments), amsmath for the
 * environments, then the note with prose escaped and math as written, so `pdflatex` gives the same numbers.
 */
export function noteToLatex({ title, text, preamble, theoremNumbering = 'perKind' }: { title: string; text: string; preamble: string; theoremNumbering?: TheoremNumbering }): string {
  const note = parseNote(text, preamble, theoremNumbering);
  // A block never closed runs to the note's end, as on screen.
  const unclosed = note.theorems.unclosed.map((fence) => note.theorems.blockOfFence.get(fence)).filter((b) => b !== undefined).reverse();
  const body = (serialize(note, rules(note), escapeLatex) + unclosed.map((b) => `\\end{${environment(b)}}\n`).join(''))
    .replace(/\n{3,}/g, '\n\n')
    .replace(END_OF_BLOCK, '\n$1') // no paragraph break before the end: ∎ stays on the proof's last line
    .trim();
  return [
    '\\documentclass{article}',
    '\\usepackage{amsmath,amssymb}',
    '\\usepackage[utf8]{inputenc}',
    theoremPreamble(note, theoremNumbering, preamble),
    `% Preamble from the vault's preamble.tex`,
    preamble.trim(),
    `\\title{${escapeLatex(title)}}`,
    '\\date{}',
    '\\begin{document}',
    '\\maketitle',
    '',
    body,
    '',
    '\\end{document}',
    '',
  ].join('\n');
}
