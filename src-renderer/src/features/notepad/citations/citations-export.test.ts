// @vitest-environment node
// Pure code; jsdom would only make citeproc's style parsing slower.
import { beforeAll, describe, expect, it } from 'vitest';
import { noteToHtml } from '../export/note-html';
import { noteToLatex, noteToLatexFragment } from '../export/note-latex';
import { formatCitation, parseLibrary } from './library';

const library = parseLibrary(String.raw`@article{knuth1984, author = {Donald E. Knuth}, title = {Literate Programming \& 50\%}, journal = {The Computer Journal}, year = {1984}}
@misc{evil, author = {A <script>alert(1)</script> B}, title = {<img src=x onerror=alert(1)>}, year = {2020}}`);
const text = 'As [@knuth1984; @evil] show, @knuth1984 agrees; by @thm-main, not @nowhere. Mail me@example.org.';

beforeAll(() => void formatCitation(library, ['knuth1984'], 'apa'), 60_000);

describe('citations in exports', () => {
  it('LaTeX: \\cite for each citation and thebibliography of the cited entries, escaped', () => {
    const tex = noteToLatex({ title: 'T', text, preamble: '', library });
    expect(tex).toContain('As \\cite{knuth1984,evil} show, \\cite{knuth1984} agrees; by @thm-main, not \\cite{nowhere}. Mail \\texttt{me@example.org}.');
    expect(tex).toContain('\\begin{thebibliography}{2}\n\\bibitem{knuth1984} Knuth, D. E. (1984). Literate Programming \\& 50\\%. The Computer Journal.\n\\bibitem{evil} ');
    expect(tex).toContain('\\bibitem{evil} \\textless{}script\\textgreater{}alert(1)\\textless{}/script\\textgreater{} B, A. (2020). \\textless{}img src=x onerror=alert(1)\\textgreater{}.');
    // A fragment cites and leaves the bibliography to the writer's own document.
    expect(noteToLatexFragment({ text, preamble: '' })).not.toContain('thebibliography');
  });

  it('HTML: citations formatted in APA and a References section, every entry escaped', () => {
    const html = noteToHtml({ title: 'T', text, preamble: '', katexCss: '', lang: 'zh-CN', library, referencesTitle: '参考文献' });
    expect(html).toContain('<span class="citation" data-cites="knuth1984 evil">(&lt;script&gt;alert(1)&lt;/script&gt; B, 2020; Knuth, 1984)</span>');
    expect(html).toContain('<span class="citation" data-cites="nowhere">(@nowhere?)</span>');
    expect(html).toContain('by @thm-main');
    expect(html).toContain('<section class="references">\n<h2>参考文献</h2>');
    expect(html).toContain('Knuth, D. E. (1984). Literate Programming &#38; 50%. <i>The Computer Journal</i>.');
    expect(html).not.toMatch(/<script|<img/);
  });
});
