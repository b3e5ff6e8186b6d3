import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { format } from '../../src-main/contract/messages';
import { editorMessages } from '../../src-renderer/src/features/notepad/editor/phrases';
import { noteToLatex } from '../../src-renderer/src/features/notepad/export/note-latex';
import { parseNote } from '../../src-renderer/src/features/notepad/export/note-tree';
import { theoremWords } from '../../src-renderer/src/features/notepad/editor/theorem-facts';

const run = promisify(execFile);
const has = (program: string) => run('which', [program]).then(() => true, () => false);
const skip = (await has('pdflatex')) && (await has('pdftotext')) ? null : 'needs pdflatex and pdftotext (.ci/run installs texlive-latex-base/-recommended and poppler-utils)';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'latex-theorems-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Compiles twice (references resolve on the second run) with a private HOME and TEXMFVAR; the log and the PDF's text. */
async function compile(name: string, tex: string): Promise<{ log: string; text: string }> {
  const dir = await mkdtemp(join(root, `${name}-`));
  await writeFile(join(dir, `${name}.tex`), tex);
  const env = { ...process.env, HOME: dir, TEXMFVAR: join(dir, 'texmf-var') };
  for (let pass = 0; pass < 2; pass++) {
    await run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', `${name}.tex`], { cwd: dir, env, timeout: 60_000 });
  }
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', `${name}.pdf`, '-'], { cwd: dir, env });
  return { log: await readFile(join(dir, `${name}.log`), 'utf8'), text: stdout };
}

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
      const { log, text } = await compile(`theorems-${numbering}`, noteToLatex({ title: 'Theorems', text: note, preamble: '', theoremNumbering: numbering }));
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
    }, 120_000);
  }
});
