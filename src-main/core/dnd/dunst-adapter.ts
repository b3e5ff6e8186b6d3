import { z } from 'zod';
import type { OutputRunner } from '../../base/command-runner';
import { type DndAdapter, parseBoolean, runDndCommand, stateParser } from './dnd-adapter';
import { watchServerProperties, type BusConnector } from './session-bus';

const DunstState = z.object({ paused: z.boolean() }).strict();
export type DunstState = z.infer<typeof DunstState>;

/**
 * dunst: `dunstctl set-paused`. A paused dunst keeps notifications waiting and shows them when it resumes, so
 * nothing sent during the session is lost. The pause lives in dunst's memory: if dunst restarts, it is gone, and
 * the restore finds a state that is no longer ours and leaves it alone.
 */
export class DunstAdapter implements DndAdapter<DunstState> {
  readonly method = 'dunst' as const;

  constructor(
    private readonly run: OutputRunner,
    private readonly connectBus?: BusConnector,
  ) {}

  async read(): Promise<DunstState> {
    return { paused: parseBoolean(await runDndCommand(this.run, this.method, 'dunstctl', ['is-paused']), this.method, 'dunstctl') };
  }

  isMuted(state: DunstState): boolean {
    return state.paused;
  }

  muted(): DunstState {
    return { paused: true };
  }

  async write(state: DunstState): Promise<void> {
    await runDndCommand(this.run, this.method, 'dunstctl', ['set-paused', String(state.paused)]);
  }

  same(a: DunstState, b: DunstState): boolean {
    return a.paused === b.paused;
  }

  /** dunst announces `paused` through PropertiesChanged on its own interface (seen with dunst 1.9). */
  watch(onChange: () => void): () => void {
    return this.connectBus ? watchServerProperties(this.connectBus, 'org.dunstproject.cmd0', onChange) : () => undefined;
  }

  readonly parse = stateParser(DunstState);
}
