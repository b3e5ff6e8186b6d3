import { join } from 'node:path';
import { BrowserWindow, app, dialog, shell } from 'electron';
import { createCore, type Core } from '../core/app-core';
import { printHtmlToPdf } from './print-to-pdf';
import { desktopGuard } from '../core/guard-client/guard-installer';
import { systemNotificationsProtection } from '../core/dnd/system-notifications';
import { systemClock } from '../core/clock';
import { Platform } from '../contract/app';
import { installAppMenu } from './app-menu';
import { registerAppSchemeAsPrivileged, serveRenderer } from './app-protocol';
import { ElectronStoreSettingsStorage } from './electron-store-storage';
import { registerIpc } from './ipc';
import { showMainWindow } from './main-window';
import { trustedOrigins } from './navigation-guard';
import { hardenWebContents, openExternalUrl } from './security';
import { reportCommandLineError } from './session/command-line-report';
import { enableWaylandShortcutPortal } from './session/global-shortcut';
import { wireSession, type SessionShell } from './session/session-shell';
import { registerUrlScheme } from './session/url-scheme';

// Paths of the built app: out/main/index.js beside out/preload and out/renderer; resources/ at the top.
const outRoot = join(import.meta.dirname, '..');
const resourcesRoot = app.isPackaged ? process.resourcesPath : join(outRoot, '..', 'resources');
// The guard's script must be a real file (it is unpacked from the asar archive) for the installer to copy.
const guardBundle = join(outRoot, 'guard', 'stillroom-guard.cjs').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const origins = trustedOrigins(devServerUrl, app.isPackaged);

const log = (level: 'info' | 'warn' | 'error', message: string) => process.stderr.write(`[stillroom ${level}] ${message}\n`);

registerAppSchemeAsPrivileged();
enableWaylandShortcutPortal();

if (!app.requestSingleInstanceLock()) {
  // Another Stillroom is running: it receives our argv through 'second-instance'.
  reportCommandLineError(process.argv);
  app.quit();
} else {
  let core: Core | null = null;
  let sessionShell: SessionShell | null = null;
  const sessionUrls = registerUrlScheme();

  const openWindow = () =>
    showMainWindow({
      preloadPath: join(outRoot, 'preload', 'index.cjs'),
      devServerUrl,
      iconPath: join(resourcesRoot, 'icons', 'icon.png'),
    });

  // `stillroom --start 25` from a launcher acts without raising the window; a plain second launch shows it.
  app.on('second-instance', (_event, argv) => {
    if (!sessionShell?.handleArgv(argv)) openWindow();
  });
  // Listening keeps the app alive with no window: the tray keeps Stillroom at hand, and Quit is explicit.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => openWindow());
  // Quit waits for the core to finish (a note saved on the way out, the session journal), then exits.
  let disposed = false;
  // A terminal's Ctrl-C, `kill`, a logout: quit the ordinary way, so will-quit below puts notifications back.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app.on('will-quit', (event) => {
    if (disposed || !core) return;
    event.preventDefault();
    sessionShell?.dispose();
    void core
      .dispose()
      .catch((error: unknown) => log('error', `closing the core failed: ${String(error)}`))
      .finally(() => {
        disposed = true;
        app.quit();
      });
  });

  void app.whenReady().then(async () => {
    hardenWebContents(origins, (message) => log('warn', message));
    serveRenderer(join(outRoot, 'renderer'));
    installAppMenu(process.platform === 'darwin');

    const dataDir = app.getPath('userData');
    core = await createCore({
      info: {
        version: app.getVersion(),
        platform: Platform.parse(process.platform),
        runtime: 'electron',
        locale: app.getLocale(),
        dataDir,
        vaultDir: join(app.getPath('documents'), 'Stillroom'),
      },
      clock: systemClock,
      settingsStorage: new ElectronStoreSettingsStorage(dataDir),
      openExternal: openExternalUrl,
      log,
      trash: { moveToTrash: (path) => shell.trashItem(path) },
      revealInFolder: async (path) => shell.showItemInFolder(path),
      printToPdf: printHtmlToPdf,
      chooseFolder: async () => {
        const options: Electron.OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'] };
        const window = BrowserWindow.getFocusedWindow();
        const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      chooseFile: async () => {
        const options: Electron.OpenDialogOptions = { properties: ['openFile'] };
        const window = BrowserWindow.getFocusedWindow();
        const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      notifications: ({ settings }) => systemNotificationsProtection({ settings, log }),
      // The guard runs under this very binary in Node mode (ELECTRON_RUN_AS_NODE=1), from a root-owned copy.
      ...desktopGuard({ platform: process.platform, runtime: process.execPath, bundle: guardBundle, version: app.getVersion() }),
    });
    registerIpc(core, origins);

    const trayIcon = (name: 'tray' | 'trayRunning') => join(resourcesRoot, 'tray', process.platform === 'darwin' ? `${name}Template.png` : `${name}.png`);
    sessionShell = wireSession({ core, clock: systemClock, trayIcons: { idle: trayIcon('tray'), running: trayIcon('trayRunning') }, openWindow, log });
    openWindow();
    sessionShell.handleArgv(process.argv);
    sessionUrls.take((url) => sessionShell?.handleUrl(url));
  });
}
