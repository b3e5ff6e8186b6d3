import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const has = (program: string) => run('which', [program]).then(() => true, () => false);

/** Why the LaTeX system tests cannot run here, or null when pdflatex and pdftotext are both installed. */
export async function pdflatexMissing(): Promise<string | null> {
  return (await has('pdflatex')) && (await has('pdftotext')) ? null : 'needs pdflatex and pdftotext (.ci/run installs texlive-latex-base/-recommended and poppler-utils)';
}

/**
 * Compiles a document twice (references resolve on the second run) in a new folder under `root`, with a private
 * HOME and TEXMFVAR, so TeX's caches stay in the test's folder; returns the log and the PDF's text laid out as on
 * the page. A failed run throws with the log's first error.
 */
export async function compileLatex(root: string, name: string, tex: string): Promise<{ log: string; text: string }> {
  const dir = await mkdtemp(join(root, `${name}-`));
  await writeFile(join(dir, `${name}.tex`), tex);
  const env = { ...process.env, HOME: dir, TEXMFVAR: join(dir, 'texmf-var') };
  for (let pass = 0; pass < 2; pass++) {
    await run('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', `${name}.tex`], { cwd: dir, env, timeout: 60_000 }).catch(
      async (error: Error) => {
        const log = await readFile(join(dir, `${name}.log`), 'utf8').catch(() => '');
        const at = log.indexOf('\n!');
        throw new Error(`pdflatex failed: ${error.message}\n${at < 0 ? log.slice(-2000) : log.slice(at, at + 600)}`);
      },
    );
  }
  const log = await readFile(join(dir, `${name}.log`), 'utf8');
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', `${name}.pdf`, '-'], { cwd: dir, env });
  // pdftotext gives accents as combining marks.
  return { log, text: stdout.normalize('NFC') };
}
