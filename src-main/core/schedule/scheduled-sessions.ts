import { SerialQueue } from '../../base/serial-queue';
import type { ScheduleWindow } from '../../contract/schedule';
import { MINUTE, type SessionState } from '../../contract/session';
import type { Clock } from '../clock';
import type { WindowTerms } from '../session/focus-session';

/** The quiet notice comes this long before a window starts. */
export const NOTICE_BEFORE_MS = 5 * MINUTE;
/**
 * The longest the scheduler sleeps between two looks at the schedule. Its one timer is set to the next event (a
 * notice, a start, an end), but a timer counts elapsed time, not the wall clock: if the system time is set forward
 * (by hand, by NTP after a long suspend), a start is still noticed within this much.
 */
export const LONGEST_SLEEP_MS = 15 * MINUTE;

/** What the scheduler needs of the schedule: the coming windows, and a way to tell the app that time moved them on. */
export interface ScheduleSource {
  upcoming(): Promise<ScheduleWindow[]>;
  announce(): Promise<void>;
  onChange(listener: () => void): () => void;
}

/** What it needs of the session: its state, and the two ways a window enters it. */
export interface ScheduledSessionTarget {
  state(): SessionState;
  startScheduled(terms: WindowTerms & { readonly intent: string }): Promise<SessionState>;
  joinWindow(terms: WindowTerms): Promise<SessionState>;
}

export interface ScheduledSessionsOptions {
  readonly schedule: ScheduleSource;
  readonly session: ScheduledSessionTarget;
  readonly clock: Clock;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export const termsOf = (window: ScheduleWindow): WindowTerms => ({
  window: { start: window.start, end: window.end, ruleIds: [...window.ruleIds] },
  mode: window.mode,
  blocks: window.blocks,
});

/** Whether a session ran, or runs, for `window` (its own window overlaps it): ended early, it is not started again. */
const ranFor = (state: SessionState, window: ScheduleWindow): boolean =>
  state.phase !== 'idle' && state.session.window !== null && state.session.window.start < window.end && window.start < state.session.window.end;

/**
 * Scheduled sessions as the app runs them (docs/schedules.md): at a window's start a normal session starts for it
 * (its mode, its lists, its intent) and ends at its end by its own deadline; when the app starts inside a window,
 * the session runs for the rest of it. A session already running when a window starts is extended to the window's
 * end in the stricter mode, never shortened. A skipped window is not among the windows, so it never starts. Five
 * minutes before a window a quiet notice is offered, unless a session runs (its promise of silence; the window
 * then simply extends it).
 *
 * One timer to the next event, recomputed from the wall clock each time it fires, on every change of the schedule
 * and on `recompute` (the shell calls it after sleep): a clock jump or a DST change moves nothing by itself.
 */
export class ScheduledSessions {
  private readonly looks = new SerialQueue();
  private cancelTimer: (() => void) | null = null;
  /** The window running, else the next one: what the tray and the Focus view show. */
  private shown: ScheduleWindow | null = null;
  /** Starts of the windows whose notice was offered (or held back), so each is offered once. */
  private readonly noticed = new Set<number>();
  private readonly noticeListeners = new Set<(window: ScheduleWindow) => void>();
  private readonly nextListeners = new Set<(window: ScheduleWindow | null) => void>();
  private readonly stopSchedule: () => void;
  private disposed = false;

  private constructor(private readonly options: ScheduledSessionsOptions) {
    this.stopSchedule = options.schedule.onChange(() => void this.recompute());
  }

  /** Starts following the schedule; a window running now starts its session before this resolves. */
  static async open(options: ScheduledSessionsOptions): Promise<ScheduledSessions> {
    const scheduled = new ScheduledSessions(options);
    await scheduled.recompute();
    return scheduled;
  }

  /** The window running now, else the next one in the coming days; null when none. */
  nextWindow(): ScheduleWindow | null {
    return this.shown;
  }

  /** A window starts in five minutes and no session runs: the shell shows the OS notification. */
  onNotice(listener: (window: ScheduleWindow) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  /** The window shown as running or next changed (the tray redraws). */
  onNextChange(listener: (window: ScheduleWindow | null) => void): () => void {
    this.nextListeners.add(listener);
    return () => this.nextListeners.delete(listener);
  }

  /** Looks at the schedule now: after sleep, a clock change, or when anything else may have moved time on. */
  recompute(): Promise<void> {
    return this.looks
      .run(() => this.look())
      .catch((error: unknown) => {
        this.options.log('error', `scheduled sessions: ${String(error)}`);
        this.arm(MINUTE);
      });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopSchedule();
    this.cancelTimer?.();
    this.cancelTimer = null;
    await this.looks.idle();
  }

  private async look(): Promise<void> {
    if (this.disposed) return;
    const { clock, schedule, session } = this.options;
    const windows = await schedule.upcoming().catch((error: unknown) => {
      // An unreadable schedule file is said in the Schedule section; until it is fixed it starts nothing.
      this.options.log('warn', `scheduled sessions: the schedule cannot be read: ${String(error)}`);
      return [];
    });
    const now = clock.now();
    const running = windows.find((window) => window.start <= now && now < window.end) ?? null;
    const upcoming = windows.find((window) => window.start > now) ?? null;
    if (running) await this.enter(running);
    if (upcoming && now >= upcoming.start - NOTICE_BEFORE_MS && !this.noticed.has(upcoming.start)) {
      this.noticed.add(upcoming.start);
      // Held back during a session: it promised silence, and the window will extend it anyway.
      if (session.state().phase !== 'running') for (const listener of this.noticeListeners) listener(upcoming);
    }
    const shown = running ?? upcoming;
    if (JSON.stringify(shown) !== JSON.stringify(this.shown)) {
      this.shown = shown;
      for (const listener of this.nextListeners) listener(shown);
      // The Schedule section and the Focus view show "now" and "next": they hear that time moved them on.
      void schedule.announce().catch(() => undefined);
    }
    const events = [upcoming && upcoming.start - NOTICE_BEFORE_MS, upcoming?.start, running?.end].filter((at): at is number => typeof at === 'number' && at > now);
    this.arm(Math.min(LONGEST_SLEEP_MS, ...events.map((at) => at - now)));
  }

  /** A window runs: its session starts, or the running session joins it (a no-op when it already has). */
  private async enter(window: ScheduleWindow): Promise<void> {
    const { session, log } = this.options;
    const state = session.state();
    if (state.phase === 'running') {
      await session.joinWindow(termsOf(window));
      return;
    }
    // Ended early by the user (a flexible or committed window allows it): that was their choice, not restarted.
    if (ranFor(state, window)) return;
    log('info', `a scheduled window runs until ${new Date(window.end).toISOString()}: its session starts`);
    await session.startScheduled({ ...termsOf(window), intent: window.intent });
  }

  private arm(ms: number): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.disposed) return;
    this.cancelTimer = this.options.clock.setTimer(ms, () => {
      this.cancelTimer = null;
      void this.recompute();
    });
  }
}
