import { afterEach, describe, expect, it } from 'vitest';
import type { ProtectionStatus } from '../../../../src-main/contract/protection';
import { useSettingsStore } from '../../app/settings-store';
import { ReflectionFacts } from './ReflectionFacts';
import { mount, unmountAll } from '../../../../test-support/renderer/test-dom';
import { entryFixture } from '../../../../test-support/renderer/reflection-fixtures';

afterEach(unmountAll);

function setLanguage(language: 'en' | 'zh-CN') {
  useSettingsStore.setState({ state: { settings: { appearance: { theme: 'light', language } } } } as never);
}

const facts = entryFixture({
  facts: {
    notes: [
      { name: 'Lemma 3.md', title: 'Lemma 3', formulasAdded: 10, formulasChanged: 2 },
      { name: 'One.md', title: 'One', formulasAdded: 0, formulasChanged: 1 },
      { name: 'Prose.md', title: 'Prose', formulasAdded: 0, formulasChanged: 0 },
      { name: 'Old.md', title: 'Old', formulasAdded: null, formulasChanged: null },
    ],
  },
}).facts;

const lines = (container: HTMLElement) => [...container.querySelectorAll('.fact-notes li')].map((li) => li.textContent);
const links = (container: HTMLElement) => [...container.querySelectorAll('.fact-notes li button')].map((button) => button.textContent);

describe('ReflectionFacts notes', () => {
  it('says how many equations each note got, the title alone being the link; prose-only and uncounted notes are just links', () => {
    setLanguage('en');
    const container = mount(<ReflectionFacts facts={facts} day="2026-12-03" path="Reflections/x.md" />);
    expect(lines(container)).toEqual(['12 equations in “Lemma 3” · 10 new, 2 changed', '1 equation in “One” · 0 new, 1 changed', 'Prose', 'Old']);
    expect(links(container)).toEqual(['Lemma 3', 'One', 'Prose', 'Old']);
  });

  it('keeps the Chinese word order, the title still the link', () => {
    setLanguage('zh-CN');
    const container = mount(<ReflectionFacts facts={facts} day="2026-12-03" path="Reflections/x.md" />);
    expect(lines(container)[0]).toBe('“Lemma 3”中的 12 个公式 · 新增 10 个，修改 2 个');
    expect(links(container)[0]).toBe('Lemma 3');
    expect(container.querySelector('.fact-notes button')!.getAttribute('aria-label')).toBe('在笔记中打开 Lemma 3');
  });
});

describe('ReflectionFacts reaches', () => {
  const reached = [
    { host: 'bilibili.com', count: 7, times: [Date.UTC(2026, 11, 3, 9, 40)] },
    { host: 'www.youtube.com', count: 1, times: [Date.UTC(2026, 11, 3, 9, 45)] },
  ];
  const reachLines = (container: HTMLElement) => [...container.querySelectorAll('.fact-reached li')].map((li) => li.textContent);

  const reachNote = (container: HTMLElement) => container.querySelector('.fact-reached-note')?.textContent;

  it('says in one quiet line per site how often the user reached for it, and that the counts are approximate, in both languages', () => {
    setLanguage('en');
    const withReaches = entryFixture({ facts: { reached } }).facts;
    const english = mount(<ReflectionFacts facts={withReaches} day="2026-12-03" path="Reflections/x.md" />);
    expect(reachLines(english)).toEqual(['You reached for bilibili.com 7 times.', 'You reached for www.youtube.com once.']);
    expect(reachNote(english)).toBe('These counts are approximate: they come from connections to blocked sites.');
    unmountAll();
    setLanguage('zh-CN');
    const chinese = mount(<ReflectionFacts facts={withReaches} day="2026-12-03" path="Reflections/x.md" />);
    expect(reachLines(chinese)).toEqual(['你有 7 次想打开 bilibili.com。', '你有 1 次想打开 www.youtube.com。']);
    expect(reachNote(chinese)).toBe('这些次数只是大概：按连向被屏蔽网站的连接来算。');
  });

  it('shows nothing when there were no reaches, or they were not counted', () => {
    setLanguage('en');
    for (const none of [[], null]) {
      const container = mount(<ReflectionFacts facts={entryFixture({ facts: { reached: none } }).facts} day="2026-12-03" path="Reflections/x.md" />);
      expect(container.querySelector('.fact-reached')).toBeNull();
      expect(reachNote(container)).toBeUndefined();
      expect(container.textContent).not.toContain('reached');
      unmountAll();
    }
  });
});

describe('ReflectionFacts apps reached for', () => {
  const launches = [
    { appId: 'wechat', names: { en: 'WeChat', 'zh-CN': '微信' }, attempts: 4 },
    { appId: 'steam', names: { en: 'Steam', 'zh-CN': 'Steam' }, attempts: 1 },
  ];
  const appLines = (container: HTMLElement) => [...container.querySelectorAll('[data-testid="fact-reached-apps"] li')].map((li) => li.textContent);

  it('says in one quiet line per app how often the user reached for it, in both languages', () => {
    const withApps = entryFixture({ facts: { protections: [{ id: 'apps', state: 'active', detail: { by: 'app', appCount: 12, launches, installed: null } }] } }).facts;
    setLanguage('en');
    expect(appLines(mount(<ReflectionFacts facts={withApps} day="2026-12-03" path="Reflections/x.md" />))).toEqual([
      'You reached for WeChat 4 times.',
      'You reached for Steam once.',
    ]);
    unmountAll();
    setLanguage('zh-CN');
    expect(appLines(mount(<ReflectionFacts facts={withApps} day="2026-12-03" path="Reflections/x.md" />))).toEqual(['你有 4 次想打开微信。', '你有 1 次想打开Steam。']);
  });

  it('shows no line when apps were not closed or none was reached for', () => {
    setLanguage('en');
    const quiet: ProtectionStatus[] = [
      { id: 'apps', state: 'active', detail: { by: 'app', appCount: 12, launches: [], installed: null } },
      { id: 'apps', state: 'unavailable', unavailable: { reason: 'turned-off' } },
    ];
    for (const apps of quiet) {
      const container = mount(<ReflectionFacts facts={entryFixture({ facts: { protections: [apps] } }).facts} day="2026-12-03" path="Reflections/x.md" />);
      expect(container.querySelector('[data-testid="fact-reached-apps"]')).toBeNull();
      unmountAll();
    }
  });
});

describe('ReflectionFacts headings', () => {
  it('puts the protections and the notes a level under the facts heading, so the outline never skips one', () => {
    setLanguage('en');
    const withProtections = entryFixture({ facts: { protections: [{ id: 'blocking', state: 'active', detail: { localServerPorts: [] } }] } }).facts;
    const container = mount(<ReflectionFacts facts={withProtections} day="2026-12-03" path="Reflections/x.md" />);
    const outline = [...container.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((heading) => heading.tagName);
    expect(outline).toEqual(['H3', 'H4', 'H4']);
    expect(container.querySelector('h4')!.closest('.protections')).not.toBeNull();
  });
});
