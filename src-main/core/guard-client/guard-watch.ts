import type { GuardStatus } from '../../contract/blocking';
import type { Clock } from '../clock';

/** Often enough that Settings and the Focus view follow a guard that stopped, at a cost of one local socket call. */
export const GUARD_WATCH_MS = 5_000;

export interface GuardWatchOptions<T> {
  /** What the guard says now, as the watcher reads it (the UI's GuardStatus, the apps it closes). */
  readonly status: () => Promise<T>;
  /** What an answer that could not be had reads as. */
  readonly failed: (detail: string) => T;
  readonly clock: Clock;
  /** Called only when what the guard says differs from its last answer (it started, stopped, a lease ended). */
  readonly onChange: (status: T) => void;
  /** The answer the caller already acted on, if any: the first check is compared with it. */
  readonly initial?: T;
  readonly intervalMs?: number;
}

/** What a failed status check reads as in the UI. */
export const guardNotRunning = (detail: string): GuardStatus => ({ state: 'not-running', detail });

/**
 * The guard cannot call the app, so core asks it on a timer and pushes a change; the renderer no longer polls.
 * The first answer is the baseline (the renderer loads the state itself when it opens). Returns stop.
 */
export function watchGuard<T>(options: GuardWatchOptions<T>): () => void {
  let last: string | null = options.initial === undefined ? null : JSON.stringify(options.initial);
  let cancel: (() => void) | null = null;
  let stopped = false;
  const check = async () => {
    const status = await options.status().catch((error: unknown) => options.failed(String(error).slice(0, 500)));
    if (stopped) return;
    const seen = JSON.stringify(status);
    if (last !== null && seen !== last) options.onChange(status);
    last = seen;
    cancel = options.clock.setTimer(options.intervalMs ?? GUARD_WATCH_MS, () => void check());
  };
  void check();
  return () => {
    stopped = true;
    cancel?.();
  };
}
