import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppCategoryId, AppRuleRejection, DEFAULT_APP_CATEGORIES } from '../../contract/apps';
import raw from '../../../resources/apps/default-apps.json' with { type: 'json' };
import { APP_RULE_REJECTIONS } from '../../base/apps/app-rule';
import { linuxAppMatcher } from '../../base/apps/app-match';
import { defaultAppCategories, parseAppListData } from './default-apps';

const apps = new Map(defaultAppCategories.flatMap((category) => category.apps.map((app) => [app.id, app])));

describe('the built-in app lists', () => {
  it('hold the apps the issue names, each in its category', () => {
    const ids = new Map(defaultAppCategories.map((c) => [c.id, c.apps.map((a) => a.id)]));
    expect(ids.get('chat')).toEqual(expect.arrayContaining(['wechat', 'qq', 'telegram', 'discord', 'whatsapp', 'signal']));
    expect(ids.get('work-chat')).toEqual(expect.arrayContaining(['slack', 'feishu', 'dingtalk']));
    expect(ids.get('video-feeds')).toEqual(expect.arrayContaining(['bilibili', 'douyin', 'kuaishou', 'freetube']));
    expect(ids.get('games')).toEqual(expect.arrayContaining(['steam', 'epic-games', 'battle-net']));
    for (const app of apps.values()) expect(ids.get(app.category)).toContain(app.id);
  });

  it('keep work chat off by default and say why someone would turn it on, in both languages', () => {
    expect(DEFAULT_APP_CATEGORIES).not.toContain('work-chat');
    const work = defaultAppCategories.find((c) => c.id === 'work-chat');
    expect(work?.why?.en).toMatch(/off by default/i);
    expect(work?.why?.['zh-CN']).toMatch(/默认关闭/);
    for (const category of defaultAppCategories) expect(category.names['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('recognise the real installs of the apps they were checked against', () => {
    const match = linuxAppMatcher([...apps.values()]);
    const facts = (exe: string, flatpakId: string | null = null) => ({ exe, appImage: null, flatpakId });
    expect(match(facts('/opt/wechat/wechat'))).toBe('wechat');
    expect(match(facts('/opt/QQ/qq'))).toBe('qq');
    expect(match(facts('/usr/share/discord/Discord'))).toBe('discord');
    expect(match(facts('/usr/lib/slack/slack'))).toBe('slack');
    expect(match(facts('/home/ada/.local/share/Steam/ubuntu12_32/steam'))).toBe('steam');
    expect(match(facts('/snap/signal-desktop/700/opt/Signal/signal-desktop'))).toBe('signal');
    expect(match(facts('/app/bin/Telegram', 'org.telegram.desktop'))).toBe('telegram');
    expect(match(facts('/app/bin/steam-wrapper', 'com.valvesoftware.Steam'))).toBe('steam');
    // As the Flathub manifest unpacks DingTalk's deb.
    expect(match(facts('/opt/apps/com.alibabainc.dingtalk/files/7.8.15-Release.5092302/com.alibabainc.dingtalk'))).toBe('dingtalk');
    // bilibili-linux runs Electron's own binary, which matches nothing wherever it lies (a shared runtime): its
    // folder tells that it is installed here, but its process cannot be told apart, so it is not closed.
    expect(match(facts('/opt/apps/io.github.msojocs.bilibili/files/electron/electron'))).toBeNull();
  });

  it('mark the identifiers that could not be verified, and docs/apps.md names each such app', () => {
    const marked = new Map(raw.categories.flatMap((category) => category.apps.flatMap((app) => ('unverified' in app ? [[app.id, app.unverified]] : []))));
    for (const id of ['feishu', 'douyin', 'kuaishou', 'bilibili']) expect(marked.get(id), id).toBeDefined();
    for (const id of ['feishu', 'douyin', 'kuaishou']) expect(marked.get(id), id).toContain('linux.executables');
    const docs = readFileSync(join(import.meta.dirname, '../../../docs/apps.md'), 'utf8');
    const unverifiedSection = docs.slice(docs.indexOf('## Unverified identifiers'));
    for (const id of marked.keys()) expect(unverifiedSection, id).toContain(apps.get(id)!.names.en);
  });

  it('refuse an unverified mark on a field the entry leaves empty, or on no field at all', () => {
    const marking = (unverified: string[]) => {
      const copy = structuredClone(raw) as { categories: { apps: Record<string, unknown>[] }[] };
      copy.categories[0]!.apps[0]!.unverified = unverified;
      return () => parseAppListData(copy);
    };
    expect(marking(['linux.snaps'])).toThrow(/wechat: linux.snaps is marked unverified but holds nothing/);
    expect(marking(['linux.guesses'])).toThrow();
    expect(marking(['linux.flatpaks'])).not.toThrow();
  });

  it('refuse data with a rule the shared validator refuses, a twice-used id, or a missing category', () => {
    const broken = (mutate: (data: typeof raw) => void) => {
      const copy = structuredClone(raw);
      mutate(copy);
      return () => parseAppListData(copy);
    };
    expect(broken((d) => d.categories[0]!.apps[0]!.linux.executables!.push('bash'))).toThrow(/wechat: executables bash is refused \(system-process\)/);
    expect(broken((d) => d.categories[0]!.apps[0]!.linux.paths!.push('/usr/bin/'))).toThrow();
    expect(broken((d) => (d.categories[0]!.apps[0]!.linux.executables = [' wechat']))).toThrow(/canonical/);
    expect(broken((d) => (d.categories[0]!.apps[1]!.id = 'wechat'))).toThrow();
    expect(broken((d) => (d.categories[0]!.id = 'news'))).toThrow();
    expect(broken((d) => d.categories.pop())).toThrow();
    expect(() => parseAppListData(raw)).not.toThrow();
  });

  it('share their refusal codes with the contract, so each one the validator gives can be said', () => {
    expect([...AppRuleRejection.options].sort()).toEqual([...APP_RULE_REJECTIONS].sort());
    expect(AppCategoryId.options).toHaveLength(defaultAppCategories.length);
  });
});
