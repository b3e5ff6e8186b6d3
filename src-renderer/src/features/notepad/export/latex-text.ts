/**
 * Text for LaTeX: what a note's characters become so that `pdflatex` (TeX Live's latex-base and -recommended,
 * OT1 fonts, utf8 input) typesets every one of them without an error.
 *
 * - a whole document (`document`): ASCII specials escaped; characters pdflatex's own utf8 tables typeset with the
 *   standard fonts pass through; math symbols (α, →, ≤…) become their commands; runs of Chinese, Japanese and
 *   Korean go through `\cjk{…}` (note-latex.ts defines it for each engine); anything else is shown as its code
 *   point, `\unsupportedglyph{1F600}`, rather than stopping the compile.
 * - a fragment (`fragment`), pasted into the writer's own document: the specials escaped and the math symbols
 *   written as commands, every other character left as it is for that document's engine and packages.
 */
export type LatexTarget = 'document' | 'fragment';

const SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '%': '\\%', _: '\\_',
  '^': '\\textasciicircum{}', '~': '\\textasciitilde{}',
  // OT1's roman font has other glyphs in these slots (¡, ¿, —).
  '<': '\\textless{}', '>': '\\textgreater{}', '|': '\\textbar{}',
};

/**
 * Characters above ASCII that pdflatex's utf8 tables typeset with the standard OT1 fonts, with no missing glyph
 * and no bitmap font: found by compiling U+00A0–U+024F, U+2000–U+206F, U+20A0–U+20BF and U+2100–U+214F one by
 * one; e2e/system/latex-export.test.ts compiles them all. (Ogonek letters, «», Þ, ð need T1 fonts; those fall
 * back to their code point.)
 */
export const PDFLATEX_TEXT_CHARS = [
  '\u00A0¡¢£¤¥¦§¨©ª¬\u00AD®¯°±²³´µ¶·¸¹º¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖ×ØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõö÷øùúûüýÿ',
  'ĀāĂăĆćĈĉĊċČčĎďĒēĔĕĖėĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭİıĲĳĴĵĶķĹĺĻļĽľŁłŃńŅņŇňŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŴŵŶŷ',
  'ŸŹźŻżŽžƒǄǅǆǇǈǉǊǋǌǍǎǏǐǑǒǓǔǢǣǦǧǨǩǰǴǵȘșȚțȲȳȷ\u200C‐‑‒–—―‖‘’“”†‡•…‰‱※‽⁄⁎⁒₡₤₦₩₫€₱℃№℗℞℠™Ω℧℮',
].join('');
const PASSES = new Set(PDFLATEX_TEXT_CHARS);

/** Unicode math symbols a note may hold in prose or in a formula (KaTeX reads them), as LaTeX commands. */
export const UNICODE_MATH_SYMBOLS: Readonly<Record<string, string>> = {
  α: '\\alpha', β: '\\beta', γ: '\\gamma', δ: '\\delta', ε: '\\varepsilon', ϵ: '\\epsilon', ζ: '\\zeta', η: '\\eta',
  θ: '\\theta', ϑ: '\\vartheta', ι: '\\iota', κ: '\\kappa', λ: '\\lambda', μ: '\\mu', ν: '\\nu', ξ: '\\xi', π: '\\pi',
  ϖ: '\\varpi', ρ: '\\rho', ϱ: '\\varrho', σ: '\\sigma', ς: '\\varsigma', τ: '\\tau', υ: '\\upsilon', φ: '\\varphi',
  ϕ: '\\phi', χ: '\\chi', ψ: '\\psi', ω: '\\omega', Γ: '\\Gamma', Δ: '\\Delta', Θ: '\\Theta', Λ: '\\Lambda',
  Ξ: '\\Xi', Π: '\\Pi', Σ: '\\Sigma', Υ: '\\Upsilon', Φ: '\\Phi', Ψ: '\\Psi', Ω: '\\Omega',
  '→': '\\to', '←': '\\leftarrow', '↔': '\\leftrightarrow', '⇒': '\\Rightarrow', '⇐': '\\Leftarrow', '⇔': '\\Leftrightarrow',
  '↦': '\\mapsto', '↑': '\\uparrow', '↓': '\\downarrow', '⟹': '\\implies', '⟸': '\\impliedby', '⟺': '\\iff',
  '∞': '\\infty', '≤': '\\leq', '≥': '\\geq', '≠': '\\neq', '≈': '\\approx', '≡': '\\equiv', '∼': '\\sim', '≅': '\\cong',
  '∝': '\\propto', '∈': '\\in', '∉': '\\notin', '∋': '\\ni', '⊂': '\\subset', '⊃': '\\supset', '⊆': '\\subseteq',
  '⊇': '\\supseteq', '∪': '\\cup', '∩': '\\cap', '∅': '\\emptyset', '∀': '\\forall', '∃': '\\exists', '∄': '\\nexists',
  '¬': '\\neg', '∧': '\\wedge', '∨': '\\vee', '∂': '\\partial', '∇': '\\nabla', '∑': '\\sum', '∏': '\\prod',
  '∫': '\\int', '∮': '\\oint', '√': '\\surd', '∘': '\\circ', '∙': '\\bullet', '⋅': '\\cdot', '⊗': '\\otimes',
  '⊕': '\\oplus', '⊥': '\\perp', '∥': '\\parallel', '∠': '\\angle', '⟨': '\\langle', '⟩': '\\rangle', '∗': '\\ast',
  '∎': '\\blacksquare', '□': '\\square', '■': '\\blacksquare', 'ℝ': '\\mathbb{R}', 'ℕ': '\\mathbb{N}', 'ℤ': '\\mathbb{Z}',
  'ℚ': '\\mathbb{Q}', 'ℂ': '\\mathbb{C}', 'ℓ': '\\ell', 'ℏ': '\\hbar', '℘': '\\wp', 'ℵ': '\\aleph', '≪': '\\ll', '≫': '\\gg',
  '⊢': '\\vdash', '⊨': '\\models', '†': '\\dagger', '‡': '\\ddagger', '∓': '\\mp', '±': '\\pm', '×': '\\times', '÷': '\\div',
};

// Han (with its extensions and compatibility forms), kana, Hangul, CJK punctuation and full-width forms.
const CJK_RUN = '[\\u2E80-\\u2FDF\\u3000-\\u30FF\\u3100-\\u31FF\\u3200-\\u9FFF\\uA960-\\uA97F\\uAC00-\\uD7FF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFFEF\\u{20000}-\\u{3FFFF}]+';
/** A run of CJK text (group 1), or one other non-ASCII character. */
const NON_ASCII = new RegExp(`(${CJK_RUN})|[\\u0080-\\u{10FFFF}]`, 'gu');

const codePoint = (ch: string): string => ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/**
 * Non-ASCII characters a formula or prose may hold, as LaTeX reads them; `inMath` for a formula's TeX, where a
 * character that is not a symbol is typeset as text.
 */
function unicodeFor(target: LatexTarget, inMath: boolean): (raw: string) => string {
  const asText = (latex: string) => (inMath ? `\\text{${latex}}` : latex);
  return (raw) =>
    raw.replace(NON_ASCII, (ch, cjkRun: string | undefined) => {
      if (cjkRun) return target === 'document' ? asText(`\\cjk{${cjkRun}}`) : cjkRun;
      const symbol = UNICODE_MATH_SYMBOLS[ch];
      if (symbol) return `\\ensuremath{${symbol}}`;
      if (target === 'fragment' || PASSES.has(ch)) return ch;
      return asText(`\\unsupportedglyph{${codePoint(ch)}}`);
    });
}

const inDocumentText = unicodeFor('document', false);
const inFragmentText = unicodeFor('fragment', false);
const inDocumentMath = unicodeFor('document', true);
const inFragmentMath = unicodeFor('fragment', true);

/** Prose for LaTeX: every special character escaped, so a note's text never becomes a command. */
export function latexText(raw: string, target: LatexTarget): string {
  const escaped = raw.replace(/[\\{}$&#%_^~<>|]/g, (ch) => SPECIALS[ch]!);
  return (target === 'document' ? inDocumentText : inFragmentText)(escaped);
}

/** A formula's TeX as written, with the Unicode KaTeX reads and LaTeX does not made into commands. */
export function latexMath(tex: string, target: LatexTarget): string {
  return /[\u0080-\u{10FFFF}]/u.test(tex) ? (target === 'document' ? inDocumentMath : inFragmentMath)(tex) : tex;
}

/** Code for an `alltt` block: only `\`, `{` and `}` are special there; the rest as in prose. */
export function latexCode(raw: string, target: LatexTarget): string {
  const escaped = raw.replace(/[\\{}]/g, (ch) => SPECIALS[ch]!);
  return (target === 'document' ? inDocumentText : inFragmentText)(escaped);
}
