import { join } from 'node:path';
import { BrowserWindow, nativeTheme } from 'electron';
import { APP_ORIGIN } from './app-protocol-path';
import { assertSecureWebPreferences } from './web-preferences-guard';

let mainWindow: BrowserWindow | null = null;

/** The single app window: created on demand, shown and focused when it already exists. */
export function showMainWindow(options: { preloadPath: string; devServerUrl: string | undefined; iconPath: string }): BrowserWindow {
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    return mainWindow;
  }
  const window = new BrowserWindow({
    width: 1120,
    height: 780,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Stillroom',
    icon: options.iconPath,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1d1f' : '#f7f6f3',
    // Written out here (not spread from elsewhere) so that reviewers and static scanners see every flag.
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  // Check what Electron actually applied, not what we meant to pass.
  try {
    assertSecureWebPreferences(window.webContents.getLastWebPreferences() ?? {});
  } catch (error) {
    window.destroy();
    throw error;
  }
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(options.devServerUrl ?? `${APP_ORIGIN}/index.html`);
  mainWindow = window;
  return window;
}

export const currentMainWindow = (): BrowserWindow | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);

export const resourcePath = (resourcesRoot: string, ...parts: string[]): string => join(resourcesRoot, ...parts);
