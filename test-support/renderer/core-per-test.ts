import { afterEach, beforeEach } from 'vitest';
import type { StillroomApi } from '../../src-main/contract';
import type { ReflectionEntry } from '../../src-main/contract/reflections';
import { installCoreApi } from '../renderer-api';
import { createTestCore, type TestCore } from '../test-core';

/**
 * A fresh real core for each test of the file, with `window.stillroom` wired to it; disposed after the test (after
 * the file's own afterEach hooks, which run first). Read `test` and `api` inside the tests.
 */
export function corePerTest(): { readonly test: TestCore; readonly api: StillroomApi } {
  const current = {} as { test: TestCore; api: StillroomApi };
  beforeEach(async () => {
    current.test = await createTestCore();
    current.api = installCoreApi(current.test.core);
  });
  afterEach(() => current.test.dispose());
  return current;
}

/** A reflection as the core has it now (in this window's time zone). */
export async function reflectionInCore(api: StillroomApi, sessionId: string): Promise<ReflectionEntry> {
  const result = await api.reflections.get({ sessionId, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  if (!result.ok) throw new Error(`${sessionId}: ${result.error.code}`);
  return result.value;
}
