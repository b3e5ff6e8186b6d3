import { realpathSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { execFileRunner } from '../dns-flush';
import { assertRootOwnedPath, installGuard, uninstallGuard, type PlatformInstaller } from './installer';
import { linuxInstaller } from './linux';
import { macosInstaller } from './macos';
import { windowsInstaller } from './windows';

/**
 * `stillroom-guard install --runtime <binary> --user <name> [--uid N | --sid S] --version V` and `uninstall`, run as
 * root/administrator by the app through the OS's admin prompt (see each installer's `elevate`). The guard script
 * being run is the one that gets copied.
 */
export function platformInstaller(platform: NodeJS.Platform): PlatformInstaller {
  if (platform === 'linux') return linuxInstaller;
  if (platform === 'darwin') return macosInstaller;
  if (platform === 'win32') return windowsInstaller;
  throw new Error(`The guard cannot be installed on ${platform}`);
}

export async function runInstallCommand(command: 'install' | 'uninstall', args: string[]): Promise<number> {
  const installer = platformInstaller(process.platform);
  const options = { root: '/', run: execFileRunner, rootOwned: process.platform !== 'win32' };
  if (command === 'uninstall') {
    for (const error of await uninstallGuard(installer, options)) console.warn(`stillroom-guard: ${error}`);
    process.stdout.write('The Stillroom guard is uninstalled and no block is left.\n');
    return 0;
  }
  const { values } = parseArgs({
    args,
    options: { runtime: { type: 'string' }, user: { type: 'string' }, uid: { type: 'string' }, sid: { type: 'string' }, version: { type: 'string' } },
    strict: true,
  });
  if (!values.runtime || !values.user || !values.version) throw new Error('install needs --runtime, --user and --version');
  const runtime = realpathSync(values.runtime);
  if (process.platform !== 'win32') assertRootOwnedPath(runtime);
  const bundle = process.argv[1];
  if (!bundle) throw new Error('Cannot tell which guard script is running');
  const uid = values.uid === undefined ? undefined : Number(values.uid);
  if (uid !== undefined && !Number.isInteger(uid)) throw new Error('--uid must be a number');
  await installGuard(installer, { runtime, bundle: realpathSync(bundle), user: { name: values.user, uid, sid: values.sid }, version: values.version }, options);
  process.stdout.write('The Stillroom guard is installed and running.\n');
  return 0;
}
