import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { featureBoundaries } from './scripts/eslint-feature-boundaries.js';

// Layers are enforced here, not by good intentions (docs/ARCHITECTURE.md, "Layers").
const electronModules = ['electron', 'electron/*', 'electron-store', 'electron-vite', '@electron/*'];
const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'crypto', 'url', 'util', 'events', 'stream'];
const rendererModules = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'katex', '@codemirror/*', '@lezer/*'];

// Test helpers and tools: only tests (`*.test.ts(x)`), test-support/, e2e/, bench/ and scripts/ may import them.
const testOnlyModules = ['**/test-support/**', '**/e2e/**', '**/bench/**', 'esbuild', 'vitest', 'vitest/*', '@vitest/*', 'playwright', 'playwright/*', '@playwright/*', 'fast-check'];
const testOnlyMessage = 'Shipped code never imports test helpers (test-support/, e2e/, bench/) or test tools (esbuild, vitest, playwright, fast-check).';
const testFiles = ['**/*.test.ts', '**/*.test.tsx'];

// What core may import of the guard, and only in core/guard-client/ (docs/GUARD.md, "What the app imports").
const guardClient = 'src-main/core/guard-client';
const guardSurface = ['protocol', 'paths', 'install/elevation', 'reach/reach-address'];
const coreGroups = [...electronModules, ...rendererModules, '**/shell/*', '**/preload/*', '**/src-renderer/*'];

const restrict = (groups, message, extra = []) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }, ...extra] }],
});

// One folder's rule, given twice: to all its files, then to its shipped files (not tests) with the test-helper
// rule added. (ESLint's flat config replaces a rule's options per file, it does not merge them.) `patterns`: more
// restrictions of ESLint's own form, for what a group cannot say.
const layer = ({ files, groups, message, patterns = [], testHelpers = true, ...config }) => [
  { files, ...config, rules: { ...config.rules, ...restrict(groups, message, patterns) } },
  ...(testHelpers
    ? [{ files, ignores: testFiles, rules: restrict(groups, message, [...patterns, { group: testOnlyModules, message: testOnlyMessage }]) }]
    : []),
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.tmp*/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'scripts/lint-fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // No import cycles: two modules that need each other hold a concept in the wrong file. Packages never import
    // our code back, so the search stops at node_modules (which also keeps `npm run lint` fast). Type-only
    // imports are left out by the rule: they vanish at compile time.
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  ...layer({
    files: ['src-main/contract/**/*.ts'],
    groups: [...electronModules, ...nodeBuiltins, ...rendererModules, '../base/*', '../core/*', '../shell/*', '../guard/*', '../preload/*'],
    message: 'contract/ is shared by every side: zod only.',
  }),
  // Pure code both sides run (the note grammar): no DOM, no Node, no Electron, no UI library, neither side's code.
  ...layer({
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: {} },
    groups: [...electronModules, ...nodeBuiltins, 'react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'katex', '@codemirror/*', '**/src-main/*', '**/src-renderer/*'],
    message: 'src-shared/ is pure TypeScript shared by core and renderer: only @lezer/* parsers and its own files.',
  }),
  // The plain Node layer under both core/ and the guard: files with no app domain, which the guard runs as root.
  ...layer({
    files: ['src-main/base/**/*.ts'],
    groups: [...electronModules, ...rendererModules, '**/contract/*', '**/core/*', '**/guard/*', '**/shell/*', '**/preview/*', '**/preload/*', '**/src-renderer/*', '**/src-shared/*'],
    message: 'base/ is plain Node under core/ and the guard: only Node, zod and its own files.',
  }),
  // The guard runs as root and is built alone (scripts/build-guard.mjs): base/ and its own files, nothing of the app.
  ...layer({
    files: ['src-main/guard/**/*.ts'],
    groups: [...electronModules, ...rendererModules, '**/contract/*', '**/core/*', '**/shell/*', '**/preview/*', '**/preload/*', '**/src-renderer/*', '**/src-shared/*'],
    message: 'The guard stands on its own (docs/GUARD.md): it imports only base/ and its own files.',
  }),
  ...layer({
    files: ['src-main/core/**/*.ts'],
    // core/guard-client/ gets its own rule below (the later entry's options replace these for its files).
    groups: [...coreGroups, '**/guard/*'],
    message: 'core/ runs in plain Node (never electron, never the renderer) and reaches the guard only through core/guard-client/.',
  }),
  ...layer({
    files: [`${guardClient}/**/*.ts`],
    groups: coreGroups,
    message: 'core/ runs in plain Node: never electron, never the renderer.',
    // A regex, since a gitignore-style group cannot let a file through once its folder (guard/install/) is refused.
    patterns: [
      {
        regex: `(^|/)guard/(?!(${guardSurface.join('|')})$)`,
        message: `core/guard-client/ imports of the guard only its surface for the app: ${guardSurface.map((module) => `guard/${module}.ts`).join(', ')}.`,
      },
    ],
  }),
  ...layer({
    files: ['src-main/preload/**/*.ts'],
    groups: [...nodeBuiltins, ...rendererModules, 'electron-store', '**/base/*', '**/core/*', '**/shell/*', '**/guard/*'],
    message: 'preload/ may use electron and contract/ only.',
  }),
  ...layer({
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
    groups: [...electronModules, ...nodeBuiltins, '**/src-main/base/*', '**/src-main/core/*', '**/src-main/shell/*', '**/src-main/guard/*', '**/src-main/preload/*'],
    message: 'The renderer is UI only: from src-main/ it may import contract/ and nothing else.',
  }),
  {
    // One pattern for renderer features (docs in scripts/eslint-feature-boundaries.js): a feature is reached only
    // through its index.ts; app/ imports features only in its composition files; ui/ imports none.
    files: ['src-renderer/src/**/*.{ts,tsx}'],
    plugins: { stillroom: { rules: { 'feature-boundaries': featureBoundaries } } },
    rules: { 'stillroom/feature-boundaries': 'error' },
  },
  ...layer({
    files: ['src-main/shell/**/*.ts'],
    groups: [...rendererModules, '**/src-renderer/*', '**/preview/*', '**/guard/*'],
    message: 'The shell never imports renderer code, nor the browser preview (which must not ship), nor the guard (core/guard-client/ speaks to it).',
  }),
  // The browser preview is a development host that never ships (electron-vite builds only shell/ and preload/):
  // it bundles its bridge client with esbuild at start. It still never imports test helpers.
  {
    files: ['src-main/preview/**/*.ts'],
    ignores: testFiles,
    rules: restrict(['**/test-support/**', '**/e2e/**', '**/bench/**', 'vitest', 'vitest/*', '@vitest/*', 'playwright', 'playwright/*', '@playwright/*', 'fast-check'], testOnlyMessage),
  },
);
