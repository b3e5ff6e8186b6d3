import { describe, expect, it } from 'vitest';
import { linuxAppMatcher, type LinuxAppRules } from './app-match';

const app = (id: string, linux: Partial<LinuxAppRules['linux']>): LinuxAppRules => ({
  id,
  linux: { executables: [], paths: [], appImages: [], flatpaks: [], snaps: [], ...linux },
});
const facts = (exe: string, more: { appImage?: string; flatpakId?: string } = {}) => ({
  exe,
  appImage: more.appImage ?? null,
  flatpakId: more.flatpakId ?? null,
});

const match = linuxAppMatcher([
  app('wechat', { executables: ['wechat'], paths: ['/opt/wechat/'], appImages: ['WeChat*.AppImage'], flatpaks: ['com.tencent.WeChat'] }),
  app('telegram', { paths: ['/usr/bin/telegram-desktop'], snaps: ['telegram-desktop'] }),
]);

describe('which app a Linux process is', () => {
  it('recognises each way an app is installed', () => {
    expect(match(facts('/usr/local/bin/wechat'))).toBe('wechat');
    expect(match(facts('/opt/wechat/crashpad_handler'))).toBe('wechat');
    expect(match(facts('/opt/wechat/wechat (deleted)'))).toBe('wechat');
    expect(match(facts('/usr/bin/telegram-desktop'))).toBe('telegram');
    expect(match(facts('/snap/telegram-desktop/6123/usr/bin/telegram-desktop'))).toBe('telegram');
    expect(match(facts('/tmp/.mount_WeChatAbC/AppRun.wrapped', { appImage: '/home/ada/Apps/wechat-4.0-x86_64.appimage' }))).toBe('wechat');
    expect(match(facts('/app/extra/wechat/crashpad', { flatpakId: 'com.tencent.WeChat' }))).toBe('wechat');
  });

  it('does not take a process for the app on what it inherited or what is merely similar', () => {
    // A terminal started from inside an AppImage inherits APPIMAGE but runs from outside its mount.
    expect(match(facts('/usr/bin/xterm', { appImage: '/home/ada/WeChat.AppImage' }))).toBeNull();
    expect(match(facts('/opt/wechatty/bin'))).toBeNull();
    expect(match(facts('/usr/bin/telegram-desktop-helper'))).toBeNull();
    expect(match(facts('/snap/bin/telegram-desktop'))).toBeNull();
    expect(match(facts('/usr/bin/zoom', { flatpakId: 'us.zoom.Zoom' }))).toBeNull();
    expect(match(facts('wechat'))).toBeNull();
  });

  it('never matches a system executable, and drops rules the validator refuses', () => {
    const careless = linuxAppMatcher([
      app('bad', { executables: ['bash', 'gnome-shell'], paths: ['/usr/bin/', '/usr/lib/systemd/'], flatpaks: ['org.freedesktop.Platform'] }),
      app('wide', { paths: ['/opt/wechat/'] }),
    ]);
    expect(careless(facts('/usr/bin/bash'))).toBeNull();
    expect(careless(facts('/usr/bin/gnome-shell'))).toBeNull();
    expect(careless(facts('/usr/bin/ls'))).toBeNull();
    expect(careless(facts('/usr/lib/systemd/systemd'))).toBeNull();
    expect(careless(facts('/usr/bin/flatpak-spawn', { flatpakId: 'org.freedesktop.Platform' }))).toBeNull();
    // Even a folder rule cannot reach a system executable someone put inside it.
    expect(careless(facts('/opt/wechat/bash'))).toBeNull();
    expect(careless(facts('/opt/wechat/wechat'))).toBe('wide');
  });

  it('gives a rule two entries name to the first', () => {
    const both = linuxAppMatcher([app('first', { executables: ['chat'] }), app('second', { executables: ['chat'] })]);
    expect(both(facts('/opt/chat/chat'))).toBe('first');
  });
});
