import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coreOverCorruptSettings } from '../../../test-support/renderer/corrupt-settings';
import { holdFirstAnswer, installCoreApi } from '../../../test-support/renderer-api';
import { createTestCore, type TestCore } from '../../../test-support/test-core';
import { followSettings, useSettingsStore } from './settings-store';

let test: TestCore;
beforeEach(async () => {
  test = await createTestCore();
  installCoreApi(test.core);
  useSettingsStore.setState({ state: null, error: null });
});
afterEach(() => test.dispose());

describe('the settings mirror, against the real core', () => {
  it('follows main (subscribes, then loads), updates through main, keeps main’s refusal and reverts the optimistic choice', async () => {
    const stop = followSettings();
    await vi.waitFor(() => expect(useSettingsStore.getState().state?.settings.appearance.theme).toBe('system'));

    expect(await useSettingsStore.getState().update({ appearance: { theme: 'dark' } })).toBe(true);
    expect(test.core.settings.state().settings.appearance.theme).toBe('dark');

    const before = useSettingsStore.getState().state;
    expect(await useSettingsStore.getState().update({ appearance: { theme: 'neon' } } as never)).toBe(false);
    expect(useSettingsStore.getState().error?.code).toBe('invalid-payload');
    expect(useSettingsStore.getState().state).toEqual(before);

    // The next accepted change clears the refusal.
    expect(await useSettingsStore.getState().update({ appearance: { language: 'zh-CN' } })).toBe(true);
    expect(useSettingsStore.getState().error).toBeNull();
    stop();
  });

  it('keeps a newer push over an older answer that arrives after it (the preview bridge can reorder them)', async () => {
    const { transport, release } = holdFirstAnswer('stillroom:settings.update');
    installCoreApi(test.core, transport);
    const stop = followSettings();
    await vi.waitFor(() => expect(useSettingsStore.getState().state).not.toBeNull());
    const session = useSettingsStore.getState().state!.settings.session;
    const first = useSettingsStore.getState().update({ appearance: { theme: 'dark', language: 'en' } });
    expect(await useSettingsStore.getState().update({ session: { ...session, defaultMinutes: 50 } })).toBe(true);
    release();
    expect(await first).toBe(true);
    expect(test.core.settings.state().settings.appearance.theme).toBe('dark');
    expect(useSettingsStore.getState().state?.settings.appearance.theme).toBe('dark');
    expect(useSettingsStore.getState().state?.settings.session.defaultMinutes).toBe(50);
    stop();
  });

  it('takes a change made elsewhere (the tray, another window) from main’s event', async () => {
    const stop = followSettings();
    await vi.waitFor(() => expect(useSettingsStore.getState().state).not.toBeNull());
    await test.core.settings.update({ appearance: { theme: 'sepia' } });
    await vi.waitFor(() => expect(useSettingsStore.getState().state?.settings.appearance.theme).toBe('sepia'));
    stop();
  });

  it('shows why the settings were reset until the notice is dismissed, through main', async () => {
    const corrupt = await coreOverCorruptSettings();
    installCoreApi(corrupt.core);
    try {
      expect(await useSettingsStore.getState().load()).toBe(true);
      expect(useSettingsStore.getState().state?.notice).toMatchObject({ kind: 'recovered-corrupt' });
      expect(await useSettingsStore.getState().dismissNotice()).toBe(true);
      // The reset is told once; what comes next is the one-time browser-policies notice (policies are on by default).
      expect(useSettingsStore.getState().state?.notice).toEqual({ kind: 'browser-policies' });
      expect(corrupt.core.settings.state().notice).toEqual({ kind: 'browser-policies' });
    } finally {
      await corrupt.dispose();
    }
  });
});
