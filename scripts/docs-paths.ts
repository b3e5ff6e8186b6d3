// What the docs name, for scripts/docs-paths.test.ts: source paths in a page and the relative links between pages.

const sourceFile = /^[\w@.-]+(?:\/[\w@.-]+)*\.(?:ts|tsx|mjs|cjs|js)$/;
const sourceFolder = /^[\w@.-]+(?:\/[\w@.-]+)*\/$/;
/** Built output and system paths are not in the repository. */
const notInRepo = /^(?:out|dist|node_modules)\//;

/** Folders of the user's vault and data folder, and the naming example (`x.ts`), which the map names too. */
const notRepoPaths = new Set(['Notes/', 'Reflections/', 'Exports/', 'recovery/', 'x.ts', 'x.test.ts']);

const isSourcePath = (token: string) =>
  (sourceFile.test(token) || sourceFolder.test(token)) && !notInRepo.test(token) && !notRepoPaths.has(token);

/** Backticked source paths in prose, and every file or folder named in a fenced block (the folder tree). */
export function codePathsNamedIn(markdown: string): string[] {
  const found: string[] = [];
  let inBlock = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      inBlock = !inBlock;
      continue;
    }
    const tokens = inBlock
      ? line.split(/[\s,()`]+/)
      : [...line.matchAll(/`([^`\s]+)`/g)].map((match) => match[1] ?? '');
    for (const token of tokens) if (token && isSourcePath(token)) found.push(token);
  }
  return found;
}

/** Markdown link targets that point into the repository (no scheme), without their `#anchor`. */
export function markdownLinksIn(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => (match[1] ?? '').split('#')[0] ?? '')
    .filter((target) => target !== '' && !/^[a-z][a-z+.-]*:/i.test(target));
}
