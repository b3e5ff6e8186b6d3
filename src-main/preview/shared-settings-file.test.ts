import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonFileSettingsStorage } from '../core/settings/json-file-storage';
import { defaultSettings } from '../core/settings/settings-service';

// The desktop app keeps settings through electron-store (src-main/shell/electron-store-storage.ts); `npm start`'s
// browser mode through JsonFileSettingsStorage in the same folder. electron-store cannot be imported outside
// Electron (it imports `electron`), so its store is built here the way electron-store builds it: `conf` with the
// shell's options, `name` passed on as `configName`, the absolute `cwd` kept, the app version as projectVersion.
const desktopStore = (folder: string) =>
  new Conf<Record<string, unknown>>({ cwd: folder, configName: 'settings', clearInvalidConfig: false, projectVersion: '0.1.0' });

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'shared-settings-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('one settings file for the desktop app and the browser mode', () => {
  it('reads what the desktop app wrote, at the same path', async () => {
    const settings = { ...defaultSettings(), language: 'zh-CN' };
    const store = desktopStore(folder);
    store.store = settings as unknown as Record<string, unknown>;
    const browser = new JsonFileSettingsStorage(join(folder, 'settings.json'));
    expect(store.path).toBe(browser.path);
    await expect(browser.load()).resolves.toEqual({ kind: 'loaded', data: settings });
  });

  it('writes what the desktop app reads back unchanged, with no bookkeeping of its own added', async () => {
    const settings = defaultSettings();
    await new JsonFileSettingsStorage(join(folder, 'settings.json')).save(settings);
    const store = desktopStore(folder);
    expect(store.store).toEqual(settings);
    expect(JSON.parse(await readFile(join(folder, 'settings.json'), 'utf8'))).toEqual(settings);
  });
});
