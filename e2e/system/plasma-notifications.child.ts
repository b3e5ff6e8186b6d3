// A stand-in for Plasma's notification server on the test's private session bus (plasma-workspace cannot run
// here): it owns org.freedesktop.Notifications, answers GetServerInformation as "Plasma", and implements Inhibit /
// UnInhibit / Inhibited the way plasma-workspace's server_p.cpp does, including dropping a caller's inhibitions
// when the caller leaves the bus. It prints each change as a JSON line for the test.
import dbus from 'dbus-next';

const NAME = 'org.freedesktop.Notifications';
const PATH = '/org/freedesktop/Notifications';
const bus = dbus.sessionBus({ busAddress: process.env.DBUS_SESSION_BUS_ADDRESS });
const inhibitions = new Map<number, { owner: string; desktopEntry: string }>();
let nextCookie = 1;
const report = (event: string) => process.stdout.write(`${JSON.stringify({ event, inhibitions: [...inhibitions.values()] })}\n`);

bus.addMethodHandler((message: dbus.Message) => {
  const reply = (signature: string, body: unknown[]) => {
    bus.send(dbus.Message.newMethodReturn(message, signature, body));
    return true;
  };
  if (message.path !== PATH) return false;
  if (message.interface === NAME && message.member === 'GetServerInformation') return reply('ssss', ['Plasma', 'KDE', '6.0', '1.2']);
  if (message.interface === NAME && message.member === 'Inhibit') {
    const cookie = nextCookie++;
    inhibitions.set(cookie, { owner: message.sender, desktopEntry: String(message.body[0]) });
    report('inhibit');
    return reply('u', [cookie]);
  }
  if (message.interface === NAME && message.member === 'UnInhibit') {
    inhibitions.delete(Number(message.body[0]));
    report('uninhibit');
    return reply('', []);
  }
  if (message.interface === 'org.freedesktop.DBus.Properties' && message.member === 'Get' && message.body[1] === 'Inhibited') {
    return reply('v', [new dbus.Variant('b', inhibitions.size > 0)]);
  }
  return false;
});

// Plasma's onInhibitionServiceUnregistered: an inhibition ends when the connection that took it goes away.
bus.on('message', (message: dbus.Message) => {
  if (message.type !== dbus.MessageType.SIGNAL || message.member !== 'NameOwnerChanged') return;
  const [name, , newOwner] = message.body as [string, string, string];
  if (newOwner !== '') return;
  let dropped = false;
  for (const [cookie, inhibition] of inhibitions) {
    if (inhibition.owner === name) dropped = inhibitions.delete(cookie);
  }
  if (dropped) report('caller-left');
});

await bus.call(
  new dbus.Message({
    destination: 'org.freedesktop.DBus',
    path: '/org/freedesktop/DBus',
    interface: 'org.freedesktop.DBus',
    member: 'AddMatch',
    signature: 's',
    body: ["type='signal',sender='org.freedesktop.DBus',member='NameOwnerChanged'"],
  }),
);
await bus.requestName(NAME, dbus.NameFlag.DO_NOT_QUEUE);
report('ready');
