import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installCoreApi } from '../../../test-support/renderer-api';
import { createTestCore, type TestCore } from '../../../test-support/test-core';
import { followAppInfo, useAppInfoStore } from './app-info';

let test: TestCore;
beforeEach(async () => {
  useAppInfoStore.setState({ info: null, error: null });
  test = await createTestCore();
  installCoreApi(test.core);
});
afterEach(() => test.dispose());

describe('the app info, against the real core', () => {
  it('is read once at boot: the version and the folders the core uses', async () => {
    followAppInfo();
    await vi.waitFor(() => expect(useAppInfoStore.getState().info).not.toBeNull());
    expect(useAppInfoStore.getState()).toMatchObject({ error: null, info: { version: '0.0.0', platform: 'linux', runtime: 'preview', dataDir: test.dataDir, vaultDir: test.vaultDir } });
  });
});
