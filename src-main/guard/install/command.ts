import { realpathSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { execFileRunner } from '../../base/command-runner';
import { sendGuardRequest } from '../protocol';
import { assertRootOwnedPath, installGuard, uninstallGuard, type PlatformInstaller } from './installer';
import { linuxInstaller } from './linux';
import { macosInstaller } from './macos';
import { windowsInstaller } from './windows';

/**
 * `stillroom-guard install --runtime <binary> --user <name> [--uid N | --sid S] --version V` and `uninstall`, run as
 * root/administrator by the app through the OS's admin prompt (elevation.ts). The guard script
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
  const version = await answeringVersion(installer.layout.socketPath);
  if (version !== values.version) {
    console.error(`stillroom-guard: installed, but the service is not answering as version ${values.version} (got ${version ?? 'no answer'})`);
    return 1;
  }
  process.stdout.write('The Stillroom guard is installed and running.\n');
  return 0;
}

/** The version the freshly started guard reports over its socket, or null if it does not answer within 15 s. */
async function answeringVersion(socketPath: string): Promise<string | null> {
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      const reply = await sendGuardRequest(socketPath, { type: 'status' }, 2000);
      if (reply.type === 'ok') return reply.status.version;
    } catch {
      // Not up yet.
    }
    await sleep(500);
  }
  return null;
}
