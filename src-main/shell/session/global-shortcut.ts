import { app, globalShortcut } from 'electron';
import type { ShortcutStatus } from '../../contract/session';

/**
 * The global shortcut that toggles a session. The OS (or another app) may refuse it; the status says so, and the
 * session state carries it to the UI.
 */
export class SessionShortcut {
  private current: string | null = null;

  constructor(
    private readonly onPress: () => void,
    private readonly report: (status: ShortcutStatus) => void,
  ) {}

  /** Registers `accelerator` in place of the previous one; '' turns the shortcut off. */
  apply(accelerator: string): void {
    if (accelerator === this.current) return;
    if (this.current) globalShortcut.unregister(this.current);
    this.current = accelerator || null;
    if (!accelerator) {
      this.report({ state: 'off' });
      return;
    }
    let registered = false;
    try {
      registered = globalShortcut.register(accelerator, this.onPress);
    } catch {
      // Electron throws for an accelerator it cannot parse; the settings schema should have refused it already.
      registered = false;
    }
    this.report(registered ? { state: 'registered', accelerator } : { state: 'refused', accelerator });
  }

  dispose(): void {
    if (this.current && app.isReady()) globalShortcut.unregister(this.current);
    this.current = null;
  }
}

/**
 * On Wayland, global shortcuts go through the desktop portal (when the desktop offers it). Must run before `ready`;
 * where no portal exists, `stillroom --toggle` bound in the desktop's own keyboard settings does the same.
 */
export function enableWaylandShortcutPortal(): void {
  const wayland = process.env.XDG_SESSION_TYPE === 'wayland' || Boolean(process.env.WAYLAND_DISPLAY);
  if (process.platform === 'linux' && wayland) app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
}
