import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DesktopSession, desktopSkipReason, type CoreChild } from './desktop-session';

/**
 * KDE's route with a real D-Bus: the app's core in a child process holds an Inhibit on the private session bus,
 * served by plasma-notifications.child.ts (a stand-in for Plasma, which cannot run here). The point shown: the
 * inhibition lives on our connection, so killing the app (SIGKILL) releases it without any restore step.
 */
const skip = desktopSkipReason();
if (skip) console.warn(`Skipping the KDE inhibit tests: ${skip}`);

const DBUS_NEXT = pathToFileURL(resolve(import.meta.dirname, '../../node_modules/dbus-next/index.js')).href;
const USER_INHIBIT = `import dbus from '${DBUS_NEXT}';
const bus = dbus.sessionBus({ busAddress: process.env.DBUS_SESSION_BUS_ADDRESS });
await bus.call(new dbus.Message({ destination: 'org.freedesktop.Notifications', path: '/org/freedesktop/Notifications',
  interface: 'org.freedesktop.Notifications', member: 'Inhibit', signature: 'ssa{sv}', body: ['org.kde.plasmashell', 'Do not disturb', {}] }));
setInterval(() => undefined, 60_000);`;

type Event = { event: string; inhibitions: { owner: string; desktopEntry: string }[] };
type Answer = { phase: string; notifications: { state: string; detail?: unknown } | null };

describe.skipIf(skip !== null)('KDE: Inhibit held on our own D-Bus connection', () => {
  let folder: string;
  let session: DesktopSession;
  let plasma: ChildProcess;
  const events: Event[] = [];
  const children: CoreChild[] = [];

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'stillroom-kde-'));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.process.kill('SIGKILL');
    plasma?.kill('SIGKILL');
    await session?.dispose();
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const start = async () => {
    events.length = 0;
    session = await DesktopSession.start('KDE');
    const tsx = pathToFileURL(resolve(import.meta.dirname, '../../node_modules/tsx/dist/loader.mjs')).href;
    plasma = spawn(process.execPath, ['--import', tsx, resolve(import.meta.dirname, 'plasma-notifications.child.ts')], { env: session.env, stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: plasma.stdout! }).on('line', (line) => events.push(JSON.parse(line) as Event));
    await expect.poll(() => events.some((event) => event.event === 'ready'), { timeout: 20_000 }).toBe(true);
  };
  const core = async (name: string) => {
    const child = session.core(join(folder, name));
    children.push(child);
    return { child, ready: await child.next<Answer & { ready: true }>() };
  };
  const inhibited = () => /boolean true/.test(session.run('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.Notifications', '/org/freedesktop/Notifications', 'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Notifications', 'string:Inhibited']));

  it('inhibits for the session, verified through Inhibited, and UnInhibits at the end', async () => {
    await start();
    const { child } = await core('kde-session');
    const started = await child.send<Answer>('start');
    expect(started.notifications!.detail).toEqual({ method: 'kde', verified: true, alreadyMuted: false });
    expect(inhibited()).toBe(true);
    expect(events.at(-1)).toMatchObject({ event: 'inhibit', inhibitions: [{ desktopEntry: 'stillroom' }] });
    await child.send('end');
    expect(inhibited()).toBe(false);
    expect(events.at(-1)?.event).toBe('uninhibit');
  });

  it('a killed app (SIGKILL) leaves no inhibition behind; a start while the session runs inhibits again', async () => {
    await start();
    const first = await core('kde-crash');
    await first.child.send('start');
    expect(inhibited()).toBe(true);
    await first.child.crash();
    await expect.poll(inhibited, { timeout: 5000 }).toBe(false);
    expect(events.at(-1)?.event).toBe('caller-left');

    const second = await core('kde-crash');
    expect(second.ready.phase).toBe('running');
    expect(second.ready.notifications!.detail).toEqual({ method: 'kde', verified: true, alreadyMuted: false });
    expect(inhibited()).toBe(true);
    await second.child.send('end');
    expect(inhibited()).toBe(false);
  });

  it('the user turning on Do Not Disturb during the session stays on when Stillroom releases its own inhibition', async () => {
    await start();
    const { child } = await core('kde-user-during');
    await child.send('start');
    // Plasma's own switch, as another client holding its inhibition on its own connection.
    const holder = spawn(process.execPath, ['--input-type=module', '-e', USER_INHIBIT], { env: session.env, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await expect.poll(() => events.filter((event) => event.event === 'inhibit').length, { timeout: 10_000 }).toBe(2);
      const ended = await child.send<Answer>('end');
      expect(ended.phase).toBe('ended');
      expect(events.at(-1)).toMatchObject({ event: 'uninhibit', inhibitions: [{ desktopEntry: 'org.kde.plasmashell' }] });
      expect(inhibited()).toBe(true);
      // Nothing was left for the next start to retry: the journal is gone.
      expect(existsSync(join(folder, 'kde-user-during', 'session', 'protections.json'))).toBe(false);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('when the user already has an inhibition (their own Do Not Disturb), takes none and releases none', async () => {
    await start();
    const user = await core('kde-user-first');
    await user.child.send('start');
    // A second app instance with its own data: Plasma reports Inhibited, so this one changes nothing.
    const { child } = await core('kde-user-second');
    expect((await child.send<Answer>('start')).notifications!.detail).toEqual({ method: 'kde', verified: true, alreadyMuted: true });
    await child.send('end');
    expect(inhibited()).toBe(true);
    expect(events.filter((event) => event.event === 'inhibit')).toHaveLength(1);
  });
});
