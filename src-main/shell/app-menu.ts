import { Menu, type MenuItemConstructorOptions } from 'electron';

/** The platform's standard menu: copy/paste, window and view roles; nothing app-specific hides here. */
export function installAppMenu(isMac: boolean): void {
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
