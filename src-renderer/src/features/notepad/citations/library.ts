import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';

/** One reference as CSL JSON (what citation-js reads a .bib or CSL JSON file into). */
export interface Reference {
  id: string;
  title?: string;
  author?: { family?: string; given?: string; literal?: string }[];
  issued?: { 'date-parts'?: (string | number)[][]; literal?: string };
  [field: string]: unknown;
}

/** A vault's references, read once per change of the file: keys to entries, or why the file could not be read. */
export interface Library {
  readonly entries: ReadonlyMap<string, Reference>;
  readonly error: string | null;
}

export const EMPTY_LIBRARY: Library = { entries: new Map(), error: null };

/** The citation styles the app ships (citation-js's own CSL templates); APA unless the writer picks another. */
export const CITATION_STYLES = ['apa', 'vancouver', 'harvard1'] as const;
export type CitationStyle = (typeof CITATION_STYLES)[number];

/** Reads a BibTeX/BibLaTeX file or a CSL JSON array. A file that cannot be read is an empty library with a reason. */
export function parseLibrary(content: string): Library {
  if (content.trim() === '') return EMPTY_LIBRARY;
  try {
    const items = new Cite(content).data as Reference[];
    return { entries: new Map(items.map((item) => [String(item['citation-key'] ?? item.id), item])), error: null };
  } catch (error) {
    return { entries: new Map(), error: error instanceof Error ? error.message : String(error) };
  }
}

/** Who and when, for completion: "Knuth 1984". */
export function authorYear(ref: Reference): string {
  const first = ref.author?.[0];
  const name = first ? (first.family ?? first.literal ?? first.given ?? '') : '';
  const more = (ref.author?.length ?? 0) > 1 ? ' et al.' : '';
  const year = ref.issued?.['date-parts']?.[0]?.[0] ?? ref.issued?.literal ?? '';
  return `${name}${more} ${year}`.trim();
}

function cite(library: Library, keys: readonly string[]): Cite | null {
  const items = keys.map((key) => library.entries.get(key)).filter((item): item is Reference => item !== undefined);
  return items.length ? new Cite(items.map((item) => ({ ...item, id: String(item['citation-key'] ?? item.id) }))) : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** citeproc's HTML as text: its tags dropped, its entities read (all text in it is escaped, so no tag is the writer's). */
const htmlText = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (whole, dec?: string, hex?: string, name?: string) =>
      dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (ENTITIES[name!.toLowerCase()] ?? whole),
    );

/**
 * One reference as the style writes it in a bibliography, as plain text; null for a key the library lacks.
 * (Read from the HTML output: citation-js's plain-text entries get an attribute spliced into the first `<` of a
 * title.)
 */
export function formatReference(library: Library, key: string, style: CitationStyle = 'apa'): string | null {
  const html = cite(library, [key])?.format('bibliography', { format: 'html', style, lang: 'en-US' });
  return html === undefined ? null : htmlText(html).trim();
}

/** The bibliography of some keys, as the style writes it: HTML (citeproc escapes the entries' text) or plain text. */
export function formatBibliography(library: Library, keys: readonly string[], style: CitationStyle, format: 'html' | 'text'): string {
  return cite(library, keys)?.format('bibliography', { format, style, lang: 'en-US' }) ?? '';
}

/** An in-text citation as the style writes it, e.g. "(Knuth, 1984)"; the keys as written when none is known. */
export function formatCitation(library: Library, keys: readonly string[], style: CitationStyle): string {
  const known = keys.filter((key) => library.entries.has(key));
  if (known.length === 0) return `(${keys.map((key) => `@${key}`).join('; ')}?)`;
  return cite(library, known)!.format('citation', { format: 'text', style, lang: 'en-US', entry: known, citationsPre: [], citationsPost: [] });
}
