import { Notification, app, dialog, type BrowserWindow } from 'electron';
import type { Core } from '../../core/app-core';
import { resolveLocale, type Locale } from '../../contract/locale';
import type { Clock } from '../../core/clock';
import { parseArgv, parseCommandUrl, type ParsedCommand, type SessionCommand } from '../../core/session/command-line';
import { translate } from '../../contract/messages';
import { PARK_SHORTCUT } from '../../contract/session';
import { presenceMessages } from '../../core/session/presence-messages';
import { HeldNotices } from '../../core/session/held-notices';
import { notificationBody, plainLine } from '../../core/session/presence-text';
import { runSessionCommand, type CommandOutcome } from '../../core/session/session-commands';
import {
  commandLineNotice,
  completionNotice,
  endPrompt,
  outcomeNotice,
  quitPrompt,
  scheduledNotice,
  type TrayAction,
} from '../../core/session/session-presence';
import { SessionShortcut } from './global-shortcut';
import { SessionPower } from './session-power';
import { SessionTray } from './session-tray';

export interface SessionShellOptions {
  readonly core: Core;
  readonly clock: Clock;
  readonly trayIcons: { readonly idle: string; readonly running: string };
  readonly openWindow: () => BrowserWindow;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface SessionShell {
  /** A process argv (our own at start-up, or a second instance's): runs its command; false when it held none. */
  handleArgv(argv: readonly string[]): boolean;
  /** A `stillroom://` URL from the OS. */
  handleUrl(url: string): void;
  dispose(): void;
}

/**
 * Everything Electron does for the session, kept thin: the decisions (menu contents, texts, what a command does,
 * whether a quit must ask) are made in core/session and tested there; this only calls Electron.
 */
export function wireSession(options: SessionShellOptions): SessionShell {
  const { core, log } = options;
  const session = core.session;
  const language = (): Locale => resolveLocale(core.settings.get().appearance.language, [app.getLocale()]);
  const context = () => ({ language: language(), now: options.clock.now() });
  const prefs = () => core.settings.get().session;

  const show = ({ body, title, onClick }: { body: string; title: string; onClick?: () => void }) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: plainLine(title), body: notificationBody(body, process.platform), silent: true });
    if (onClick) notification.on('click', onClick);
    notification.show();
  };
  // A session is a promise of silence: the app's own notices wait until its protections are off.
  const held = new HeldNotices(show, () => session.state().phase === 'running');
  const notify = (body: string, title = translate(presenceMessages, language(), 'appName')) => held.notify({ body, title });

  /** Brings the window up and tells it `send` once it can hear: a fresh window mirrors the session when it loads. */
  const toWindow = (send: () => void) => {
    const window = options.openWindow();
    if (window.webContents.isLoading()) window.webContents.once('did-finish-load', send);
    else send();
  };
  const showWindow = (view: 'focus' | 'notepad' | 'reflections', end = false) => toWindow(() => core.events.emit('session', 'show', { view, end }));

  const confirmEnd = async () => {
    const state = session.state();
    if (state.phase !== 'running') return;
    const prompt = endPrompt(state.session, context());
    const { response } = await dialog.showMessageBox({ type: 'question', message: prompt.message, detail: prompt.detail, buttons: prompt.buttons, defaultId: 0, cancelId: 0 });
    if (response === 1) await session.end({ kind: 'confirm' });
  };

  const follow = async (outcome: CommandOutcome) => {
    if (outcome.kind === 'confirm-needed') return confirmEnd();
    if (outcome.kind === 'phrase-needed') return showWindow('focus', true);
    const notice = outcomeNotice(outcome, context());
    if (!notice) return;
    // The answer to the user's own command must not wait for the session's end like the app's other notices: during
    // a session it is the window itself, on the Focus view (the end panel says until when a locked session runs).
    if (session.state().phase === 'running') {
      log('info', notice);
      showWindow('focus', outcome.kind === 'locked');
    } else notify(notice);
  };

  const run = (command: SessionCommand, confirmed: boolean) => {
    void runSessionCommand(session, command, { prefs: prefs(), confirmed })
      .then(follow)
      .catch((error: unknown) => log('error', `session command failed: ${String(error)}`));
  };

  const runParsed = (parsed: ParsedCommand): boolean => {
    if (!parsed.ok) {
      // Also logged, for desktops where no notification daemon runs.
      log('warn', commandLineNotice(parsed.error, 'en'));
      notify(commandLineNotice(parsed.error, language()));
    }
    // A command typed on a command line or opened as a link is itself the user's confirmation of ending a flexible
    // session; a link never starts a stricter one (parseCommandUrl refuses it).
    else if (parsed.command) run(parsed.command, true);
    return !parsed.ok || parsed.command !== null;
  };

  const onTrayAction = (action: TrayAction) => {
    switch (action) {
      case 'start-25':
      case 'start-50':
      case 'start-90':
        return run({ kind: 'start', minutes: Number(action.slice(6)), intent: null, mode: null }, true);
      case 'start-custom':
      case 'open':
        return showWindow('focus');
      case 'open-notepad':
        return showWindow('notepad');
      // The window opens the prompt for the session that waits (the renderer asks the core which one).
      case 'reflect':
        return showWindow('reflections');
      case 'extend':
        return void session.extend().catch((error: unknown) => log('warn', `extend refused: ${String(error)}`));
      case 'end':
        return run({ kind: 'stop' }, false);
      case 'quit':
        return app.quit();
    }
  };

  const tray = new SessionTray({
    icons: options.trayIcons,
    clock: options.clock,
    state: () => session.state(),
    language,
    nextWindow: () => core.scheduled.nextWindow(),
    onAction: onTrayAction,
  });
  const stopNextWindow = core.scheduled.onNextChange(() => tray.render());
  // Five minutes before a window; ScheduledSessions already holds it back while a session runs. Clicking opens Focus.
  const stopScheduledNotice = core.scheduled.onNotice((window) => {
    const notice = scheduledNotice(window, context());
    held.notify({ ...notice, onClick: () => showWindow('focus') });
  });
  // A shortcut can be pressed by mistake: ending a flexible session from it still asks.
  const shortcut = new SessionShortcut(
    () => run({ kind: 'toggle' }, false),
    (status) => {
      session.setShortcutStatus(status);
      if (status.state === 'refused') log('warn', translate(presenceMessages, 'en', 'shortcutRefused', { accelerator: status.accelerator }));
    },
  );
  shortcut.apply(prefs().shortcut);
  // Between sessions there is nowhere to park a thought, so the shortcut does nothing there (docs/sessions.md).
  const parkShortcut = new SessionShortcut(
    () => {
      if (session.state().phase === 'running') toWindow(() => core.events.emit('session', 'parkLine', {}));
    },
    (status) => {
      if (status.state === 'refused') log('warn', translate(presenceMessages, 'en', 'shortcutRefused', { accelerator: status.accelerator }));
    },
  );
  parkShortcut.apply(PARK_SHORTCUT);
  // After sleep, timers may not have fired: the session and the schedule are both recomputed from the wall clock.
  const power = new SessionPower(() => {
    void session.onWake().catch((error: unknown) => log('error', `wake: ${String(error)}`));
    void core.scheduled.recompute();
  });
  power.follow(session.state());

  const stopState = session.onChange((state) => {
    tray.render();
    power.follow(state);
  });
  const stopSettings = core.settings.onChange((state) => {
    shortcut.apply(state.settings.session.shortcut);
    tray.render();
  });
  // Shown after the protections are off (the user's notifications restored), so it is not itself muted; silent.
  const stopCompleted = session.onCompleted((ended) => {
    const notice = completionNotice(ended, language());
    // Clicking it opens the window on the Focus view, where the reflection prompt waits.
    show({ body: notice.body || notice.title, title: notice.title, onClick: () => showWindow('focus') });
  });
  const stopSettled = session.onSettled(() => held.release());

  // Quitting never ends a session silently: the user is asked, and the session stays in the journal either way.
  let quitConfirmed = false;
  const onBeforeQuit = (event: Electron.Event) => {
    const prompt = quitPrompt(session.state(), context());
    if (!prompt || quitConfirmed) return;
    event.preventDefault();
    void dialog
      .showMessageBox({ type: 'question', message: prompt.message, detail: prompt.detail, buttons: prompt.buttons, defaultId: 0, cancelId: 0 })
      .then(({ response }) => {
        if (response !== 1) return;
        quitConfirmed = true;
        app.quit();
      });
  };
  app.on('before-quit', onBeforeQuit);

  return {
    handleArgv: (argv) => runParsed(parseArgv(argv)),
    handleUrl: (url) => void runParsed(parseCommandUrl(url)),
    dispose() {
      app.removeListener('before-quit', onBeforeQuit);
      stopState();
      stopSettings();
      stopCompleted();
      stopSettled();
      stopNextWindow();
      stopScheduledNotice();
      shortcut.dispose();
      parkShortcut.dispose();
      power.dispose();
      tray.dispose();
    },
  };
}
