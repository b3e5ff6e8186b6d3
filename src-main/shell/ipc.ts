import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Core } from '../core/app-core';
import type { Caller } from '../core/ipc/router';
import { isTrustedSender } from './navigation-guard';

/** Registers every contract call with one generic handler, and forwards every core event to every window. */
export function registerIpc(core: Core, origins: readonly string[]): () => void {
  const callerOf = (event: IpcMainInvokeEvent): Caller => {
    const frame = event.senderFrame;
    const window = BrowserWindow.fromWebContents(event.sender);
    const trusted = isTrustedSender(
      {
        frameUrl: frame?.url,
        isTopFrame: frame !== null && frame === event.sender.mainFrame,
        isOwnWindow: window !== null && !window.isDestroyed(),
      },
      origins,
    );
    return { trusted, description: `webContents ${event.sender.id} (${frame?.url ?? 'no frame'})` };
  };

  for (const channel of core.router.channels) {
    ipcMain.handle(channel, (event, payload: unknown) => core.router.dispatch(channel, payload, callerOf(event)));
  }
  const stopEvents = core.events.listen((channel, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(channel, payload);
    }
  });
  return () => {
    stopEvents();
    for (const channel of core.router.channels) ipcMain.removeHandler(channel);
  };
}
