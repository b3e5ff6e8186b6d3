import { z } from 'zod';
import type { OutputRunner } from '../../base/command-runner';
import { commandUnavailable, DND_COMMAND_TIMEOUT_MS, type DndAdapter, parseBoolean, runDndCommand, stateParser } from './dnd-adapter';
import type { BusConnector } from './session-bus';

const CHANNEL = 'xfce4-notifyd';
const PROPERTY = '/do-not-disturb';

/** `value` null: the property does not exist (xfce4-notifyd's default, notifications shown); removed again at the end. */
const XfceState = z.object({ value: z.boolean().nullable() }).strict();
export type XfceState = z.infer<typeof XfceState>;

/** XFCE: xfce4-notifyd's `/do-not-disturb` property in xfconf, through `xfconf-query`. */
export class XfceAdapter implements DndAdapter<XfceState> {
  readonly method = 'xfce' as const;

  constructor(
    private readonly run: OutputRunner,
    private readonly connectBus?: BusConnector,
  ) {}

  async read(): Promise<XfceState> {
    const output = await this.run('xfconf-query', ['-c', CHANNEL, '-p', PROPERTY], DND_COMMAND_TIMEOUT_MS);
    // A property that was never set makes xfconf-query exit 1 with "Property … does not exist on channel …".
    if (output.kind === 'exit' && /does not exist/i.test(output.stderr + output.stdout)) return { value: null };
    if (output.kind !== 'ok') throw commandUnavailable(this.method, 'xfconf-query', output);
    return { value: parseBoolean(output.stdout, this.method, 'xfconf-query') };
  }

  isMuted(state: XfceState): boolean {
    return state.value === true;
  }

  muted(): XfceState {
    return { value: true };
  }

  async write(state: XfceState): Promise<void> {
    if (state.value === null) await runDndCommand(this.run, this.method, 'xfconf-query', ['-c', CHANNEL, '-p', PROPERTY, '-r']);
    else await runDndCommand(this.run, this.method, 'xfconf-query', ['-c', CHANNEL, '-p', PROPERTY, '-n', '-t', 'bool', '-s', String(state.value)]);
  }

  same(a: XfceState, b: XfceState): boolean {
    return a.value === b.value;
  }

  /**
   * xfconfd signals PropertyChanged / PropertyRemoved (channel, property, …) on the bus. (`xfconf-query -m` would
   * do too, but it buffers its output when not writing to a terminal.) No sender in the rule: xfconfd is started
   * on demand and may not own its name yet.
   */
  watch(onChange: () => void): () => void {
    const bus = this.connectBus?.();
    if (!bus) return () => undefined;
    for (const member of ['PropertyChanged', 'PropertyRemoved']) {
      bus.onSignal({ path: '/org/xfce/Xfconf', interface: 'org.xfce.Xfconf', member }, (body) => {
        if (body[0] === CHANNEL && body[1] === PROPERTY) onChange();
      });
    }
    return () => bus.close();
  }

  readonly parse = stateParser(XfceState);
}
