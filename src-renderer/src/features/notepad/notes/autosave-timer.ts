/** Autosave runs this long after the last keystroke, so a pause in typing is a save. */
export const AUTOSAVE_DELAY_MS = 700;
/** ...and at the latest this long after the first unsaved keystroke, so steady typing is saved too. */
export const AUTOSAVE_MAX_WAIT_MS = 1_000;
/** After a failed save (full disk, read-only file), try again this often while the text is unsaved. */
export const RETRY_DELAY_MS = 5_000;

/** How long after a keystroke at `now` the save is due: a pause in typing, but never later than the max wait. */
export function autosaveDelay(dirtySince: number, now: number): number {
  return Math.max(0, Math.min(AUTOSAVE_DELAY_MS, dirtySince + AUTOSAVE_MAX_WAIT_MS - now));
}

/**
 * The one timer behind autosave. Typing asks for a save on every keystroke, so `saveIn` arms a timer only when
 * none would wake in time: a timer that wakes early sleeps on until the moment asked for last (no clear-and-set
 * per keystroke).
 */
export class SaveTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the armed timer wakes, and when the save asked for last is due (a timer may wake before it). */
  private wakesAt = 0;
  private dueAt = 0;

  constructor(private readonly onDue: () => void) {}

  /** Asks for `onDue` `delay` ms from now, replacing any earlier request. */
  saveIn(delay: number): void {
    this.dueAt = Date.now() + delay;
    if (this.timer && this.wakesAt <= this.dueAt) return;
    this.cancel();
    this.arm(this.dueAt);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(at: number): void {
    this.wakesAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (Date.now() < this.dueAt) this.arm(this.dueAt);
      else this.onDue();
    }, Math.max(0, at - Date.now()));
  }
}
