import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  /** gzip bytes of the scripts and styles index.html loads before the first screen (entry, preloads, CSS). */
  readonly firstScreenGzip: number;
  /** gzip bytes of every script and style chunk, the on-demand ones (the notepad, KaTeX) included. */
  readonly allGzip: number;
}

/** Sizes of the built renderer (out/renderer), gzip level 9 per file as a server would send them. */
export async function bundleSize(rendererRoot: string): Promise<BundleSize> {
  const html = await readFile(join(rendererRoot, 'index.html'), 'utf8');
  const gz = async (path: string) => gzipSync(await readFile(join(rendererRoot, path)), { level: 9 }).length;
  const first = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  const all = (await readdir(join(rendererRoot, 'assets'))).filter((name) => /\.(js|css)$/.test(name)).map((name) => `assets/${name}`);
  let firstScreenGzip = 0;
  for (const path of new Set(first)) firstScreenGzip += await gz(path);
  let allGzip = 0;
  for (const path of all) allGzip += await gz(path);
  return { firstScreenGzip, allGzip };
}
