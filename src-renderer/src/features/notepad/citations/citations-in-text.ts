import { citationsIn, type Citation } from './citation-keys';

/**
 * Prose with its citations written one way and the text around them another: how each export writes a note's
 * text (escaped) and its citations (`\cite{…}`, a formatted citation).
 */
export function withCitations(raw: string, citation: (c: Citation) => string, text: (plain: string) => string): string {
  let out = '';
  let at = 0;
  for (const c of citationsIn(raw)) {
    out += text(raw.slice(at, c.from)) + citation(c);
    at = c.to;
  }
  return out + text(raw.slice(at));
}
