import { describe, expect, it } from 'vitest';
import { checkLinuxAppRule, checkLinuxAppRules, isSystemExecutable } from './app-rule';

const refused = (kind: Parameters<typeof checkLinuxAppRule>[0], rule: string) => {
  const result = checkLinuxAppRule(kind, rule);
  return result.ok ? null : result.reason;
};

describe('a rule that recognises an app on Linux', () => {
  it('refuses every executable the system or the desktop session runs on, in any case', () => {
    const system = ['systemd', 'systemd-logind', 'init', 'Xorg', 'Xwayland', 'gnome-shell', 'gnome-session-binary', 'plasmashell',
      'kwin_wayland', 'dbus-daemon', 'sshd', 'bash', 'sh', 'zsh', 'fish', 'node', 'electron', 'python3', 'python3.12', 'AppRun', 'sudo', 'login', 'pipewire'];
    for (const name of system) expect([name, refused('executable', name)]).toEqual([name, 'system-process']);
    expect(isSystemExecutable('GNOME-SHELL')).toBe(true);
    expect(refused('executable', 'stillroom')).toBe('stillroom');
    expect(refused('executable', 'Stillroom-helper')).toBe('stillroom');
  });

  it('refuses paths in the system’s own folders, folders that are too broad, and paths not in plain form', () => {
    for (const path of ['/usr/lib/systemd/systemd-logind', '/lib/systemd/', '/sbin/init', '/usr/sbin/sshd', '/usr/libexec/gsd-power', '/proc/1/exe', '/etc/'])
      expect([path, refused('path', path)]).toEqual([path, 'system-process']);
    expect(refused('path', '/usr/bin/bash')).toBe('system-process');
    for (const path of ['/', '/opt/', '/usr/bin/', '/usr/local/bin/', '/home/ada/', '/snap/bin/', '/tmp/x/'])
      expect([path, refused('path', path)]).toEqual([path, 'too-broad']);
    expect(refused('path', 'opt/wechat/wechat')).toBe('not-absolute');
    expect(refused('path', '/opt/wechat/../../usr/bin/sshd')).toBe('bad-character');
    expect(refused('path', '/opt//wechat/')).toBe('bad-character');
    expect(refused('path', '/opt/Stillroom/stillroom')).toBe('stillroom');
  });

  it('accepts the usual ways apps are installed', () => {
    expect(checkLinuxAppRule('executable', ' telegram-desktop ')).toEqual({ ok: true, rule: 'telegram-desktop' });
    expect(checkLinuxAppRule('path', '/opt/wechat/')).toEqual({ ok: true, rule: '/opt/wechat/' });
    expect(checkLinuxAppRule('path', '/usr/bin/telegram-desktop')).toEqual({ ok: true, rule: '/usr/bin/telegram-desktop' });
    expect(checkLinuxAppRule('path', '/home/ada/Apps/steam/')).toEqual({ ok: true, rule: '/home/ada/Apps/steam/' });
    expect(checkLinuxAppRule('appImage', 'Signal-*.AppImage')).toEqual({ ok: true, rule: 'Signal-*.AppImage' });
    expect(checkLinuxAppRule('flatpak', 'com.discordapp.Discord')).toEqual({ ok: true, rule: 'com.discordapp.Discord' });
    expect(checkLinuxAppRule('snap', 'telegram-desktop')).toEqual({ ok: true, rule: 'telegram-desktop' });
  });

  it('refuses malformed ids, runtimes and patterns that would catch every app of a kind', () => {
    expect(refused('flatpak', 'discord')).toBe('bad-flatpak-id');
    expect(refused('flatpak', 'org.freedesktop.Platform')).toBe('system-process');
    expect(refused('flatpak', 'org.kde.Platform')).toBe('system-process');
    expect(refused('snap', 'Discord')).toBe('bad-snap-name');
    expect(refused('snap', 'core22')).toBe('system-process');
    expect(refused('snap', 'snapd')).toBe('system-process');
    expect(refused('appImage', '*.AppImage')).toBe('too-broad');
    expect(refused('appImage', 'x*.AppImage')).toBe('too-broad');
    expect(refused('appImage', 'Signal.exe')).toBe('bad-appimage-pattern');
    expect(refused('appImage', 'a/b.AppImage')).toBe('bad-appimage-pattern');
    expect(refused('executable', '')).toBe('empty');
    expect(refused('executable', 'a'.repeat(513))).toBe('too-long');
    expect(refused('executable', 'we\nchat')).toBe('bad-character');
    expect(refused('executable', 'bin/wechat')).toBe('bad-character');
  });

  it('checks a whole entry a user adds: keeps what passes in its canonical form, says why each other rule was refused', () => {
    const checked = checkLinuxAppRules({
      executables: [' my-game ', 'bash'],
      paths: ['/opt/my-game/', '/usr/bin/'],
      appImages: [],
      flatpaks: ['org.freedesktop.Platform'],
      snaps: ['my-game'],
    });
    expect(checked.rules).toEqual({ executables: ['my-game'], paths: ['/opt/my-game/'], appImages: [], flatpaks: [], snaps: ['my-game'] });
    expect(checked.refused).toEqual([
      { field: 'executables', rule: 'bash', reason: 'system-process' },
      { field: 'paths', rule: '/usr/bin/', reason: 'too-broad' },
      { field: 'flatpaks', rule: 'org.freedesktop.Platform', reason: 'system-process' },
    ]);
  });
});
