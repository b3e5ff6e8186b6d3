import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';

export interface TrayActions {
  open(): void;
  quit(): void;
}

/** The tray mark: a template image on macOS (it follows the menu bar's colour), a plain PNG elsewhere. */
export function createTray(iconPath: string, actions: TrayActions, extraItems: () => MenuItemConstructorOptions[] = () => []): {
  tray: Tray;
  refresh(): void;
} {
  const image = nativeImage.createFromPath(iconPath);
  if (process.platform === 'darwin') image.setTemplateImage(true);
  const tray = new Tray(image);
  tray.setToolTip('Stillroom');
  const refresh = () => {
    tray.setContextMenu(
      Menu.buildFromTemplate([
        ...extraItems(),
        { label: 'Open Stillroom', click: actions.open },
        { type: 'separator' },
        { label: 'Quit', click: actions.quit },
      ]),
    );
  };
  refresh();
  tray.on('click', actions.open);
  return { tray, refresh };
}
