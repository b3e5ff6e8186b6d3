import { describe, expect, it } from 'vitest';
import { SETTINGS_SCHEMA_VERSION, Settings, SettingsPatch } from './settings';

describe('SettingsPatch', () => {
  it('can name every section of the settings', () => {
    expect(Object.keys(SettingsPatch.shape).sort()).toEqual(Object.keys(Settings.shape).filter((key) => key !== 'schemaVersion').sort());
  });

  it('leaves out the sections a change does not name (no defaults filled in)', () => {
    expect(SettingsPatch.parse({ appearance: { theme: 'dark' } })).toEqual({ appearance: { language: 'system', theme: 'dark' } });
    expect(SettingsPatch.parse({})).toEqual({});
  });

  it('takes a vault folder only as an absolute path', () => {
    for (const folder of ['/home/a/Notes', 'C:\\Users\\a\\Notes', 'D:/Notes', '\\\\server\\share\\Notes', null]) {
      expect(SettingsPatch.safeParse({ vault: { folder } }).success).toBe(true);
    }
    for (const folder of ['Notes', './Notes', '~/Notes', '', 'C:Notes', '/a\nb', `/${'a'.repeat(1024)}`]) {
      expect(SettingsPatch.safeParse({ vault: { folder } }).success).toBe(false);
    }
  });
});

describe('Settings notifications section', () => {
  it('mutes during sessions unless the user leaves notifications alone', () => {
    expect(Settings.parse({ schemaVersion: SETTINGS_SCHEMA_VERSION }).notifications).toEqual({ muteDuringSessions: true });
    expect(SettingsPatch.parse({ notifications: { muteDuringSessions: false } })).toEqual({ notifications: { muteDuringSessions: false } });
  });

  it('refuses anything but a yes or no, and unknown keys', () => {
    expect(SettingsPatch.safeParse({ notifications: { muteDuringSessions: 'no' } }).success).toBe(false);
    expect(SettingsPatch.safeParse({ notifications: { muteDuringSessions: true, method: 'gnome' } }).success).toBe(false);
  });
});
