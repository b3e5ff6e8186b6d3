import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { SessionState } from '../../contract/session';
import type { Clock } from '../../core/clock';
import { menuBarTitle, trayMenu, trayTooltip, untilNextMinute, type TrayAction } from '../../core/session/session-presence';
import type { Locale } from '../../contract/locale';

export interface SessionTrayOptions {
  readonly icons: { readonly idle: string; readonly running: string };
  readonly clock: Clock;
  readonly state: () => SessionState;
  readonly language: () => Locale;
  /** The schedule's window running now, else its next one: shown between sessions. */
  readonly nextWindow: () => { readonly start: number; readonly end: number } | null;
  readonly onAction: (action: TrayAction) => void;
}

/**
 * The tray (menu bar on macOS): the mark changes shape while a session runs, and the remaining minutes show in
 * the tooltip and the macOS title, refreshed once a minute in step with the countdown, never every second.
 */
export class SessionTray {
  private readonly tray: Tray;
  private readonly images: { idle: Electron.NativeImage; running: Electron.NativeImage };
  private cancelTick: (() => void) | null = null;

  constructor(private readonly options: SessionTrayOptions) {
    const load = (path: string) => {
      const image = nativeImage.createFromPath(path);
      if (process.platform === 'darwin') image.setTemplateImage(true);
      return image;
    };
    this.images = { idle: load(options.icons.idle), running: load(options.icons.running) };
    this.tray = new Tray(this.images.idle);
    this.tray.on('click', () => options.onAction('open'));
    this.render();
  }

  /** Redraws from the current state; call on every session change and language change. */
  render(): void {
    const state = this.options.state();
    const context = { language: this.options.language(), now: this.options.clock.now(), nextWindow: this.options.nextWindow() };
    this.tray.setImage(state.phase === 'running' ? this.images.running : this.images.idle);
    this.tray.setToolTip(trayTooltip(state, context));
    if (process.platform === 'darwin') this.tray.setTitle(menuBarTitle(state, context));
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenu(state, context).map((item) => this.menuItem(item))));
    this.cancelTick?.();
    this.cancelTick = state.phase === 'running' ? this.options.clock.setTimer(untilNextMinute(state.session.endsAt, context.now), () => this.render()) : null;
  }

  dispose(): void {
    this.cancelTick?.();
    this.tray.destroy();
  }

  private menuItem(item: ReturnType<typeof trayMenu>[number]): MenuItemConstructorOptions {
    if (item.kind === 'separator') return { type: 'separator' };
    if (item.kind === 'label') return { label: item.label, enabled: false };
    return { label: item.label, enabled: item.enabled, click: () => this.options.onAction(item.action) };
  }
}
