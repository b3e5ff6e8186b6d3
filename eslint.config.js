import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { featureBoundaries } from './scripts/eslint-feature-boundaries.js';

// Layers are enforced here, not by good intentions (see ARCHITECTURE.md "Layers, enforced").
const electronModules = ['electron', 'electron/*', 'electron-store', 'electron-vite', '@electron/*'];
const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'crypto', 'url', 'util', 'events', 'stream'];
const rendererModules = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'katex', '@codemirror/*', '@lezer/*'];

const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

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
    files: ['src-main/contract/**/*.ts'],
    rules: restrict(
      [...electronModules, ...nodeBuiltins, ...rendererModules, '../core/*', '../shell/*', '../guard/*', '../preload/*'],
      'contract/ is shared by every side: zod only.',
    ),
  },
  {
    // Pure code both sides run (the note grammar): no DOM, no Node, no Electron, no UI library, neither side's code.
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: restrict(
      [...electronModules, ...nodeBuiltins, 'react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'katex', '@codemirror/*', '**/src-main/*', '**/src-renderer/*'],
      'src-shared/ is pure TypeScript shared by core and renderer: only @lezer/* parsers and its own files.',
    ),
  },
  {
    files: ['src-main/core/**/*.ts', 'src-main/guard/**/*.ts'],
    rules: restrict(
      [...electronModules, ...rendererModules, '**/shell/*', '**/preload/*', '**/src-renderer/*'],
      'core/ and guard/ run in plain Node: never electron, never the renderer.',
    ),
  },
  {
    files: ['src-main/preload/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, ...rendererModules, 'electron-store', '**/core/*', '**/shell/*', '**/guard/*'],
      'preload/ may use electron and contract/ only.',
    ),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...electronModules, ...nodeBuiltins, '**/src-main/core/*', '**/src-main/shell/*', '**/src-main/guard/*', '**/src-main/preload/*'],
        'The renderer is UI only: from src-main/ it may import contract/ and nothing else.',
      ),
    },
  },
  {
    // One pattern for renderer features (docs in scripts/eslint-feature-boundaries.js): a feature is reached only
    // through its index.ts; app/ imports features only in its composition files; ui/ imports none.
    files: ['src-renderer/src/**/*.{ts,tsx}'],
    plugins: { stillroom: { rules: { 'feature-boundaries': featureBoundaries } } },
    rules: { 'stillroom/feature-boundaries': 'error' },
  },
  {
    files: ['src-main/shell/**/*.ts'],
    rules: restrict(
      [...rendererModules, '**/src-renderer/*', '**/preview/*'],
      'The shell never imports renderer code, nor the browser preview (which must not ship).',
    ),
  },
);
