import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installCoreApi } from '../../../../e2e/support/renderer-api';
import { createTestCore, type TestCore } from '../../../../e2e/support/test-core';
import { followSettings, useSettingsStore } from './settings-store';

let test: TestCore;
beforeEach(async () => {
  test = await createTestCore();
  installCoreApi(test.core);
  useSettingsStore.setState({ state: null, lastError: null });
});
afterEach(() => test.dispose());

describe('the settings mirror, against the real core', () => {
  it('loads, updates through main, keeps main’s refusal and reverts the optimistic choice', async () => {
    const stop = followSettings();
    await useSettingsStore.getState().load();
    expect(useSettingsStore.getState().state?.settings.appearance.theme).toBe('system');

    expect(await useSettingsStore.getState().update({ appearance: { theme: 'dark' } })).toBe(true);
    expect(test.core.settings.state().settings.appearance.theme).toBe('dark');

    const before = useSettingsStore.getState().state;
    expect(await useSettingsStore.getState().update({ appearance: { theme: 'neon' } } as never)).toBe(false);
    expect(useSettingsStore.getState().lastError?.code).toBe('invalid-payload');
    expect(useSettingsStore.getState().state).toEqual(before);
    stop();
  });
});
