import type { EditorView } from '@codemirror/view';
import fc from 'fast-check';
import katex from 'katex';
import { afterEach, describe, expect, it } from 'vitest';
import { testEditor, defaultEditorPrefs } from '../../../../../test-support/test-editor';
import { stillroomEditor } from './index';
import { katexOptions, MathRenderCache, renderMathToString } from './katex-render';
import { MAX_EXPANDED_TOKENS } from './macro-budget';
import { mathPhrases } from './phrases';
import { preambleScope } from './tex-macros';

// Shared machines: bounds are generous. Unbounded, the first bomb below takes KaTeX over a minute.
const TIME_BOUND_MS = 2_000;
const MEMORY_BOUND = 100 * 1024 * 1024;

const x1000 = 'x'.repeat(1000);
const B_DEF = `\\def\\B{${x1000}}`;
const C_DEF = `\\def\\C{${'\\B'.repeat(100)}}`;
/** Issue 20's bomb: 1.2 KB of TeX, 101 expansions, 100,100 tokens. */
const BOMB = `${B_DEF}${C_DEF}\\C`;

const refusedForSize = {
  ok: false,
  message: `The macros in this formula expand too far to render (over ${MAX_EXPANDED_TOKENS} tokens)`,
  phrase: { template: mathPhrases.tooLarge, values: [MAX_EXPANDED_TOKENS] },
};

/** What `run` returned, how long it took, and how far the process's peak memory (max RSS) rose meanwhile. */
function measured<T>(run: () => T): { result: T; ms: number; peakGrowth: number } {
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started, peakGrowth: process.resourceUsage().maxRSS * 1024 - peakBefore };
}

let view: EditorView | null = null;
afterEach(() => view?.destroy());
const prefs = defaultEditorPrefs;

describe('the expansion budget', () => {
  it('refuses the 1.2 KB bomb in a formula quickly, in bounded memory, before building any DOM', () => {
    expect(BOMB.length).toBeLessThan(1300);
    const cache = new MathRenderCache();
    const { result, ms, peakGrowth } = measured(() => cache.render(BOMB, false));
    expect(result).toEqual(refusedForSize);
    expect(ms).toBeLessThan(TIME_BOUND_MS);
    expect(peakGrowth).toBeLessThan(MEMORY_BOUND);
  });

  it('refuses the bomb through the preamble, where the note holds only \\C', () => {
    const scope = preambleScope(`${B_DEF}\n${C_DEF}\n`);
    const { result, ms } = measured(() => new MathRenderCache().render('\\C', true, scope));
    expect(result).toEqual(refusedForSize);
    expect(ms).toBeLessThan(TIME_BOUND_MS);
  });

  it('shows a refused formula in the note as its source, quietly, with the reason in the note\'s language', () => {
    for (const [locale, reason] of [
      ['en', refusedForSize.message],
      ['zh-CN', `公式中的宏展开后过长，无法显示（超过 ${MAX_EXPANDED_TOKENS} 个记号）`],
    ] as const) {
      const started = performance.now();
      view = testEditor('Sync brought $\\C$ here.', 0, stillroomEditor({ prefs, locale, preamble: `${B_DEF}\n${C_DEF}\n` }));
      expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
      const source = view.contentDOM.querySelector('.cm-math-error')!;
      expect(source.textContent).toBe('\\C');
      expect(source.getAttribute('title')).toBe(reason);
      view.destroy();
      view = null;
    }
  });

  it('refuses it the same way for exports and Copy as MathML', () => {
    const scope = preambleScope(`${B_DEF}\n${C_DEF}\n`);
    for (const output of ['htmlAndMathml', 'mathml'] as const) {
      const { result, ms } = measured(() => renderMathToString('\\C', false, scope, output));
      expect(result).toEqual({ ok: false, message: refusedForSize.message });
      expect(ms).toBeLessThan(TIME_BOUND_MS);
    }
  });

  it('counts pasted arguments: one expansion that copies a long argument thousands of times is refused first', () => {
    // KaTeX pastes `#1` one splice at a time: left to it, this single expansion never finishes.
    const once = `\\def\\A#1{${'#1'.repeat(5000)}}\\A{${'x'.repeat(5000)}}`;
    const nested = `\\newcommand{\\A}[1]{${'#1'.repeat(100)}}\\A{\\A{${'y'.repeat(300)}}}`;
    for (const tex of [once, nested]) {
      const { result, ms, peakGrowth } = measured(() => new MathRenderCache().render(tex, true));
      expect(result).toEqual(refusedForSize);
      expect(ms).toBeLessThan(TIME_BOUND_MS);
      expect(peakGrowth).toBeLessThan(MEMORY_BOUND);
    }
  });

  it('renders exactly what KaTeX alone renders for formulas within it, errors included', () => {
    const preamble = [
      '\\newcommand{\\RR}{\\mathbb{R}}',
      '\\newcommand{\\norm}[1]{\\left\\| #1 \\right\\|}',
      '\\newcommand{\\ip}[2]{\\langle #1, #2 \\rangle}',
      '\\def\\hash#1{\\# #1 ##}',
      '\\DeclareMathOperator{\\tr}{tr}',
      '\\newcommand{\\broken}{\\frac{a}{}',
      '\\newcommand{\\undefinedinside}{x + \\nosuchcommand}',
    ].join('\n');
    const fromPreamble = preambleScope(preamble);
    // Bodies as definitions inside notes give them: comments kept, spaces at the ends meaningful in text.
    const scope = { key: 'test', macros: { ...fromPreamble.macros, '\\cm': 'a % note\n b', '\\ce': 'x%y', '\\sp': 'u v ', '\\tx': '\\text{#1 }' } };
    const formulas = [
      '\\cm + \\text{\\cm|\\ce|\\sp|\\tx{q}|}',
      '\\norm{\\ip{x}{y}} \\le \\norm{x}\\,\\norm{y}, \\quad x \\in \\RR^n',
      '\\tr(A) + \\hash{3}',
      '\\def\\pair#1#2{(#1, #2)}\\pair{a}{\\pair{b}{c}}',
      '\\def\\d.#1;{[#1]}\\d.x+y;',
      '\\newcommand{\\twice}[1]{#1#1}\\twice{\\twice{ab}}',
      '\\let\\foo\\RR \\foo \\gdef\\bar{\\foo}\\bar',
      '\\def\\a{b}\\edef\\c{\\a\\noexpand\\a}\\def\\a{z}\\c',
      '\\begin{align} a &= \\norm{b} \\label{x} \\\\ c &= \\RR \\tag{*} \\end{align}',
      '\\broken',
      '\\undefinedinside',
      '\\def\\bad#1{#2}\\bad{x}',
    ];
    for (const tex of formulas) {
      for (const display of [false, true]) {
        const ours = renderMathToString(tex, display, scope);
        let katexAlone: { ok: true; html: string } | { ok: false; message: string };
        try {
          katexAlone = { ok: true, html: katex.renderToString(tex, { ...katexOptions(display, {}), macros: { ...scope.macros } }) };
        } catch (error) {
          katexAlone = { ok: false, message: (error as Error).message };
        }
        if (tex.startsWith('\\def\\bad')) expect(ours).toMatchObject({ ok: false, message: expect.stringMatching(/Not a valid argument number/) });
        else expect(ours, tex).toEqual(katexAlone);
      }
    }
  });

  it('does not expand a scope macro KaTeX cannot read as a definition, so nothing escapes the count', () => {
    const scope = { key: 'unreadable', macros: { '\\vb': '\\verb|}|{' } };
    expect(renderMathToString('\\vb', false, scope)).toEqual({ ok: false, message: expect.stringContaining('The definition of \\vb cannot be read') });
  });

  it('leaves heavy real formulas alone: a 30 × 30 matrix and a 100-row align full of macros', () => {
    // Strings, as exports make them: the same options and budget as the editor's DOM, without jsdom's slowness.
    const scope = preambleScope('\\newcommand{\\vect}[1]{\\boldsymbol{#1}}\\newcommand{\\RR}{\\mathbb{R}}\\newcommand{\\abs}[1]{\\left| #1 \\right|}');
    const row = (i: number) => Array.from({ length: 30 }, (_, j) => `a_{${i},${j}}`).join(' & ');
    const matrix = `\\begin{pmatrix} ${Array.from({ length: 30 }, (_, i) => row(i)).join(' \\\\ ')} \\end{pmatrix}`;
    const align = `\\begin{align} ${Array.from({ length: 100 }, (_, i) => `\\vect{x}_{${i}} &= \\abs{\\vect{y}_{${i}}} + \\RR^{${i}}`).join(' \\\\ ')} \\end{align}`;
    for (const tex of [matrix, align]) expect(renderMathToString(tex, true, scope).ok, tex.slice(0, 40)).toBe(true);
  });

  it('keeps random nests of \\def and \\newcommand within the time bound: rendered or refused', () => {
    const level = fc.record({
      kind: fc.constantFrom('def', 'newcommand'),
      copies: fc.integer({ min: 1, max: 400 }),
      takesArgument: fc.boolean(),
    });
    const nest = fc.record({ base: fc.integer({ min: 1, max: 3000 }), levels: fc.array(level, { minLength: 1, maxLength: 4 }), inPreamble: fc.boolean() });
    fc.assert(
      fc.property(nest, ({ base, levels, inPreamble }) => {
        const defs = [`\\def\\M{${'x'.repeat(base)}}`];
        let previous = '\\M';
        levels.forEach(({ kind, copies, takesArgument }, at) => {
          const name = `\\M${'i'.repeat(at + 1)}`;
          const body = takesArgument ? '#1'.repeat(copies) : previous.repeat(copies);
          defs.push(kind === 'def' ? `\\def${name}${takesArgument ? '#1' : ''}{${body}}` : `\\newcommand{${name}}${takesArgument ? '[1]' : ''}{${body}}`);
          previous = takesArgument ? `${name}{${previous}}` : name;
        });
        const tex = inPreamble ? previous : `${defs.join('')}${previous}`;
        const scope = preambleScope(inPreamble ? defs.join('\n') : '');
        // Strings, so the time is KaTeX's and the budget's, not jsdom's (which builds DOM many times slower than Chromium).
        const { result, ms } = measured(() => renderMathToString(tex, false, scope));
        expect(ms).toBeLessThan(TIME_BOUND_MS);
        if (!result.ok) expect(result.message).toMatch(/expand too far to render|Too many expansions/);
      }),
      { numRuns: 30 },
    );
  });
});
