/**
 * The app's own notifications during a session: a session is a promise of silence, so what the app would show
 * (a malformed command line, a refused shortcut) waits and is shown once the session's protections are off, in order.
 * The answer to a command the user gives during a session is the window itself (session-shell.ts), not a notice.
 * "Session complete" itself is shown after the user's notifications are restored (FocusSessionService.onCompleted).
 */
export class HeldNotices<Notice> {
  private readonly held: Notice[] = [];

  constructor(
    private readonly show: (notice: Notice) => void,
    /** True while a session runs (its protections are on or coming on). */
    private readonly sessionRunning: () => boolean,
  ) {}

  notify(notice: Notice): void {
    if (this.sessionRunning()) this.held.push(notice);
    else this.show(notice);
  }

  /** The session ended and its protections are off: everything held is shown now. */
  release(): void {
    for (const notice of this.held.splice(0)) this.show(notice);
  }
}
