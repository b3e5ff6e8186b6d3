import type { Clock } from '../clock';
import { FreedesktopTrash } from './freedesktop-trash';

/**
 * The operating system's trash, as the host provides it: Electron's `shell.trashItem` in the app, the
 * freedesktop.org trash in the Linux preview and tests. A deleted note can always be restored from there.
 */
export interface Trash {
  /** Moves a file into the trash; rejects (and leaves the file where it was) when that is not possible. */
  moveToTrash(path: string): Promise<void>;
}

/** For hosts without an OS shell (the preview): the real trash on Linux; elsewhere deleting refuses, saying why. */
export function trashWithoutShell(clock: Clock, env: NodeJS.ProcessEnv = process.env): Trash {
  if (process.platform === 'linux') return FreedesktopTrash.forEnvironment(env, clock);
  return {
    moveToTrash: async () => {
      throw new Error(`Moving notes to the trash needs the desktop app on ${process.platform}`);
    },
  };
}
