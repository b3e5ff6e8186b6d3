import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installCoreApi } from '../../../../../test-support/renderer-api';
import { createTestCore, type TestCore } from '../../../../../test-support/test-core';
import { followApps, useAppsStore } from './apps-store';

let test: TestCore;
let stop: () => void = () => undefined;
const initial = useAppsStore.getState();
const store = () => useAppsStore.getState();
/** Lets a push from main (an event through the hub) reach the store. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(async () => {
  test = await createTestCore();
  installCoreApi(test.core);
  useAppsStore.setState(initial, true);
  stop = followApps();
  await settle();
});
afterEach(async () => {
  stop();
  await test.dispose();
});

describe('the apps store, against the real core', () => {
  it('loads off, and mirrors the switch and a category, saved by main', async () => {
    expect(store().state).toMatchObject({ enabled: false, own: [] });
    expect(await store().setEnabled(true)).toBe(true);
    expect(await store().setCategory('work-chat', true)).toBe(true);
    expect(store().state?.enabled).toBe(true);
    expect(store().state?.categories.find((category) => category.id === 'work-chat')?.enabled).toBe(true);
    expect(test.core.settings.get().apps).toMatchObject({ enabled: true, enabledCategories: ['chat', 'work-chat', 'video-feeds', 'games'] });
  });

  it('adds and removes an own app, keeps a refusal beside its field, and mirrors a change made elsewhere', async () => {
    expect(await store().addOwn('snap', 'some-chat')).toBe(true);
    expect(store().state?.own).toEqual([{ kind: 'snap', rule: 'some-chat' }]);
    expect(await store().addOwn('executable', 'bash')).toBe(false);
    expect(store().ownError).toMatchObject({ code: 'app-rule-refused', params: { reason: 'system-process' } });
    expect(store().error).toBeNull();
    store().clearOwnError();
    expect(store().ownError).toBeNull();
    expect(await store().removeOwn({ kind: 'snap', rule: 'some-chat' })).toBe(true);
    expect(store().state?.own).toEqual([]);

    await test.core.apps.setEnabled(true);
    await settle();
    expect(store().state?.enabled).toBe(true);
  });
});
