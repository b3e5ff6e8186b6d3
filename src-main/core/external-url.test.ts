import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelName } from '../contract/define';
import { createCore, type Core } from './app-core';
import { ManualClock } from './clock';
import { JsonFileSettingsStorage } from './settings/json-file-storage';

// Through the real router: the contract's pattern first, then the core's own parse; `opened` is what the host
// (Electron's shell.openExternal in the app) would have been handed.
describe('app.openExternal', () => {
  let root: string;
  let core: Core;
  const opened: string[] = [];
  const open = (url: string) => core.router.dispatch(channelName('app', 'openExternal'), { url }, { trusted: true, description: 'test' });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stillroom-external-'));
    core = await createCore({
      info: { version: '0.0.0', platform: 'linux', runtime: 'preview', locale: 'en', dataDir: join(root, 'data'), vaultDir: join(root, 'vault') },
      clock: new ManualClock(Date.UTC(2026, 11, 3)),
      settingsStorage: new JsonFileSettingsStorage(join(root, 'data', 'settings.json')),
      openExternal: async (url) => {
        opened.push(url);
      },
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await core.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it.each([
    ['https://stillroom.app/help?topic=guard#linux', 'https://stillroom.app/help?topic=guard#linux'],
    ['mailto:hello@stillroom.app', 'mailto:hello@stillroom.app'],
    ['MAILTO:Hello.Team+focus@mail.stillroom.app', 'mailto:Hello.Team+focus@mail.stillroom.app'],
  ])('opens %s', async (url, handed) => {
    expect(await open(url)).toEqual({ ok: true, value: null });
    expect(opened.at(-1)).toBe(handed);
  });

  it.each([
    'mailto:a@b.example?attach=/home/me/.ssh/id_ed25519',
    'mailto:a@b.example?subject=hi',
    'mailto:a@b.example?body=x&attachment=/etc/passwd',
    'mailto:?to=a@b.example',
    'mailto:a@b.example,c@d.example',
    'mailto:a@b.example;c@d.example',
    'mailto:a@b.example%3Fattach%3D%2Fetc%2Fpasswd',
    'mailto:a@b.example#x',
    'mailto:not-an-address',
    'mailto:',
    'https://user:secret@stillroom.app/',
    'http://stillroom.app/',
    'file:///etc/passwd',
    'javascript:alert(1)',
  ])('refuses %s and hands nothing to the OS', async (url) => {
    const before = opened.length;
    expect(await open(url)).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(opened.length).toBe(before);
  });
});
