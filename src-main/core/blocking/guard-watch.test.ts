import { afterEach, describe, expect, it } from 'vitest';
import type { GuardStatus } from '../../contract/blocking';
import { ManualClock } from '../clock';
import { GuardClient } from './guard-client';
import { startGuardProcess, type GuardProcess } from './guard-process.test-support';
import { guardControl } from './guard-status';
import { watchGuard } from './guard-watch';

let guard: GuardProcess | null = null;
afterEach(async () => {
  await guard?.cleanup();
  guard = null;
});

/** Moves the clock one interval and lets the real socket call answer. */
async function tick(clock: ManualClock, seen: GuardStatus[], count: number) {
  clock.advance(5_000);
  await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
}

describe('watchGuard', () => {
  it('pushes a change when the real guard stops, and nothing while it says the same', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: '127.0.0.1 localhost\n' });
    const control = guardControl({ client: new GuardClient(guard.socketPath), installer: null, appVersion: '1.2.3' });
    const clock = new ManualClock(1_000_000);
    const seen: GuardStatus[] = [];
    let asked = 0;
    const stop = watchGuard({ status: () => (asked++, control.status()), clock, onChange: (status) => seen.push(status) });

    // The baseline and two unchanged answers: no event.
    await expect.poll(() => asked).toBe(1);
    for (const expected of [2, 3]) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      clock.advance(5_000);
      await expect.poll(() => asked).toBe(expected);
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
});
