import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCore, type TestCore } from '../test-core';

/** The real core started over a settings file that cannot be read, as after a crash mid-write by another tool. */
export async function coreOverCorruptSettings(): Promise<TestCore> {
  const root = await mkdtemp(join(tmpdir(), 'stillroom-settings-'));
  await mkdir(join(root, 'data'), { recursive: true });
  await writeFile(join(root, 'data', 'settings.json'), '{ not json');
  const test = await createTestCore({ root });
  return {
    ...test,
    async dispose() {
      await test.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
}
