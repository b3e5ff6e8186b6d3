import { powerMonitor, powerSaveBlocker } from 'electron';
import type { SessionState } from '../../contract/session';

/**
 * Sleep and the session: on resume the session is recomputed from `endsAt` (it may have ended while asleep), and
 * while one runs the app asks not to be suspended (the display may still sleep).
 */
export class SessionPower {
  private blocker: number | null = null;

  constructor(private readonly onWake: () => void) {
    powerMonitor.on('resume', this.onWake);
    powerMonitor.on('unlock-screen', this.onWake);
  }

  follow(state: SessionState): void {
    if (state.phase === 'running' && this.blocker === null) {
      this.blocker = powerSaveBlocker.start('prevent-app-suspension');
    } else if (state.phase !== 'running' && this.blocker !== null) {
      powerSaveBlocker.stop(this.blocker);
      this.blocker = null;
    }
  }

  dispose(): void {
    powerMonitor.removeListener('resume', this.onWake);
    powerMonitor.removeListener('unlock-screen', this.onWake);
    if (this.blocker !== null) powerSaveBlocker.stop(this.blocker);
    this.blocker = null;
  }
}
