import katex from 'katex';
import { liteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { AllPackages } from 'mathjax-full/js/input/tex/AllPackages.js';
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { percentile } from './stats';

export interface EngineCost {
  readonly formulas: number;
  /** Milliseconds per formula, the median and the 95th percentile over every formula once. */
  readonly p50: number;
  readonly p95: number;
  readonly totalMs: number;
}

function timeEach(formulas: readonly { tex: string; display: boolean }[], render: (tex: string, display: boolean) => unknown): EngineCost {
  // One warm-up pass, so both engines are measured with their code compiled and caches filled alike.
  for (const { tex, display } of formulas.slice(0, 200)) render(tex, display);
  const times = formulas.map(({ tex, display }) => {
    const start = performance.now();
    render(tex, display);
    return performance.now() - start;
  });
  return { formulas: formulas.length, p50: percentile(times, 50), p95: percentile(times, 95), totalMs: times.reduce((a, b) => a + b, 0) };
}

/** KaTeX (what Stillroom uses) against MathJax 3 (Obsidian's and Typora's engine), in Node, on the same formulas. */
export function compareEngines(formulas: readonly { tex: string; display: boolean }[]): { katex: EngineCost; mathjax: EngineCost } {
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const document = mathjax.document('', { InputJax: new TeX({ packages: AllPackages }), OutputJax: new SVG({ fontCache: 'none' }) });
  return {
    katex: timeEach(formulas, (tex, display) => katex.renderToString(tex, { displayMode: display, throwOnError: false })),
    mathjax: timeEach(formulas, (tex, display) => adaptor.outerHTML(document.convert(tex, { display }) as never)),
  };
}
