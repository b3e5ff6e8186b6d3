import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const folders: string[] = [];

async function scan(source: string): Promise<{ code: number; output: string }> {
  const folder = await mkdtemp(join(process.cwd(), '.tmp-scan-'));
  folders.push(folder);
  await mkdir(join(folder, 'shell'), { recursive: true });
  await writeFile(join(folder, 'shell', 'window.ts'), source);
  try {
    const { stderr } = await run('node', ['scripts/security-scan.mjs', relative(process.cwd(), folder)], { timeout: 120_000 });
    return { code: 0, output: stderr };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, output: failed.stderr };
  }
}

afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

// `npm test` runs the scan over our own sources as a step of its own; this proves the wrapper can fail.
describe('security scan wrapper', () => {
  it('fails on a HIGH finding (a window without context isolation)', async () => {
    const { code, output } = await scan(
      "import { BrowserWindow } from 'electron';\nnew BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true } });\n",
    );
    expect(output).toMatch(/HIGH\s+CONTEXT_ISOLATION_JS_CHECK/);
    expect(code).toBe(1);
  }, 120_000);
});
