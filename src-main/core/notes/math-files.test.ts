import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { DomainError } from '../domain-error';
import { FreedesktopTrash } from './freedesktop-trash';
import { MathFiles, type PrintToPdf } from './math-files';
import { NoteVault } from './note-vault';

let root: string;
let vault: string;
let notes: NoteVault;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'stillroom-math-files-'));
  vault = join(root, 'vault');
  await mkdir(join(vault, 'Notes'), { recursive: true });
  await writeFile(join(vault, 'Notes', 'Lemma 3.md'), '# Lemma 3\n');
  const clock = new ManualClock(Date.UTC(2026, 11, 7, 9));
  notes = await NoteVault.open({
    vaultDir: vault,
    dataDir: join(root, 'data'),
    clock,
    trash: new FreedesktopTrash(join(root, 'xdg-data'), process.getuid?.() ?? 0, clock),
    revealInFolder: null,
    log: () => undefined,
    watch: false,
  });
});
afterEach(async () => {
  await notes.close();
  await rm(root, { recursive: true, force: true });
});

const mathFiles = (printToPdf: PrintToPdf | null = null) => new MathFiles({ vaultDir: vault, printToPdf, notes });
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'none', (error: unknown) => (error instanceof DomainError ? error.code : String(error)));
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof DomainError ? { code: error.code, params: error.params } : String(error)));
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('MathFiles', () => {
  it('reads a missing preamble as empty, saves it atomically, and refuses a save over a newer version', async () => {
    const files = mathFiles();
    expect(await files.preamble()).toEqual({ content: '', version: null });
    const saved = await files.savePreamble('\\newcommand{\\R}{\\mathbb{R}}\n', null);
    expect(await readFile(join(vault, 'preamble.tex'), 'utf8')).toBe('\\newcommand{\\R}{\\mathbb{R}}\n');
    expect(await files.preamble()).toEqual(saved);
    await writeFile(join(vault, 'preamble.tex'), '% edited elsewhere\n');
    expect(await codeOf(files.savePreamble('mine', saved.version))).toBe('note-conflict');
    expect(await readFile(join(vault, 'preamble.tex'), 'utf8')).toBe('% edited elsewhere\n');
    expect((await readdir(vault)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads a missing snippet file as none, saves it atomically beside the preamble, and refuses a save over a newer version', async () => {
    const files = mathFiles();
    expect(await files.snippets()).toEqual({ content: '', version: null });
    const saved = await files.saveSnippets('mA ;; \\cdot\n', null);
    expect(await readFile(join(vault, 'snippets.txt'), 'utf8')).toBe('mA ;; \\cdot\n');
    expect(await files.snippets()).toEqual(saved);
    await writeFile(join(vault, 'snippets.txt'), '# edited elsewhere\n');
    expect(await refusal(files.saveSnippets('mine', saved.version))).toMatchObject({ code: 'note-conflict', params: { name: 'snippets.txt' } });
    expect(await readFile(join(vault, 'snippets.txt'), 'utf8')).toBe('# edited elsewhere\n');
    expect(await refusal(files.saveSnippets('x'.repeat(100_001), null))).toMatchObject({ code: 'note-too-large', params: { name: 'snippets.txt' } });
    expect((await readdir(vault)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes exports into Exports/ named after the note; where nothing prints, a PDF export leaves the HTML to print', async () => {
    const files = mathFiles();
    const out = await files.exportNote('Lemma 3.md', 'html', '<!doctype html><p>x</p>');
    expect(out).toEqual({ fileName: 'Lemma 3.html', path: join(vault, 'Exports', 'Lemma 3.html'), printFromBrowser: false });
    expect(await readFile(out.path, 'utf8')).toBe('<!doctype html><p>x</p>');
    await files.exportNote('Lemma 3.md', 'html', '<!doctype html><p>y</p>');
    expect(await readFile(out.path, 'utf8')).toBe('<!doctype html><p>y</p>');
    // The browser preview: no printer, so the HTML it would have printed, and a flag that says to print it.
    expect(await files.exportNote('Lemma 3.md', 'pdf', '<p>to print</p>')).toEqual({ ...out, printFromBrowser: true });
    expect(await readFile(out.path, 'utf8')).toBe('<p>to print</p>');
    expect(await readdir(join(vault, 'Exports'))).toEqual(['Lemma 3.html']);
    // The Electron printer cannot run here: a stand-in behind the same narrow interface checks the bytes land.
    const printing = mathFiles(async (html) => Buffer.from(`%PDF-1.7 ${html.length}`));
    const pdf = await printing.exportNote('Lemma 3.md', 'pdf', '<p>x</p>');
    expect(pdf).toEqual({ fileName: 'Lemma 3.pdf', path: join(vault, 'Exports', 'Lemma 3.pdf'), printFromBrowser: false });
    expect(await readFile(pdf.path, 'utf8')).toBe('%PDF-1.7 8');
  });

  it('reads the vault references: references.bib first, else references.json, else none', async () => {
    const files = mathFiles();
    expect(await files.references()).toEqual({ fileName: null, content: '' });
    await writeFile(join(vault, 'references.json'), '[]');
    expect(await files.references()).toEqual({ fileName: 'references.json', content: '[]' });
    await writeFile(join(vault, 'references.bib'), '@book{k, title={T}}');
    expect(await files.references()).toEqual({ fileName: 'references.bib', content: '@book{k, title={T}}' });
  });

  it('refuses an export through Exports/ linked out of the vault, and writes nothing there', async () => {
    const elsewhere = join(root, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, 'Lemma 3.html'), 'theirs');
    await chmod(join(elsewhere, 'Lemma 3.html'), 0o444);
    await symlink(elsewhere, join(vault, 'Exports'));
    for (const format of ['html', 'tex'] as const) {
      expect(await refusal(mathFiles().exportNote('Lemma 3.md', format, 'mine'))).toEqual({ code: 'note-outside-vault', params: { name: 'Exports' } });
    }
    expect(await readdir(elsewhere)).toEqual(['Lemma 3.html']);
    expect(await readFile(join(elsewhere, 'Lemma 3.html'), 'utf8')).toBe('theirs');
    expect(await modeOf(join(elsewhere, 'Lemma 3.html'))).toBe(0o444);
  });

  it('never replaces an export marked read-only, and refuses to export a note that does not exist', async () => {
    const files = mathFiles();
    const kept = join(vault, 'Exports', 'Lemma 3.html');
    await mkdir(join(vault, 'Exports'));
    await writeFile(kept, 'kept');
    await chmod(kept, 0o444);
    expect(await refusal(files.exportNote('Lemma 3.md', 'html', 'mine'))).toMatchObject({ code: 'note-write-failed', params: { name: 'Lemma 3.html', code: 'EACCES' } });
    expect(await readFile(kept, 'utf8')).toBe('kept');
    expect(await modeOf(kept)).toBe(0o444);

    expect(await refusal(files.exportNote('Nowhere.md', 'tex', 'x'))).toEqual({ code: 'note-not-found', params: { name: 'Nowhere.md' } });
    expect(await readdir(join(vault, 'Exports'))).toEqual(['Lemma 3.html']);
  });

  it('never replaces a preamble marked read-only, nor resets its mode', async () => {
    const files = mathFiles();
    const path = join(vault, 'preamble.tex');
    await writeFile(path, '% mine, read-only\n');
    await chmod(path, 0o444);
    const shown = await files.preamble();
    expect(await refusal(files.savePreamble('% replaced\n', shown.version))).toMatchObject({ code: 'note-write-failed', params: { name: 'preamble.tex', code: 'EACCES' } });
    expect(await readFile(path, 'utf8')).toBe('% mine, read-only\n');
    expect(await modeOf(path)).toBe(0o444);
  });

  it('reads and saves a preamble linked inside the vault where it points, and refuses one linked out as outside', async () => {
    const files = mathFiles();
    await writeFile(join(vault, 'macros.tex'), '% shared\n');
    await symlink('macros.tex', join(vault, 'preamble.tex'));
    const shown = await files.preamble();
    expect(shown.content).toBe('% shared\n');
    await files.savePreamble('% shared, edited\n', shown.version);
    expect(await readFile(join(vault, 'macros.tex'), 'utf8')).toBe('% shared, edited\n');

    await rm(join(vault, 'preamble.tex'));
    await writeFile(join(root, 'outside.tex'), '% not ours\n');
    await symlink(join(root, 'outside.tex'), join(vault, 'preamble.tex'));
    expect(await refusal(files.preamble())).toEqual({ code: 'note-outside-vault', params: { name: 'preamble.tex' } });
    expect(await refusal(files.savePreamble('x', null))).toEqual({ code: 'note-outside-vault', params: { name: 'preamble.tex' } });
    expect(await readFile(join(root, 'outside.tex'), 'utf8')).toBe('% not ours\n');
  });
});
