import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScheduleBlocks, ScheduleWindow } from '../../contract/schedule';
import { channelName } from '../../contract/define';
import { startGuardProcess, type GuardProcess } from '../../../test-support/guard-process';
import { createTestCore, type TestCore } from '../../../test-support/test-core';
import { ManualClock } from '../clock';
import { GuardClient, type HeldScheduleInput, type ScheduleReport } from '../guard-client/guard-client';
import { heldScheduleOf, heldWindowId, ScheduleGuardSync, SCHEDULE_RENEW_MS } from './schedule-guard-sync';

const HOUR = 3_600_000;
const FEEDS: ScheduleBlocks = { sites: ['global-feeds'], ownSites: false, apps: [], ownApps: false, allowOnly: false };
const NOTHING: ScheduleBlocks = { sites: [], ownSites: false, apps: [], ownApps: false, allowOnly: false };
const window = (start: number, ruleId: string, blocks: ScheduleBlocks): ScheduleWindow => ({ start, end: start + HOUR, ruleIds: [ruleId], mode: 'locked', blocks, intent: '', note: null });

describe('heldScheduleOf', () => {
  it('sends each set of blocks once, leaves out windows that block nothing, and names windows the same on every push', () => {
    const resolve = (blocks: ScheduleBlocks) => (blocks.sites.length > 0 ? { hostnames: ['youtube.com'] } : null);
    const windows = [window(2 * HOUR, 'a', FEEDS), window(26 * HOUR, 'a', FEEDS), window(5 * HOUR, 'b', NOTHING)];
    const held = heldScheduleOf(windows, 24, resolve);
    expect(held).toEqual({
      blocks: [{ hostnames: ['youtube.com'] }],
      windows: [
        { id: heldWindowId(windows[0]!), startsAt: 2 * HOUR, endsAt: 3 * HOUR, mode: 'locked', blocks: 0 },
        { id: heldWindowId(windows[1]!), startsAt: 26 * HOUR, endsAt: 27 * HOUR, mode: 'locked', blocks: 0 },
      ],
      loosenDelayMs: 24 * HOUR,
    });
    expect(heldScheduleOf(windows, 24, resolve)).toEqual(held);
  });
});

describe('ScheduleGuardSync pacing', () => {
  it('pushes at start and once a day after the last push, nothing without a guard, nothing after dispose', async () => {
    const clock = new ManualClock(Date.UTC(2026, 11, 7, 8));
    const pushes: HeldScheduleInput[] = [];
    // The guard's answer here is "not installed": what is counted is when core asks.
    const guard = { holdSchedule: async (schedule: HeldScheduleInput) => (pushes.push(schedule), { ok: false as const, reason: 'not-installed' as const, message: 'none' }) };
    const sync = new ScheduleGuardSync({ guard, asked: async () => ({ windows: [], loosenDelayHours: 24 }), resolve: () => null, clock, log: () => undefined });
    expect(await sync.start()).toMatchObject({ ok: false, reason: 'not-installed' });
    clock.advance(SCHEDULE_RENEW_MS - 1);
    expect(pushes).toHaveLength(1);
    clock.advance(1);
    await sync.push();
    expect(pushes).toHaveLength(3);
    sync.dispose();
    clock.advance(2 * SCHEDULE_RENEW_MS);
    expect(await sync.push()).toBeNull();
    expect(pushes).toHaveLength(3);

    const without = new ScheduleGuardSync({ guard: null, asked: async () => ({ windows: [], loosenDelayHours: 24 }), resolve: () => null, clock, log: () => undefined });
    expect(await without.start()).toBeNull();
  });
});

describe('the core pushes the schedule to a real guard', () => {
  let guard: GuardProcess | null = null;
  let test: TestCore | null = null;
  afterEach(async () => {
    await test?.dispose();
    await guard?.cleanup();
    test = guard = null;
  });

  async function heldBy(client: GuardClient, check: (schedule: ScheduleReport) => boolean): Promise<ScheduleReport> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const status = await client.status();
      if (status.ok && status.status.schedule && check(status.status.schedule)) return status.status.schedule;
      if (Date.now() > deadline) throw new Error(`the guard did not come to hold it: ${JSON.stringify(status)}`);
      await sleep(50);
    }
  }

  it('holds the next 7 days’ windows as the app works them out, with the hosts a session’s lease would carry, and keeps a removed locked rule’s windows pending', async () => {
    guard = await startGuardProcess({ version: '1.0.0', hosts: '127.0.0.1 localhost\n' });
    test = await createTestCore({ now: Date.now(), host: { guardSocketPath: guard.socketPath } });
    const client = new GuardClient(guard.socketPath);
    const caller = { trusted: true, description: 'test' };
    const call = (name: string, payload?: unknown) => test!.core.router.dispatch(channelName('schedule', name), payload, caller);
    const added = (await call('add', { days: ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'], start: '03:00', end: { kind: 'length', minutes: 60 }, mode: 'locked', blocks: FEEDS })) as {
      value: { state: { schedule: { rules: { id: string }[] }; windows: ScheduleWindow[] } };
    };
    const { windows } = added.value.state;
    const held = await heldBy(client, (schedule) => schedule.windows.length === windows.length);
    expect(held.windows.map(({ id, startsAt, endsAt }) => ({ id, startsAt, endsAt }))).toEqual(windows.map((w) => ({ id: heldWindowId(w), startsAt: w.start, endsAt: w.end })));
    expect(held.loosenDelayMs).toBe(24 * HOUR);
    // Resolved as a session's lease is: the same blocklist, here the built-in feeds.
    const stored = JSON.parse(readFileSync(join(guard.dir, 'state', 'schedule.json'), 'utf8')) as { windows: { blocks: { hostnames: string[] } }[] };
    expect(stored.windows[0]?.blocks.hostnames).toEqual(expect.arrayContaining(['reddit.com', 'www.reddit.com']));

    // Removing the locked rule waits in the app, and in the guard: its windows stay, pending removal a day on.
    const removedAt = Date.now();
    await call('remove', { id: added.value.state.schedule.rules[0]!.id });
    const pending = await heldBy(client, (schedule) => schedule.windows.every((w) => w.removalAt !== null));
    expect(pending.windows).toHaveLength(windows.length);
    for (const w of pending.windows) expect(Math.abs(w.removalAt! - (removedAt + 24 * HOUR))).toBeLessThan(5000);

    // The app quits: the guard still holds them.
    await test.dispose();
    test = null;
    expect((await heldBy(client, () => true)).windows).toHaveLength(windows.length);
  });

  it('holds an allowlist rule’s windows with the allowlist of Settings and browser policies on, though they block no list', async () => {
    guard = await startGuardProcess({ version: '1.0.0', hosts: '127.0.0.1 localhost\n' });
    test = await createTestCore({ now: Date.now(), host: { guardSocketPath: guard.socketPath } });
    const client = new GuardClient(guard.socketPath);
    const blocks = { ...NOTHING, allowOnly: true };
    await test.core.router.dispatch(channelName('schedule', 'add'), { days: ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'], start: '03:00', end: { kind: 'length', minutes: 60 }, mode: 'locked', blocks }, { trusted: true, description: 'test' });
    await heldBy(client, (schedule) => schedule.windows.length > 0);
    const stored = JSON.parse(readFileSync(join(guard.dir, 'state', 'schedule.json'), 'utf8')) as { windows: { blocks: { browserPolicies: boolean; allowOnly: { host: string }[] | null } }[] };
    expect(stored.windows[0]?.blocks.browserPolicies).toBe(true);
    expect(stored.windows[0]?.blocks.allowOnly).toEqual(expect.arrayContaining([{ host: 'arxiv.org', path: '/' }]));
  });
});
