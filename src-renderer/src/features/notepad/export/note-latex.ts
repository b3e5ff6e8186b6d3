import type { SyntaxNode } from '@lezer/common';
import { NUMBERED_ENVIRONMENTS } from '../editor/formula-facts';
import { MARKS, parseNote, serialize, type NodeRule, type ParsedNote } from './note-tree';

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
  return table;
}

/**
 * A note as a LaTeX document: the vault's preamble (its macros; `%snippet` lines are comments), amsmath for the
 * environments, then the note with prose escaped and math as written, so `pdflatex` gives the same numbers.
 */
export function noteToLatex({ title, text, preamble }: { title: string; text: string; preamble: string }): string {
  const note = parseNote(text, preamble);
  const body = serialize(note, rules(note), escapeLatex).replace(/\n{3,}/g, '\n\n').trim();
  return [
    '\\documentclass{article}',
    '\\usepackage{amsmath,amssymb}',
    '\\usepackage[utf8]{inputenc}',
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
