import { resolve } from 'node:path';
import { app } from 'electron';
import { URL_SCHEME } from '../../core/session/command-line';

/**
 * Registers `stillroom://` with the OS and collects URLs opened before the core is ready (macOS sends `open-url`
 * even before `ready` when a link launches the app). Call before `ready`.
 */
export function registerUrlScheme(): { take(handler: (url: string) => void): void } {
  // In development Electron runs as `electron <app path>`: the OS must call it with that path.
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(URL_SCHEME, process.execPath, [resolve(process.argv[1])]);
  else app.setAsDefaultProtocolClient(URL_SCHEME);

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
