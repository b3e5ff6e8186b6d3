import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, resolve, sep } from 'node:path';
import react from '@vitejs/plugin-react';
import type { EditorView } from '@codemirror/view';
import { expect, test, type Page } from '@playwright/test';
import { build } from 'vite';
import { contentTypeOf } from '../support/content-types';

// <MathEditor> alone in real Chromium: the harness page (e2e/editor-harness) is built with Vite and served on
// 127.0.0.1 under the app's own Content Security Policy (read from the renderer's index.html), and any
// violation fails the test. (CodeMirror injects <style> elements, hence the app's style-src 'unsafe-inline'.)
let csp = '';


let outDir = '';
let server: Server | null = null;
let origin = '';

test.beforeAll(async () => {
  const html = await readFile('src-renderer/index.html', 'utf8');
  csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
  outDir = await mkdtemp(join(tmpdir(), 'stillroom-editor-harness-'));
  await build({
    configFile: false,
    root: resolve('e2e/editor-harness'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, minify: false, reportCompressedSize: false, chunkSizeWarningLimit: 10_000 },
  });
  server = createServer(async (req, res) => {
    const path = normalize(join(outDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(outDir + sep)) return void res.writeHead(403).end();
    try {
      const body = await readFile(path);
      // `?strict=<nonce>`: no 'unsafe-inline' at all; CodeMirror's <style> elements carry the nonce.
      const strict = new URL(req.url ?? '/', 'http://x').searchParams.get('strict');
      const policy = strict ? csp.replace("style-src 'self' 'unsafe-inline'", `style-src 'self' 'nonce-${strict}'`) : csp;
      res.writeHead(200, { 'Content-Type': contentTypeOf(path), 'Content-Security-Policy': policy });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((done) => server?.close(done));
  await rm(outDir, { recursive: true, force: true });
});

interface Harness {
  doc(): string;
  head(): number;
  setCursor(pos: number): void;
  replaceDoc(doc: string): void;
  setPrefs(prefs: Record<string, unknown>): void;
  katexCalls(): number;
  focus(): void;
  view(): EditorView;
}
type WithHarness = { harness: Harness; cspViolations: string[] };

const doc = (page: Page) => page.evaluate(() => (window as unknown as WithHarness).harness.doc());
const head = (page: Page) => page.evaluate(() => (window as unknown as WithHarness).harness.head());
const katexCalls = (page: Page) => page.evaluate(() => (window as unknown as WithHarness).harness.katexCalls());
const setCursor = (page: Page, pos: number) => page.evaluate((p) => (window as unknown as WithHarness).harness.setCursor(p), pos);

/** Opens the harness, recording CSP violations and every request the page makes. */
async function openEditor(page: Page, query = ''): Promise<string[]> {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    const w = window as unknown as WithHarness;
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${origin}/index.html${query}`);
  await expect(page.locator('.cm-content')).toBeVisible();
  await page.locator('.cm-content').click();
  return requests;
}

async function expectCleanPage(page: Page, requests: string[]): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as WithHarness).cspViolations)).toEqual([]);
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
}

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const shot = (page: Page, name: string) => page.screenshot({ path: join('test-results', 'screenshots', `${name}.png`) });
const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

const intro = 'We start from $e^{i\\pi} + 1 = 0$ and compute:';
const integral = '\\int_0^1 x^2\\,dx = \\frac{1}{3}';
const derivation = `${intro}\n\n$$\n${integral}\n$$\n\nHence $a = b$.`;

test('types a derivation, renders it, moves through it, keeps a stable preview on errors', async ({ page }) => {
  const requests = await openEditor(page);
  await page.keyboard.type(intro);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  for (const line of ['$$', integral, '$$']) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Enter');
  await page.keyboard.type('Hence $a = b$.');
  const typed = await doc(page);
  const diffs = [...typed].flatMap((ch, i) => (ch === derivation[i] ? [] : [`${i}:${ch.charCodeAt(0)}`]));
  expect(diffs).toEqual([]);
  expect(typed).toBe(derivation);

  // Rendered by KaTeX: both inline formulas and the display block (the cursor touches none of them).
  await expect(page.locator('.cm-math-inline .katex')).toHaveCount(2);
  await expect(page.locator('.cm-math-block .katex-display')).toHaveCount(1);
  expect(await page.locator('.katex .katex-strut').first().evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(0);

  // Arrow left enters the formula: its source appears, then the cursor steps inside and edits it.
  const end = derivation.length;
  await page.keyboard.press('ArrowLeft');
  expect(await head(page)).toBe(end - 1);
  await expect(page.locator('.cm-line', { hasText: '$a = b$' })).toHaveCount(1);
  await expect(page.locator('.cm-math-inline')).toHaveCount(1);
  await page.keyboard.press('ArrowLeft');
  expect(await head(page)).toBe(end - 2);
  await page.keyboard.type('+c');
  expect(await doc(page)).toBe(derivation.replace('$a = b$', '$a = b+c$'));
  // End leaves it; it renders again with the edit.
  await page.keyboard.press('End');
  await expect(page.locator('.cm-math-inline')).toHaveCount(2);
  await expect(page.locator('.cm-math-inline annotation').last()).toHaveText('a = b+c');

  // Up from below enters the display block at its end instead of skipping it; further up leaves it.
  const text = await doc(page);
  const blockStart = text.indexOf('$$');
  const blockEnd = text.lastIndexOf('$$') + 2;
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  expect(await head(page)).toBe(blockEnd);
  await expect(page.locator('.cm-math-block')).toHaveCount(0);
  await expect(page.locator('.cm-math-preview .katex-display')).toBeVisible();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  expect(await head(page)).toBe(intro.length + 1);
  await expect(page.locator('.cm-math-block')).toHaveCount(1);
  // Down from above enters it at its start.
  await page.keyboard.press('ArrowDown');
  expect(await head(page)).toBe(blockStart);
  await expect(page.locator('.cm-math-preview')).toBeVisible();

  // A TeX error keeps the last good render, ghosted, with the message on a small marker; nothing jumps.
  await setCursor(page, text.indexOf('{3}') + 3);
  await expect(page.locator('.cm-math-preview .katex-display')).toBeVisible();
  const before = await box(page, '.cm-math-preview');
  const contentBefore = await box(page, '.cm-content');
  await page.keyboard.press('Backspace');
  await expect(page.locator('.cm-math-preview.cm-math-invalid .cm-math-ghost')).toBeVisible();
  await expect(page.locator('.cm-math-preview .cm-math-error-marker')).toHaveAttribute('title', /KaTeX parse error/);
  const after = await box(page, '.cm-math-preview');
  expect(Math.abs(after.height - before.height)).toBeLessThanOrEqual(1);
  expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(1);
  expect(Math.abs((await box(page, '.cm-content')).height - contentBefore.height)).toBeLessThanOrEqual(1);
  await shot(page, 'editor-light-tex-error');
  await page.keyboard.type('}');
  await expect(page.locator('.cm-math-preview .cm-math-ghost')).toHaveCount(0);

  // A click on a rendered formula puts the cursor in its source.
  await setCursor(page, (await doc(page)).length);
  const formula = page.locator('.cm-math-inline').first();
  const f = (await formula.boundingBox())!;
  await page.mouse.click(f.x + f.width - 2, f.y + f.height / 2);
  const inside = await head(page);
  expect(inside).toBeGreaterThan(intro.indexOf('$'));
  expect(inside).toBeLessThanOrEqual(intro.indexOf('$ and'));
  await expect(page.locator('.cm-line', { hasText: '$e^{i\\pi} + 1 = 0$' })).toHaveCount(1);

  // Source mode: one key shows everything as plain text, and back.
  await page.keyboard.press(`${mod}+/`);
  await expect(page.locator('.cm-math')).toHaveCount(0);
  await expect(page.locator('.cm-content')).toContainText('$$\\int_0^1');
  await page.keyboard.press(`${mod}+/`);
  await expect(page.locator('.cm-math-block')).toHaveCount(1);

  await setCursor(page, (await doc(page)).length);
  await shot(page, 'editor-light');
  await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await shot(page, 'editor-dark');
  await page.evaluate(() => (document.documentElement.dataset.theme = 'sepia'));
  await shot(page, 'editor-sepia');
  await expectCleanPage(page, requests);
});

test('focus dimming and typewriter switch on in place', async ({ page }) => {
  await openEditor(page);
  await page.evaluate((text) => (window as unknown as WithHarness).harness.replaceDoc(text), `Before.\n\n${derivation}`);
  await setCursor(page, 'Before.\n\nWe'.length);
  await page.evaluate(() => (window as unknown as WithHarness).harness.setPrefs({ focusDimming: true, typewriter: true }));
  await expect(page.locator('.cm-editor.cm-focus-dimming.cm-typewriter')).toHaveCount(1);
  // The introducing sentence and its equation are one unit; the rest is dimmed.
  await expect(page.locator('.cm-line.cm-dimmed', { hasText: 'Before.' })).toHaveCount(1);
  await expect(page.locator('.cm-line.cm-dimmed', { hasText: 'We start' })).toHaveCount(0);
  await expect(page.locator('.cm-line.cm-dimmed', { hasText: 'Hence' })).toHaveCount(1);
  await expect(page.locator('.cm-math-block')).not.toHaveClass(/cm-dimmed/);
  await shot(page, 'editor-focus-dimming');
});

test('the editor takes the app theme and the writer\'s typography', async ({ page }) => {
  await openEditor(page, '?theme=light');
  await page.evaluate((text) => (window as unknown as WithHarness).harness.replaceDoc(text), derivation);
  // What the app's own theme variables resolve to, on an element outside the editor.
  const appColours = () =>
    page.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.color = 'var(--text)';
      probe.style.backgroundColor = 'var(--bg)';
      document.body.append(probe);
      const { color, backgroundColor } = getComputedStyle(probe);
      probe.remove();
      return { color, backgroundColor };
    });
  const editorColours = () =>
    page.locator('.cm-editor').evaluate((el) => {
      const { color, backgroundColor } = getComputedStyle(el);
      return { color, backgroundColor };
    });
  const light = await editorColours();
  expect(light).toEqual(await appColours());
  expect(light.color).not.toBe(light.backgroundColor);
  for (const theme of ['dark', 'sepia']) {
    await page.evaluate((name) => (document.documentElement.dataset.theme = name), theme);
    const shown = await editorColours();
    expect(shown).toEqual(await appColours());
    expect(shown).not.toEqual(light);
  }

  await page.evaluate(() => (window as unknown as WithHarness).harness.setPrefs({ fontFamily: 'mono', fontSize: 21, lineHeight: 1.9 }));
  const line = page.locator('.cm-line', { hasText: 'We start' });
  await expect(line).toHaveCSS('font-size', '21px');
  const { lineHeight, fontFamily } = await line.evaluate((el) => getComputedStyle(el));
  expect(parseFloat(lineHeight)).toBeCloseTo(21 * 1.9, 1);
  expect(fontFamily).toMatch(/^ui-monospace/);
  // The text keeps to the app's measure (70ch) in a window wider than that, centred.
  const content = await box(page, '.cm-content');
  const viewport = page.viewportSize()!;
  expect(content.width).toBeLessThan(viewport.width * 0.9);
  expect(Math.abs(content.x + content.width / 2 - viewport.width / 2)).toBeLessThan(20);
  // Formulas render at the text's size, not KaTeX's larger default.
  const formula = page.locator('.cm-math-inline .katex').first();
  await expect(formula).toHaveCSS('font-size', '21px');
});

test('a 2,000-formula note opens with only the visible formulas rendered and stays editable', async ({ page }) => {
  const requests = await openEditor(page, '?doc=large');
  const rendered = await page.locator('.katex').count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(150);
  expect(await katexCalls(page)).toBeLessThan(150);

  // Typing prose costs no KaTeX call.
  const text = await doc(page);
  const proseEnd = text.indexOf('we obtain:') + 'we obtain:'.length;
  await setCursor(page, proseEnd);
  const calls = await katexCalls(page);
  await page.keyboard.type(' Indeed, it follows.');
  expect(await doc(page)).toContain('we obtain: Indeed, it follows.');
  expect(await katexCalls(page)).toBe(calls);

  // The far end renders once scrolled to, and a formula there can be edited.
  await page.keyboard.press(`${mod}+End`);
  await expect(page.locator('.cm-math-block annotation').last()).toContainText('\\binom{999}{k}');
  await page.keyboard.press('ArrowUp'); // into the last display formula, at its closing line
  await expect(page.locator('.cm-math-preview annotation')).toContainText('\\binom{999}{k}');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await page.keyboard.type(' + 1');
  await expect(page.locator('.cm-math-preview annotation')).toContainText('(1+x)^{999} + 1');
  expect(await page.locator('.katex').count()).toBeLessThan(150);
  await expectCleanPage(page, requests);
});

test('hostile formulas: 10,000 nested braces and trust-only commands stay inert', async ({ page }) => {
  const requests = await openEditor(page);
  const deep = `${'{'.repeat(10_000)}x${'}'.repeat(10_000)}`;
  const hostile =
    `Deep $${deep}$ end.\n\n` +
    'Links $\\href{https://example.com/x}{click}$, $\\url{https://example.com}$, ' +
    '$\\includegraphics{https://example.com/a.png}$ and $\\htmlId{boom}{y}$.\n\nLast line.';
  await page.evaluate((text) => (window as unknown as WithHarness).harness.replaceDoc(text), hostile);
  await setCursor(page, hostile.length);
  await expect(page.locator('.cm-math-error-marker[title*="too deeply nested"]')).toHaveCount(1);
  // (CodeMirror's own cursor buffers are src-less <img> elements.)
  await expect(page.locator('.cm-content a, .cm-content [href], .cm-content img[src], #boom')).toHaveCount(0);
  await page.keyboard.type(' Still here.');
  expect(await doc(page)).toBe(`${hostile} Still here.`);
  await expectCleanPage(page, requests);
});

test('Home and End stay on the visible row of a wrapped paragraph with formulas', async ({ page }) => {
  await openEditor(page);
  const sentence = 'The bound $\\|f\\|_{L^2} \\le C$ holds for every $n \\ge 1$ and each step of the argument. ';
  const paragraph = sentence.repeat(6).trimEnd();
  await page.evaluate((text) => (window as unknown as WithHarness).harness.replaceDoc(text), paragraph);
  const at = paragraph.lastIndexOf('argument') + 3;
  await setCursor(page, at);
  await page.evaluate(() => (window as unknown as WithHarness).harness.focus());
  const rowTop = (pos: number) =>
    page.evaluate((p) => (window as unknown as WithHarness).harness.view().coordsAtPos(p)!.top, pos);
  const top = await rowTop(at);
  expect(top).toBeGreaterThan(await rowTop(0)); // a later row of the wrapped line
  await page.keyboard.press('Home');
  const home = await head(page);
  expect(home).toBeGreaterThan(0);
  expect(home).toBeLessThan(at);
  expect(await rowTop(home)).toBeCloseTo(top, 0);
  await page.keyboard.press('End');
  const end = await head(page);
  expect(end).toBeGreaterThanOrEqual(at);
  expect(Math.abs((await rowTop(end)) - top)).toBeLessThan(4);
});

test('quiet Markdown: headings, emphasis, lists, quotes, with marks hidden off the cursor line', async ({ page }) => {
  await openEditor(page);
  const note = [
    '# Energy estimates',
    '',
    'We use *weak* solutions and **strong** bounds, with `u_t` in code and $$\\int u^2$$ inline.',
    '',
    '- first, $a \\le b$',
    '- second',
    '',
    '> $$',
    '> E(t) \\le E(0)',
    '> $$',
    '',
    '中文段落：设 $x \\in \\mathbb{R}$，则结论成立。',
    '',
    'End.',
  ].join('\n');
  await page.evaluate((text) => (window as unknown as WithHarness).harness.replaceDoc(text), note);
  await setCursor(page, note.length);
  await expect(page.locator('.cm-md-h1')).toHaveText('Energy estimates');
  await expect(page.locator('.cm-md-em')).toHaveText('weak');
  await expect(page.locator('.cm-md-strong')).toHaveText('strong');
  await expect(page.locator('.cm-md-code')).toHaveText('u_t');
  await expect(page.locator('.cm-md-quote .cm-math-block .katex-display')).toHaveCount(1);
  await expect(page.locator('.cm-md-quote .cm-math-block annotation')).toHaveText(/^\s*E\(t\) \\le E\(0\)\s*$/);
  await expect(page.locator('.cm-math .katex')).toHaveCount(4);
  // On the cursor's line the marks come back.
  await setCursor(page, 3);
  await expect(page.locator('.cm-md-h1')).toHaveText('# Energy estimates');
  await setCursor(page, note.length);
  await shot(page, 'editor-markdown-light');
});

test('without style \'unsafe-inline\' (CodeMirror styles by nonce), KaTeX still lays out', async ({ page }) => {
  expect(csp).toContain("style-src 'self' 'unsafe-inline'"); // what the strict variant replaces
  const requests = await openEditor(page, '?strict=n0nce&nonce=n0nce');
  await page.evaluate((text) => (window as unknown as WithHarness).harness.replaceDoc(text), derivation);
  await setCursor(page, derivation.length);
  await expect(page.locator('.cm-math-block .katex-display')).toHaveCount(1);
  expect(await page.locator('.cm-content').evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('break-spaces'); // CodeMirror's own styles
  // KaTeX sizes its struts with inline styles; blocked, they would collapse to nothing.
  const heights = await page.locator('.cm-math .katex-strut').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
  expect(heights.length).toBeGreaterThan(2);
  for (const h of heights) expect(h).toBeGreaterThan(4);
  await expectCleanPage(page, requests);
});
