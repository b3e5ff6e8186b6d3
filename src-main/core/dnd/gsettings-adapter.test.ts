import { describe, expect, it } from 'vitest';
import { GSETTINGS_KEYS, GSettingsAdapter } from './gsettings-adapter';
import { ok, recordingRunner } from '../../../test-support/recording-runner';

// The real keys are set and reset in e2e/system/notifications.test.ts. Here: a machine without the `dconf` tool
// (dconf-cli is not installed everywhere), where "unset" cannot be told from "set to the default".
describe('GSettings without dconf', () => {
  it('pins the value it found instead of resetting, since it cannot know it was unset', async () => {
    const { run, calls } = recordingRunner({ 'gsettings get': ok('true\n'), 'gsettings set': ok() });
    const gnome = new GSettingsAdapter(GSETTINGS_KEYS.gnome, run);
    const found = await gnome.read();
    expect(found).toEqual({ value: true, userSet: null });
    await gnome.write(found);
    expect(calls.map((call) => [call.file, ...call.args])).toEqual([
      ['gsettings', 'get', 'org.gnome.desktop.notifications', 'show-banners'],
      ['dconf', 'read', '/org/gnome/desktop/notifications/show-banners'],
      ['gsettings', 'set', 'org.gnome.desktop.notifications', 'show-banners', 'true'],
    ]);
  });

  it('says a missing schema in gsettings’ own words', async () => {
    const { run } = recordingRunner({ 'gsettings get': { kind: 'exit', code: 1, stdout: '', stderr: 'No such schema “org.cinnamon.desktop.notifications”' } });
    await expect(new GSettingsAdapter(GSETTINGS_KEYS.cinnamon, run).read()).rejects.toMatchObject({
      unavailable: { reason: 'command-failed', method: 'cinnamon', command: 'gsettings', message: expect.stringContaining('No such schema') },
    });
  });
});

describe('GSettings watch', () => {
  it("wakes on dconf's Notify for the key or a folder above it, not for other keys", () => {
    let onSignal: ((body: unknown[]) => void) | null = null;
    let closed = false;
    const connect = () => ({
      call: async () => [],
      onSignal: (_match: unknown, listener: (body: unknown[]) => void) => void (onSignal = listener),
      onClose: () => undefined,
      close: () => void (closed = true),
    });
    const woken: number[] = [];
    const stop = new GSettingsAdapter(GSETTINGS_KEYS.gnome, recordingRunner({}).run, connect).watch(() => woken.push(woken.length));
    onSignal!(['/org/gnome/desktop/notifications/', ['show-banners', 'show-in-lock-screen'], 'tag']);
    onSignal!(['/org/gnome/', [''], 'tag']);
    onSignal!(['/org/gnome/desktop/notifications/', ['show-in-lock-screen'], 'tag']);
    onSignal!(['/org/gnome/desktop/notifications/show-banners-extra', [''], 'tag']);
    expect(woken).toEqual([0, 1]);
    stop();
    expect(closed).toBe(true);
  });
});
