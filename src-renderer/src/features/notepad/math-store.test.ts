import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installCoreApi } from '../../../../test-support/renderer-api';
import { testFiles, type TestFiles } from '../../../../test-support/test-files';
import { createTestCore, type TestCore } from '../../../../test-support/test-core';
import { EMPTY_LIBRARY } from './citations/library';
import { followMath, useMathStore } from './math-store';

let test: TestCore;
let files: TestFiles;
beforeEach(async () => {
  test = await createTestCore();
  files = testFiles(test.root);
  installCoreApi(test.core);
  useMathStore.setState({ preamble: '', version: null, snippets: null, snippetsVersion: null, editingPreamble: false, editingSnippets: false, library: EMPTY_LIBRARY, referencesText: '', notice: null });
});
afterEach(() => test.dispose());

describe('the notepad’s math files, against the real core', () => {
  it('reads the preamble at boot and again when the window comes back', async () => {
    await files.write('vault/preamble.tex', '\\newcommand{\\R}{\\mathbb{R}}');
    const stop = followMath();
    await vi.waitFor(() => expect(useMathStore.getState().preamble).toContain('\\mathbb{R}'));
    await files.write('vault/preamble.tex', '\\newcommand{\\N}{\\mathbb{N}}');
    window.dispatchEvent(new Event('focus'));
    await vi.waitFor(() => expect(useMathStore.getState().preamble).toContain('\\mathbb{N}'));
    stop();
  });

  it('saves the preamble, and refuses to overwrite one changed elsewhere until it is read again', async () => {
    await useMathStore.getState().loadPreamble();
    expect(await useMathStore.getState().savePreamble('\\newcommand{\\Z}{\\mathbb{Z}}')).toBe(true);
    expect(useMathStore.getState().notice).toEqual({ kind: 'preamble-saved' });
    expect(await files.read('vault/preamble.tex')).toBe('\\newcommand{\\Z}{\\mathbb{Z}}');

    await files.write('vault/preamble.tex', '% edited in another program');
    expect(await useMathStore.getState().savePreamble('mine')).toBe(false);
    expect(useMathStore.getState().notice).toMatchObject({ kind: 'failed', action: 'preamble', error: { code: 'note-conflict' } });
    expect(useMathStore.getState().preamble).toBe('% edited in another program');
    // Saving the draft again now replaces it knowingly.
    expect(await useMathStore.getState().savePreamble('mine')).toBe(true);
    expect(await files.read('vault/preamble.tex')).toBe('mine');
  });

  it('reads no snippet file as none (the defaults apply), saves one, and reads it again when the window comes back', async () => {
    const stop = followMath();
    await vi.waitFor(() => expect(useMathStore.getState().snippetsVersion).toBeNull());
    expect(useMathStore.getState().snippets).toBeNull();
    expect(await useMathStore.getState().saveSnippets('mA ;; \\cdot')).toBe(true);
    expect(useMathStore.getState().notice).toEqual({ kind: 'snippets-saved' });
    expect(await files.read('vault/snippets.txt')).toBe('mA ;; \\cdot');
    await files.write('vault/snippets.txt', 'mA ;; \\times');
    window.dispatchEvent(new Event('focus'));
    await vi.waitFor(() => expect(useMathStore.getState().snippets).toBe('mA ;; \\times'));
    stop();
  });

  it('reads the vault references once per change of the file, parsed into a library', async () => {
    await useMathStore.getState().loadReferences();
    expect(useMathStore.getState().library.entries.size).toBe(0);
    await files.write('vault/references.bib', '@book{knuth1984, author={Donald E. Knuth}, title={The TeXbook}, year={1984}}');
    await useMathStore.getState().loadReferences();
    const library = useMathStore.getState().library;
    expect(library.entries.get('knuth1984')?.title).toBe('The TeXbook');
    await useMathStore.getState().loadReferences();
    expect(useMathStore.getState().library).toBe(library); // unchanged text: not parsed again
  });

  it('writes an export of a note into the vault; with no printer, a PDF export says to print the HTML', async () => {
    await files.write('vault/Notes/Derivation.md', '# Derivation');
    expect(await useMathStore.getState().exportNote('Derivation.md', 'html', '<p>x</p>')).toBe(true);
    expect(useMathStore.getState().notice).toMatchObject({ kind: 'exported', fileName: expect.stringMatching(/^Exports\/Derivation.*\.html$/) });
    expect(await files.list('vault/Exports')).toHaveLength(1);
    // The test core, like the browser preview, has nothing that prints to PDF.
    expect(await useMathStore.getState().exportNote('Derivation.md', 'pdf', '<p>x</p>')).toBe(true);
    expect(useMathStore.getState().notice).toEqual({ kind: 'print-from-browser', fileName: 'Exports/Derivation.html' });
    expect(await files.read('vault/Exports/Derivation.html')).toBe('<p>x</p>');
  });
});
