/**
 * The Stillroom block inside a hosts file, as pure text functions. Content is handled as "binary" strings
 * (latin1: one character per byte), so every byte outside the markers survives exactly, whatever the encoding,
 * line endings, BOM or missing final newline. The block goes above every other line: Chromium uses the first
 * line for a host, and so does the system resolver.
 */

export const BEGIN_MARKER = "# >>> stillroom block (managed by stillroom-guard; run 'stillroom-guard cleanup' to remove)";
export const END_MARKER = '# <<< stillroom block';
const BEGIN_PREFIX = '# >>> stillroom block';

/**
 * Where blocked hosts point when the reach counter does not listen: nowhere (a connection fails at once). With the
 * counter, the IPv4 line points at its loopback address instead (reach/reach-address.ts); the IPv6 line stays `::`
 * (nothing to reach, and the client falls back to the IPv4 address), so no host is ever left to the DNS.
 */
export const FALLBACK_BLOCK_ADDRESS = '0.0.0.0';

const UTF8_BOM = '\xef\xbb\xbf';
// What our own block lines look like (any loopback address the counter may use, never localhost itself); used only
// to clean up next to a stray marker.
const BLOCK_LINE = /^(?:0\.0\.0\.0|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::) (?!localhost\r?\n?$)[a-z0-9.-]+\r?\n?$/;

/** The block for these (already validated) hostnames, with the file's own line ending. */
export function renderBlock(hostnames: readonly string[], eol: '\n' | '\r\n', address = FALLBACK_BLOCK_ADDRESS): string {
  const lines = [BEGIN_MARKER];
  for (const hostname of hostnames) lines.push(`${address} ${hostname}`, `:: ${hostname}`);
  lines.push(END_MARKER);
  return lines.map((line) => line + eol).join('');
}

/** The file with every Stillroom block removed, including stray or unterminated marker regions. */
export function withoutBlocks(content: string): string {
  const bom = content.startsWith(UTF8_BOM) ? UTF8_BOM : '';
  const lines = splitLines(content.slice(bom.length));
  const keep = lines.map(() => true);
  for (let i = 0; i < lines.length; i++) {
    if (!keep[i]) continue;
    if (isBegin(lines[i])) {
      const end = lines.findIndex((line, j) => j > i && (isEnd(line) || isBegin(line)));
      if (end !== -1 && isEnd(lines[end])) {
        for (let j = i; j <= end; j++) keep[j] = false;
        continue;
      }
      // Unterminated: drop the marker and the block lines right after it, nothing else.
      keep[i] = false;
      for (let j = i + 1; j < lines.length && BLOCK_LINE.test(lines[j] ?? ''); j++) keep[j] = false;
    } else if (isEnd(lines[i])) {
      // An end marker with no start: drop it and the block lines right above it.
      keep[i] = false;
      for (let j = i - 1; j >= 0 && keep[j] && BLOCK_LINE.test(lines[j] ?? ''); j--) keep[j] = false;
    }
  }
  return bom + lines.filter((_, i) => keep[i]).join('');
}

/**
 * The file with exactly one block for `hostnames` at the top (after a BOM), or none when there are none; the IPv4
 * lines point at `address` (the reach counter's, or 0.0.0.0).
 */
export function withBlock(content: string, hostnames: readonly string[], address = FALLBACK_BLOCK_ADDRESS): string {
  const clean = withoutBlocks(content);
  if (hostnames.length === 0) return clean;
  const bom = clean.startsWith(UTF8_BOM) ? UTF8_BOM : '';
  const eol = clean.includes('\r\n') ? '\r\n' : '\n';
  return bom + renderBlock(hostnames, eol, address) + clean.slice(bom.length);
}

/** True when the file holds any Stillroom marker. */
export function hasBlock(content: string): boolean {
  return splitLines(content).some((line) => isBegin(line) || isEnd(line));
}

function splitLines(content: string): string[] {
  return content.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function isBegin(line: string | undefined): boolean {
  return line !== undefined && stripEol(line).trimStart().startsWith(BEGIN_PREFIX);
}

function isEnd(line: string | undefined): boolean {
  return line !== undefined && stripEol(line).trim() === END_MARKER;
}

function stripEol(line: string): string {
  return line.replace(/\r?\n$/, '');
}
