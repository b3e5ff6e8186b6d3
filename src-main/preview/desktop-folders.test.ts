import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desktopFolders, xdgUserDirectory } from './desktop-folders';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'desktop-folders-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('the desktop app folders on Linux (a real temporary home)', () => {
  it('uses ~/.config/Stillroom and, with no user-dirs.dirs, the home folder itself as Documents, like Chromium', async () => {
    await expect(desktopFolders({ platform: 'linux', env: {}, home })).resolves.toEqual({
      dataDir: join(home, '.config', 'Stillroom'),
      vaultDir: join(home, 'Stillroom'),
    });
  });

  it('follows XDG_CONFIG_HOME and the Documents folder named in its user-dirs.dirs (localised names too)', async () => {
    const config = join(home, 'cfg');
    await mkdir(config, { recursive: true });
    await writeFile(
      join(config, 'user-dirs.dirs'),
      '# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR="$HOME/桌面"\n  XDG_DOCUMENTS_DIR = "$HOME/文档"\n',
    );
    await expect(desktopFolders({ platform: 'linux', env: { XDG_CONFIG_HOME: config }, home })).resolves.toEqual({
      dataDir: join(config, 'Stillroom'),
      vaultDir: join(home, '文档', 'Stillroom'),
    });
  });

  it('treats an empty XDG_CONFIG_HOME as unset', async () => {
    const folders = await desktopFolders({ platform: 'linux', env: { XDG_CONFIG_HOME: '' }, home });
    expect(folders.dataDir).toBe(join(home, '.config', 'Stillroom'));
  });

  it('reads the lookup as xdg-user-dirs does: absolute paths, escapes, the last line wins, other forms ignored', async () => {
    const config = join(home, '.config');
    await mkdir(config, { recursive: true });
    const dirs = (lines: string[]) => writeFile(join(config, 'user-dirs.dirs'), lines.join('\n'));
    await dirs(['XDG_DOCUMENTS_DIR="/srv/my \\"docs\\"/"']);
    await expect(xdgUserDirectory('DOCUMENTS', config, home)).resolves.toBe('/srv/my "docs"');
    await dirs(['XDG_DOCUMENTS_DIR="$HOME/One"', 'XDG_DOCUMENTS_DIR="$HOME/Two"']);
    await expect(xdgUserDirectory('DOCUMENTS', config, home)).resolves.toBe(join(home, 'Two'));
    await dirs(['XDG_DOCUMENTS_DIR="relative/path"', 'XDG_DOCUMENTS_DIR=$HOME/unquoted', 'XDG_DOCUMENTSX_DIR="/x"']);
    await expect(xdgUserDirectory('DOCUMENTS', config, home)).resolves.toBe(home);
  });
});

// macOS and Windows do not exist here: only the path rules are checked, with their own separators.
describe('the desktop app folders on macOS and Windows (path rules only)', () => {
  it('uses Application Support and ~/Documents on macOS', async () => {
    await expect(desktopFolders({ platform: 'darwin', env: {}, home: '/Users/ada' })).resolves.toEqual({
      dataDir: '/Users/ada/Library/Application Support/Stillroom',
      vaultDir: '/Users/ada/Documents/Stillroom',
    });
  });

  it('uses %APPDATA% and the Documents known folder on Windows, falling back to the profile', async () => {
    const env = { APPDATA: 'C:\\Users\\Ada\\AppData\\Roaming' };
    await expect(
      desktopFolders({ platform: 'win32', env, home: 'C:\\Users\\Ada', windowsDocuments: async () => 'D:\\OneDrive\\Documents' }),
    ).resolves.toEqual({ dataDir: 'C:\\Users\\Ada\\AppData\\Roaming\\Stillroom', vaultDir: 'D:\\OneDrive\\Documents\\Stillroom' });
    await expect(desktopFolders({ platform: 'win32', env: {}, home: 'C:\\Users\\Ada', windowsDocuments: async () => null })).resolves.toEqual({
      dataDir: 'C:\\Users\\Ada\\AppData\\Roaming\\Stillroom',
      vaultDir: 'C:\\Users\\Ada\\Documents\\Stillroom',
    });
  });
});
