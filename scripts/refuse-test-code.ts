import { relative, sep } from 'node:path';
import type { Plugin } from 'vite';

/** Test helpers and tests: files under test-support/, e2e/ or bench/, and `*.test.ts(x)` anywhere. */
export function isTestCode(file: string, root: string): boolean {
  const path = relative(root, file.split('?')[0] ?? file).split(sep).join('/');
  if (path.startsWith('../')) return false;
  return /^(test-support|e2e|bench)\//.test(path) || /\.test\.tsx?$/.test(path);
}

/**
 * Fails a build that would bundle test code. Lint already refuses such imports in shipped folders
 * (eslint.config.js); this holds for whatever reaches the bundle, however it got there.
 */
export function refuseTestCode(root: string): Plugin {
  return {
    name: 'stillroom:refuse-test-code',
    load(id) {
      if (isTestCode(id, root)) this.error(`test code in a product build: ${relative(root, id)} (test helpers live in test-support/, e2e/ and bench/, and never ship)`);
      return null;
    },
  };
}
