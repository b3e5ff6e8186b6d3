import { describe, expect, it } from 'vitest';
import { sessionBusIn } from './session-bus';

// Real calls over a real private bus are in e2e/system/notifications*.test.ts; here, the buses it cannot reach.
describe('the session bus connection', () => {
  it('is null without an address (never guessed from X11)', () => {
    expect(sessionBusIn({ DISPLAY: ':0' })()).toBeNull();
  });

  it('is null for an abstract socket, which dbus-next reaches only through its optional native module', () => {
    expect(sessionBusIn({ DBUS_SESSION_BUS_ADDRESS: 'unix:abstract=/tmp/dbus-stillroom-test' })()).toBeNull();
  });

  it('fails a call at once when the bus cannot be reached, and tells whoever holds the connection', async () => {
    const bus = sessionBusIn({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/stillroom-bus' })();
    expect(bus).not.toBeNull();
    let closed = false;
    bus!.onClose(() => void (closed = true));
    const started = Date.now();
    await expect(bus!.call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'GetId' }, 10_000)).rejects.toThrow(
      /connection failed: connect ENOENT/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(closed).toBe(true);
    bus!.close();
  });
});
