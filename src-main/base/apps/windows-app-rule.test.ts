import { describe, expect, it } from 'vitest';
import { checkWindowsAppRule, checkWindowsAppRules, isSystemImageName, isSystemWindowsPath, type WindowsAppRuleKind } from './windows-app-rule';

// Pure checks: they run the same on every OS.
const verdict = (kind: WindowsAppRuleKind, rule: string) => {
  const result = checkWindowsAppRule(kind, rule);
  return result.ok ? result.rule : result.reason;
};

const SYSTEM_IMAGES = ['explorer.exe', 'Explorer.EXE', 'csrss.exe', 'winlogon.exe', 'wininit.exe', 'dwm.exe', 'svchost.exe', 'lsass.exe',
  'services.exe', 'smss.exe', 'sihost.exe', 'ctfmon.exe', 'RuntimeBroker.exe', 'ShellExperienceHost.exe', 'StartMenuExperienceHost.exe',
  'SearchHost.exe', 'SearchApp.exe', 'conhost.exe', 'cmd.exe', 'powershell.exe', 'pwsh.exe', 'WindowsTerminal.exe', 'taskmgr.exe',
  'LogonUI.exe', 'fontdrvhost.exe', 'dllhost.exe', 'msedgewebview2.exe', 'node.exe'];

describe('a rule that recognises an app on Windows', () => {
  it.each(SYSTEM_IMAGES)('refuses the system image %s', (name) => {
    expect(verdict('imageName', name)).toBe('system-process');
  });

  it.each([
    ['imageName', 'WeChat.exe', 'WeChat.exe'],
    ['imageName', ' Discord.exe ', 'Discord.exe'],
    ['imageName', 'Stillroom.exe', 'stillroom'],
    ['imageName', 'WeChat', 'bad-image-name'],
    ['imageName', 'Tencent\\WeChat.exe', 'bad-image-name'],
    ['imageName', '*.exe', 'bad-image-name'],
    ['windowsPath', 'C:\\Program Files\\Tencent\\WeChat\\', 'C:\\Program Files\\Tencent\\WeChat\\'],
    ['windowsPath', 'C:/Program Files (x86)/Steam/steam.exe', 'C:\\Program Files (x86)\\Steam\\steam.exe'],
    ['windowsPath', 'D:\\Games\\Epic\\', 'D:\\Games\\Epic\\'],
    ['windowsPath', 'C:\\Users\\ada\\AppData\\Local\\Discord\\', 'C:\\Users\\ada\\AppData\\Local\\Discord\\'],
    ['windowsPath', 'C:\\Windows\\', 'system-process'],
    ['windowsPath', 'c:\\windows\\explorer.exe', 'system-process'],
    ['windowsPath', 'D:\\Windows\\System32\\', 'system-process'],
    ['windowsPath', 'C:\\Program Files\\Windows Defender\\', 'system-process'],
    ['windowsPath', 'C:\\Program Files\\WindowsApps\\Microsoft.WindowsTerminal_1.0\\', 'system-process'],
    ['windowsPath', 'C:\\ProgramData\\Microsoft\\Windows\\', 'system-process'],
    ['windowsPath', 'C:\\Tools\\cmd.exe', 'system-process'],
    ['windowsPath', 'C:\\', 'too-broad'],
    ['windowsPath', 'C:\\Program Files\\', 'too-broad'],
    ['windowsPath', 'c:\\program files (x86)\\', 'too-broad'],
    ['windowsPath', 'C:\\Program Files\\WindowsApps\\', 'too-broad'],
    ['windowsPath', 'C:\\Users\\', 'too-broad'],
    ['windowsPath', 'C:\\Users\\ada\\', 'too-broad'],
    ['windowsPath', 'C:\\Users\\ada\\AppData\\Roaming\\', 'too-broad'],
    ['windowsPath', 'C:\\Users\\ada\\AppData\\Local\\Programs\\', 'too-broad'],
    ['windowsPath', 'C:\\ProgramData\\', 'too-broad'],
    ['windowsPath', 'C:\\Program Files\\Stillroom\\', 'stillroom'],
    ['windowsPath', 'C:\\Games\\..\\Windows\\', 'bad-character'],
    ['windowsPath', 'C:\\Games\\x.exe:stream', 'bad-character'],
    ['windowsPath', 'C:\\Games\\readme.txt', 'bad-image-name'],
    ['windowsPath', '\\\\server\\share\\app.exe', 'not-absolute'],
    ['windowsPath', '\\\\?\\C:\\Games\\app.exe', 'not-absolute'],
    ['windowsPath', 'Games\\app.exe', 'not-absolute'],
  ] as const)('%s %j → %s', (kind, rule, expected) => {
    expect(verdict(kind, rule)).toBe(expected);
  });

  it('keeps the rules that pass and says why each other one was refused', () => {
    expect(checkWindowsAppRules({ imageNames: ['Steam.exe', 'explorer.exe'], paths: ['C:\\Program Files\\'] })).toEqual({
      rules: { imageNames: ['Steam.exe'], paths: [] },
      refused: [
        { field: 'imageNames', rule: 'explorer.exe', reason: 'system-process' },
        { field: 'paths', rule: 'C:\\Program Files\\', reason: 'too-broad' },
      ],
    });
  });

  it('knows the system’s programs at runtime, in any case', () => {
    expect(isSystemImageName('DWM.EXE')).toBe(true);
    expect(isSystemImageName('WeChat.exe')).toBe(false);
    expect(isSystemWindowsPath('c:\\windows\\system32\\svchost.exe')).toBe(true);
    expect(isSystemWindowsPath('C:\\Program Files\\Tencent\\WeChat\\WeChat.exe')).toBe(false);
  });
});
