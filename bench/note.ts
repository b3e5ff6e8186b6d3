/** The bench's notes, generated from a seed (no committed blobs): prose with inline math and display equations. */

/** mulberry32: a small, well-known seeded generator, so the same seed gives the same note everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = 'the estimate holds since each term is bounded by its neighbour and so we obtain a sharper constant than before'.split(' ');
const inline = [
  (n: number) => `\\|u_{${n}}\\|_{L^2} \\le C\\,\\varepsilon^{${n % 7}}`,
  (n: number) => `a_{${n}} = \\frac{${n}}{n+1}`,
  (n: number) => `\\lambda_{${n}} \\in \\mathbb{R}`,
  (n: number) => `x^{${n % 9}} + y^{${(n + 3) % 9}}`,
];
const display = [
  (n: number) => `\\sum_{k=0}^{${n}} \\binom{${n}}{k} x^k = (1+x)^{${n}}`,
  (n: number) => `\\int_0^{${n}} e^{-t^2}\\,dt \\le \\frac{\\sqrt{\\pi}}{2}`,
  (n: number) => `\\begin{pmatrix} ${n} & 1 \\\\ 0 & ${n} \\end{pmatrix}^k = \\begin{pmatrix} ${n}^k & k\\,${n}^{k-1} \\\\ 0 & ${n}^k \\end{pmatrix}`,
];

/** Every formula of a generated note, in order: what the KaTeX-vs-MathJax comparison renders. */
export interface GeneratedNote {
  readonly text: string;
  readonly formulas: readonly { tex: string; display: boolean }[];
}

/** A note with `formulas` formulas: paragraphs of prose with one inline formula each, then a display equation. */
export function generatedNote(formulas: number, seed: number): GeneratedNote {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const parts: string[] = ['# A long derivation\n'];
  const all: { tex: string; display: boolean }[] = [];
  for (let i = 0; all.length < formulas; i++) {
    const prose = Array.from({ length: 8 + Math.floor(random() * 12) }, () => pick(words)).join(' ');
    const tex = pick(inline)(i);
    all.push({ tex, display: false });
    parts.push(`Step ${i}: ${prose} $${tex}$ and below.\n`);
    if (all.length < formulas) {
      const block = pick(display)(i);
      all.push({ tex: block, display: true });
      parts.push(`$$\n${block}\n$$\n`);
    }
  }
  return { text: parts.join('\n'), formulas: all };
}

/** Where the keystrokes go: after the last character, in prose at the middle, and inside a display formula there. */
export function typingPositions(text: string): { end: number; middle: number; formula: number } {
  const half = Math.floor(text.length / 2);
  const paragraph = text.indexOf('\nStep ', half) + 1;
  const middle = text.indexOf(':', paragraph) + 1;
  // An opening `$$` (after a blank line; a closing one follows the TeX's last line), at the start of the block's TeX,
  // where typing a letter keeps the formula valid.
  const block = text.indexOf('\n\n$$\n', half) + 5;
  return { end: text.length, middle, formula: block };
}
