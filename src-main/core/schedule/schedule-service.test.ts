import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScheduleRuleInput } from '../../contract/schedule';
import { localReading, zonePerTest } from '../../../test-support/schedule-rules';
import { ManualClock } from '../clock';
import { DomainError } from '../domain-error';
import { ScheduleService } from './schedule-service';
import { ScheduleStore } from './schedule-store';

const HOUR = 3_600_000;
const folder = mkdtempSync(join(tmpdir(), 'stillroom-schedule-service-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const inZone = zonePerTest();

let count = 0;
function service(now: string) {
  const store = new ScheduleStore(join(folder, `schedule-${count++}.json`));
  const clock = new ManualClock(Date.parse(now));
  return { store, clock, schedule: new ScheduleService({ store, clock }) };
}

const weekdayMornings: ScheduleRuleInput = {
  days: ['mo', 'tu', 'we', 'th', 'fr'],
  start: '09:00',
  end: { kind: 'until', time: '11:30' },
  mode: 'locked',
  blocks: { sites: ['global-feeds', 'chinese-feeds'], ownSites: true, apps: ['chat'], ownApps: false },
  intent: 'the thesis',
};

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof DomainError)) throw new Error(`not refused: ${String(error)}`);
  return error;
}

const startsOf = (windows: { start: number }[]) => windows.map((window) => localReading(window.start));

describe('ScheduleService', () => {
  it('adds a rule and lists the windows of the next 7 days in the process’s zone', async () => {
    inZone('Europe/Berlin');
    const { schedule, store } = service('2026-03-27T12:00:00Z'); // a Friday, two days before Berlin's clocks go forward
    const { state, effect } = await schedule.add(weekdayMornings);
    expect(effect).toEqual({ kind: 'applied' });
    // Entered without the allowlist choice: an ordinary window.
    expect(state.state === 'ready' && state.schedule.rules).toEqual([{ ...weekdayMornings, blocks: { ...weekdayMornings.blocks, allowOnly: false }, id: expect.stringMatching(/^[a-z0-9-]+$/), note: null }]);
    expect(startsOf(await schedule.upcoming())).toEqual(['2026-03-30 09:00', '2026-03-31 09:00', '2026-04-01 09:00', '2026-04-02 09:00', '2026-04-03 09:00']);
    expect(JSON.parse(readFileSync(store.path, 'utf8')).schedule.rules).toHaveLength(1);
  });

  it('keeps a locked rule’s loosening pending until its delay passed, shown in the state', async () => {
    inZone('America/New_York');
    const { schedule, clock } = service('2026-06-01T04:00:00Z'); // Monday 00:00 in New York
    const added = await schedule.add(weekdayMornings);
    const id = added.state.state === 'ready' ? added.state.schedule.rules[0]!.id : '';

    const loosened = await schedule.update(id, { ...weekdayMornings, days: ['mo'] });
    expect(loosened.effect).toEqual({ kind: 'pending', effectiveAt: clock.now() + 24 * HOUR });
    expect(loosened.state.state === 'ready' && loosened.state.schedule.pending).toHaveLength(1);
    const removal = await schedule.remove(id);
    expect(removal.effect).toEqual({ kind: 'pending', effectiveAt: clock.now() + 24 * HOUR });
    // Only Monday's window starts before the removal takes effect (Tuesday 00:00); it holds as it was.
    expect(startsOf(await schedule.upcoming())).toEqual(['2026-06-01 09:00']);

    clock.advance(10 * HOUR); // inside Monday's window: still there, running
    expect(startsOf(await schedule.upcoming())).toEqual(['2026-06-01 09:00']);
    clock.advance(14 * HOUR - 1);
    expect(await schedule.state()).toMatchObject({ state: 'ready', schedule: { rules: [{ id }], pending: [{ kind: 'remove' }] } });
    clock.advance(1);
    expect(await schedule.upcoming()).toEqual([]);
    expect(await schedule.state()).toMatchObject({ state: 'ready', schedule: { rules: [], pending: [] } });
  });

  it('skips today’s flexible window and refuses to skip a locked one', async () => {
    inZone('Asia/Shanghai');
    const { schedule } = service('2026-06-01T00:00:00Z'); // Monday 08:00 in Shanghai
    const flexible = await schedule.add({ ...weekdayMornings, mode: 'flexible' });
    const locked = await schedule.add({ ...weekdayMornings, start: '14:00', end: { kind: 'length', minutes: 60 } });
    const [flexibleId, lockedId] = locked.state.state === 'ready' ? locked.state.schedule.rules.map((rule) => rule.id) : [];
    expect(flexible.effect.kind).toBe('applied');

    const skipped = await schedule.skipToday(flexibleId!);
    expect(skipped.state.state === 'ready' && skipped.state.schedule.skips).toEqual([{ ruleId: flexibleId, date: '2026-06-01', at: Date.parse('2026-06-01T00:00:00Z') }]);
    expect(startsOf(await schedule.upcoming(1))).toEqual(['2026-06-01 14:00']);
    expect((await refusal(schedule.skipToday(lockedId!))).code).toBe('schedule-skip-not-flexible');
  });

  it('refuses an invalid rule clearly and writes nothing', async () => {
    const { schedule, store } = service('2026-06-01T00:00:00Z');
    const cases: [unknown, string][] = [
      [{ ...weekdayMornings, start: '9:00' }, 'start'],
      [{ ...weekdayMornings, days: [] }, 'days'],
      [{ ...weekdayMornings, days: ['mo', 'mo'] }, 'days'],
      [{ ...weekdayMornings, end: { kind: 'until', time: '09:02' } }, 'end'],
      [{ ...weekdayMornings, intent: 'a\u202eb' }, 'intent'],
      [{ ...weekdayMornings, blocks: { ...weekdayMornings.blocks, sites: ['everything'] } }, 'blocks.sites.0'],
      [{ ...weekdayMornings, extra: true }, '(root)'],
    ];
    for (const [input, path] of cases) {
      const error = await refusal(Promise.resolve().then(() => schedule.add(input)));
      expect([error.code, error.params]).toEqual(['schedule-invalid-rule', { path }]);
    }
    expect((await refusal(Promise.resolve().then(() => schedule.setLoosenDelay(0)))).code).toBe('schedule-invalid-rule');
    expect((await refusal(schedule.remove('no-such-rule'))).code).toBe('schedule-unknown-rule');
    expect(() => readFileSync(store.path)).toThrow(/ENOENT/);
  });

  it('says why a malformed file cannot be read and never writes over it', async () => {
    const { schedule, store } = service('2026-06-01T00:00:00Z');
    const text = '{"version": 1, "schedule": {"rules": "every morning"}}';
    writeFileSync(store.path, text);
    expect(await schedule.state()).toEqual({ state: 'unreadable', reason: expect.stringMatching(/^schedule\.rules: /) });
    const error = await refusal(schedule.add(weekdayMornings));
    expect(error.code).toBe('schedule-unreadable');
    expect(error.params).toEqual({ reason: expect.stringMatching(/^schedule\.rules: /) });
    expect((await refusal(schedule.upcoming())).code).toBe('schedule-unreadable');
    expect(readFileSync(store.path, 'utf8')).toBe(text);
  });
});
