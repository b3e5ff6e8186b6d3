import { describe, expect, it } from 'vitest';
import { KdeAdapter } from './kde-adapter';
import type { BusCall, BusConnection } from './session-bus';

// Plasma's notification server cannot run here (plasma-workspace needs a whole Plasma session). These tests pin the
// exact D-Bus calls over a recording connection; e2e/system/notifications-kde.test.ts runs the same adapter against
// a D-Bus service on a real private bus and shows the inhibition ends when our connection dies.
function recordingBus(answer: (call: BusCall) => unknown[] | Error | 'hang') {
  const calls: BusCall[] = [];
  const connections: { closed: boolean; close: () => void }[] = [];
  const connect = (): BusConnection => {
    const connection = { closed: false, close: () => void (connection.closed = true) };
    connections.push(connection);
    return {
      call: (request) => {
        calls.push(request);
        const result = answer(request);
        if (result === 'hang') return Promise.reject(new Error(`${request.member}: no answer on the session bus in time`));
        return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
      },
      onSignal: () => undefined,
      onClose: () => undefined,
      close: connection.close,
    };
  };
  return { connect, calls, connections };
}

const inhibitedIs = (value: unknown) => (call: BusCall) => (call.member === 'Get' ? [{ signature: 'b', value }] : call.member === 'Inhibit' ? [42] : []);

describe('KDE Plasma', () => {
  it('reads Inhibited, inhibits on a connection it keeps, and UnInhibits its own cookie before leaving the bus', async () => {
    const bus = recordingBus(inhibitedIs(false));
    const kde = new KdeAdapter(bus.connect);
    const found = await kde.read();
    expect(found).toEqual({ inhibited: false });
    expect(bus.connections[0]?.closed).toBe(true);

    await kde.write(kde.muted());
    expect(bus.connections[1]?.closed).toBe(false);
    await kde.read();
    // The read-back goes over the held connection, not a new one.
    expect(bus.connections).toHaveLength(2);
    await kde.write(found);
    expect(bus.connections[1]?.closed).toBe(true);

    const target = { destination: 'org.freedesktop.Notifications', path: '/org/freedesktop/Notifications' };
    expect(bus.calls).toEqual([
      { ...target, interface: 'org.freedesktop.DBus.Properties', member: 'Get', signature: 'ss', body: ['org.freedesktop.Notifications', 'Inhibited'], noAutoStart: true },
      { ...target, interface: 'org.freedesktop.Notifications', member: 'Inhibit', signature: 'ssa{sv}', body: ['stillroom', 'Focus session', {}], noAutoStart: true },
      { ...target, interface: 'org.freedesktop.DBus.Properties', member: 'Get', signature: 'ss', body: ['org.freedesktop.Notifications', 'Inhibited'], noAutoStart: true },
      { ...target, interface: 'org.freedesktop.Notifications', member: 'UnInhibit', signature: 'u', body: [42] },
    ]);
  });

  it('restoring when it holds nothing releases nothing (the user’s own Do Not Disturb is not ours)', async () => {
    const bus = recordingBus(inhibitedIs(true));
    await new KdeAdapter(bus.connect).write({ inhibited: false });
    expect(bus.calls).toEqual([]);
  });

  it('leaves the bus even when UnInhibit fails: leaving releases the inhibition', async () => {
    const bus = recordingBus((call) => (call.member === 'UnInhibit' ? new Error('org.freedesktop.DBus.Error.NoReply') : [7]));
    const kde = new KdeAdapter(bus.connect);
    await kde.write({ inhibited: true });
    await expect(kde.close()).rejects.toThrow('NoReply');
    expect(bus.connections[0]?.closed).toBe(true);
  });

  it('turns errors, time-outs and odd answers into typed reasons, and closes the connection it opened', async () => {
    const unknown = recordingBus(() => new Error('org.freedesktop.DBus.Error.InvalidArgs: No such property “Inhibited”'));
    await expect(new KdeAdapter(unknown.connect).read()).rejects.toMatchObject({
      unavailable: { reason: 'command-failed', method: 'kde', command: 'org.freedesktop.Notifications.Get', message: expect.stringContaining('No such property') },
    });
    expect(unknown.connections[0]?.closed).toBe(true);
    const hung = recordingBus(() => 'hang');
    await expect(new KdeAdapter(hung.connect).write({ inhibited: true })).rejects.toMatchObject({ unavailable: { reason: 'command-failed', command: 'org.freedesktop.Notifications.Inhibit' } });
    expect(hung.connections[0]?.closed).toBe(true);
    await expect(new KdeAdapter(recordingBus(inhibitedIs('yes')).connect).read()).rejects.toMatchObject({ unavailable: { message: 'Inhibited is not a boolean: "yes"' } });
    await expect(new KdeAdapter(recordingBus(() => ['cookie']).connect).write({ inhibited: true })).rejects.toMatchObject({ unavailable: { message: 'no cookie in the reply: "cookie"' } });
    await expect(new KdeAdapter(() => null).read()).rejects.toMatchObject({ unavailable: { reason: 'command-failed', message: 'cannot connect to the session bus' } });
  });
});
