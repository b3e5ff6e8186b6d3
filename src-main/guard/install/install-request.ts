import { parseArgs } from 'node:util';
import type { InstallInput } from './elevation';

/**
 * What `stillroom-guard install` is asked to install, from its flags. The app's admin prompt passes every flag; a
 * person running it by hand (`sudo node out/guard/stillroom-guard.cjs install`) may leave out all but the command:
 * the runtime is the binary running it, the user is the one who ran sudo, the version is the one this guard was
 * built as. Run by anyone but root, it refuses before it reads or writes anything.
 */
export interface InstallContext {
  readonly platform: NodeJS.Platform;
  /** null on Windows, where elevation is UAC's job and there is no uid to check. */
  readonly uid: number | null;
  /** The binary running this script. */
  readonly execPath: string;
  /** This script, as it was started. */
  readonly script: string;
  readonly env: NodeJS.ProcessEnv;
  /** The version this guard script was built as (scripts/build-guard.mjs), or undefined from source. */
  readonly builtVersion: string | undefined;
  /** The account's uid, or null when there is no such account. */
  readonly lookupUid: (name: string) => Promise<number | null>;
}

export type InstallRequest = Omit<InstallInput, 'bundle'>;

/** Refuses anyone but root (Unix), naming the command that would work, before anything is touched. */
export function assertRoot(command: 'install' | 'uninstall', context: Pick<InstallContext, 'platform' | 'uid' | 'execPath' | 'script'>): void {
  if (context.platform === 'win32' || context.uid === 0) return;
  throw new Error(`${command === 'install' ? 'Installing' : 'Uninstalling'} the guard needs root, and nothing was changed. Run: sudo ${context.execPath} ${context.script} ${command}`);
}

export async function parseInstallRequest(args: string[], context: InstallContext): Promise<InstallRequest> {
  const { values } = parseArgs({
    args,
    options: { runtime: { type: 'string' }, user: { type: 'string' }, uid: { type: 'string' }, sid: { type: 'string' }, version: { type: 'string' } },
    strict: true,
  });
  const version = values.version ?? context.builtVersion;
  if (!version) throw new Error('install needs --version (this guard script was not built with one)');
  // sudo names the person who ran it; root itself is never assumed to be the one the guard serves.
  const sudoUser = context.env.SUDO_USER && context.env.SUDO_USER !== 'root' ? context.env.SUDO_USER : undefined;
  const name = values.user ?? sudoUser;
  if (!name) throw new Error('Name the user the guard serves: --user <name> (sudo passes yours when you run it with sudo)');
  if (context.platform === 'win32') return { runtime: values.runtime ?? context.execPath, user: { name, sid: values.sid }, version };
  const uid = values.uid === undefined ? await context.lookupUid(name) : Number(values.uid);
  if (uid === null) throw new Error(`There is no user named ${JSON.stringify(name)} on this machine`);
  if (!Number.isInteger(uid) || uid < 0) throw new Error('--uid must be a number');
  return { runtime: values.runtime ?? context.execPath, user: { name, uid }, version };
}
