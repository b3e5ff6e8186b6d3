import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScheduleRuleInput, ScheduleWindow } from '../../contract/schedule';
import { MINUTE, type SessionState } from '../../contract/session';
import { zonePerTest } from '../../../test-support/schedule-rules';
import { createTestCore, type TestCore } from '../../../test-support/test-core';
import { LONGEST_SLEEP_MS } from './scheduled-sessions';

// The real core (schedule file, session journal, protections, reflection log) over a manual clock, in UTC.
const inZone = zonePerTest();
const at = (hour: number, minute = 0) => Date.UTC(2026, 10, 30, hour, minute); // Monday 2026-11-30

const mornings: ScheduleRuleInput = {
  days: ['mo', 'tu', 'we', 'th', 'fr'],
  start: '09:00',
  end: { kind: 'until', time: '11:30' },
  mode: 'locked',
  blocks: { sites: ['global-feeds'], ownSites: false, apps: ['chat'], ownApps: false },
  intent: 'the thesis',
};

const cores: TestCore[] = [];
afterEach(async () => {
  for (const test of cores.splice(0)) await test.dispose();
});

async function coreAt(now: number, root?: string): Promise<TestCore> {
  inZone('UTC');
  const test = await createTestCore({ now, ...(root && { root }) });
  cores.push(test);
  return test;
}

const phase = (test: TestCore) => test.core.session.state().phase;
const running = (test: TestCore) => {
  const state = test.core.session.state();
  if (state.phase !== 'running') throw new Error(`no session runs (${state.phase})`);
  return state.session;
};
/** Moves the clock and waits until the scheduler's look (fired by its timer) has settled into `ready`. */
async function advanceTo(test: TestCore, instant: number, ready: (state: SessionState) => boolean = () => true): Promise<void> {
  test.clock.advance(instant - test.clock.now());
  await vi.waitFor(() => expect(ready(test.core.session.state())).toBe(true));
  await test.core.scheduled.recompute();
}

describe('scheduled sessions while the app runs', () => {
  it('starts a normal session at the window’s start, with its mode, lists and intent, and ends it at its end', async () => {
    const test = await coreAt(at(8));
    await test.core.schedule.add(mornings);
    await test.core.scheduled.recompute();
    expect(test.core.scheduled.nextWindow()).toMatchObject({ start: at(9), end: at(11, 30) });
    await advanceTo(test, at(8, 59));
    expect(phase(test)).toBe('idle');

    await advanceTo(test, at(9), (state) => state.phase === 'running');
    const session = running(test);
    expect(session).toMatchObject({
      startedAt: at(9),
      endsAt: at(11, 30),
      plannedMinutes: 150,
      mode: 'locked',
      intent: 'the thesis',
      blocks: mornings.blocks,
      window: { start: at(9), end: at(11, 30), ruleIds: [expect.any(String)] },
    });
    // A normal running session: its protections were asked for (no guard here, which the session says).
    const state = test.core.session.state();
    expect(state.phase === 'running' && state.protections.map((status) => status.id)).toContain('blocking');
    expect(test.core.session.requestEnd()).toEqual({ kind: 'locked', until: at(11, 30) });

    await advanceTo(test, at(11, 30), (state) => state.phase === 'ended');
    expect(test.core.session.state()).toMatchObject({ phase: 'ended', session: { ending: { kind: 'completed', at: at(11, 30) } } });
    // Its reflection waits like any session's, and says it was scheduled.
    await test.core.session.endRecorded();
    const week = await test.core.reflections.weekly({ timeZone: 'UTC', today: '2026-11-30' }, 'en');
    expect(week.entries.map((entry) => entry.facts)).toMatchObject([{ startedAt: at(9), scheduled: true }]);
    expect(week.markdown).toContain('2 h 30 min of 2 h 30 min planned · scheduled · completed');
    // The next window is tomorrow's.
    expect(test.core.scheduled.nextWindow()).toMatchObject({ start: at(9) + 24 * 60 * MINUTE });
  });

  it('started inside a window, runs its session for the rest of it; a restart during it resumes that one', async () => {
    const first = await coreAt(at(8));
    await first.core.schedule.add(mornings);
    await first.core.dispose();
    cores.splice(cores.indexOf(first), 1);

    const later = await coreAt(at(10, 47), first.root);
    expect(running(later)).toMatchObject({ startedAt: at(10, 47), endsAt: at(11, 30), plannedMinutes: 43, mode: 'locked', window: { start: at(9) } });
    const id = running(later).id;
    await later.core.dispose();
    cores.splice(cores.indexOf(later), 1);

    const again = await coreAt(at(11), first.root);
    expect(running(again)).toMatchObject({ id, endsAt: at(11, 30) });
  });

  it('does not start a skipped window, nor offer its notice', async () => {
    const test = await coreAt(at(8));
    const notices: ScheduleWindow[] = [];
    test.core.scheduled.onNotice((window) => notices.push(window));
    const added = await test.core.schedule.add({ ...mornings, mode: 'flexible' });
    const ruleId = added.state.state === 'ready' ? added.state.schedule.rules[0]!.id : '';
    await test.core.schedule.skipToday(ruleId);
    await advanceTo(test, at(9, 30));
    expect(phase(test)).toBe('idle');
    expect(notices).toEqual([]);
    expect(test.core.scheduled.nextWindow()).toMatchObject({ start: at(9) + 24 * 60 * MINUTE });
    // The skip counts in the weekly review, in quiet words.
    const week = await test.core.reflections.weekly({ timeZone: 'UTC', today: '2026-11-30' }, 'en');
    expect(week).toMatchObject({ sessions: 0, skippedWindows: 1 });
    expect(week.markdown).toContain('No sessions in these days. 1 scheduled window skipped.');
    const zh = await test.core.reflections.weekly({ timeZone: 'UTC', today: '2026-11-30' }, 'zh-CN');
    expect(zh.markdown).toContain('跳过了 1 段计划专注。');
  });

  it('a session ended early in a flexible window is not started again in it', async () => {
    const test = await coreAt(at(8, 30));
    await test.core.schedule.add({ ...mornings, mode: 'flexible' });
    await advanceTo(test, at(9), (state) => state.phase === 'running');
    await test.core.session.end({ kind: 'confirm' });
    await advanceTo(test, at(9) + LONGEST_SLEEP_MS + MINUTE);
    expect(phase(test)).toBe('ended');
  });

  it('offers a quiet notice five minutes before a window, once', async () => {
    const test = await coreAt(at(8));
    const notices: ScheduleWindow[] = [];
    test.core.scheduled.onNotice((window) => notices.push(window));
    await test.core.schedule.add(mornings);
    await advanceTo(test, at(8, 54));
    expect(notices).toEqual([]);
    await advanceTo(test, at(8, 55));
    expect(notices).toMatchObject([{ start: at(9), mode: 'locked' }]);
    await test.core.scheduled.recompute();
    expect(notices).toHaveLength(1);
  });

  it('holds the notice back while a session runs (notifications are muted), and the window extends that session', async () => {
    const test = await coreAt(at(8, 40));
    const notices: ScheduleWindow[] = [];
    test.core.scheduled.onNotice((window) => notices.push(window));
    await test.core.schedule.add(mornings);
    const manual = await test.core.session.start({ minutes: 25, mode: 'flexible', intent: 'email' });
    const id = manual.phase === 'running' ? manual.session.id : '';
    await advanceTo(test, at(8, 56));
    expect(notices).toEqual([]);

    // 09:00: the manual session (ending 09:05) is lengthened to the window's end and takes the stricter mode.
    await advanceTo(test, at(9), (state) => state.phase === 'running' && state.session.endsAt === at(11, 30));
    expect(running(test)).toMatchObject({ id, intent: 'email', startedAt: at(8, 40), endsAt: at(11, 30), mode: 'locked', window: { start: at(9) } });
    // What it blocks: the lists in Settings, and the window's too.
    const defaults = test.core.settings.get();
    expect(running(test).blocks).toEqual({
      sites: [...new Set([...defaults.blocking.enabledCategories, 'global-feeds'])].sort(byOrderOf(['global-feeds', 'global-video', 'chinese-feeds', 'chinese-video', 'news'])),
      ownSites: true,
      apps: [...new Set([...defaults.apps.enabledCategories, 'chat'])].sort(byOrderOf(['chat', 'work-chat', 'video-feeds', 'games'])),
      ownApps: true,
      allowOnly: false,
    });
    await advanceTo(test, at(11, 30), (state) => state.phase === 'ended');
    expect(notices).toEqual([]);
  });

  it('a session started by hand inside a window is lengthened to its end, never shortened', async () => {
    const test = await coreAt(at(8, 30));
    await test.core.schedule.add({ ...mornings, mode: 'flexible' });
    await advanceTo(test, at(9), (state) => state.phase === 'running');
    await test.core.session.end({ kind: 'confirm' });
    test.clock.advance(MINUTE);

    const short = await test.core.session.start({ minutes: 25, mode: 'committed' });
    expect(short).toMatchObject({ phase: 'running', session: { startedAt: at(9, 1), endsAt: at(11, 30), mode: 'committed', window: { start: at(9) } } });
    await test.core.session.end({ kind: 'phrase', phrase: short.phase === 'running' ? (short.session.challenge ?? '') : '', reason: 'a call' });

    // Longer than the window: kept as long as it was chosen.
    const long = await test.core.session.start({ minutes: 240, mode: 'flexible' });
    expect(long).toMatchObject({ phase: 'running', session: { endsAt: at(9, 1) + 240 * MINUTE, mode: 'flexible', window: { end: at(11, 30) } } });
  });

  it('a session running past a window is not shortened by it', async () => {
    const test = await coreAt(at(8));
    await test.core.schedule.add({ ...mornings, mode: 'flexible' });
    await test.core.session.start({ minutes: 240, mode: 'committed' });
    await advanceTo(test, at(9), (state) => state.phase === 'running' && state.session.window !== null);
    expect(running(test)).toMatchObject({ endsAt: at(12), mode: 'committed', window: { start: at(9), end: at(11, 30) } });
  });

  it('an allowlist rule’s window starts an allowlist session', async () => {
    const test = await coreAt(at(8));
    await test.core.schedule.add({ ...mornings, blocks: { ...mornings.blocks, allowOnly: true } });
    await advanceTo(test, at(9), (state) => state.phase === 'running');
    expect(running(test)).toMatchObject({ allowOnly: true, blocks: { allowOnly: true }, window: { start: at(9) } });
  });

  it('an allowlist session started by hand stays one when an ordinary window joins it', async () => {
    const other = await coreAt(at(8, 40));
    await other.core.schedule.add(mornings);
    await other.core.session.start({ minutes: 25, mode: 'flexible', allowOnly: true });
    await advanceTo(other, at(9), (state) => state.phase === 'running' && state.session.window !== null);
    expect(running(other)).toMatchObject({ allowOnly: true, blocks: { allowOnly: true }, endsAt: at(11, 30) });
  });

  it('a clock set forward into a window starts its session at the next look, with no timer at the start', async () => {
    const test = await coreAt(at(7));
    await test.core.schedule.add(mornings);
    // The system time jumps to 10:00; the timer armed before it (at most LONGEST_SLEEP_MS ahead) fires at once.
    test.clock.set(at(10));
    test.clock.advance(0);
    await vi.waitFor(() => expect(phase(test)).toBe('running'));
    expect(running(test)).toMatchObject({ startedAt: at(10), endsAt: at(11, 30) });
  });

  it('tells the app when the schedule changes and when a window begins (the schedule.changed event)', async () => {
    const test = await coreAt(at(8, 50));
    const pushed: string[] = [];
    test.core.events.listen((channel) => pushed.push(channel));
    await test.core.schedule.add(mornings);
    await vi.waitFor(() => expect(pushed.filter((channel) => channel === 'stillroom:schedule.changed').length).toBeGreaterThanOrEqual(1));
    const before = pushed.filter((channel) => channel === 'stillroom:schedule.changed').length;
    await advanceTo(test, at(9), (state) => state.phase === 'running');
    await vi.waitFor(() => expect(pushed.filter((channel) => channel === 'stillroom:schedule.changed').length).toBeGreaterThan(before));
  });
});

function byOrderOf<T>(order: readonly T[]): (a: T, b: T) => number {
  return (a, b) => order.indexOf(a) - order.indexOf(b);
}
