import { BrowserWindow, nativeTheme } from 'electron';
import { APP_ORIGIN } from './app-protocol-path';
import { assertSecureWebPreferences, secureWebPreferences } from './web-preferences-guard';

let mainWindow: BrowserWindow | null = null;

/** The single app window: created on demand, shown and focused when it already exists. */
export function showMainWindow(options: { preloadPath: string; devServerUrl: string | undefined; iconPath: string }): BrowserWindow {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    return mainWindow;
  }
  const webPreferences = secureWebPreferences(options.preloadPath);
  assertSecureWebPreferences(webPreferences);
  // The scanner cannot follow the checked object into the constructor; the assertion above covers its checks.
  const window = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    width: 1120,
    height: 780,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Stillroom',
    icon: options.iconPath,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1d1f' : '#f7f6f3',
    webPreferences,
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(options.devServerUrl ?? `${APP_ORIGIN}/index.html`);
  mainWindow = window;
  return window;
}
