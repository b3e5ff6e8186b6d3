import { z } from 'zod';
import { type DndAdapter, DndUnavailable, stateParser } from './dnd-adapter';
import { NOTIFICATIONS_NAME, NOTIFICATIONS_PATH, watchServerProperties, type BusConnection, type BusConnector } from './session-bus';

const KdeState = z.object({ inhibited: z.boolean() }).strict();
export type KdeState = z.infer<typeof KdeState>;

/** What Plasma shows as the inhibiting app (a desktop entry name) and why. */
export const KDE_DESKTOP_ENTRY = 'stillroom';
const INHIBIT_REASON = 'Focus session';

/**
 * KDE Plasma: `org.freedesktop.Notifications.Inhibit` returns a cookie and holds until `UnInhibit(cookie)` or until
 * the caller leaves the bus, so the inhibition is held on a connection of our own for the whole session: if
 * Stillroom dies, the bus drops the connection and Plasma shows notifications again by itself. The state read back
 * is Plasma's `Inhibited` property, true while any inhibition (ours, or the user's own Do Not Disturb) holds.
 */
export class KdeAdapter implements DndAdapter<KdeState> {
  readonly method = 'kde' as const;
  private held: { bus: BusConnection; cookie: number } | null = null;

  constructor(private readonly connect: BusConnector) {}

  async read(): Promise<KdeState> {
    return this.withBus(async (bus) => {
      const [value] = await bus.call({
        destination: NOTIFICATIONS_NAME,
        path: NOTIFICATIONS_PATH,
        interface: 'org.freedesktop.DBus.Properties',
        member: 'Get',
        signature: 'ss',
        body: [NOTIFICATIONS_NAME, 'Inhibited'],
        noAutoStart: true,
      });
      const inhibited = (value as { value?: unknown } | undefined)?.value;
      if (typeof inhibited !== 'boolean') throw this.failed('Get', `Inhibited is not a boolean: ${JSON.stringify(inhibited)}`);
      return { inhibited };
    });
  }

  isMuted(state: KdeState): boolean {
    return state.inhibited;
  }

  muted(): KdeState {
    return { inhibited: true };
  }

  /** Muting takes our own inhibition; restoring releases it (never anyone else's). */
  async write(state: KdeState): Promise<void> {
    if (state.inhibited) {
      if (this.held) return;
      const bus = this.open();
      try {
        const [cookie] = await bus.call({
          destination: NOTIFICATIONS_NAME,
          path: NOTIFICATIONS_PATH,
          interface: NOTIFICATIONS_NAME,
          member: 'Inhibit',
          signature: 'ssa{sv}',
          body: [KDE_DESKTOP_ENTRY, INHIBIT_REASON, {}],
          noAutoStart: true,
        });
        if (typeof cookie !== 'number') throw this.failed('Inhibit', `no cookie in the reply: ${JSON.stringify(cookie)}`);
        this.held = { bus, cookie };
        bus.onClose(() => {
          if (this.held?.bus === bus) this.held = null;
        });
      } catch (error) {
        bus.close();
        throw error instanceof DndUnavailable ? error : this.failed('Inhibit', error);
      }
      return;
    }
    await this.close();
  }

  restored(): boolean {
    return this.held === null;
  }

  same(a: KdeState, b: KdeState): boolean {
    return a.inhibited === b.inhibited;
  }

  /** Plasma announces `Inhibited` through PropertiesChanged (the user's own Do Not Disturb switch included). */
  watch(onChange: () => void): () => void {
    return watchServerProperties(this.connect, NOTIFICATIONS_NAME, onChange);
  }

  readonly parse = stateParser(KdeState);

  async close(): Promise<void> {
    const held = this.held;
    if (!held) return;
    this.held = null;
    try {
      await held.bus.call({ destination: NOTIFICATIONS_NAME, path: NOTIFICATIONS_PATH, interface: NOTIFICATIONS_NAME, member: 'UnInhibit', signature: 'u', body: [held.cookie] });
    } finally {
      // Leaving the bus releases the inhibition even if UnInhibit itself failed.
      held.bus.close();
    }
  }

  private open(): BusConnection {
    const bus = this.connect();
    // No address, or one dbus-next cannot reach without its optional native module (an abstract socket).
    if (!bus) throw this.failed('Inhibit', 'cannot connect to the session bus');
    return bus;
  }

  /** A one-off question uses the held connection when there is one, else a short-lived one. */
  private async withBus<T>(ask: (bus: BusConnection) => Promise<T>): Promise<T> {
    const shared = this.held?.bus;
    const bus = shared ?? this.open();
    try {
      return await ask(bus);
    } catch (error) {
      throw error instanceof DndUnavailable ? error : this.failed('Get', error);
    } finally {
      if (!shared) bus.close();
    }
  }

  private failed(member: string, error: unknown): DndUnavailable {
    const message = error instanceof Error ? error.message : String(error);
    return new DndUnavailable({ reason: 'command-failed', method: this.method, command: `org.freedesktop.Notifications.${member}`, message: message.slice(0, 500) });
  }
}
