import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceText } from '../../src-renderer/src/features/notepad/editor/formula-facts';
import { mathDocument, mathPreamble } from '../../src-renderer/src/features/notepad/editor/math-document';
import { preambleScope } from '../../src-renderer/src/features/notepad/editor/tex-macros';
import { PDFLATEX_TEXT_CHARS, UNICODE_MATH_SYMBOLS } from '../../src-renderer/src/features/notepad/export/latex-text';
import { parseLibrary } from '../../src-renderer/src/features/notepad/citations/library';
import { noteToLatex } from '../../src-renderer/src/features/notepad/export/note-latex';
import { mathSyntax } from '../../src-shared/markdown/math-syntax';
import { compileLatex, pdflatexMissing } from '../../test-support/pdflatex';

const skip = await pdflatexMissing();

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'latex-export-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** What LaTeX says in a log when a document is not as written: errors, missing glyphs, bitmap fonts, dead references. */
function problems(log: string): string[] {
  return log
    .split('\n')
    .filter((line) => /^!|Missing character|mktexpk|undefined references|Reference `.*' .*undefined|Undefined control sequence/.test(line));
}

/** The numbers the editor shows for a note: its pre-pass (math-document.ts) over the editor's own parse. */
function editorNumbers(text: string, preamble: string) {
  const created = EditorState.create({
    doc: text,
    extensions: [markdown({ base: markdownLanguage, extensions: [mathSyntax] }), mathPreamble.of(preambleScope(preamble)), mathDocument],
  });
  expect(ensureSyntaxTree(created, created.doc.length, 5_000)?.length).toBe(created.doc.length);
  // The pre-pass reads the tree as transactions bring it, as in the editor after the parser's first slice.
  const state = created.update({}).state;
  const math = state.field(mathDocument);
  const numbers: string[] = [];
  for (let it = math.formulas.iter(); it.value; it.next()) numbers.push(...it.value.numbers.filter((n): n is string => n !== null));
  const eqref = (label: string) => referenceText('eqref', math.labels.get(label)?.number ?? null);
  const ref = (label: string) => referenceText('ref', math.labels.get(label)?.number ?? null);
  return { numbers, eqref, ref, issues: math.issues };
}

const LIBRARY = parseLibrary(String.raw`@article{knuth1984, author = {Donald E. Knuth}, title = {Literate Programming: 100\% {C} \& {TeX}}, journal = {The Computer Journal}, year = {1984}, pages = {97--111}}
@book{lamport1994, author = {Leslie Lamport}, title = {{LaTeX}: A Document Preparation System}, publisher = {Addison-Wesley}, year = {1994}}`);

const PREAMBLE = String.raw`% The vault's macros, as the preamble editor keeps them
\newcommand{\RR}{\mathbb{R}}
\newcommand{\norm}[1]{\left\lVert #1 \right\rVert}
\newcommand{\d}{\mathrm{d}}
\DeclareMathOperator{\tr}{tr}
\def\inner#1#2{\langle #1, #2 \rangle}
%snippet frac: \frac{${'${a}'}}{${'${b}'}}`;

// Q stands for a backtick, which String.raw cannot hold.
const NOTE = String.raw`# Costs & benefits: 100% of #1 {draft} ~ ^ \ < > | _x_

Prose with every special: # $5 % & _ { } ~ ^ \ < > | "quoted" 'single' -- --- and Unicode: café, naïve, Straße, “curly”, — α → ∞ ≤ ∎, 中文：公式与证明, かな, 한국어, 😀.

## A derivation

Let $x \in \RR^n$ and $\norm{x}$ its norm, with $\inner{x}{y} = \tr(x y^T)$ and 50% of $\d x$. A comment $a % b$ inside inline math.

$$
\begin{equation}
E = mc^2 \label{eq:energy}
\end{equation}
$$

$$
\begin{align}
f(x) &= \int_0^x g(t) \, \d t \label{eq:f} \\
     &= G(x) - G(0) \nonumber \\
g(x) &= \frac{\d f}{\d x} \label{eq:g}
\end{align}
$$

$$
a^2 + b^2 = c^2 \tag{P} \label{eq:pythagoras}
$$

A macro defined in a formula: $\newcommand{\half}{\tfrac{1}{2}} \half$.

$$
\begin{gather}
u = \half v \\
w = \half u \label{eq:w}
\end{gather}
$$

Then $\half$ holds later, as in the editor, and $\text{α ≤ β 中文}$ in math.

$$
\begin{align*}
p &= q \\
r &= s
\end{align*}
$$

$$
\begin{equation}
z = \half \label{eq:last}
\end{equation}
$$

::: {#thm-main .theorem title="Main"}
A theorem block, cited beside the references.
:::

By $\eqref{eq:energy}$ and $\eqref{eq:f}$ and $\eqref{eq:g}$ and $\ref{eq:pythagoras}$ and $\eqref{eq:w}$ and $\eqref{eq:last}$ we are done, as [@knuth1984; @lamport1994] and @lamport1994 showed, unlike @thm-main.

- A list item with Qcode # $ % \ ~ { } < > |Q and **bold** and *emphasis*
- A [link](https://example.org/a_b?c=1%202&d#e) and <https://example.org/~x>

> A quote with $\alpha$ in it.

~~~python
def f(x):  # a comment with $ % & ~ ^ _ { } \ and 中文 and \end{verbatim}
    return {"a": x}
~~~

| a | b |
|---|---|
| $1$ | 2 |
`.replaceAll('Q', '`');

describe.skipIf(skip !== null)('the LaTeX export compiled by pdflatex', () => {
  it('compiles a note with macros, numbered equations, align and hostile prose, with the numbers the editor shows', async () => {
    const shown = editorNumbers(NOTE, PREAMBLE);
    expect(shown.issues).toEqual([]);
    expect(shown.numbers).toEqual(['1', '2', '3', 'P', '4', '5', '6']);

    const { log, text } = await compileLatex(root, 'note', noteToLatex({ title: 'Lemma #3 & 中文 ~ notes', text: NOTE, preamble: PREAMBLE, library: LIBRARY }));
    expect(problems(log)).toEqual([]);
    // Every equation number, alone at the right margin, top to bottom: exactly the editor's.
    const printed = [...text.matchAll(/\S {4,}\(([^()\s]+)\)\s*$/gm)].map((m) => m[1]);
    expect(printed).toEqual(shown.numbers);
    // References read as in the editor; @thm-main is the theorem's, never a citation.
    const refs = `By ${shown.eqref('eq:energy')} and ${shown.eqref('eq:f')} and ${shown.eqref('eq:g')} and ${shown.ref('eq:pythagoras')} and ${shown.eqref('eq:w')} and ${shown.eqref('eq:last')} we are done, as [1, 2] and [2] showed, unlike Theorem 1.`;
    expect(text.replace(/\s+/g, ' ')).toContain(refs);
    // Citations: \cite and a bibliography LaTeX builds without bibtex or biber, in APA's words.
    expect(text).toContain('References');
    expect(text.replace(/\s+/g, ' ')).toContain('[1] Knuth, D. E. (1984). Literate Programming: 100% C & TeX. The Computer Journal, 97–111.');
    expect(text.replace(/\s+/g, ' ')).toContain('[2] Lamport, L. (1994). LaTeX: A Document Preparation System.');
    // The prose arrived as written, specials included.
    // (LaTeX's \_ is a rule pdftotext does not read back as a character; ~ and ^ are its accents.)
    expect(text).toContain('# $5 % &');
    expect(text).toContain('{ } ˜ ˆ \\ < > |');
    expect(text).toContain('café');
    expect(text).toContain('Straße, “curly”');
    expect(text).toContain('α → ∞ ≤');
    expect(text).toContain('return {"a": x}');
    // Chinese under pdflatex without CJKutf8: marked in place and warned about, never an error.
    expect(log).toContain('CJK text left out');
    expect(text).toContain('[U+1F600]');
  });

  it('typesets every character the escaping lets through, without a missing glyph or a bitmap font', async () => {
    const sample = [...PDFLATEX_TEXT_CHARS, ...Object.keys(UNICODE_MATH_SYMBOLS)].join(' ');
    const { log, text } = await compileLatex(root, 'chars', noteToLatex({ title: 'Characters', text: sample, preamble: '' }));
    expect(problems(log)).toEqual([]);
    expect(text.length).toBeGreaterThan(PDFLATEX_TEXT_CHARS.length);
  });
});
