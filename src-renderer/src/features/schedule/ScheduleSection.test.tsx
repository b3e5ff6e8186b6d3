import { act } from 'react';
import type { Schedule } from '../../../../src-main/contract/schedule';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installCoreApi } from '../../../../test-support/renderer-api';
import { mount, typeInto, unmountAll } from '../../../../test-support/renderer/test-dom';
import { createTestCore, type TestCore } from '../../../../test-support/test-core';
import { api } from '../../app/api';
import { useSettingsStore } from '../../app/settings-store';
import { useAppsStore } from '../protections/apps';
import { useBlockingStore } from '../protections/blocking';
import { followSchedule } from './index';
import { ScheduleSection } from './ScheduleSection';
import { useScheduleStore } from './schedule-store';

// A zone without DST, and a renderer clock at the core's: Monday 2026-11-30, 17:00 in Shanghai.
const zoneBefore = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Shanghai';
});
afterAll(() => {
  // process.env turns undefined into the string "undefined": an unset zone is deleted again.
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

let test: TestCore;
let stopFollowing: () => void = () => undefined;
const initial = useScheduleStore.getState();
function setLanguage(language: 'en' | 'zh-CN') {
  useSettingsStore.setState({ state: { settings: { appearance: { theme: 'light', language } } } } as never);
}
beforeEach(async () => {
  test = await createTestCore();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(test.clock.now());
  installCoreApi(test.core);
  useScheduleStore.setState(initial, true);
  stopFollowing = followSchedule();
  await Promise.all([useScheduleStore.getState().load(), useBlockingStore.getState().load(), useAppsStore.getState().load()]);
});
afterEach(async () => {
  stopFollowing();
  unmountAll();
  vi.useRealTimers();
  await test.dispose();
});

const button = (container: HTMLElement, text: string) => [...container.querySelectorAll('button')].find((each) => each.textContent === text)!;
const labelled = <T extends HTMLElement>(container: HTMLElement, text: string) => {
  const label = [...container.querySelectorAll('label')].find((each) => each.textContent === text)!;
  return document.getElementById(label.htmlFor) as T;
};
const choice = (container: HTMLElement, text: string) =>
  [...container.querySelectorAll<HTMLLabelElement>('label.choice')].find((each) => each.textContent === text)!.querySelector('input')!;
/** The schedule as the core reads it back from its file. */
async function storedSchedule(): Promise<Schedule> {
  const result = await api().schedule.state();
  if (!result.ok || result.value.state !== 'ready') throw new Error('the schedule cannot be read');
  return result.value.schedule;
}
const rules = (container: HTMLElement) => [...container.querySelectorAll('.schedule-rule')].map((rule) => rule.textContent);

async function submit(container: HTMLElement, until: () => void) {
  await act(async () => {
    container.querySelector<HTMLFormElement>('form.schedule-form')!.requestSubmit();
    await vi.waitFor(until);
  });
}

const weekdayEvenings = {
  days: ['mo', 'tu', 'we', 'th', 'fr'],
  start: '18:00',
  end: { kind: 'until', time: '19:30' },
  mode: 'flexible',
  blocks: { sites: ['global-feeds'], ownSites: false, apps: [], ownApps: false },
  intent: '',
} as const;

describe('Settings → Schedule, against the real core', () => {
  it('says honestly that scheduled sessions start only while Stillroom runs, in both languages', () => {
    setLanguage('en');
    // No guard in the test core: a closed app means no scheduled block.
    expect(mount(<ScheduleSection />).textContent).toContain('Scheduled sessions start only while Stillroom runs: a closed app means no scheduled block.No rules yet.');
    unmountAll();
    setLanguage('zh-CN');
    expect(mount(<ScheduleSection />).textContent).toContain('计划专注只在静室运行时开始：静室关闭时，不会有计划的屏蔽。');
    unmountAll();
    // With the guard running, a started session's block outlasts a quit (its lease), and the section says only that.
    const blocking = useBlockingStore.getState().state!;
    useBlockingStore.setState({ state: { ...blocking, guard: { state: 'running', version: '0.0.0', lease: null, browsers: [] } } });
    setLanguage('en');
    expect(mount(<ScheduleSection />).querySelector('[data-testid="schedule-reach"]')!.textContent).toBe(
      'The guard blocks your scheduled windows even while Stillroom is closed; the session itself (muted notifications, the reflection) starts when Stillroom runs.',
    );
  });

  it('follows main: a rule added elsewhere, and a window beginning, show without reopening', async () => {
    setLanguage('en');
    const container = mount(<ScheduleSection />);
    await act(async () => {
      await test.core.schedule.add({ ...weekdayEvenings, mode: 'locked' });
      await vi.waitFor(() => expect(rules(container)).toHaveLength(1));
    });
    expect(container.querySelector('[data-testid="schedule-next"]')!.textContent).toBe('Next: Mon 18:00');
    // 18:00 in Shanghai: the core starts the window's session and pushes the schedule; the rule now says until when.
    await act(async () => {
      vi.setSystemTime(test.clock.now() + 60 * 60_000);
      test.clock.advance(60 * 60_000);
      await vi.waitFor(() => expect(container.querySelector('[data-testid="schedule-next"]')!.textContent).toBe('Now, until 19:30'));
    });
    expect(test.core.session.state().phase).toBe('running');
  });

  it('adds a flexible rule, lists it with its next window, and skips today', async () => {
    setLanguage('en');
    const container = mount(<ScheduleSection />);
    // Mon–Fri is chosen to begin with; this rule is for Monday and Wednesday only.
    act(() => {
      for (const day of ['Tue', 'Thu', 'Fri']) button(container, day).click();
    });
    expect(button(container, 'Mon').getAttribute('aria-pressed')).toBe('true');
    expect(button(container, 'Tue').getAttribute('aria-pressed')).toBe('false');
    typeInto(labelled<HTMLInputElement>(container, 'Start'), '18:00');
    act(() => {
      const ends = labelled<HTMLSelectElement>(container, 'Ends');
      ends.value = 'length';
      ends.dispatchEvent(new Event('change', { bubbles: true }));
    });
    typeInto(labelled<HTMLInputElement>(container, 'Length in minutes'), '45');
    act(() => choice(container, 'Flexible').click());
    const feeds = useBlockingStore.getState().state!.categories[0]!;
    act(() => choice(container, feeds.names.en).click());
    act(() => choice(container, 'your own apps').click());
    typeInto(labelled<HTMLInputElement>(container, 'Intent'), 'Read the paper');
    await submit(container, () => expect(useScheduleStore.getState().state).toMatchObject({ schedule: { rules: [{}] } }));

    const [rule] = (await storedSchedule()).rules;
    expect(rule).toMatchObject({ days: ['mo', 'we'], start: '18:00', end: { kind: 'length', minutes: 45 }, mode: 'flexible', intent: 'Read the paper' });
    expect(rule).toMatchObject({ blocks: { sites: [feeds.id], ownSites: false, apps: [], ownApps: true } });
    expect(rules(container)).toEqual([
      `Mon, Wed 18:00, 45 min · FlexibleBlocks ${feeds.names.en} and your own appsIntent: “Read the paper”Next: Mon 18:00Skip todayRemove`,
    ]);
    // The form starts over for the next rule.
    expect(labelled<HTMLInputElement>(container, 'Start').value).toBe('09:00');

    await act(async () => {
      button(container, 'Skip today').click();
      await vi.waitFor(() => expect(container.querySelector('[data-testid="schedule-next"]')?.textContent).toBe('Skipped today'));
    });
    expect(button(container, 'Skip today')).toBeUndefined();
    act(() => setLanguage('zh-CN'));
    expect(container.querySelector('[data-testid="schedule-next"]')?.textContent).toBe('今天已跳过');
  });

  it('keeps a removed locked rule as pending until the wait is over, and says why, in both languages', async () => {
    setLanguage('en');
    const container = mount(<ScheduleSection />);
    act(() => choice(container, 'Locked').click());
    await submit(container, () => expect(rules(container)).toHaveLength(1));
    expect(container.querySelector('[data-testid="schedule-next"]')?.textContent).toBe('Next: Tue 09:00');
    expect(button(container, 'Skip today')).toBeUndefined();

    await act(async () => {
      container.querySelector<HTMLButtonElement>('button[aria-label="Remove the rule Mon, Tue, Wed, Thu, Fri 09:00–11:30"]')!.click();
      await vi.waitFor(() => expect(container.querySelector('.schedule-pending')).not.toBeNull());
    });
    expect(container.querySelector('.schedule-pending')?.textContent).toBe('Removal pending until Tue, Dec 1, 17:00.');
    expect(container.textContent).toContain('A locked rule is loosened or removed only after 24 hours, so a decision made in the moment does not undo it.');
    expect(button(container, 'Remove')).toBeUndefined();
    expect(rules(container)).toHaveLength(1);
    act(() => setLanguage('zh-CN'));
    expect(container.querySelector('.schedule-pending')?.textContent).toMatch(/^移除待生效，生效时间：12月1日周二 17:00。$/);
    expect(container.textContent).toContain('锁定的规则要在 24 小时后才能放宽或移除');
    expect(container.querySelector('.schedule-rule-title')?.textContent).toBe('周一、周二、周三、周四、周五 09:00–11:30 · 锁定');
  });

  it('says when a window already running ends, in both languages', async () => {
    const running = { days: ['mo' as const], start: '16:30', end: { kind: 'until' as const, time: '17:30' }, mode: 'committed' as const, blocks: { sites: [], ownSites: true, apps: [], ownApps: false } };
    expect(await useScheduleStore.getState().add(running)).toBe(true);
    setLanguage('en');
    const container = mount(<ScheduleSection />);
    expect(container.querySelector('[data-testid="schedule-next"]')?.textContent).toBe('Now, until 17:30');
    act(() => setLanguage('zh-CN'));
    expect(container.querySelector('[data-testid="schedule-next"]')?.textContent).toBe('进行中，到 17:30');
  });

  it('shows the core’s refusal beside the form, and adds nothing', async () => {
    const rule = { days: ['sa' as const], start: '09:00', end: { kind: 'length' as const, minutes: 30 }, mode: 'flexible' as const, blocks: { sites: [], ownSites: true, apps: [], ownApps: false } };
    for (let index = 0; index < 20; index++) expect(await useScheduleStore.getState().add(rule)).toBe(true);
    setLanguage('en');
    const container = mount(<ScheduleSection />);
    await submit(container, () => expect(useScheduleStore.getState().formError).not.toBeNull());
    expect(container.querySelector('.schedule-form [role="alert"]')?.textContent).toBe('A schedule holds at most 20 rules.');
    act(() => setLanguage('zh-CN'));
    expect(container.querySelector('.schedule-form [role="alert"]')?.textContent).toBe('日程最多包含 20 条规则。');
    expect(rules(container)).toHaveLength(20);
    expect((await storedSchedule()).rules).toHaveLength(20);
  });
});
