import { describe, expect, it } from 'vitest';
import { fractionLeft, minutesLeft } from './countdown';

const MINUTE = 60_000;

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
});
