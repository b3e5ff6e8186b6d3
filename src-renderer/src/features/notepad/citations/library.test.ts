// @vitest-environment node
// Pure code; jsdom would only make citeproc's style parsing slower.
import { beforeAll, describe, expect, it } from 'vitest';
import { authorYear, formatBibliography, formatCitation, formatReference, parseLibrary } from './library';

const BIB = String.raw`@article{knuth1984, author = {Donald E. Knuth}, title = {Literate Programming}, journal = {The Computer Journal}, year = {1984}, volume = {27}, pages = {97--111}}
@book{lamport1994, author = {Leslie Lamport and Duane Bibby}, title = {{LaTeX}: A Document Preparation System}, publisher = {Addison-Wesley}, year = {1994}}`;

const CSL_JSON = JSON.stringify([{ id: 'shannon1948', type: 'article-journal', title: 'A Mathematical Theory of Communication', author: [{ family: 'Shannon', given: 'Claude E.' }], issued: { 'date-parts': [[1948]] }, 'container-title': 'Bell System Technical Journal' }]);

// citeproc builds its engine for a style once (APA's is large: seconds in Node); every format after that is quick.
beforeAll(() => void formatCitation(parseLibrary(BIB), ['knuth1984'], 'apa'), 60_000);

describe('the vault library', () => {
  it('reads BibTeX and CSL JSON into entries by key', () => {
    const bib = parseLibrary(BIB);
    expect(bib.error).toBeNull();
    expect([...bib.entries.keys()]).toEqual(['knuth1984', 'lamport1994']);
    expect(authorYear(bib.entries.get('lamport1994')!)).toBe('Lamport et al. 1994');
    expect(bib.entries.get('knuth1984')!.title).toBe('Literate Programming');
    const json = parseLibrary(CSL_JSON);
    expect(authorYear(json.entries.get('shannon1948')!)).toBe('Shannon 1948');
  });

  it('says why a file cannot be read, and is then empty', () => {
    const bad = parseLibrary('[{"id": ');
    expect(bad.entries.size).toBe(0);
    expect(bad.error).toEqual(expect.any(String));
    expect(parseLibrary('  ').error).toBeNull();
  });

  it('formats citations and the bibliography in APA', () => {
    const bib = parseLibrary(BIB);
    expect(formatCitation(bib, ['knuth1984', 'lamport1994'], 'apa')).toBe('(Knuth, 1984; Lamport & Bibby, 1994)');
    expect(formatCitation(bib, ['nowhere'], 'apa')).toBe('(@nowhere?)');
    expect(formatReference(bib, 'knuth1984')).toBe('Knuth, D. E. (1984). Literate Programming. The Computer Journal, 27, 97–111.');
    expect(formatReference(bib, 'nowhere')).toBeNull();
    const html = formatBibliography(bib, ['lamport1994'], 'apa', 'html');
    expect(html).toContain('Lamport, L., &#38; Bibby, D. (1994). <i>LaTeX: A Document Preparation System</i>. Addison-Wesley.');
  });
});
