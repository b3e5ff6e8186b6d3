import { z } from 'zod';
import type { OutputRunner } from '../../base/command-runner';
import { type DndAdapter, parseBoolean, runDndCommand, stateParser } from './dnd-adapter';

const SwayncState = z.object({ dnd: z.boolean() }).strict();
export type SwayncState = z.infer<typeof SwayncState>;

/** SwayNotificationCenter: its own Do Not Disturb through `swaync-client` (`-sw`: do not wait for a daemon to start). */
export class SwayncAdapter implements DndAdapter<SwayncState> {
  readonly method = 'swaync' as const;

  constructor(private readonly run: OutputRunner) {}

  async read(): Promise<SwayncState> {
    return { dnd: parseBoolean(await runDndCommand(this.run, this.method, 'swaync-client', ['--get-dnd', '--skip-wait']), this.method, 'swaync-client') };
  }

  isMuted(state: SwayncState): boolean {
    return state.dnd;
  }

  muted(): SwayncState {
    return { dnd: true };
  }

  async write(state: SwayncState): Promise<void> {
    await runDndCommand(this.run, this.method, 'swaync-client', [state.dnd ? '--dnd-on' : '--dnd-off', '--skip-wait']);
  }

  same(a: SwayncState, b: SwayncState): boolean {
    return a.dnd === b.dnd;
  }

  readonly parse = stateParser(SwayncState);
}
