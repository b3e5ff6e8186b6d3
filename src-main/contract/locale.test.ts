import { describe, expect, it } from 'vitest';
import { resolveLocale } from './locale';

describe('resolveLocale', () => {
  it.each([
    [['zh-Hans-CN'], 'zh-CN'],
    [['zh-TW'], 'zh-CN'],
    [['zh_CN.UTF-8'], 'zh-CN'],
    [['ZH'], 'zh-CN'],
    [['en-GB'], 'en'],
    [['fr'], 'en'],
    [['fr-FR', 'zh-CN'], 'zh-CN'],
    [['de', 'en-US', 'zh-CN'], 'en'],
    [['zha'], 'en'],
    [[''], 'en'],
    [[], 'en'],
  ])('reads %j as %s when following the system', (system, expected) => {
    expect(resolveLocale('system', system)).toBe(expected);
  });

  it('keeps the user’s choice over any system locale', () => {
    expect(resolveLocale('en', ['zh-Hans-CN'])).toBe('en');
    expect(resolveLocale('zh-CN', ['en-GB'])).toBe('zh-CN');
    expect(resolveLocale('zh-CN', [])).toBe('zh-CN');
  });
});
