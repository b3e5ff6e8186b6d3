/** Reads a font file (by its URL as the CSS names it) and answers it as a `data:` URL. */
export type FontLoader = (url: string) => Promise<string>;

/**
 * KaTeX's CSS with each font as a woff2 `data:` URL (every browser that opens the export reads woff2), the
 * woff and ttf fallbacks dropped: the file then needs nothing beside it and loads nothing from anywhere.
 */
export async function inlineKatexFonts(css: string, load: FontLoader): Promise<string> {
  const lists = [...css.matchAll(/src:\s*([^;}]+)/g)];
  const replacements = await Promise.all(
    lists.map(async (match) => {
      // The woff2 entry by its format (a bundler may already have made a small font a data: URL).
      const woff2 = /url\(\s*["']?([^"')]+)["']?\s*\)\s*format\(\s*["']?woff2["']?\s*\)/.exec(match[1]!) ?? /url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/.exec(match[1]!);
      if (!woff2) return match[0];
      const url = woff2[1]!;
      return `src:url(${url.startsWith('data:') ? url : await load(url)}) format("woff2")`;
    }),
  );
  let at = 0;
  let out = '';
  lists.forEach((match, index) => {
    out += css.slice(at, match.index) + replacements[index];
    at = match.index + match[0].length;
  });
  // Whatever else names a file (nothing in KaTeX's CSS today) is dropped rather than left to be fetched.
  return (out + css.slice(at)).replace(/url\(\s*(?!["']?data:)[^)]*\)/g, 'none');
}

const isKatexRule = (rule: CSSRule): boolean =>
  rule.cssText.includes('.katex') || (rule.constructor.name === 'CSSFontFaceRule' && rule.cssText.includes('KaTeX'));

async function fetchAsDataUrl(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:font/woff2;base64,${btoa(binary)}`;
}

/**
 * KaTeX's CSS as this page loaded it (bundled with the app, fonts served from the app's own origin), its
 * fonts fetched from there and inlined. Runs in the app and the preview, not in jsdom.
 */
export async function katexCssFromDocument(doc: Document = document): Promise<string> {
  const parts: string[] = [];
  for (const sheet of doc.styleSheets) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // another origin's sheet: not ours, and never KaTeX's
    }
    const base = sheet.href ?? doc.baseURI;
    for (const rule of rules) {
      if (!isKatexRule(rule)) continue;
      parts.push(rule.cssText.replace(/url\(\s*["']?([^"')]+)["']?\s*\)/g, (_m, url: string) => `url("${new URL(url, base).href}")`));
    }
  }
  return inlineKatexFonts(parts.join('\n'), fetchAsDataUrl);
}
