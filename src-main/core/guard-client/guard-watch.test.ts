import { afterEach, describe, expect, it } from 'vitest';
import type { BlockingState, GuardStatus } from '../../contract/blocking';
import { channelName } from '../../contract/define';
import { ManualClock } from '../clock';
import { GuardClient } from './guard-client';
import { startGuardProcess, type GuardProcess } from '../../../test-support/guard-process';
import { createTestCore } from '../../../test-support/test-core';
import { guardControl } from './guard-control';
import { guardNotRunning, watchGuard } from './guard-watch';

let guard: GuardProcess | null = null;
afterEach(async () => {
  await guard?.cleanup();
  guard = null;
});

/** Moves the clock one interval and lets the real socket call answer. */
/** Moves the clock on until the watch has pushed `count` changes: its next timer is set only once a check returned. */
async function tick(clock: ManualClock, seen: GuardStatus[], count: number) {
  await expect.poll(() => (clock.advance(5_000), seen.length), { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
}

describe('watchGuard', () => {
  it('pushes a change when the real guard stops, and nothing while it says the same', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: '127.0.0.1 localhost\n' });
    const control = guardControl({ client: new GuardClient(guard.socketPath), installer: null, appVersion: '1.2.3' });
    const clock = new ManualClock(1_000_000);
    const seen: GuardStatus[] = [];
    let asked = 0;
    const stop = watchGuard({ status: () => (asked++, control.status()), failed: guardNotRunning, clock, onChange: (status) => seen.push(status) });

    // The baseline and two unchanged answers: no event.
    await expect.poll(() => asked).toBe(1);
    // The next check's timer is set once the last check returned (a loaded machine may take a while): advance until it fires.
    for (const expected of [2, 3]) {
      await expect
        .poll(
          () => {
            if (asked < expected) clock.advance(5_000);
            return asked;
          },
          { timeout: 10_000 },
        )
        .toBe(expected);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([]);

    await guard.kill('SIGKILL');
    await tick(clock, seen, 1);
    // SIGKILL leaves its socket file behind: installed, not answering.
    expect(seen[0]).toMatchObject({ state: 'not-running' });

    stop();
    clock.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(1);
  });

  it('reaches the renderer: the core built by createCore pushes blocking.changed when its real guard stops', async () => {
    guard = await startGuardProcess({ version: '0.0.0', hosts: '127.0.0.1 localhost\n' });
    const { core, clock, dispose } = await createTestCore({ host: { guardSocketPath: guard.socketPath } });
    const pushed: GuardStatus[] = [];
    const stop = core.events.listen((channel, payload) => {
      if (channel === channelName('blocking', 'changed')) pushed.push((payload as BlockingState).guard);
    });
    try {
      // The watch's first answer (running) is its baseline; give the socket call time to return before the guard dies.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await guard.kill('SIGKILL');
      await expect.poll(() => (clock.advance(5_000), pushed.length), { timeout: 10_000 }).toBe(1);
      expect(pushed[0]).toMatchObject({ state: 'not-running' });
    } finally {
      stop();
      await dispose();
    }
  });
});
