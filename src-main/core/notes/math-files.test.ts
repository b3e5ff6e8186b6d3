import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../domain-error';
import { MathFiles } from './math-files';

let vault: string;
beforeEach(async () => {
  vault = await mkdtemp(join(tmpdir(), 'stillroom-math-files-'));
});
afterEach(() => rm(vault, { recursive: true, force: true }));

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'none', (error: unknown) => (error instanceof DomainError ? error.code : String(error)));

describe('MathFiles', () => {
  it('reads a missing preamble as empty, saves it atomically, and refuses a save over a newer version', async () => {
    const files = new MathFiles({ vaultDir: vault, printToPdf: null });
    expect(await files.preamble()).toEqual({ content: '', version: null });
    const saved = await files.savePreamble('\\newcommand{\\R}{\\mathbb{R}}\n', null);
    expect(await readFile(join(vault, 'preamble.tex'), 'utf8')).toBe('\\newcommand{\\R}{\\mathbb{R}}\n');
    expect(await files.preamble()).toEqual(saved);
    await writeFile(join(vault, 'preamble.tex'), '% edited elsewhere\n');
    expect(await codeOf(files.savePreamble('mine', saved.version))).toBe('note-conflict');
    expect(await readFile(join(vault, 'preamble.tex'), 'utf8')).toBe('% edited elsewhere\n');
    expect((await readdir(vault)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes exports into Exports/ named after the note, and says when PDF cannot be made', async () => {
    const files = new MathFiles({ vaultDir: vault, printToPdf: null });
    const out = await files.exportNote('Lemma 3.md', 'html', '<!doctype html><p>x</p>');
    expect(out).toEqual({ fileName: 'Lemma 3.html', path: join(vault, 'Exports', 'Lemma 3.html') });
    expect(await readFile(out.path, 'utf8')).toBe('<!doctype html><p>x</p>');
    await files.exportNote('Lemma 3.md', 'html', '<!doctype html><p>y</p>');
    expect(await readFile(out.path, 'utf8')).toBe('<!doctype html><p>y</p>');
    expect(await codeOf(files.exportNote('Lemma 3.md', 'pdf', '<p>x</p>'))).toBe('export-unavailable');
    // The Electron printer cannot run here: a stand-in behind the same narrow interface checks the bytes land.
    const printing = new MathFiles({ vaultDir: vault, printToPdf: async (html) => Buffer.from(`%PDF-1.7 ${html.length}`) });
    const pdf = await printing.exportNote('Lemma 3.md', 'pdf', '<p>x</p>');
    expect(await readFile(pdf.path, 'utf8')).toBe('%PDF-1.7 8');
  });
});
