import { describe, expect, it } from 'vitest';
import { MAX_TEX_DEPTH, MathRenderCache, texDepth } from './katex-render';
import { macroHash, preambleScope } from './tex-macros';

describe('MathRenderCache', () => {
  it('renders inline and display math as KaTeX with MathML', () => {
    const cache = new MathRenderCache();
    const inline = cache.render('x^2', false);
    expect(inline.ok).toBe(true);
    if (!inline.ok) return;
    expect(inline.element.querySelector('.katex')).not.toBeNull();
    expect(inline.element.querySelector('math')).not.toBeNull();
    const display = cache.render('x^2', true);
    expect(display.ok && display.element.querySelector('.katex-display')).toBeTruthy();
  });

  it('calls KaTeX once per (TeX, display) and serves repeats from the cache', () => {
    const cache = new MathRenderCache();
    cache.render('a+b', false);
    cache.render('a+b', false);
    cache.render('a+b', true);
    expect(cache.katexCalls).toBe(2);
    expect(cache.render('a+b', false)).toBe(cache.render('a+b', false));
  });

  it('evicts the least recently used render beyond its capacity', () => {
    const cache = new MathRenderCache(2);
    cache.render('a', false);
    cache.render('b', false);
    cache.render('a', false); // now b is the oldest
    cache.render('c', false);
    expect(cache.size).toBe(2);
    const calls = cache.katexCalls;
    cache.render('a', false);
    expect(cache.katexCalls).toBe(calls);
    cache.render('b', false);
    expect(cache.katexCalls).toBe(calls + 1);
  });

  it('returns KaTeX parse errors as values', () => {
    const result = new MathRenderCache().render('\\frac{a}{', false);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/KaTeX parse error/);
    expect(new MathRenderCache().render('  ', true)).toMatchObject({ ok: false, message: 'Empty formula' });
  });

  it('refuses 10,000 nested braces quickly instead of recursing', () => {
    const deep = `${'{'.repeat(10_000)}x${'}'.repeat(10_000)}`;
    const cache = new MathRenderCache();
    const started = performance.now();
    const result = cache.render(deep, true);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result).toEqual({
      ok: false,
      message: `Formula too deeply nested to render (over ${MAX_TEX_DEPTH} levels)`,
      phrase: { template: 'Formula too deeply nested to render (over $ levels)', values: [MAX_TEX_DEPTH] },
    });
    expect(cache.katexCalls).toBe(0);
    expect(cache.render('x'.repeat(60_000), false)).toMatchObject({ ok: false, message: expect.stringMatching(/too long/) });
  });

  it('measures nesting of braces, \\left and \\begin, ignoring escaped braces', () => {
    expect(texDepth('{a{b}}')).toBe(2);
    expect(texDepth('\\{\\{\\{')).toBe(0);
    expect(texDepth('\\left( {x} \\right)')).toBe(2);
    expect(texDepth('\\begin{matrix}{a}\\end{matrix}')).toBe(2);
    expect(texDepth('{'.repeat(MAX_TEX_DEPTH + 50))).toBe(MAX_TEX_DEPTH + 1);
    expect(texDepth('a \\leftarrow b \\leftarrow c \\rightarrow d \\endgroup')).toBe(0);
    expect(new MathRenderCache().render('x \\leftarrow y'.repeat(200), false).ok).toBe(true);
  });

  it('stops runaway macro expansion', () => {
    const result = new MathRenderCache().render('\\def\\x{\\x}\\x', false);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/Too many expansions/);
  });

  it('never turns trust-only commands into links, images or ids', () => {
    const cache = new MathRenderCache();
    for (const tex of [
      '\\href{https://example.com}{x}',
      '\\url{https://example.com}',
      '\\includegraphics{https://example.com/a.png}',
      '\\htmlId{evil}{x}',
      '\\htmlClass{evil}{x}',
      '\\htmlStyle{background:url(https://example.com)}{x}',
      '\\htmlData{foo=bar}{x}',
    ]) {
      const result = cache.render(tex, false);
      if (!result.ok) continue; // an error value is a fine outcome too
      const html = result.element.innerHTML;
      expect(result.element.querySelector('a, img, [id], .evil, [data-foo]'), tex).toBeNull();
      for (const styled of result.element.querySelectorAll<HTMLElement>('[style]')) {
        expect(styled.getAttribute('style'), tex).not.toMatch(/url\(|background/);
      }
      expect(html).not.toMatch(/<(a|img)\b/);
    }
  });

  it('applies macros, keys the cache by them, and does not let \\gdef leak between renders', () => {
    const shared = new MathRenderCache();
    const scope = preambleScope('\\newcommand{\\RR}{\\mathbb{R}}');
    expect(shared.render('\\RR', false, scope).ok).toBe(true);
    expect(shared.render('\\RR', false).ok).toBe(false); // another scope, another cache entry
    expect(shared.katexCalls).toBe(2);
    expect(macroHash({ a: '1', b: '2' })).toBe(macroHash({ b: '2', a: '1' }));
    expect(macroHash({ a: '1' })).not.toBe(macroHash({ a: '2' }));
    const cache = new MathRenderCache();
    expect(cache.render('\\gdef\\foo{x}\\foo', false).ok).toBe(true);
    expect(cache.render('\\foo', false).ok).toBe(false);
  });
});
