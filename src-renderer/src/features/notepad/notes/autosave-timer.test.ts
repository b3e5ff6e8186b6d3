import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, autosaveDelay, SaveTimer } from './autosave-timer';

describe('when autosave is due', () => {
  it('is a pause after the last keystroke, but never later than the max wait after the oldest unsaved one', () => {
    expect(autosaveDelay(10_000, 10_000)).toBe(AUTOSAVE_DELAY_MS);
    expect(autosaveDelay(10_000, 10_200)).toBe(AUTOSAVE_DELAY_MS);
    expect(autosaveDelay(10_000, 10_500)).toBe(AUTOSAVE_MAX_WAIT_MS - 500);
    expect(autosaveDelay(10_000, 10_000 + AUTOSAVE_MAX_WAIT_MS)).toBe(0);
    expect(autosaveDelay(10_000, 20_000)).toBe(0);
  });
});

describe('the save timer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once, at the moment asked for last', () => {
    const due = vi.fn();
    const timer = new SaveTimer(due);
    timer.saveIn(700);
    vi.advanceTimersByTime(500);
    timer.saveIn(700);
    vi.advanceTimersByTime(699);
    expect(due).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(due).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(due).toHaveBeenCalledTimes(1);
  });

  it('keeps one timer while typing asks again and again, and wakes earlier when asked for sooner', () => {
    const due = vi.fn();
    const timer = new SaveTimer(due);
    timer.saveIn(700);
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(10);
      timer.saveIn(700);
    }
    expect(vi.getTimerCount()).toBe(1);
    timer.saveIn(50);
    vi.advanceTimersByTime(50);
    expect(due).toHaveBeenCalledTimes(1);
  });

  it('does nothing once cancelled', () => {
    const due = vi.fn();
    const timer = new SaveTimer(due);
    timer.saveIn(700);
    timer.cancel();
    vi.advanceTimersByTime(10_000);
    expect(due).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
