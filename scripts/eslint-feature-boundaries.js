import { statSync } from 'node:fs';
import path from 'node:path';

/**
 * The renderer's feature boundaries, as an ESLint rule (paths are resolved, which `no-restricted-imports`
 * patterns cannot do):
 * - a feature is `features/<name>/`, or `features/<group>/<name>/` for a group of features of one kind
 *   (`protections/`, whose own files are the registry and the types its members share);
 * - another feature, and `app/`, reach a feature only through its `index.ts`; a group's members may use the
 *   group's own files;
 * - `app/` imports features only in its composition files; `ui/` imports no feature at all;
 * - a composition file may load a feature's view lazily (`import('…/NotepadView')`): the view module is the
 *   feature's lazy entry, so the index (imported at boot) never reaches the heavy view, nor what the view imports.
 */
const RENDERER_SRC = path.join(import.meta.dirname, '..', 'src-renderer', 'src');
const FEATURE_GROUPS = new Set(['protections']);
const COMPOSITION_FILES = new Set(['app/App', 'app/views', 'app/settings-sections', 'app/followers']);

const withoutExtension = (file) => file.replace(/\.(tsx?|jsx?)$/, '');

const isFolder = (file) => statSync(path.join(RENDERER_SRC, file), { throwIfNoEntry: false })?.isDirectory() ?? false;

/** `features/session/x` -> `features/session`; `features/protections/blocking/x` -> `features/protections/blocking`. */
function featureOf(file) {
  const [root, name, member, ...rest] = file.split('/');
  if (root !== 'features' || !name) return null;
  if (FEATURE_GROUPS.has(name) && member !== undefined && (rest.length > 0 || isFolder(file))) return `features/${name}/${member}`;
  return `features/${name}`;
}

/** Where `file` sits under src-renderer/src, posix-style and without extension; null outside it. */
function rendererPath(file) {
  const relative = path.relative(RENDERER_SRC, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return withoutExtension(relative.split(path.sep).join('/'));
}

/** Why importing `target` from `importer` breaks a boundary, or null. Both are renderer paths. */
export function boundaryProblem(importer, target, lazy = false) {
  if (!target.startsWith('features/')) return null;
  if (lazy && COMPOSITION_FILES.has(importer) && /^features\/.+\/[A-Z]\w*View$/.test(target)) return null;
  if (importer.startsWith('ui/')) return 'ui/ holds building blocks every feature uses: it imports no feature.';
  if (importer.startsWith('app/') && !COMPOSITION_FILES.has(importer)) {
    return `app/ is the shell: only its composition files (${[...COMPOSITION_FILES].join(', ')}) and main.tsx import features.`;
  }
  const from = featureOf(importer);
  const to = featureOf(target);
  if (from === to) return null;
  if (target === to || target === `${to}/index`) return null;
  // A protection uses its group's shared types and registry files (the group reaches it through its index.ts).
  if (from?.startsWith(`${to}/`)) return null;
  return `Import ${to} only through its index.ts (its public surface), not ${target}.`;
}

/** @type {import('eslint').Rule.RuleModule} */
export const featureBoundaries = {
  meta: { type: 'problem', docs: { description: 'Renderer features are reached only through their index.ts' }, schema: [] },
  create(context) {
    const importer = rendererPath(context.filename);
    if (importer === null) return {};
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = rendererPath(path.resolve(path.dirname(context.filename), source.value));
      if (target === null) return;
      const problem = boundaryProblem(importer, target, node.type === 'ImportExpression');
      if (problem) context.report({ node: source, message: problem });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
