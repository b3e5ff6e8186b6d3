import dbus from 'dbus-next';

/** One D-Bus method call, as the adapters make it (and as tests of programs that cannot run here record it). */
export interface BusCall {
  readonly destination: string;
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  readonly signature?: string;
  readonly body?: readonly unknown[];
  /** Never start a service to answer (asking org.freedesktop.Notifications can start a daemon). */
  readonly noAutoStart?: boolean;
}

export interface SignalMatch {
  /** A well-known name; left out for a service started on demand after the watch begins (xfconfd). */
  readonly sender?: string;
  readonly path: string;
  readonly interface: string;
  readonly member: string;
}

/** A connection to the session bus. It lives as long as its holder: KDE drops an inhibition when it closes. */
export interface BusConnection {
  /** The reply's body; rejects on a D-Bus error or when no reply comes within the timeout. */
  call(request: BusCall, timeoutMs?: number): Promise<unknown[]>;
  /** Calls `listener` with each signal's body matching sender (when given), path, interface and member. */
  onSignal(match: SignalMatch, listener: (body: unknown[]) => void): void;
  /** Called once if the bus goes away under us (the daemon restarted, the session ended). */
  onClose(listener: () => void): void;
  close(): void;
}

export type BusConnector = () => BusConnection | null;

const BUS_TIMEOUT_MS = 5000;

/**
 * The session bus of `env` through dbus-next, or null when there is none to talk to. Only its
 * `DBUS_SESSION_BUS_ADDRESS` is used: dbus-next would otherwise guess an address from X11, and a desktop session
 * always sets the variable.
 */
export const sessionBusIn = (env: NodeJS.ProcessEnv): BusConnector => () => {
  const busAddress = env.DBUS_SESSION_BUS_ADDRESS;
  if (!busAddress) return null;
  let bus: dbus.MessageBus;
  try {
    bus = dbus.sessionBus({ busAddress });
  } catch {
    return null;
  }
  let closed = false;
  const closeListeners = new Set<() => void>();
  const pending = new Set<(error: Error) => void>();
  const failed = (error?: unknown) => {
    if (closed) return;
    closed = true;
    const reason = new Error(`the session bus connection failed${error instanceof Error ? `: ${error.message}` : ''}`);
    for (const reject of pending) reject(reason);
    for (const listener of closeListeners) listener();
  };
  // A refused socket or a dropped bus arrives as an 'error' event; without a listener it would crash the app.
  bus.on('error', failed);
  return {
    call: (request, timeoutMs = BUS_TIMEOUT_MS) =>
      new Promise((resolve, reject) => {
        if (closed) return reject(new Error('the session bus connection is closed'));
        const settle = () => {
          clearTimeout(timer);
          pending.delete(reject);
        };
        const timer = setTimeout(() => {
          settle();
          reject(new Error(`${request.member}: no answer on the session bus in time`));
        }, timeoutMs);
        pending.add(reject);
        const message = new dbus.Message({
          destination: request.destination,
          path: request.path,
          interface: request.interface,
          member: request.member,
          signature: request.signature ?? '',
          body: [...(request.body ?? [])],
          ...(request.noAutoStart ? { flags: dbus.MessageFlag.NO_AUTO_START } : {}),
        });
        bus.call(message).then(
          (reply) => {
            settle();
            resolve(reply?.body ?? []);
          },
          (error: unknown) => {
            settle();
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      }),
    onSignal: (match, listener) => {
      // The bus resolves the well-known sender name for the rule; messages carry the unique name, so the rest is
      // matched here.
      const rule = `type='signal',${match.sender ? `sender='${match.sender}',` : ''}path='${match.path}',interface='${match.interface}',member='${match.member}'`;
      bus.call(new dbus.Message({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'AddMatch', signature: 's', body: [rule] })).catch(failed);
      bus.on('message', (message: dbus.Message) => {
        if (message.type === dbus.MessageType.SIGNAL && message.path === match.path && message.interface === match.interface && message.member === match.member) listener(message.body);
      });
    },
    onClose: (listener) => {
      closeListeners.add(listener);
    },
    close: () => {
      closed = true;
      closeListeners.clear();
      bus.disconnect();
    },
  };
};

export const NOTIFICATIONS_NAME = 'org.freedesktop.Notifications';
export const NOTIFICATIONS_PATH = '/org/freedesktop/Notifications';

/** The notification server's name and vendor; null when nothing owns org.freedesktop.Notifications. */
export async function notificationServer(bus: BusConnection): Promise<{ name: string; vendor: string } | null> {
  const [owned] = await bus.call({
    destination: 'org.freedesktop.DBus',
    path: '/org/freedesktop/DBus',
    interface: 'org.freedesktop.DBus',
    member: 'NameHasOwner',
    signature: 's',
    body: [NOTIFICATIONS_NAME],
  });
  // Asked only when owned: GetServerInformation on an unowned name makes the bus start a daemon (seen with dunst).
  if (owned !== true) return null;
  const [name, vendor] = await bus.call({
    destination: NOTIFICATIONS_NAME,
    path: NOTIFICATIONS_PATH,
    interface: NOTIFICATIONS_NAME,
    member: 'GetServerInformation',
    noAutoStart: true,
  });
  return { name: String(name), vendor: String(vendor) };
}

/**
 * Watches the notification server's PropertiesChanged for one of its interfaces (dunst's `paused`, Plasma's
 * `Inhibited`) on a connection of its own; returns the function that stops watching.
 */
export function watchServerProperties(connect: BusConnector, interfaceName: string, onChange: () => void): () => void {
  const bus = connect();
  if (!bus) return () => undefined;
  bus.onSignal({ sender: NOTIFICATIONS_NAME, path: NOTIFICATIONS_PATH, interface: 'org.freedesktop.DBus.Properties', member: 'PropertiesChanged' }, (body) => {
    if (body[0] === interfaceName) onChange();
  });
  return () => bus.close();
}
