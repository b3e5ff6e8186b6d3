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
    expect(tex).toContain('As \\cite{knuth1984,evil} show, \\cite{knuth1984} agrees; by \\ref{thm-main}, not \\cite{nowhere}. Mail \\texttt{me@example.org}.');
    expect(tex).toContain('\\begin{thebibliography}{2}\n\\bibitem{knuth1984} Knuth, D. E. (1984). Literate Programming \\& 50\\%. The Computer Journal.\n\\bibitem{evil} ');
    expect(tex).toContain('\\bibitem{evil} \\textless{}script\\textgreater{}alert(1)\\textless{}/script\\textgreater{} B, A. (2020). \\textless{}img src=x onerror=alert(1)\\textgreater{}.');
    // A fragment cites and leaves the bibliography to the writer's own document.
    expect(noteToLatexFragment({ text, preamble: '' })).not.toContain('thebibliography');
  });

  it('HTML: citations formatted in APA and a References section, every entry escaped', () => {
    const html = noteToHtml({ title: 'T', text, preamble: '', katexCss: '', lang: 'zh-CN', library, referencesTitle: '参考文献' });
    expect(html).toContain('<span class="citation" data-cites="knuth1984 evil">(&lt;script&gt;alert(1)&lt;/script&gt; B, 2020; Knuth, 1984)</span>');
    expect(html).toContain('<span class="citation" data-cites="nowhere">(@nowhere?)</span>');
    // A theorem label no block has is a dead reference, never a citation.
    expect(html).toContain('by <span class="ref-missing">@thm-main</span>');
    expect(html).toContain('<section class="references">\n<h2>参考文献</h2>');
    expect(html).toContain('Knuth, D. E. (1984). Literate Programming &#38; 50%. <i>The Computer Journal</i>.');
    expect(html).not.toMatch(/<script|<img/);
  });

  it('a note with theorems and citations keeps both: amsthm environments and \\cite, numbered blocks and APA', () => {
    const note = ['::: {#thm-main .theorem title="After Knuth"}', 'Programs are literature [@knuth1984].', ':::', '', '::: proof', 'See @knuth1984 and @thm-main.', ':::'].join('\n');
    const tex = noteToLatex({ title: 'T', text: note, preamble: '', library });
    expect(tex).toContain('\\usepackage{amsthm}\n\\theoremstyle{plain}\n\\newtheorem{theorem}{Theorem}');
    expect(tex).toContain(
      '\\begin{theorem}[{After Knuth}]\\label{thm-main}\nPrograms are literature \\cite{knuth1984}.\n\\end{theorem}\n\n' +
        '\\begin{proof}\nSee \\cite{knuth1984} and Theorem~\\ref{thm-main}.\n\\end{proof}\n\n' +
        '\\begin{thebibliography}{1}\n\\bibitem{knuth1984} Knuth, D. E. (1984). Literate Programming \\& 50\\%. The Computer Journal.\n\\end{thebibliography}',
    );

    const html = noteToHtml({ title: 'T', text: note, preamble: '', katexCss: '', lang: 'en', library }).replace(/\n+/g, '\n'); // blank lines aside
    expect(html).toContain(
      '<div class="theorem theorem-theorem theorem-plain" id="thm-main"><p class="theorem-heading"><strong>Theorem 1 (After Knuth).</strong></p>\n' +
        '<p>Programs are literature <span class="citation" data-cites="knuth1984">(Knuth, 1984)</span>.</p>\n</div>',
    );
    expect(html).toContain('<p>See <span class="citation" data-cites="knuth1984">(Knuth, 1984)</span> and <a href="#thm-main">Theorem 1</a>.</p>\n<span class="qed">∎</span></div>');
    // The references follow the last block, outside it.
    expect(html).toMatch(/<span class="qed">∎<\/span><\/div>\n<section class="references">\n<h2>References<\/h2>[^]*Knuth, D\. E\. \(1984\)/);
  });
});
