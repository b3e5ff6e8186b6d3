import { useEffect, useState } from 'react';

const MINUTE = 60_000;

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

/**
 * The renderer's own clock for the countdown: main sends `endsAt` once, and this ticks at most once a second,
 * and not at all while the window is hidden (it catches up the moment it is shown).
 */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setInterval> | null = null;
    const tick = () => setNow(Date.now());
    const resume = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
      if (document.visibilityState === 'hidden') return;
      tick();
      timer = setInterval(tick, intervalMs);
    };
    resume();
    document.addEventListener('visibilitychange', resume);
    return () => {
      document.removeEventListener('visibilitychange', resume);
      if (timer !== null) clearInterval(timer);
    };
  }, [active, intervalMs]);
  return now;
}
