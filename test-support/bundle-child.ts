import { basename, join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles a TypeScript entry into one ESM file in `folder`, so that crash tests can start it many times with
 * plain `node` (a TypeScript loader would cost more per start than the crash being tested). Test support only.
 */
export async function bundleChildScript(entry: string, folder: string): Promise<string> {
  const outfile = join(folder, `${basename(entry).replace(/\.ts$/, '')}.mjs`);
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error' });
  return outfile;
}
