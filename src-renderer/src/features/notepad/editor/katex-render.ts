import katex, { type KatexOptions } from 'katex';
import { countedMacros, ExpansionTooLarge, MAX_EXPANDED_TOKENS } from './macro-budget';
import { mathPhrases } from './phrases';
import { NO_MACROS, type MacroScope, type MathMacros } from './tex-macros';

/**
 * One formula rendered by KaTeX: a detached element to clone, or the reason it could not render. Our own
 * refusals carry their message as a phrase template (see phrases.ts) so the editor can show it translated;
 * KaTeX's parse errors exist in English only.
 */
export type MathRender = { ok: true; element: HTMLElement } | MathFailure;
type MathFailure = { ok: false; message: string; phrase?: { template: string; values: number[] } };

// Beyond these KaTeX recurses deeply enough to stall the editor or overflow the stack.
export const MAX_TEX_LENGTH = 50_000;
export const MAX_TEX_DEPTH = 150;
// Renders are kept as DOM trees, heavier than strings: a thousand covers many screens of a long note, and a
// formula scrolled back into view after eviction costs well under a millisecond to render again.
export const RENDER_CACHE_SIZE = 1_000;

/** The deepest nesting of groups (`{`, `\left`, `\begin`) in a formula, stopping early once over `limit`. */
export function texDepth(tex: string, limit = MAX_TEX_DEPTH): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < tex.length && max <= limit; i++) {
    const ch = tex[i];
    if (ch === '\\') {
      let end = i + 1;
      while (end < tex.length && /[a-zA-Z]/.test(tex[end]!)) end++;
      const name = tex.slice(i + 1, end); // a whole command name: `\leftarrow` is not `\left`
      if (name === 'left' || name === 'begin') depth++;
      else if (name === 'right' || name === 'end') depth--;
      i = Math.max(i + 1, end - 1); // `\{` and `\}` are literal braces, not groups
    } else if (ch === '{') depth++;
    else if (ch === '}') depth--;
    if (depth > max) max = depth;
  }
  return max;
}

function refusal(template: string, ...values: number[]): MathFailure {
  let at = 0;
  return { ok: false, message: template.replace(/\$/g, () => String(values[at++])), phrase: { template, values } };
}

function checkBounds(tex: string): MathFailure | null {
  if (texDepth(tex) > MAX_TEX_DEPTH) return refusal(mathPhrases.tooDeep, MAX_TEX_DEPTH);
  if (tex.length > MAX_TEX_LENGTH) return refusal(mathPhrases.tooLong, MAX_TEX_LENGTH);
  if (tex.trim() === '') return refusal(mathPhrases.empty);
  return null;
}

/** KaTeX's error as a value; a formula whose macros expand too far is refused like one too long. */
function failure(error: unknown): MathFailure {
  if (error instanceof ExpansionTooLarge) return refusal(mathPhrases.tooLarge, MAX_EXPANDED_TOKENS);
  // ParseError is the usual case; anything else (a stack overflow on odd input) is reported the same way.
  return { ok: false, message: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
}

/**
 * How every formula is rendered, in the editor and in exports: never `trust`, bounded sizes and expansion (KaTeX's
 * `maxExpand` bounds how many, macro-budget.ts how much the user's macros expand to).
 */
export function katexOptions(display: boolean, macros: MathMacros, output: 'htmlAndMathml' | 'mathml' = 'htmlAndMathml'): KatexOptions {
  return {
    displayMode: display,
    output,
    throwOnError: true,
    trust: false,
    strict: 'ignore',
    maxSize: 50,
    maxExpand: 1000,
    // A fresh object with a fresh budget: `\gdef` writes into it, and a render must not change the next one.
    macros: countedMacros(macros),
  };
}

/** One formula as an HTML string (exports, Copy as MathML), with the same guards as the editor; errors are values. */
export function renderMathToString(tex: string, display: boolean, scope: MacroScope, output?: 'htmlAndMathml' | 'mathml'): { ok: true; html: string } | { ok: false; message: string } {
  const refused = checkBounds(tex);
  if (refused) return { ok: false, message: refused.message };
  try {
    return { ok: true, html: katex.renderToString(tex, katexOptions(display, scope.macros, output)) };
  } catch (error) {
    return { ok: false, message: failure(error).message };
  }
}

/**
 * KaTeX renders with a bounded LRU cache keyed by (TeX, display, macros in effect). One cache serves every macro
 * scope, so changing the preamble and changing it back finds the old renders still there. Output is built as DOM
 * (`katex.render`), not an HTML string: KaTeX sizes boxes with inline styles, which a `style-src 'self'`
 * CSP refuses in parsed markup but allows when set through the DOM.
 */
export class MathRenderCache {
  private readonly entries = new Map<string, MathRender>();
  /** How many times KaTeX itself ran (cache misses): typing prose must never increase it. */
  katexCalls = 0;

  constructor(readonly capacity = RENDER_CACHE_SIZE) {}

  get size(): number {
    return this.entries.size;
  }

  render(tex: string, display: boolean, scope: MacroScope = NO_MACROS): MathRender {
    const key = `${display ? 'D' : 'I'}${scope.key}\u0000${tex}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key); // re-insert: a Map iterates in insertion order, so the front is the oldest
      this.entries.set(key, hit);
      return hit;
    }
    const result = this.renderUncached(tex, display, scope.macros);
    this.entries.set(key, result);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return result;
  }

  private renderUncached(tex: string, display: boolean, macros: MathMacros): MathRender {
    const refused = checkBounds(tex);
    if (refused) return refused;
    const element = document.createElement('span');
    this.katexCalls++;
    try {
      katex.render(tex, element, katexOptions(display, macros));
      return { ok: true, element };
    } catch (error) {
      return failure(error);
    }
  }
}
