import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotificationsReadiness } from '../../../../../src-main/contract/notifications';
import { installCoreApi } from '../../../../../test-support/renderer-api';
import { createTestCore, type TestCore } from '../../../../../test-support/test-core';
import { followSettings, useSettingsStore } from '../../../app/settings-store';
import { useNotificationsStore } from './notifications-store';

const initial = useNotificationsStore.getState();
beforeEach(() => useNotificationsStore.setState(initial, true));

describe('the notifications check, against the real core', () => {
  let test: TestCore;
  beforeEach(async () => {
    test = await createTestCore();
    installCoreApi(test.core);
  });
  afterEach(() => test.dispose());

  it('a host that mutes nothing (no notifications protection) is told apart from one that cannot mute now', async () => {
    expect(await useNotificationsStore.getState().check()).toBe(true);
    expect(useNotificationsStore.getState()).toMatchObject({ supported: false, readiness: null, checking: false, error: null });
  });

  it('the Settings choice goes to main, then the desktop is asked again', async () => {
    const stop = followSettings();
    await vi.waitFor(() => expect(useSettingsStore.getState().state).not.toBeNull());
    const before = test.core.settings.get().notifications.muteDuringSessions;
    expect(await useNotificationsStore.getState().setMuteDuringSessions(!before)).toBe(true);
    expect(test.core.settings.get().notifications.muteDuringSessions).toBe(!before);
    expect(useNotificationsStore.getState()).toMatchObject({ supported: false, checking: false });
    stop();
  });
});

// What a desktop with a notification server answers needs that desktop (dunst, GSettings under dbus): the real
// check is in e2e/system/notifications.test.ts and e2e/app/notifications.spec.ts. Here a narrow stand-in for
// main gives the two answers a jsdom test cannot get from the core: "ready" and a failed check.
describe('the notifications check, on the answers only a desktop gives', () => {
  function answering(...answers: Array<{ ok: true; value: NotificationsReadiness | null } | { ok: false; error: { code: string; message: string } }>) {
    const check = vi.fn(async () => answers.shift());
    Object.defineProperty(window, 'stillroom', { value: { notifications: { check } }, configurable: true });
    return check;
  }

  it('mirrors what main found, is busy only while asking, and keeps the last answer when asking fails', async () => {
    answering({ ok: true, value: { state: 'ready', method: 'dunst', alreadyMuted: false } }, { ok: false, error: { code: 'internal', message: 'boom' } });
    const asking = useNotificationsStore.getState().check();
    expect(useNotificationsStore.getState().checking).toBe(true);
    expect(await asking).toBe(true);
    expect(useNotificationsStore.getState()).toMatchObject({ checking: false, supported: true, error: null, readiness: { state: 'ready', method: 'dunst' } });

    expect(await useNotificationsStore.getState().check()).toBe(false);
    expect(useNotificationsStore.getState()).toMatchObject({ checking: false, error: { code: 'internal' }, readiness: { method: 'dunst' } });
  });
});
