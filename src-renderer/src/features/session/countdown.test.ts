import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../../../src-main/contract/session';
import { drawnFraction, fractionLeft, minutesLeft, nextMinuteChange, nextRingChange, RING_STEPS } from './countdown';

describe('countdown', () => {
  it('counts whole minutes up, never showing 0 before the end', () => {
    expect(minutesLeft(90 * MINUTE, 0)).toBe(90);
    expect(minutesLeft(90 * MINUTE, 1)).toBe(90);
    expect(minutesLeft(90 * MINUTE, 89 * MINUTE + 59_999)).toBe(1);
    expect(minutesLeft(90 * MINUTE, 90 * MINUTE)).toBe(0);
    expect(minutesLeft(90 * MINUTE, 100 * MINUTE)).toBe(0);
  });

  it('fills the ring with the share still ahead, within 0 and 1', () => {
    expect(fractionLeft(0, 100, 0)).toBe(1);
    expect(fractionLeft(0, 100, 25)).toBe(0.75);
    expect(fractionLeft(0, 100, 150)).toBe(0);
    expect(fractionLeft(0, 100, -50)).toBe(1);
    expect(fractionLeft(100, 100, 100)).toBe(0);
  });

  it('wakes exactly when the shown minute changes, and never after the end', () => {
    expect(nextMinuteChange(90 * MINUTE, 0)).toBe(MINUTE);
    expect(nextMinuteChange(90 * MINUTE, MINUTE - 1)).toBe(MINUTE);
    expect(nextMinuteChange(90 * MINUTE, MINUTE)).toBe(2 * MINUTE);
    expect(minutesLeft(90 * MINUTE, MINUTE)).toBe(89);
    expect(nextMinuteChange(90 * MINUTE, 89 * MINUTE + 1)).toBe(90 * MINUTE);
    expect(nextMinuteChange(90 * MINUTE, 90 * MINUTE)).toBeNull();
  });

  it('draws the ring in steps and wakes exactly when the drawn step changes', () => {
    const countdown = { startedAt: 0, endsAt: 1_600_000 };
    // 1,600 s in 1,600 steps: one step a second; full until the first second is over.
    expect(drawnFraction(countdown, 0, 1600)).toBe(1);
    expect(drawnFraction(countdown, 999, 1600)).toBe(1);
    expect(drawnFraction(countdown, 1000, 1600)).toBe(1599 / 1600);
    expect(nextRingChange(countdown, 0, 1600)).toBe(1000);
    expect(nextRingChange(countdown, 999, 1600)).toBe(1000);
    expect(nextRingChange(countdown, 1000, 1600)).toBe(2000);
    expect(drawnFraction(countdown, 1000, 1600)).not.toBe(drawnFraction(countdown, 2000, 1600));
    expect(nextRingChange(countdown, 1_600_000, 1600)).toBeNull();
  });

  it('between two wakes nothing drawn changes, and at each wake something does', () => {
    const countdown = { startedAt: 0, endsAt: 7 * MINUTE + 13_457 };
    let now = countdown.startedAt;
    let wakes = 0;
    for (;;) {
      const next = nextRingChange(countdown, now, RING_STEPS);
      if (next === null) break;
      expect(next).toBeGreaterThan(now);
      const before = [drawnFraction(countdown, now, RING_STEPS), minutesLeft(countdown.endsAt, now)];
      expect([drawnFraction(countdown, next - 1, RING_STEPS), minutesLeft(countdown.endsAt, next - 1)]).toEqual(before);
      expect([drawnFraction(countdown, next, RING_STEPS), minutesLeft(countdown.endsAt, next)]).not.toEqual(before);
      now = next;
      wakes++;
    }
    // One wake per drawn step and per minute: no ticking in between.
    expect(wakes).toBeLessThanOrEqual(RING_STEPS + 8);
    expect(drawnFraction(countdown, now, RING_STEPS)).toBe(0);
  });

  it('a 90-minute session wakes every few seconds, not every second', () => {
    const countdown = { startedAt: 0, endsAt: 90 * MINUTE };
    const next = nextRingChange(countdown, 0, RING_STEPS)!;
    expect(next).toBeGreaterThan(3_000);
  });

  it('with one step a minute (reduced motion) the ring moves only with the number', () => {
    const countdown = { startedAt: 0, endsAt: 25 * MINUTE };
    expect(nextRingChange(countdown, 0, 25)).toBe(MINUTE);
    expect(drawnFraction(countdown, MINUTE - 1, 25)).toBe(1);
    expect(drawnFraction(countdown, MINUTE, 25)).toBe(24 / 25);
  });
});
