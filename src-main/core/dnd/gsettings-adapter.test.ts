import { describe, expect, it } from 'vitest';
import { GSETTINGS_KEYS, GSettingsAdapter } from './gsettings-adapter';
import { ok, recordingRunner } from './recording-runner.test-support';

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
