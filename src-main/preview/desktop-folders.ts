import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, posix, win32 } from 'node:path';
import { promisify } from 'node:util';

/** The app's name as Electron takes it from package.json's productName: the last part of `app.getPath('userData')`. */
export const APP_FOLDER_NAME = 'Stillroom';

export interface DesktopFolders {
  /** Electron's `app.getPath('userData')` for this app: settings.json, session/, recovery/. */
  dataDir: string;
  /** The shell's default vault, `join(app.getPath('documents'), 'Stillroom')`. */
  vaultDir: string;
}

export interface FolderEnvironment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  /** Windows only: the Documents known folder (it can be redirected, e.g. to OneDrive). Not callable elsewhere. */
  windowsDocuments?: () => Promise<string | null>;
}

/**
 * Where the desktop app keeps its data, computed the way Electron (Chromium's path service) does, so that the
 * browser preview started by `npm start` reads and writes the very same files.
 */
export async function desktopFolders(where: FolderEnvironment): Promise<DesktopFolders> {
  const { platform, env, home } = where;
  if (platform === 'darwin') {
    return {
      dataDir: posix.join(home, 'Library', 'Application Support', APP_FOLDER_NAME),
      vaultDir: posix.join(home, 'Documents', APP_FOLDER_NAME),
    };
  }
  if (platform === 'win32') {
    const appData = env.APPDATA || win32.join(home, 'AppData', 'Roaming');
    const documents = (await where.windowsDocuments?.()) || win32.join(home, 'Documents');
    return { dataDir: win32.join(appData, APP_FOLDER_NAME), vaultDir: win32.join(documents, APP_FOLDER_NAME) };
  }
  // Linux and the BSDs: XDG_CONFIG_HOME (an empty value counts as unset), else ~/.config.
  const configHome = env.XDG_CONFIG_HOME || posix.join(home, '.config');
  const documents = await xdgUserDirectory('DOCUMENTS', configHome, home);
  return { dataDir: posix.join(configHome, APP_FOLDER_NAME), vaultDir: posix.join(documents, APP_FOLDER_NAME) };
}

/**
 * Chromium's `GetXDGUserDirectory` through its copy of xdg-user-dirs' lookup: the last `XDG_<TYPE>_DIR="…"` line
 * of `<config home>/user-dirs.dirs` that is `$HOME/…` or absolute, backslash escapes removed. Without one the lookup
 * answers the home folder itself (not ~/Documents): that is what Electron's `app.getPath('documents')` returns there.
 */
export async function xdgUserDirectory(type: string, configHome: string, home: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(join(configHome, 'user-dirs.dirs'), 'utf8');
  } catch {
    return stripTrailingSlashes(home);
  }
  let found: string | null = null;
  const pattern = new RegExp(`^[ \\t]*XDG_${type}_DIR[ \\t]*=[ \\t]*"(.*)$`);
  for (const line of text.split('\n')) {
    const match = pattern.exec(line);
    if (!match) continue;
    let value = match[1]!;
    let prefix = '';
    if (value.startsWith('$HOME/')) {
      value = value.slice('$HOME/'.length);
      prefix = `${home}/`;
    } else if (!value.startsWith('/')) continue;
    let unescaped = '';
    for (let i = 0; i < value.length && value[i] !== '"'; i++) {
      if (value[i] === '\\' && i + 1 < value.length) i++;
      unescaped += value[i];
    }
    found = prefix + unescaped;
  }
  return stripTrailingSlashes(found ?? home);
}

const stripTrailingSlashes = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') || '/' : path);

/** Windows' Documents known folder, as .NET reports it (the same SHGetFolderPath Chromium asks). */
export async function windowsDocumentsFolder(): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-Command', "[Environment]::GetFolderPath('MyDocuments')"],
      { timeout: 10_000, windowsHide: true },
    );
    return stdout.trim() || null;
  } catch {
    return null;
  }
}
