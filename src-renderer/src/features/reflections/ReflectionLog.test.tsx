import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSettingsStore } from '../../app/settings-store';
import { groupByDay, LOG_PAGE, ReflectionLog } from './ReflectionLog';
import { mount, unmountAll } from '../../../../test-support/renderer/test-dom';
import { entryFixture } from '../../../../test-support/renderer/reflection-fixtures';

const settings = useSettingsStore.getState();
beforeEach(() => useSettingsStore.setState(settings, true));
afterEach(unmountAll);

const entries = [
  entryFixture({ day: '2026-12-03', facts: { sessionId: 'c', intent: 'third' }, status: 'reflected', answers: { outcome: 'yes', depth: 4, moved: 'a *lot*', tags: ['analysis'] } }),
  entryFixture({ day: '2026-12-03', facts: { sessionId: 'b', intent: 'second' } }),
  entryFixture({ day: '2026-11-30', facts: { sessionId: 'a', intent: 'first' }, status: 'skipped' }),
];

function setLanguage(language: 'en' | 'zh-CN') {
  useSettingsStore.setState({ state: { settings: { appearance: { theme: 'light', language } } } } as never);
}

describe('ReflectionLog', () => {
  it('groups runs of the same day, keeping the core’s newest-first order', () => {
    expect(groupByDay(entries).map((group) => [group.day, group.entries.map((entry) => entry.facts.sessionId)])).toEqual([
      ['2026-12-03', ['c', 'b']],
      ['2026-11-30', ['a']],
    ]);
  });

  it('heads each day in the reader’s language and says which ones still wait', () => {
    setLanguage('en');
    let container = mount(<ReflectionLog list={{ entries, unreadable: [], progress: null }} />);
    expect([...container.querySelectorAll('.log-day h3')].map((heading) => heading.textContent)).toEqual(['Thursday, December 3, 2026', 'Monday, November 30, 2026']);
    expect(container.querySelector('[data-session="c"] .log-meta')!.textContent).toContain('done · depth 4');
    expect(container.querySelector('[data-session="c"] em')!.textContent).toBe('lot');
    expect(container.querySelector('[data-session="b"] .log-waiting')!.textContent).toBe('Waiting for its reflection');
    expect(container.querySelector('[data-session="a"] button')!.textContent).toBe('Write it now');
    unmountAll();
    setLanguage('zh-CN');
    container = mount(<ReflectionLog list={{ entries, unreadable: [], progress: null }} />);
    expect(container.querySelector('.log-day h3')!.textContent).toBe('2026年12月3日星期四');
    expect(container.querySelector('[data-session="a"] .log-waiting')!.textContent).toBe('已跳过');
  });

  it('lists files it could not read with their path and why, and still shows the rest', () => {
    setLanguage('en');
    const container = mount(
      <ReflectionLog list={{ entries: entries.slice(0, 1), unreadable: [{ path: 'Reflections/2026/12/broken.md', reason: 'bad-yaml', detail: 'unexpected end of flow sequence' }], progress: null }} />,
    );
    const unreadable = container.querySelector('.log-unreadable li')!;
    expect(unreadable.querySelector('code')!.textContent).toBe('Reflections/2026/12/broken.md');
    expect(unreadable.textContent).toContain('front matter is not valid YAML (unexpected end of flow sequence)');
    expect(container.querySelectorAll('article.log-entry')).toHaveLength(1);
  });
});

describe('a long log', () => {
  it('draws the newest page first and adds a page per "Show more"', () => {
    setLanguage('en');
    const many = Array.from({ length: 120 }, (_, index) => entryFixture({ day: `2026-0${1 + Math.floor(index / 28)}-${String(1 + (index % 28)).padStart(2, '0')}`, facts: { sessionId: `s-${index}` } }));
    const container = mount(<ReflectionLog list={{ entries: many, unreadable: [], progress: null }} />);
    expect(container.querySelectorAll('article.log-entry')).toHaveLength(LOG_PAGE);
    expect(container.textContent).toContain('Showing the newest 50 of 120.');
    const more = () => [...container.querySelectorAll('button')].find((button) => button.textContent?.startsWith('Show'))!;
    act(() => more().click());
    expect(container.querySelectorAll('article.log-entry')).toHaveLength(100);
    expect(more().textContent).toBe('Show 20 more');
    act(() => more().click());
    expect(container.querySelectorAll('article.log-entry')).toHaveLength(120);
    expect(container.textContent).not.toContain('Showing the newest');
  });
});
