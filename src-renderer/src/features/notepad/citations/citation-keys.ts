import { CROSS_REFERENCE_PREFIXES } from '../../../../../src-shared/markdown/fenced-div-syntax';

/**
 * Citations in a note's prose, as pandoc writes them: `[@knuth1984]`, `[@a; @b, p. 3]` and bare `@knuth1984`.
 * Keys that start like a theorem or equation label (`@thm-main`, `@eq-energy`) are cross-references, not
 * citations: the theorem blocks own them.
 */
const REFERENCE_PREFIXES = [...CROSS_REFERENCE_PREFIXES, 'eq'].map((prefix) => `${prefix}-`);

export interface Citation {
  from: number;
  to: number;
  keys: string[];
  /** `[@…]`: a parenthetical citation; bare `@key` is cited in the text's flow. */
  bracketed: boolean;
}

// Pandoc's citation key: starts with a letter, digit or _, then those and internal punctuation (:.#$%&-+?<>~/).
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`;
const BRACKETED = new RegExp(String.raw`\[([^\[\]]*?@${KEY}[^\[\]]*)\]`, 'gu');
// A bare key stands after a space, an opening bracket or the start: never inside an e-mail address.
const BARE = new RegExp(String.raw`(?<![\p{L}\p{N}_@.])@(${KEY})`, 'gu');
const KEY_IN_GROUP = new RegExp(String.raw`(?<![\p{L}\p{N}_])-?@(${KEY})`, 'gu');

export const isCitationKey = (key: string): boolean => !REFERENCE_PREFIXES.some((prefix) => key.startsWith(prefix));

/** Every citation in a piece of prose, in order; `[…]` groups first, bare keys outside them. */
export function citationsIn(text: string): Citation[] {
  const found: Citation[] = [];
  for (const match of text.matchAll(BRACKETED)) {
    const keys = [...match[1]!.matchAll(KEY_IN_GROUP)].map((m) => m[1]!).filter(isCitationKey);
    if (keys.length) found.push({ from: match.index, to: match.index + match[0].length, keys, bracketed: true });
  }
  const inGroup = (at: number) => found.some((c) => c.bracketed && at >= c.from && at < c.to);
  for (const match of text.matchAll(BARE)) {
    const key = match[1]!;
    if (isCitationKey(key) && !inGroup(match.index)) found.push({ from: match.index, to: match.index + match[0].length, keys: [key], bracketed: false });
  }
  return found.sort((a, b) => a.from - b.from);
}

/** `[@…]` as the Markdown parser sees it (a Link without a target): the citation it is, or null. */
export function wholeCitation(link: string): Citation | null {
  const [only] = citationsIn(link);
  return only?.bracketed && only.from === 0 && only.to === link.length ? only : null;
}

/** Every key a note cites, first citation first, each once. */
export function citedKeys(text: string): string[] {
  return [...new Set(citationsIn(text).flatMap((c) => c.keys))];
}
