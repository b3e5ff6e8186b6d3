import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { isTestCode, refuseTestCode } from './refuse-test-code';

const root = mkdtempSync(join(tmpdir(), 'stillroom-refuse-test-code-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string) {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

// A real Vite (Rollup) build with the plugin electron.vite.config.ts gives main, preload and renderer.
const bundle = (entry: string) =>
  build({
    root,
    logLevel: 'silent',
    configFile: false,
    plugins: [refuseTestCode(root)],
    build: { write: false, lib: { entry: join(root, entry), formats: ['es'], fileName: 'out' } },
  });

describe('refuseTestCode', () => {
  it('tells test code from product code by where it lives', () => {
    expect(isTestCode(join(root, 'test-support/test-core.ts'), root)).toBe(true);
    expect(isTestCode(join(root, 'e2e/support/preview-fixture.ts'), root)).toBe(true);
    expect(isTestCode(join(root, 'bench/note.ts'), root)).toBe(true);
    expect(isTestCode(join(root, 'src-main/core/clock.test.ts'), root)).toBe(true);
    expect(isTestCode(join(root, 'src-renderer/src/App.test.tsx?raw'), root)).toBe(true);
    expect(isTestCode(join(root, 'src-main/core/clock.ts'), root)).toBe(false);
    expect(isTestCode(join(root, 'src-main/core/e2e-ish.ts'), root)).toBe(false);
    expect(isTestCode(join(root, 'src-main/core/test-support.ts'), root)).toBe(false);
    expect(isTestCode(join(root, 'node_modules/x/bench/index.js'), root)).toBe(false);
  });

  it('fails a build that reaches a test helper, and passes one that does not', async () => {
    write('test-support/helper.ts', 'export const helper = 1;\n');
    write('src-main/ok.ts', 'export const ok = 1;\n');
    write('src-main/leaky.ts', "import { helper } from '../test-support/helper';\nexport const leaky = helper;\n");
    await expect(bundle('src-main/ok.ts')).resolves.toBeDefined();
    await expect(bundle('src-main/leaky.ts')).rejects.toThrow(/test code in a product build: test-support\/helper\.ts/);
  });
});
