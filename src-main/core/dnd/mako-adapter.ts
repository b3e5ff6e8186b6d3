import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { MAKO_DND_MODE } from '../../contract/notifications';
import type { OutputRunner } from '../../base/command-runner';
import { type DndAdapter, DndUnavailable, runDndCommand, stateParser } from './dnd-adapter';

const MakoState = z.object({ modes: z.array(z.string().min(1).max(100)).max(50) }).strict();
export type MakoState = z.infer<typeof MakoState>;

/** Where mako looks for its config (mako(5)), first match wins. */
export function makoConfigPaths(env: NodeJS.ProcessEnv = process.env, home = homedir()): string[] {
  const configHome = env.XDG_CONFIG_HOME || join(home, '.config');
  return [join(configHome, 'mako', 'config'), join(home, '.mako', 'config')];
}

/** Whether a mako config hides notifications in `mode`: a `[mode=…]` section with `invisible=1` (or true). */
export function makoModeHides(config: string, mode: string): boolean {
  let inMode = false;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inMode = line === `[mode=${mode}]`;
      continue;
    }
    if (inMode && /^invisible\s*=\s*(1|true)$/.test(line)) return true;
  }
  return false;
}

async function readFirstConfig(paths: readonly string[]): Promise<string | null> {
  for (const path of paths) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      // Not there: mako tries the next place too.
    }
  }
  return null;
}

/**
 * mako: a mode the user's config defines. `makoctl mode -a do-not-disturb` only silences anything if the config
 * says `[mode=do-not-disturb]` / `invisible=1`, so the config is read first; without it muting is reported
 * impossible rather than claimed. Restoring sets the exact list of modes that was there.
 */
export class MakoAdapter implements DndAdapter<MakoState> {
  readonly method = 'mako' as const;

  constructor(
    private readonly run: OutputRunner,
    private readonly configPaths: readonly string[] = makoConfigPaths(),
  ) {}

  async read(): Promise<MakoState> {
    const config = await readFirstConfig(this.configPaths);
    if (config === null || !makoModeHides(config, MAKO_DND_MODE)) {
      throw new DndUnavailable({ reason: 'mode-not-configured', method: this.method, mode: MAKO_DND_MODE });
    }
    const output = await runDndCommand(this.run, this.method, 'makoctl', ['mode']);
    return { modes: output.split('\n').map((line) => line.trim()).filter((line) => line !== '') };
  }

  isMuted(state: MakoState): boolean {
    return state.modes.includes(MAKO_DND_MODE);
  }

  muted(found: MakoState): MakoState {
    return { modes: [...found.modes, MAKO_DND_MODE] };
  }

  async write(state: MakoState): Promise<void> {
    // `-s` with no mode is refused by makoctl; mako's own starting mode is "default".
    await runDndCommand(this.run, this.method, 'makoctl', ['mode', '-s', ...(state.modes.length > 0 ? state.modes : ['default'])]);
  }

  same(a: MakoState, b: MakoState): boolean {
    return a.modes.length === b.modes.length && a.modes.every((mode) => b.modes.includes(mode));
  }

  readonly parse = stateParser(MakoState);
}
