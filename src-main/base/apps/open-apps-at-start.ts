import type { AppsOpenAtStartReport } from './app-enforcer';

/**
 * The apps of a list found running by an enforcer's first look (not launches: nobody reached for them during the
 * session), and the wait the user may have asked for before they are closed. Each enforcer (Linux, the polled
 * macOS/Windows one) keeps one and asks `waiting` before it closes such a process.
 */
export class OpenAppsAtStart {
  private appIds = new Set<string>();
  private closesAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;

  /** A new session: nothing found yet; with a wait, `onEnd` runs once it is over (then they are closed). */
  begin(waitMs: number, onEnd: () => void): void {
    this.end();
    this.appIds = new Set();
    this.closesAt = waitMs > 0 ? Date.now() + waitMs : null;
    if (waitMs <= 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      onEnd();
    }, waitMs);
    this.timer.unref();
  }

  /** Stops the wait's timer (the session stopped); what was found stays readable. */
  end(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  add(appId: string): void {
    this.appIds.add(appId);
  }

  /** Whether apps open at the start are still left to the user. */
  get waiting(): boolean {
    return this.timer !== null;
  }

  get found(): boolean {
    return this.appIds.size > 0;
  }

  report(): AppsOpenAtStartReport | null {
    if (this.appIds.size === 0) return null;
    return { appIds: [...this.appIds], closesAt: this.closesAt, closed: !this.waiting };
  }
}
