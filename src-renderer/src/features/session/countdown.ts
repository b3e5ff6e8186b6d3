import { useEffect, useState } from 'react';
import { MINUTE } from '../../../../src-main/contract/session';

/**
 * How many steps the ring is drawn in: one step of its 288 px wide circle is about half a pixel of arc, too
 * small to see, so the ring creeps without a running animation (a CSS transition repaints every frame).
 */
export const RING_STEPS = 1600;

export interface Countdown {
  readonly startedAt: number;
  readonly endsAt: number;
}

/** Whole minutes left, rounded up: the display says "1 minute" until the very end, never "0". */
export function minutesLeft(endsAt: number, now: number): number {
  return Math.max(0, Math.ceil((endsAt - now) / MINUTE));
}

/** The share of the session still ahead, 1 at the start and 0 at the end: the ring's filled part. */
export function fractionLeft(startedAt: number, endsAt: number, now: number): number {
  const total = endsAt - startedAt;
  if (total <= 0) return 0;
  return Math.min(1, Math.max(0, (endsAt - now) / total));
}

/** The filled part as drawn: `fractionLeft` rounded up to one of `steps` steps, so it changes only `steps` times. */
export function drawnFraction({ startedAt, endsAt }: Countdown, now: number, steps: number): number {
  return Math.ceil(fractionLeft(startedAt, endsAt, now) * steps) / steps;
}

/** When the shown minute next changes (the moment the time left reaches the minute below), or null at the end. */
export function nextMinuteChange(endsAt: number, now: number): number | null {
  const minutes = minutesLeft(endsAt, now);
  return minutes === 0 ? null : endsAt - (minutes - 1) * MINUTE;
}

/** When the drawn ring next changes: its next step or the next shown minute, whichever comes first; null at the end. */
export function nextRingChange(countdown: Countdown, now: number, steps: number): number | null {
  const minute = nextMinuteChange(countdown.endsAt, now);
  if (minute === null) return null;
  const total = countdown.endsAt - countdown.startedAt;
  const step = Math.ceil(fractionLeft(countdown.startedAt, countdown.endsAt, now) * steps);
  // Milliseconds are whole: the first whole one at or after the step.
  const stepAt = Math.ceil(countdown.endsAt - ((step - 1) * total) / steps);
  return Math.min(minute, Math.max(stepAt, now + 1));
}

/**
 * The renderer's own clock for a display that changes only at known moments: `nextChange(now)` says when the
 * display next looks different (null: never again), and this sleeps until exactly then. Nothing ticks in between,
 * nor while the window is hidden (it catches up the moment it is shown).
 */
export function useClockUntil(nextChange: ((now: number) => number | null) | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!nextChange) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    };
    const wake = () => {
      stop();
      if (document.visibilityState === 'hidden') return;
      const current = Date.now();
      setNow(current);
      const at = nextChange(current);
      if (at !== null) timer = setTimeout(wake, Math.max(0, at - current));
    };
    wake();
    document.addEventListener('visibilitychange', wake);
    return () => {
      document.removeEventListener('visibilitychange', wake);
      stop();
    };
  }, [nextChange]);
  return now;
}
