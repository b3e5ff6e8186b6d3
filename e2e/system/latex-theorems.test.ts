import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { format } from '../../src-main/contract/messages';
import { editorMessages } from '../../src-renderer/src/features/notepad/editor/phrases';
import { noteToLatex } from '../../src-renderer/src/features/notepad/export/note-latex';
import { parseNote } from '../../src-renderer/src/features/notepad/export/note-tree';
import { theoremWords } from '../../src-renderer/src/features/notepad/editor/theorem-facts';
import { parseLibrary } from '../../src-renderer/src/features/notepad/citations/library';
import { compileLatex, pdflatexMissing } from '../../test-support/pdflatex';

const skip = await pdflatexMissing();

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'latex-theorems-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// A citation inside a block: theorems and the bibliography in one document.
const library = parseLibrary('@book{knuth1984, author = {Donald E. Knuth}, title = {The TeXbook}, publisher = {Addison-Wesley}, year = {1984}}');

const note = [
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
  '::: {.proof title="of the theorem"}',
  'By @def-bounded and $\\eqref{eq:lim}$.',
  ':::',
  '',
  '::: {#lem-aux .lemma}',
  'See @thm-bw and $\\ref{thm-bw}$.',
  '',
  'As in [@knuth1984].',
  ':::',
  '',
  '::: {.remark .unnumbered}',
  'An aside.',
  ':::',
  '',
  '::: {#cor-end .corollary}',
  'Left open at the end.',
].join('\n');

describe.skipIf(skip !== null)(`theorems in the LaTeX export, compiled with pdflatex${skip ? ` (skipped: ${skip})` : ''}`, () => {
  for (const numbering of ['perKind', 'shared'] as const) {
    it(`compile without errors and carry the editor's numbers (${numbering})`, async () => {
      const { log, text } = await compileLatex(root, `theorems-${numbering}`, noteToLatex({ title: 'Theorems', text: note, preamble: '', theoremNumbering: numbering, library }));
      expect(log.split('\n').filter((line) => /^!|undefined references|multiply defined/.test(line))).toEqual([]);
      // Every heading the editor shows (English: the .tex is set in Latin script), in the PDF as LaTeX set it.
      const words = theoremWords((key, values) => format('en', editorMessages.en[key], values));
      const onScreen = parseNote(note, '', numbering).theorems.blocks.map((block) => words.heading(block));
      expect(onScreen).toEqual(
        numbering === 'perKind'
          ? ['Definition 1 (Bounded).', 'Theorem 1 (Bolzano & Weierstrass).', 'Proof (of the theorem).', 'Lemma 1.', 'Remark.', 'Corollary 1.']
          : ['Definition 1 (Bounded).', 'Theorem 2 (Bolzano & Weierstrass).', 'Proof (of the theorem).', 'Lemma 3.', 'Remark.', 'Corollary 4.'],
      );
      const flat = text.replace(/\s+/g, ' ');
      for (const heading of onScreen) expect(flat).toContain(heading);
      expect(flat).toContain(numbering === 'perKind' ? 'See Theorem 1 and 1.' : 'See Theorem 2 and 2.');
      expect(flat).toContain('By Definition 1 and (1).');
      expect(flat).toContain('■');
      expect(flat).toContain('As in [1].');
      expect(flat).toMatch(/References \[1\] Knuth, D\. E\. \(1984\)\. The TeXbook\./);
    }, 120_000);
  }
});
