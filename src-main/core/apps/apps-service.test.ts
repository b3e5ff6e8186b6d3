import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_OWN_APPS, OPEN_APPS_WAIT_MS } from '../../contract/apps';
import { createTestCore, type TestCore } from '../../../test-support/test-core';
import { ownAppKindsFor } from './apps-service';

// Through the router of a real core, as the renderer calls it: settings on disk in a temporary folder.
let test: TestCore;
beforeEach(async () => {
  test = await createTestCore();
});
afterEach(() => test.dispose());

const call = (channel: string, payload?: unknown) =>
  test.core.router.dispatch(`stillroom:apps.${channel}`, payload, { trusted: true, description: 'apps test' });

describe('the app lists in settings', () => {
  it('are off as a whole until turned on, with chat, video and games chosen and work chat not', async () => {
    const state = await call('state');
    expect(state).toMatchObject({ ok: true, value: { enabled: false, supported: true, own: [], ownKinds: ['executable', 'path', 'appImage', 'flatpak', 'snap'] } });
    const categories = state.ok ? (state.value as { categories: { id: string; enabled: boolean; why: unknown }[] }).categories : [];
    expect(categories.map(({ id, enabled }) => [id, enabled])).toEqual([
      ['chat', true],
      ['work-chat', false],
      ['video-feeds', true],
      ['games', true],
    ]);
    expect(categories.find((category) => category.id === 'work-chat')?.why).not.toBeNull();
    expect(test.core.apps.sessionList().map((app) => app.id)).toContain('wechat');
  });

  it('saves the switch and a category, and tells the renderer', async () => {
    const pushed: unknown[] = [];
    const stop = test.core.events.listen((channel, payload) => channel === 'stillroom:apps.changed' && pushed.push(payload));
    expect(await call('setEnabled', { enabled: true })).toMatchObject({ ok: true, value: { enabled: true } });
    expect(await call('setCategory', { id: 'work-chat', enabled: true })).toMatchObject({ ok: true });
    await call('setCategory', { id: 'games', enabled: false });
    expect(test.core.settings.get().apps).toEqual({ enabled: true, enabledCategories: ['chat', 'work-chat', 'video-feeds'], own: [], closeGraceSeconds: 3, waitForOpenApps: false });
    expect(test.core.apps.sessionList().map((app) => app.id)).toContain('slack');
    expect(test.core.apps.sessionList().map((app) => app.id)).not.toContain('steam');
    expect(pushed).toHaveLength(3);
    stop();
  });

  it('adds the user’s own apps in their checked form, once, and removes them', async () => {
    expect(await call('addOwn', { kind: 'path', rule: '  /opt/SomeChat/  ' })).toMatchObject({ ok: true, value: { own: [{ kind: 'path', rule: '/opt/SomeChat/' }] } });
    await call('addOwn', { kind: 'path', rule: '/opt/SomeChat/' });
    await call('addOwn', { kind: 'flatpak', rule: 'im.riot.Riot' });
    expect(test.core.settings.get().apps.own).toEqual([
      { kind: 'path', rule: '/opt/SomeChat/' },
      { kind: 'flatpak', rule: 'im.riot.Riot' },
    ]);
    const own = test.core.apps.sessionList().filter((app) => app.id.startsWith('own-'));
    expect(own).toMatchObject([
      { id: 'own-1', names: { en: 'SomeChat' }, linux: { paths: ['/opt/SomeChat/'] } },
      { id: 'own-2', names: { en: 'im.riot.Riot' }, linux: { flatpaks: ['im.riot.Riot'] } },
    ]);
    // A schedule window's choice: its categories, the user's own apps only if it takes them.
    const chosen = (own: boolean) => test.core.apps.sessionList({ sites: [], ownSites: false, apps: ['games'], ownApps: own, allowOnly: false }).map((app) => app.id);
    expect(chosen(true)).toEqual(expect.arrayContaining(['steam', 'own-1', 'own-2']));
    expect(chosen(false)).toContain('steam');
    expect(chosen(false).filter((id) => id.startsWith('own-'))).toEqual([]);
    await call('removeOwn', { kind: 'path', rule: '/opt/SomeChat/' });
    expect(test.core.settings.get().apps.own).toEqual([{ kind: 'flatpak', rule: 'im.riot.Riot' }]);
  });

  it('offers the kinds of own rule of the system it runs on', () => {
    expect(ownAppKindsFor('darwin')).toEqual(['bundleId', 'appPath']);
    expect(ownAppKindsFor('win32')).toEqual(['imageName', 'windowsPath']);
    expect(ownAppKindsFor('aix')).toEqual([]);
  });

  it('adds macOS and Windows rules, each into its own OS’s part of the entry, named by the app', async () => {
    await call('addOwn', { kind: 'appPath', rule: '/Applications/Some Chat.app/' });
    await call('addOwn', { kind: 'bundleId', rule: 'com.example.SomeChat' });
    await call('addOwn', { kind: 'windowsPath', rule: 'C:/Games/Epic/' });
    await call('addOwn', { kind: 'imageName', rule: 'SomeChat.exe' });
    expect(test.core.settings.get().apps.own).toEqual([
      { kind: 'appPath', rule: '/Applications/Some Chat.app' },
      { kind: 'bundleId', rule: 'com.example.SomeChat' },
      { kind: 'windowsPath', rule: 'C:\\Games\\Epic\\' },
      { kind: 'imageName', rule: 'SomeChat.exe' },
    ]);
    const empty = { linux: { executables: [], paths: [], appImages: [], flatpaks: [], snaps: [] }, macos: { bundleIds: [], appPaths: [] }, windows: { imageNames: [], paths: [] } };
    expect(test.core.apps.sessionList().filter((app) => app.id.startsWith('own-'))).toEqual([
      { ...empty, id: 'own-1', category: 'chat', names: { en: 'Some Chat', 'zh-CN': 'Some Chat' }, macos: { bundleIds: [], appPaths: ['/Applications/Some Chat.app'] } },
      { ...empty, id: 'own-2', category: 'chat', names: { en: 'com.example.SomeChat', 'zh-CN': 'com.example.SomeChat' }, macos: { bundleIds: ['com.example.SomeChat'], appPaths: [] } },
      { ...empty, id: 'own-3', category: 'chat', names: { en: 'Epic', 'zh-CN': 'Epic' }, windows: { imageNames: [], paths: ['C:\\Games\\Epic\\'] } },
      { ...empty, id: 'own-4', category: 'chat', names: { en: 'SomeChat.exe', 'zh-CN': 'SomeChat.exe' }, windows: { imageNames: ['SomeChat.exe'], paths: [] } },
    ]);
  });

  it.each([
    ['bundleId', 'com.apple.finder', 'system-process'],
    ['bundleId', 'not a bundle id', 'bad-bundle-id'],
    ['appPath', '/Applications/', 'bad-app-path'],
    ['imageName', 'explorer.exe', 'system-process'],
    ['imageName', 'WeChat', 'bad-image-name'],
    ['windowsPath', 'C:\\Program Files\\', 'too-broad'],
    ['executable', 'bash', 'system-process'],
    ['executable', 'gnome-shell', 'system-process'],
    ['path', '/usr/bin/', 'too-broad'],
    ['path', 'opt/app', 'not-absolute'],
    ['executable', 'stillroom', 'stillroom'],
    ['appImage', '*.AppImage', 'too-broad'],
  ])('refuses the %s rule %j with its reason (%s) and changes nothing', async (kind, rule, reason) => {
    const before = test.core.settings.get().apps;
    expect(await call('addOwn', { kind, rule })).toMatchObject({ ok: false, error: { code: 'app-rule-refused', params: { reason } } });
    expect(test.core.settings.get().apps).toEqual(before);
  });

  it('refuses more own apps than the list holds', async () => {
    for (let index = 0; index < MAX_OWN_APPS; index++) await test.core.apps.addOwn({ kind: 'executable', rule: `someapp${index}` });
    expect(await call('addOwn', { kind: 'executable', rule: 'onemore' })).toMatchObject({ ok: false, error: { code: 'apps-too-many', params: { limit: MAX_OWN_APPS } } });
    expect(test.core.settings.get().apps.own).toHaveLength(MAX_OWN_APPS);
  });

  it('keeps the close grace (3 s unless set, 1 to 30 s) and the wait for apps open at the start (off unless chosen)', async () => {
    expect(await call('state')).toMatchObject({ ok: true, value: { closeGraceSeconds: 3, waitForOpenApps: false } });
    expect([test.core.apps.closeGraceMs, test.core.apps.openAppsWaitMs]).toEqual([3000, 0]);
    expect(await call('setCloseGrace', { seconds: 10 })).toMatchObject({ ok: true, value: { closeGraceSeconds: 10 } });
    expect(await call('setWaitForOpenApps', { enabled: true })).toMatchObject({ ok: true, value: { waitForOpenApps: true } });
    expect([test.core.apps.closeGraceMs, test.core.apps.openAppsWaitMs]).toEqual([10_000, OPEN_APPS_WAIT_MS]);
    for (const seconds of [0, 31, 2.5]) expect(await call('setCloseGrace', { seconds })).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(test.core.settings.get().apps).toMatchObject({ closeGraceSeconds: 10, waitForOpenApps: true });
  });
});

// "Choose a file…": the host's file picker is Electron's dialog (src-main/shell/main.ts), which cannot run here; the
// core is real and the picker a fake that answers what a user would pick.
describe('adding an app by choosing its file', () => {
  it('adds a file as a path rule, an AppImage by its file name, and nothing when cancelled', async () => {
    const picks: (string | null)[] = ['/opt/SomeChat/somechat', '/home/me/Apps/Obsidian-1.5.2.AppImage', null];
    const picking = await createTestCore({ host: { chooseFile: async () => picks.shift() ?? null } });
    try {
      const call = (channel: string) => picking.core.router.dispatch(`stillroom:apps.${channel}`, undefined, { trusted: true, description: 'apps test' });
      expect(await call('state')).toMatchObject({ ok: true, value: { canChooseFile: true } });
      await call('addOwnFromFile');
      await call('addOwnFromFile');
      expect(await call('addOwnFromFile')).toMatchObject({ ok: true });
      expect(picking.core.settings.get().apps.own).toEqual([
        { kind: 'path', rule: '/opt/SomeChat/somechat' },
        { kind: 'appImage', rule: 'Obsidian-1.5.2.AppImage' },
      ]);
    } finally {
      await picking.dispose();
    }
  });

  it('refuses a file the validator refuses, saying which and why, and adds nothing', async () => {
    const picking = await createTestCore({ host: { chooseFile: async () => '/usr/bin/bash' } });
    try {
      const refused = await picking.core.router.dispatch('stillroom:apps.addOwnFromFile', undefined, { trusted: true, description: 'apps test' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'app-rule-refused', params: { reason: 'system-process', rule: '/usr/bin/bash' } } });
      expect(picking.core.settings.get().apps.own).toEqual([]);
    } finally {
      await picking.dispose();
    }
  });

  it('says so where the host has no file picker (the browser preview)', async () => {
    expect(await call('state')).toMatchObject({ ok: true, value: { canChooseFile: false } });
    expect(await call('addOwnFromFile')).toMatchObject({ ok: false, error: { code: 'app-file-chooser-unavailable' } });
  });
});
