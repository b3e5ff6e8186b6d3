/** Time as core services see it: injectable, so tests and the preview can move it without waiting. */
export interface Clock {
  /** Wall-clock milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once after `ms` of this clock's time; returns a cancel function. */
  setTimer(ms: number, callback: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, callback) {
    // Node timers overflow above 2^31-1 ms; sessions are far shorter, but clamp so a bad value cannot fire at once.
    const handle = setTimeout(callback, Math.min(Math.max(0, ms), 2_147_483_647));
    return () => clearTimeout(handle);
  },
};

/** A clock that only moves when told to; used by tests and by the preview's test hooks. */
export class ManualClock implements Clock {
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 0;

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  setTimer(ms: number, callback: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.current + Math.max(0, ms), callback, id });
    return () => {
      this.timers = this.timers.filter((timer) => timer.id !== id);
    };
  }

  /** Moves time forward, firing due timers in order (a timer may schedule another). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer.id !== due.id);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = target;
  }

  /** Sets the wall clock without firing timers, like a user changing the system time. */
  set(now: number): void {
    this.current = now;
  }
}
