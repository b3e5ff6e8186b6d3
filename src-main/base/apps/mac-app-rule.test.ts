import { describe, expect, it } from 'vitest';
import { checkMacAppRule, checkMacAppRules, isSystemBundleId, isSystemMacPath, outermostAppBundle, type MacAppRuleKind } from './mac-app-rule';

// Pure checks: they run the same on every OS.
const verdict = (kind: MacAppRuleKind, rule: string) => {
  const result = checkMacAppRule(kind, rule);
  return result.ok ? result.rule : result.reason;
};

describe('a rule that recognises an app on macOS', () => {
  it.each([
    ['bundleId', 'com.tencent.xinWeChat', 'com.tencent.xinWeChat'],
    ['bundleId', ' com.hnc.Discord ', 'com.hnc.Discord'],
    ['bundleId', 'com.apple.MobileSMS', 'com.apple.MobileSMS'],
    ['bundleId', 'com.apple.Music', 'com.apple.Music'],
    ['bundleId', 'com.apple.finder', 'system-process'],
    ['bundleId', 'com.apple.dock', 'system-process'],
    ['bundleId', 'com.apple.loginwindow', 'system-process'],
    ['bundleId', 'com.apple.WindowServer', 'system-process'],
    ['bundleId', 'com.apple.systemuiserver', 'system-process'],
    ['bundleId', 'com.apple.controlcenter', 'system-process'],
    ['bundleId', 'com.apple.Terminal', 'system-process'],
    ['bundleId', 'COM.APPLE.FINDER', 'system-process'],
    ['bundleId', 'app.stillroom', 'stillroom'],
    ['bundleId', 'launchd', 'bad-bundle-id'],
    ['bundleId', 'com.example.*', 'bad-bundle-id'],
    ['bundleId', 'com.example."; do shell script "x', 'bad-bundle-id'],
    ['bundleId', '', 'empty'],
    ['appPath', '/Applications/WeChat.app', '/Applications/WeChat.app'],
    ['appPath', '/Applications/Telegram Desktop.app/', '/Applications/Telegram Desktop.app'],
    ['appPath', '/Users/ada/Applications/Steam.app', '/Users/ada/Applications/Steam.app'],
    ['appPath', '/System/Applications/Music.app', 'system-process'],
    ['appPath', '/System/Library/CoreServices/Finder.app', 'system-process'],
    ['appPath', '/usr/local/Cellar/x.app', 'system-process'],
    ['appPath', '/Library/Apple/System/x.app', 'system-process'],
    ['appPath', '/bin/zsh', 'system-process'],
    ['appPath', '/sbin/launchd', 'system-process'],
    ['appPath', '/Applications', 'bad-app-path'],
    ['appPath', '/Applications/', 'bad-app-path'],
    ['appPath', '/Applications/WeChat.app/Contents/MacOS/WeChat', 'bad-app-path'],
    ['appPath', '/Applications/WeChat.app/Contents/Frameworks/Helper.app', 'bad-app-path'],
    ['appPath', '/Applications/../System/Applications/Music.app', 'bad-character'],
    ['appPath', '/Applications//WeChat.app', 'bad-character'],
    ['appPath', 'Applications/WeChat.app', 'not-absolute'],
    ['appPath', '/Applications/Stillroom.app', 'stillroom'],
  ] as const)('%s %j → %s', (kind, rule, expected) => {
    expect(verdict(kind, rule)).toBe(expected);
  });

  it('keeps the rules that pass and says why each other one was refused', () => {
    expect(checkMacAppRules({ bundleIds: ['com.tinyspeck.slackmacgap', 'com.apple.finder'], appPaths: ['/Applications/Slack.app', '/System/x.app'] })).toEqual({
      rules: { bundleIds: ['com.tinyspeck.slackmacgap'], appPaths: ['/Applications/Slack.app'] },
      refused: [
        { field: 'bundleIds', rule: 'com.apple.finder', reason: 'system-process' },
        { field: 'appPaths', rule: '/System/x.app', reason: 'system-process' },
      ],
    });
  });

  it('knows the system’s programs and an app’s outermost bundle at runtime', () => {
    expect(isSystemBundleId('com.apple.Safari')).toBe(false);
    expect(isSystemBundleId('com.apple.WebKit.WebContent')).toBe(true);
    expect(isSystemMacPath('/System/Library/CoreServices/Dock.app/Contents/MacOS/Dock')).toBe(true);
    expect(isSystemMacPath('/usr/libexec/trustd')).toBe(true);
    expect(isSystemMacPath('/Applications/Stillroom.app/Contents/MacOS/Stillroom')).toBe(true);
    expect(isSystemMacPath('/Applications/WeChat.app/Contents/MacOS/WeChat')).toBe(false);
    expect(outermostAppBundle('/Applications/WeChat.app/Contents/Frameworks/WeChat Helper.app/Contents/MacOS/WeChat Helper')).toBe('/Applications/WeChat.app');
    expect(outermostAppBundle('/usr/local/bin/wechat')).toBeNull();
  });
});
