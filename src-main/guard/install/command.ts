import { realpathSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { execFileOutput, execFileRunner } from '../../base/command-runner';
import { sendGuardRequest } from '../protocol';
import { assertRoot, parseInstallRequest, type InstallContext } from './install-request';
import { assertRootOwnedPath, installGuard, uninstallGuard, type PlatformInstaller } from './installer';
import { linuxInstaller } from './linux';
import { macosInstaller } from './macos';
import { windowsInstaller } from './windows';

/**
 * `stillroom-guard install [--runtime <binary>] [--user <name>] [--uid N | --sid S] [--version V]` and `uninstall`,
 * run as root/administrator: by the app through the OS's admin prompt (elevation.ts), or by a person
 * with sudo where no prompt can be shown (install-request.ts says what may be left out). The guard script being run
 * is the one that gets copied.
 */
export function platformInstaller(platform: NodeJS.Platform): PlatformInstaller {
  if (platform === 'linux') return linuxInstaller;
  if (platform === 'darwin') return macosInstaller;
  if (platform === 'win32') return windowsInstaller;
  throw new Error(`The guard cannot be installed on ${platform}`);
}

export async function runInstallCommand(command: 'install' | 'uninstall', args: string[]): Promise<number> {
  const script = process.argv[1];
  if (!script) throw new Error('Cannot tell which guard script is running');
  const context: InstallContext = {
    platform: process.platform,
    uid: process.getuid?.() ?? null,
    execPath: process.execPath,
    script,
    env: process.env,
    builtVersion: process.env.STILLROOM_GUARD_BUILD_VERSION,
    lookupUid,
  };
  assertRoot(command, context);
  const installer = platformInstaller(process.platform);
  const options = { root: '/', run: execFileRunner, rootOwned: process.platform !== 'win32' };
  if (command === 'uninstall') {
    for (const error of await uninstallGuard(installer, options)) console.warn(`stillroom-guard: ${error}`);
    process.stdout.write('The Stillroom guard is uninstalled and no block is left.\n');
    return 0;
  }
  const request = await parseInstallRequest(args, context);
  const runtime = realpathSync(request.runtime);
  if (process.platform !== 'win32') assertRootOwnedPath(runtime);
  await installGuard(installer, { ...request, runtime, bundle: realpathSync(script) }, options);
  const version = await answeringVersion(installer.layout.socketPath);
  if (version !== request.version) {
    console.error(`stillroom-guard: installed, but the service is not answering as version ${request.version} (got ${version ?? 'no answer'})`);
    return 1;
  }
  process.stdout.write(`The Stillroom guard is installed and running, for ${request.user.name}.\n`);
  return 0;
}

/** The account's uid from the system's own user database (NSS, so directory accounts count too). */
async function lookupUid(name: string): Promise<number | null> {
  const output = await execFileOutput('/usr/bin/id', ['-u', '--', name], 10_000);
  return output.kind === 'ok' ? Number(output.stdout.trim()) : null;
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
