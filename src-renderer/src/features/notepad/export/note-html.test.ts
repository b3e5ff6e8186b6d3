import katexMinCss from 'katex/dist/katex.min.css?raw';
import { describe, expect, it } from 'vitest';
import { inlineKatexFonts } from './katex-css';
import { noteToHtml } from './note-html';

// KaTeX's real CSS; the fonts' bytes come from the app's fetch (checked in e2e/app/notepad-math.spec.ts), here a
// loader that names each font so the test sees every one replaced.
const loaded: string[] = [];
const katexCss = () =>
  inlineKatexFonts(katexMinCss, async (url) => {
    loaded.push(url);
    return `data:font/woff2;base64,${btoa(url)}`;
  });

const hostile = [
  '# Lemma <script>alert(1)</script>',
  '',
  '<img src="https://tracker.example/p.png" onerror="alert(1)">',
  '',
  '<script src="http://evil.example/x.js"></script>',
  '',
  'A [bad link](javascript:alert(1)) and ![pic](https://tracker.example/a.png) and `<b onclick=x>`.',
  '',
  '$\\href{javascript:alert(1)}{x}$ and $\\url{https://example.com}$ and $\\htmlData{x=y}{z}$',
  '',
  '$$',
  '\\begin{equation}E = mc^2 \\label{eq:e}\\end{equation}',
  '$$',
  '',
  'By $\\eqref{eq:e}$, "quotes" & more.',
].join('\n');

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('HTML export', () => {
  it('contains no script, no event handler, no javascript: URL and no remote URL, whatever the note holds', async () => {
    const html = noteToHtml({ title: 'Lemma <3>', text: hostile, preamble: '', katexCss: await katexCss(), lang: 'en' });
    const page = parse(html);
    expect(page.querySelectorAll('script, iframe, object, embed, img, link, base, form')).toHaveLength(0);
    for (const el of page.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        expect(attr.name.startsWith('on'), `${el.tagName} ${attr.name}`).toBe(false);
        // MathML's xmlns names a namespace, it is not fetched.
        if (attr.name !== 'xmlns') expect(attr.value, `${el.tagName} ${attr.name}`).not.toMatch(/^\s*(javascript:|https?:|\/\/)/i);
      }
    }
    expect(html).not.toMatch(/javascript:alert\(1\)"/);
    const styles = [...page.querySelectorAll('style')].map((s) => s.textContent).join('\n');
    expect(styles).not.toMatch(/url\(\s*["']?(https?:|\/\/)/);
    expect(styles).toMatch(/@font-face/);
    expect(styles).toMatch(/url\(data:font\/woff2;base64,/);
    expect(styles).not.toMatch(/\.woff2?\)|\.ttf\)/); // no font left to fetch, and no fallback formats
    expect(loaded).toContain('fonts/KaTeX_Main-Regular.woff2');
    // The note's text is there, as text.
    expect(page.querySelector('h1')!.textContent).toBe('Lemma <script>alert(1)</script>');
    expect(page.body.textContent).toContain('<img src="https://tracker.example/p.png" onerror="alert(1)">');
    expect(page.title).toBe('Lemma <3>');
    expect(page.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toMatch(/default-src 'none'/);
  });

  it('renders formulas as the editor does: numbers, references and preamble macros', () => {
    const text = 'Let $\\RR^n$ be.\n\n$$\n\\begin{align}a&=b\\label{one}\\\\c&=d\\end{align}\n$$\n\nSo $\\eqref{one}$ and [x](https://example.com).';
    const page = parse(noteToHtml({ title: 'x', text, preamble: '\\newcommand{\\RR}{\\mathbb{R}}', katexCss: '', lang: 'en' }));
    expect(page.querySelector('.math-error')).toBeNull();
    const display = page.querySelector('.math-display .katex-display')!;
    expect(display.textContent).toContain('(1)');
    expect(display.textContent).toContain('(2)');
    const inline = [...page.querySelectorAll('p > .katex')].map((k) => k.querySelector('.katex-html')!.textContent);
    expect(inline[1]).toBe('(1)');
    expect(page.querySelector('.katex annotation')!.textContent).toBe('\\RR^n');
    expect(page.querySelector('a')!.getAttribute('href')).toBe('https://example.com');
    expect(page.querySelector('a')!.getAttribute('rel')).toBe('noreferrer');
  });
});
