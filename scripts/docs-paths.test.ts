import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codePathsNamedIn, markdownLinksIn } from './docs-paths';

// The map (docs/ARCHITECTURE.md) and the front door (README.md, docs/) stay true: every source path the map names,
// and every link between the pages, must exist.
const root = join(import.meta.dirname, '..');
const skipped = new Set(['node_modules', 'out', 'dist', '.git', 'test-results', 'playwright-report']);

function repoEntries(folder = root, into: string[] = []): string[] {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (skipped.has(entry.name) || entry.name.startsWith('.tmp')) continue;
    const path = join(folder, entry.name);
    const name = relative(root, path).split('\\').join('/');
    if (entry.isDirectory()) {
      into.push(`${name}/`);
      repoEntries(path, into);
    } else into.push(name);
  }
  return into;
}

const entries = repoEntries();
/** A path the docs name exists when some file or folder is that path or ends with it (`core/app-core.ts`). */
const exists = (path: string) => entries.some((entry) => entry === path || entry.endsWith(`/${path}`));

describe('docs/ARCHITECTURE.md', () => {
  const map = readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8');

  it('names only source paths that exist', () => {
    const named = codePathsNamedIn(map);
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((path) => !exists(path))).toEqual([]);
  });
});

describe('README and docs links', () => {
  const pages = ['README.md', 'bench/README.md', ...entries.filter((entry) => /^docs\/[^/]+\.md$/.test(entry))];

  it.each(pages)('%s links only to files that exist', (page) => {
    const text = readFileSync(join(root, page), 'utf8');
    const missing = markdownLinksIn(text)
      .map((target) => normalize(join(dirname(page), target)).split('\\').join('/'))
      .filter((target) => !entries.includes(target) && !entries.includes(`${target}/`));
    expect(missing).toEqual([]);
  });
});

describe('codePathsNamedIn', () => {
  it('finds backticked source paths and the folder tree, not data files or patterns', () => {
    const text = [
      'The router (`core/ipc/router.ts`) and `bridge-client.ts`; `session/current.json` is data; `contract/<domain>.ts`.',
      '```',
      'src-main/',
      '  fs/           atomic-file.ts (every write), folder-watcher.ts',
      '```',
    ].join('\n');
    expect(codePathsNamedIn(text)).toEqual(['core/ipc/router.ts', 'bridge-client.ts', 'src-main/', 'fs/', 'atomic-file.ts', 'folder-watcher.ts']);
  });

  it('finds relative links and leaves out web addresses and anchors', () => {
    expect(markdownLinksIn('[a](docs/a.md) [b](https://example.org) [c](#here) [d](data.md#part) ![e](images/x.png)')).toEqual([
      'docs/a.md',
      'data.md',
      'images/x.png',
    ]);
  });
});
