import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleWindow } from '../../src-main/contract/schedule';
import { systemClock } from '../../src-main/core/clock';
import { GuardClient, type ScheduleReport } from '../../src-main/core/guard-client/guard-client';
import { heldWindowId, ScheduleGuardSync } from '../../src-main/core/schedule/schedule-guard-sync';
import { withBlock } from '../../src-main/guard/hosts-block';
import { bootStandInSkipReason, GuardSandbox, guardBundle, waitFor } from './guard-harness';

/**
 * Issue 22, "Started without the app": the real guard bundle as root in a private mount namespace over a stand-in
 * /etc/hosts, with a boot of its own (a stand-in boot id and boot time) so a reboot is one as the guard tells it.
 * The app's core pushes the windows (its ScheduleGuardSync over its GuardClient) and is stopped; windows last
 * seconds, and the wait for removing a locked one is 5 s, instead of hours.
 */

const ORIGINAL = '127.0.0.1\tlocalhost\n10.9.9.9 intranet.example\n';
const HOSTS = ['news.ycombinator.com', 'www.reddit.com'];
const WAIT_MS = 5000;

const skip = bootStandInSkipReason();
if (skip) console.warn(`Skipping the guard schedule system test: ${skip}`);

function lockedWindow(id: string, start: number, end: number): ScheduleWindow {
  return { start, end, ruleIds: [id], mode: 'locked', blocks: { sites: ['global-feeds'], ownSites: false, apps: [], ownApps: false, allowOnly: false }, intent: '', note: null };
}

/** The app's core pushing `windows` once, then stopped; as the core resolves a window, here to two hosts. */
async function pushAsTheApp(socketPath: string, windows: ScheduleWindow[]) {
  const sync = new ScheduleGuardSync({
    guard: new GuardClient(socketPath),
    // The wait in hours, as the schedule keeps it: 5 s.
    asked: async () => ({ windows, loosenDelayHours: WAIT_MS / 3_600_000 }),
    resolve: () => ({ hostnames: HOSTS }),
    clock: systemClock,
    log: () => undefined,
  });
  const result = await sync.start();
  sync.dispose();
  return result;
}

describe.skipIf(skip !== null)('the guard holding a schedule, as a real root process', () => {
  let sandbox: GuardSandbox;
  beforeAll(() => void guardBundle());
  afterEach(async () => {
    await sandbox?.dispose();
  });

  const schedule = async (): Promise<ScheduleReport> => {
    const reply = await sandbox.request({ type: 'status' });
    if (reply.type !== 'ok' || !reply.status.schedule) throw new Error(`no schedule in the status: ${JSON.stringify(reply)}`);
    return reply.status.schedule;
  };

  it('puts the block in at the window’s start with the app stopped, keeps it across a reboot, takes it out at its end; removing a locked window early waits the delay', async () => {
    sandbox = new GuardSandbox({ original: ORIGINAL, intervalMs: 200, boot: true });
    await sandbox.startAndWait();
    const t0 = Date.now();
    const soon = lockedWindow('soon', t0 + 4000, t0 + 14_000);
    const later = lockedWindow('later', t0 + 20 * 60_000, t0 + 30 * 60_000);
    expect(await pushAsTheApp(sandbox.socketPath, [soon, later])).toMatchObject({ ok: true, status: { schedule: { windows: [{ running: false }, { running: false }] } } });

    // Before the start: nothing blocked. At the start the guard alone puts the block in.
    expect(sandbox.hosts()).toBe(ORIGINAL);
    await waitFor(() => sandbox.hosts() === withBlock(ORIGINAL, HOSTS), 10_000, 'the block at the window’s start');
    expect(Date.now()).toBeGreaterThanOrEqual(soon.start - 100);
    expect((await schedule()).windows.find((w) => w.id === heldWindowId(soon))).toMatchObject({ running: true });

    // A reboot in the middle: the service stops (taking the block out), the machine comes back with a new boot id.
    await sandbox.kill('SIGTERM');
    expect(sandbox.hosts()).toBe(ORIGINAL);
    await sandbox.reboot();
    await sandbox.startAndWait();
    expect(Date.now()).toBeLessThan(soon.end);
    expect(sandbox.hosts()).toBe(withBlock(ORIGINAL, HOSTS));
    expect(await schedule()).toMatchObject({ applied: true });

    // Out at the end, not before.
    await waitFor(() => sandbox.hosts() === ORIGINAL, 20_000, 'the block to go at the window’s end');
    expect(Date.now()).toBeGreaterThanOrEqual(soon.end - 100);
    expect(sandbox.log()).toMatch(/"event":"window-started"[\s\S]*"event":"applied"[\s\S]*"event":"window-ended"[\s\S]*"event":"removed"/);

    // The app asks to remove the locked window ahead: the guard keeps it, pending, for the delay from that first ask.
    const asked = Date.now();
    expect(await pushAsTheApp(sandbox.socketPath, [])).toMatchObject({ ok: true });
    const pending = (await schedule()).windows;
    expect(pending).toEqual([expect.objectContaining({ id: heldWindowId(later), running: false, removalAt: expect.any(Number) })]);
    expect(Math.abs(pending[0]!.removalAt! - (asked + WAIT_MS))).toBeLessThan(500);
    // Asked again a moment later: still refused, and the wait still counts from the first ask.
    await waitFor(() => Date.now() >= asked + 1000, 2000, 'a moment');
    await pushAsTheApp(sandbox.socketPath, []);
    expect((await schedule()).windows).toEqual([expect.objectContaining({ id: heldWindowId(later), removalAt: pending[0]!.removalAt })]);
    // Gone once the delay has passed, not before.
    await waitFor(() => sandbox.log().includes('"event":"window-removed"'), 10_000, 'the removal once the delay passed');
    expect(Date.now()).toBeGreaterThanOrEqual(asked + WAIT_MS - 100);
    expect((await schedule()).windows).toEqual([]);
    expect(sandbox.hosts()).toBe(ORIGINAL);
  });
});
