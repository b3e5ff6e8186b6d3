import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelName } from '../../contract/define';
import { createTestCore, type TestCore } from '../../../test-support/test-core';
import type { Core } from '../app-core';

// Through the real router: the contract's pattern first, then the core's own parse; `opened` is what the host
// (Electron's shell.openExternal in the app) would have been handed.
describe('app.openExternal', () => {
  let testCore: TestCore;
  let core: Core;
  const opened: string[] = [];
  const open = (url: string) => core.router.dispatch(channelName('app', 'openExternal'), { url }, { trusted: true, description: 'test' });

  beforeAll(async () => {
    testCore = await createTestCore({
      now: Date.UTC(2026, 11, 3),
      host: {
        openExternal: async (url) => {
          opened.push(url);
        },
      },
    });
    core = testCore.core;
  });
  afterAll(() => testCore.dispose());

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
