import { act } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { corePerTest } from '../../../../test-support/renderer/core-per-test';
import { mount, unmountAll } from '../../../../test-support/renderer/test-dom';
import { useSettingsStore } from '../../app/settings-store';
import { useBlockingStore } from '../protections/blocking';
import { followSession, FocusView, useSessionStore } from '../session';
import { followSchedule } from './index';
import { useScheduleStore } from './schedule-store';

// UTC, and a renderer clock at the core's (Monday 2026-11-30 09:00 UTC): the Focus view between and during windows.
const zoneBefore = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'UTC';
  // jsdom has no matchMedia; the countdown asks it whether motion is reduced: it is not, and nothing changes.
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener: () => undefined, removeEventListener: () => undefined })) as never;
});
afterAll(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

const core = corePerTest();
const initial = { schedule: useScheduleStore.getState(), session: useSessionStore.getState() };
const stops: (() => void)[] = [];
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(core.test.clock.now());
  useScheduleStore.setState(initial.schedule, true);
  useSessionStore.setState(initial.session, true);
  stops.push(followSchedule(), followSession());
  await act(async () => {
    await Promise.all([useSettingsStore.getState().load(), useBlockingStore.getState().load(), useScheduleStore.getState().load()]);
  });
  useSettingsStore.setState((store) => ({ state: { ...store.state!, settings: { ...store.state!.settings, appearance: { ...store.state!.settings.appearance, language: 'en' } } } }));
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  unmountAll();
  vi.useRealTimers();
});

const afternoons = {
  days: ['mo', 'tu', 'we', 'th', 'fr'],
  start: '13:00',
  end: { kind: 'until', time: '15:30' },
  mode: 'committed',
  blocks: { sites: ['global-feeds'], ownSites: false, apps: [], ownApps: false },
  intent: 'the thesis',
} as const;

describe('the Focus view and the schedule, against the real core', () => {
  it('shows the next window when idle and says how far it reaches; then the scheduled session, marked, when it starts', async () => {
    const container = mount(<FocusView />);
    await act(async () => {
      await vi.waitFor(() => expect(useSessionStore.getState().state?.phase).toBe('idle'));
    });
    // No rules: nothing about schedules.
    expect(container.querySelector('[data-testid="next-window"]')).toBeNull();

    await act(async () => {
      await core.test.core.schedule.add(afternoons);
      await vi.waitFor(() => expect(container.querySelector('[data-testid="next-window"]')).not.toBeNull());
    });
    expect(container.querySelector('[data-testid="next-window"]')!.textContent).toBe(
      'Next scheduled session: Mon 13:00–15:30Scheduled sessions start only while Stillroom runs: a closed app means no scheduled block.',
    );

    // 13:00: the core starts the window's session; the Focus view shows it as a running session, marked.
    await act(async () => {
      vi.setSystemTime(Date.UTC(2026, 10, 30, 13));
      core.test.clock.advance(4 * 60 * 60_000);
      await vi.waitFor(() => expect(container.querySelector('[data-testid="scheduled-mark"]')).not.toBeNull());
    });
    expect(container.querySelector('[data-testid="scheduled-mark"]')!.textContent).toBe('Scheduled: 13:00–15:30');
    expect(container.querySelector('.focus-intent')!.textContent).toBe('the thesis');
  });

  it('says it in Chinese too', async () => {
    useSettingsStore.setState((store) => ({ state: { ...store.state!, settings: { ...store.state!.settings, appearance: { ...store.state!.settings.appearance, language: 'zh-CN' } } } }));
    await act(async () => {
      await core.test.core.schedule.add(afternoons);
    });
    const container = mount(<FocusView />);
    await act(async () => {
      await vi.waitFor(() => expect(container.querySelector('[data-testid="next-window"]')).not.toBeNull());
    });
    expect(container.querySelector('[data-testid="next-window"]')!.textContent).toBe('下一段计划专注：周一13:00–15:30计划专注只在静室运行时开始：静室关闭时，不会有计划的屏蔽。');
  });
});
