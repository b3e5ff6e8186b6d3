import { app, session, shell, type WebContents } from 'electron';
import { isAllowedNavigation, isAllowedPermission } from './navigation-guard';

/** Applies the small named guards to every web contents the app ever creates. */
export function hardenWebContents(origins: readonly string[], log: (message: string) => void): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(isAllowedPermission(permission));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => isAllowedPermission(permission));

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, origins)) {
        event.preventDefault();
        log(`refused navigation to ${url}`);
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, origins)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log('refused a webview');
    });
    contents.setWindowOpenHandler(({ url }) => {
      log(`refused window.open(${url})`);
      return { action: 'deny' };
    });
  });
}

export const openExternalUrl = (url: string): Promise<void> => shell.openExternal(url);
