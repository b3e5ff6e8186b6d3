import { app } from 'electron';
import { URL_SCHEME } from '../../core/session/command-line';

/**
 * Registers `stillroom://` with the OS and collects URLs opened before the core is ready (macOS sends `open-url`
 * even before `ready` when a link launches the app). Call before `ready`.
 */
export function registerUrlScheme(): { take(handler: (url: string) => void): void } {
  // Only the installed app claims the scheme: a development or test run must not rewrite the desktop's URL
  // handlers (on Linux, ~/.config/mimeapps.list). `--start`/`--toggle` work the same way there.
  if (app.isPackaged) app.setAsDefaultProtocolClient(URL_SCHEME);

  const early: string[] = [];
  let handler: ((url: string) => void) | null = null;
  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (handler) handler(url);
    else early.push(url);
  });
  return {
    take(next) {
      handler = next;
      for (const url of early.splice(0)) next(url);
    },
  };
}
