import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppEntry } from '../../contract/apps';
import { defaultAppCategories } from './default-apps';
import { installedApps } from './installed-apps';

// A machine's file tree built in a temp folder (the detector's root, home and PATH are injected): nothing of this
// machine's own is looked at.
const base = mkdtempSync(join(tmpdir(), 'installed-apps-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let trees = 0;
function tree(files: readonly string[], folders: readonly string[] = []) {
  const root = join(base, `tree-${++trees}`);
  const home = join(root, 'home/ada');
  mkdirSync(home, { recursive: true });
  for (const folder of folders) mkdirSync(join(root, folder), { recursive: true });
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  return { root, home, path: '/usr/local/sbin:/usr/local/bin:/usr/bin:relative/bin' };
}

const builtIn = defaultAppCategories.flatMap((category) => category.apps);
const app = (id: string, linux: object, macos: object = {}) => AppEntry.parse({ id, names: { en: id, 'zh-CN': id }, category: 'chat', linux, macos });

describe('which apps of a list are installed here', () => {
  it('finds each way an app is installed on Linux, in the list’s order', () => {
    const roots = tree(
      [
        '/opt/wechat/wechat', // the deb's folder
        '/usr/bin/telegram-desktop', // an executable on PATH
        '/home/ada/Applications/Bilibili-1.14.0.AppImage', // an AppImage named like a pattern (unverified pattern or not)
      ],
      [
        '/var/lib/flatpak/app/com.valvesoftware.Steam', // a system-wide Flatpak
        '/home/ada/.local/share/flatpak/app/com.discordapp.Discord', // a user's Flatpak
        '/snap/signal-desktop', // a snap
      ],
    );
    const own = app('own-1', { appImages: ['Bilibili*.AppImage'] });
    expect(installedApps([...builtIn, own], 'linux', roots)).toEqual(['wechat', 'telegram', 'discord', 'signal', 'steam', 'own-1']);
  });

  it('finds nothing on an empty machine, and ignores a folder named like an executable and a relative PATH entry', () => {
    const roots = tree(['/relative/bin/telegram-desktop'], ['/usr/bin/signal-desktop', '/var/lib/flatpak/app/org.other.App']);
    expect(installedApps(builtIn, 'linux', roots)).toEqual([]);
  });

  it('looks in ~/.local/bin and the usual folders beyond PATH', () => {
    const roots = { ...tree(['/home/ada/.local/bin/zapzap', '/usr/games/steam']), path: '' };
    expect(installedApps(builtIn, 'linux', roots)).toEqual(['whatsapp', 'steam']);
  });

  it('on macOS, finds an app’s bundle in /Applications or ~/Applications', () => {
    const roots = tree([], ['/Applications/WeChat.app', '/home/ada/Applications/Discord.app', '/opt/wechat']);
    const ids = installedApps(builtIn, 'darwin', roots);
    expect(ids).toEqual(['wechat', 'discord']);
  });

  it('does not guess where nothing is looked at yet', () => {
    expect(installedApps(builtIn, 'win32', tree([]))).toBeNull();
  });
});
