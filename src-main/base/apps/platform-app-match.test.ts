import { describe, expect, it } from 'vitest';
import { macAppMatcher, windowsAppMatcher, type AppRules } from './platform-app-match';

// Pure matchers over the facts a macOS or Windows process cannot choose: they run the same on every OS.
const none = { executables: [], paths: [], appImages: [], flatpaks: [], snaps: [] };

describe('which app on a list a macOS process is', () => {
  const match = macAppMatcher([
    { id: 'wechat', linux: none, macos: { bundleIds: ['com.tencent.xinWeChat'], appPaths: [] } },
    { id: 'steam', linux: none, macos: { bundleIds: [], appPaths: ['/Applications/Steam.app'] } },
    { id: 'first', linux: none, macos: { bundleIds: ['com.example.Twice'], appPaths: [] } },
    { id: 'second', linux: none, macos: { bundleIds: ['com.example.twice'], appPaths: [] } },
    { id: 'finder', linux: none, macos: { bundleIds: ['com.apple.finder'], appPaths: ['/System/Library/CoreServices/Finder.app'] } },
    // A Linux-only entry is a list entry too.
    { id: 'linux-only', linux: { ...none, executables: ['telegram-desktop'] } },
  ]);

  it.each([
    ['/Applications/WeChat.app/Contents/MacOS/WeChat', 'com.tencent.xinWeChat', 'wechat'],
    ['/Users/ada/Downloads/WeChat.app/Contents/MacOS/WeChat', 'COM.TENCENT.XINWECHAT', 'wechat'],
    ['/Applications/Steam.app/Contents/MacOS/steam_osx', null, 'steam'],
    ['/applications/steam.app/Contents/Frameworks/Steam Helper.app/Contents/MacOS/Steam Helper', 'com.valvesoftware.steam.helper', 'steam'],
    ['/Applications/Twice.app/Contents/MacOS/Twice', 'com.example.twice', 'first'],
    ['/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder', 'com.apple.finder', null],
    // Its bundle claims a system id: nothing, even from a listed path.
    ['/Applications/Steam.app/Contents/MacOS/steam_osx', 'com.apple.dock', null],
    ['/Applications/Notes.app/Contents/MacOS/Notes', 'com.example.notes', null],
    ['/usr/local/bin/telegram-desktop', null, null],
    ['WeChat', 'com.tencent.xinWeChat', null],
  ])('%s (%s) → %s', (executable, bundleId, expected) => {
    expect(match({ executable, bundleId })).toBe(expected);
  });
});

describe('which app on a list a Windows process is', () => {
  const list: AppRules[] = [
    { id: 'wechat', linux: none, windows: { imageNames: [], paths: ['C:\\Program Files\\Tencent\\WeChat\\'] } },
    { id: 'steam', linux: none, windows: { imageNames: [], paths: ['D:\\Steam\\steam.exe'] } },
    { id: 'discord', linux: none, windows: { imageNames: ['Discord.exe'], paths: [] } },
    { id: 'explorer', linux: none, windows: { imageNames: ['explorer.exe'], paths: ['C:\\Windows\\'] } },
  ];
  const match = windowsAppMatcher(list);

  it.each([
    ['C:\\Program Files\\Tencent\\WeChat\\WeChat.exe', 'wechat'],
    ['c:\\program files\\tencent\\wechat\\WeChatAppEx.exe', 'wechat'],
    ['D:\\Steam\\steam.exe', 'steam'],
    ['D:\\Steam\\steamwebhelper.exe', null],
    ['C:\\Users\\ada\\AppData\\Local\\Discord\\app-1.0.9\\Discord.exe', 'discord'],
    ['C:\\Windows\\explorer.exe', null],
    ['C:\\Windows\\System32\\svchost.exe', null],
    ['C:\\Games\\explorer.exe', null],
    ['C:\\Windows\\Temp\\Discord.exe', null],
    ['\\\\server\\share\\Discord.exe', null],
    [null, null],
  ])('%s → %s', (executablePath, expected) => {
    expect(match({ executablePath })).toBe(expected);
  });
});
