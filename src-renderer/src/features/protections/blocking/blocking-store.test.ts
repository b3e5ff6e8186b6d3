import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdFirstAnswer, installCoreApi } from '../../../../../test-support/renderer-api';
import { createTestCore, type TestCore } from '../../../../../test-support/test-core';
import { followBlocking, useBlockingStore } from './blocking-store';

let test: TestCore;
let stop: () => void = () => undefined;
const initial = useBlockingStore.getState();
/** What main saved (the settings service writes before it answers). */
const stored = async () => test.core.settings.get().blocking;
const store = () => useBlockingStore.getState();
/** Lets a push from main (an event through the hub) reach the store. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(async () => {
  test = await createTestCore();
  installCoreApi(test.core);
  useBlockingStore.setState(initial, true);
  stop = followBlocking();
  await settle();
});
afterEach(async () => {
  stop();
  await test.dispose();
});

describe('the blocking store, against the real core', () => {
  it('loads when it starts following, and mirrors a change made elsewhere (the palette, another window)', async () => {
    expect(store().state?.browserPolicies).toBe(true);
    expect(store().state?.allow).toEqual([{ rule: 'accounts.youtube.com', reach: 'system-wide' }]);
    await test.core.router.dispatch('stillroom:blocking.addDomain', { domain: 'elsewhere.example' }, { trusted: true, description: 'another window' });
    await settle();
    expect(store().state?.domains).toEqual([{ rule: 'elsewhere.example', reach: 'system-wide' }]);
  });

  it('adds a path rule and a path exception with their reach, and the switch turns both to nowhere', async () => {
    expect(await store().addRule('domains', 'https://youtube.com/shorts/')).toBe(true);
    expect(await store().addRule('allow', 'youtube.com/watch')).toBe(true);
    expect(store().state?.domains).toEqual([{ rule: 'youtube.com/shorts', reach: 'browsers' }]);
    expect(store().state?.allow).toContainEqual({ rule: 'youtube.com/watch', reach: 'browsers' });
    expect((await stored()).domains).toEqual(['youtube.com/shorts']);

    expect(await store().setBrowserPolicies(false)).toBe(true);
    expect(store().state?.browserPolicies).toBe(false);
    expect(store().state?.domains).toEqual([{ rule: 'youtube.com/shorts', reach: 'nowhere' }]);
    expect((await stored()).browserPolicies).toBe(false);
  });

  it('keeps a refused rule’s error beside its own field, changes nothing, and clears it when asked', async () => {
    const before = await stored();
    expect(await store().addRule('allow', 'youtube.com/watch?v=1')).toBe(false);
    expect(store().allowError).toMatchObject({ code: 'domain-invalid', params: { reason: 'query' } });
    expect(store().domainError).toBeNull();
    expect(store().error).toBeNull();
    expect(await stored()).toEqual(before);
    store().clearRuleError('allow');
    expect(store().allowError).toBeNull();
  });

  it('removes a rule, imports with a report, and exports the file for the view to download', async () => {
    expect(await store().importList('keep.example\nkeep.example/feed\n0.0.0.0 bad.example/path\n')).toBe(true);
    expect(store().importReport).toMatchObject({ added: 2, rejectedTotal: 1, rejected: [{ line: 3, reason: 'has-scheme-or-path' }] });
    expect(store().state?.domains.map((entry) => entry.rule)).toEqual(['keep.example', 'keep.example/feed']);
    expect(await store().removeRule('domains', 'keep.example')).toBe(true);
    expect(await store().exportList('plain')).toBe(true);
    expect(store().exported?.fileName).toBe('stillroom-blocklist.txt');
    expect(store().exported?.text).toContain('\nkeep.example/feed\n');
    expect(await store().exportList('hosts')).toBe(true);
    expect(store().exported?.text).not.toContain('keep.example');
  });

  it('shows a toggle at once and keeps it once main confirms it', async () => {
    const pending = store().setBrowserPolicies(false);
    expect(store().state?.browserPolicies).toBe(false);
    expect(await pending).toBe(true);
    expect(store().state?.browserPolicies).toBe(false);
    const category = store().setCategory('news', true);
    expect(store().state?.categories.find((c) => c.id === 'news')?.enabled).toBe(true);
    expect(await category).toBe(true);
    expect((await stored()).enabledCategories).toContain('news');
  });

  it('keeps two sites added in quick succession when the first answer arrives after the second and its push', async () => {
    // The preview's bridge answers each call on its own connection, so the first add's answer can come back last.
    stop();
    const { transport, release } = holdFirstAnswer('stillroom:blocking.addDomain');
    installCoreApi(test.core, transport);
    stop = followBlocking();
    await settle();
    const first = store().addRule('domains', 'first.example');
    expect(await store().addRule('domains', 'second.example')).toBe(true);
    await settle();
    release();
    expect(await first).toBe(true);
    expect(store().state?.domains.map((entry) => entry.rule)).toEqual(['first.example', 'second.example']);
    expect((await stored()).domains).toEqual(['first.example', 'second.example']);
  });

  it('says the guard cannot be installed from the preview, as a typed error, and is no longer busy', async () => {
    expect(await store().runGuard('guardInstall')).toBe(false);
    expect(store().error?.code).toBe('guard-install-unavailable');
    expect(store().guardBusy).toBe(false);
    expect(await store().setCategory('news', true)).toBe(true);
    expect(store().error).toBeNull();
  });
});
