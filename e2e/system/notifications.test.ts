import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DesktopSession, desktopSkipReason, realDesktopSettings, type CoreChild } from './desktop-session';

/**
 * The notifications protection with the real programs: dunst, GSettings over dconf (GNOME, Cinnamon, MATE keys) and
 * xfconf, each in a private session (temporary HOME and XDG folders set before dbus-run-session, an Xvfb display).
 * The app's core runs in a child process exactly as the shell builds it, so a crash is a real SIGKILL and a restart
 * is a new process reading the same journal.
 */
const skip = desktopSkipReason();
if (skip) console.warn(`Skipping the notification daemon tests: ${skip}`);

type Status = { state: string; detail?: unknown; unavailable?: unknown } | null;
type Answer = { phase: string; notifications: Status };

const HOUR = 3_600_000;
const changedByUser = (method: string) => ({ id: 'notifications', state: 'unavailable', unavailable: { reason: 'changed-by-user', method } });
const active = (status: Status) => (status?.state === 'active' ? status.detail : status);

describe.skipIf(skip !== null)('muting notifications with real daemons', () => {
  let realBefore: Record<string, string>;
  let folder: string;
  let session: DesktopSession | null = null;
  const children: CoreChild[] = [];

  beforeAll(() => {
    realBefore = realDesktopSettings();
    folder = mkdtempSync(join(tmpdir(), 'stillroom-notifications-'));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.process.kill('SIGKILL');
    await session?.dispose();
    session = null;
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
    // The machine's own desktop settings were never touched: every write went to the private sessions' HOMEs.
    expect(realDesktopSettings()).toEqual(realBefore);
  });

  const open = async (desktop = '', withDunst = false) => {
    session = await DesktopSession.start(desktop);
    if (withDunst) await session.startDunst();
    return session;
  };
  const core = async (name: string, clock?: string) => {
    const child = session!.core(join(folder, name), clock);
    children.push(child);
    const ready = await child.next<{ ready: boolean; phase: string; notifications: Status }>();
    expect(ready.ready).toBe(true);
    return { child, ready };
  };
  const sh = (file: string, ...args: string[]) => session!.run(file, args).trim();
  const banners = () => ({ value: sh('gsettings', 'get', 'org.gnome.desktop.notifications', 'show-banners'), stored: sh('dconf', 'read', '/org/gnome/desktop/notifications/show-banners') });

  describe('dunst', () => {
    it('pauses dunst for the session, holds a notification sent meanwhile, and shows it after', async () => {
      await open('', true);
      const { child } = await core('dunst-session');
      const started = await child.send<Answer>('start');
      expect(active(started.notifications)).toEqual({ method: 'dunst', verified: true, alreadyMuted: false });
      expect(sh('dunstctl', 'is-paused')).toBe('true');

      sh('notify-send', 'Held during the session');
      await sleep(500);
      expect(sh('dunstctl', 'count', 'waiting')).toBe('1');
      expect(sh('dunstctl', 'count', 'displayed')).toBe('0');

      const ended = await child.send<Answer>('end');
      expect(ended.phase).toBe('ended');
      expect(sh('dunstctl', 'is-paused')).toBe('false');
      await expect.poll(() => sh('dunstctl', 'count', 'displayed'), { timeout: 5000 }).toBe('1');
      expect(sh('dunstctl', 'count', 'waiting')).toBe('0');
    });

    it('sees the user resume dunst during the session (PropertiesChanged) and leaves it so', async () => {
      await open('', true);
      const { child } = await core('dunst-user');
      await child.send('start');
      sh('dunstctl', 'set-paused', 'false');
      await expect.poll(async () => (await child.send<Answer>('state')).notifications, { timeout: 10_000 }).toEqual(changedByUser('dunst'));
      await child.send('end');
      expect(sh('dunstctl', 'is-paused')).toBe('false');
    });

    it('Settings\' check before a session names dunst and reads its state, writing nothing', async () => {
      await open('', true);
      const { child } = await core('dunst-check');
      expect(await child.send('check')).toEqual({ ok: true, value: { state: 'ready', method: 'dunst', alreadyMuted: false } });
      expect(sh('dunstctl', 'is-paused')).toBe('false');
      sh('dunstctl', 'set-paused', 'true');
      expect(await child.send('check')).toEqual({ ok: true, value: { state: 'ready', method: 'dunst', alreadyMuted: true } });
      await child.send('mute-setting off');
      expect(await child.send('check')).toEqual({ ok: true, value: { state: 'unavailable', unavailable: { reason: 'turned-off' } } });
    });

    it('changes nothing and restores nothing when the user had already paused dunst', async () => {
      await open('', true);
      sh('dunstctl', 'set-paused', 'true');
      const { child } = await core('dunst-already');
      expect(active((await child.send<Answer>('start')).notifications)).toEqual({ method: 'dunst', verified: true, alreadyMuted: true });
      await child.send('end');
      expect(sh('dunstctl', 'is-paused')).toBe('true');
    });

    it('after a crash (SIGKILL) the next start, once the session is over, unpauses dunst', async () => {
      await open('', true);
      const first = await core('dunst-crash');
      await first.child.send('start');
      await first.child.crash();
      expect(sh('dunstctl', 'is-paused')).toBe('true');

      const second = await core('dunst-crash', `at:${Date.now() + 2 * HOUR}`);
      expect(second.ready.phase).toBe('ended');
      expect(sh('dunstctl', 'is-paused')).toBe('false');
    });

    it('SIGTERM puts notifications back; starting again while the session runs pauses dunst again', async () => {
      await open('', true);
      const first = await core('dunst-sigterm');
      await first.child.send('start');
      first.child.process.kill('SIGTERM');
      expect(await first.child.next()).toEqual({ quit: true });
      expect((await first.child.exited).code).toBe(0);
      expect(sh('dunstctl', 'is-paused')).toBe('false');

      const second = await core('dunst-sigterm');
      expect(second.ready.phase).toBe('running');
      expect(active(second.ready.notifications)).toEqual({ method: 'dunst', verified: true, alreadyMuted: false });
      expect(sh('dunstctl', 'is-paused')).toBe('true');
      await second.child.send('end');
      expect(sh('dunstctl', 'is-paused')).toBe('false');
    });
  });

  describe('GNOME (org.gnome.desktop.notifications show-banners)', () => {
    it('sets the key for the session and resets it to the default when it had been unset', async () => {
      await open('ubuntu:GNOME');
      expect(banners()).toEqual({ value: 'true', stored: '' });
      const { child } = await core('gnome-unset');
      // Settings' check reads the key and leaves it unset.
      expect(await child.send('check')).toEqual({ ok: true, value: { state: 'ready', method: 'gnome', alreadyMuted: false } });
      expect(banners()).toEqual({ value: 'true', stored: '' });
      expect(active((await child.send<Answer>('start')).notifications)).toEqual({ method: 'gnome', verified: true, alreadyMuted: false });
      expect(banners()).toEqual({ value: 'false', stored: 'false' });
      // dconf wrote into the private HOME (the real one is compared in afterAll).
      expect(existsSync(join(session!.root, 'home', '.config', 'dconf', 'user'))).toBe(true);
      await child.send('end');
      expect(banners()).toEqual({ value: 'true', stored: '' });
    });

    it('puts back a value the user had set', async () => {
      await open('GNOME');
      sh('gsettings', 'set', 'org.gnome.desktop.notifications', 'show-banners', 'true');
      const { child } = await core('gnome-set');
      await child.send('start');
      expect(banners().value).toBe('false');
      await child.send('end');
      expect(banners()).toEqual({ value: 'true', stored: 'true' });
    });

    it('the user turning banners back on during the session wins: not reset at the end', async () => {
      await open('GNOME');
      const { child } = await core('gnome-user');
      await child.send('start');
      sh('gsettings', 'set', 'org.gnome.desktop.notifications', 'show-banners', 'true');
      // dconf's Notify signal tells the core at once; the session's status says so without being asked to check.
      await expect.poll(async () => (await child.send<Answer>('state')).notifications, { timeout: 10_000 }).toEqual(changedByUser('gnome'));
      await child.send('end');
      // Reset would have left it unset; the user's explicit value stays.
      expect(banners()).toEqual({ value: 'true', stored: 'true' });
    });

    it('after a crash (SIGKILL) the next start resets the key; a start while the session runs keeps it muted', async () => {
      await open('GNOME');
      const first = await core('gnome-crash');
      await first.child.send('start');
      await first.child.crash();
      expect(banners()).toEqual({ value: 'false', stored: 'false' });

      const resumed = await core('gnome-crash');
      expect(resumed.ready.phase).toBe('running');
      expect(active(resumed.ready.notifications)).toEqual({ method: 'gnome', verified: true, alreadyMuted: false });
      expect(banners().value).toBe('false');
      await resumed.child.crash();

      const after = await core('gnome-crash', `at:${Date.now() + 2 * HOUR}`);
      expect(after.ready.phase).toBe('ended');
      expect(banners()).toEqual({ value: 'true', stored: '' });
    });

    it('leaves the key alone when Settings says so, and says why', async () => {
      await open('GNOME');
      const { child } = await core('gnome-off');
      await child.send('mute-setting off');
      expect((await child.send<Answer>('start')).notifications).toEqual({ id: 'notifications', state: 'unavailable', unavailable: { reason: 'turned-off' } });
      expect(banners()).toEqual({ value: 'true', stored: '' });
    });
  });

  describe('XFCE (xfconf xfce4-notifyd /do-not-disturb)', () => {
    const property = () => session!.run('sh', ['-c', 'xfconf-query -c xfce4-notifyd -p /do-not-disturb 2>&1 || true']).trim();

    it('sets the property for the session and removes it again when it had not existed', async () => {
      await open('XFCE');
      expect(property()).toMatch(/does not exist/);
      const { child } = await core('xfce-unset');
      expect(active((await child.send<Answer>('start')).notifications)).toEqual({ method: 'xfce', verified: true, alreadyMuted: false });
      expect(property()).toBe('true');
      await child.send('end');
      expect(property()).toMatch(/does not exist/);
    });

    it('sees the user set the property to false during the session (xfconfd\'s PropertyChanged), and leaves it false', async () => {
      await open('XFCE');
      const { child } = await core('xfce-user');
      await child.send('start');
      sh('xfconf-query', '-c', 'xfce4-notifyd', '-p', '/do-not-disturb', '-s', 'false');
      await expect.poll(async () => (await child.send<Answer>('state')).notifications, { timeout: 10_000 }).toEqual(changedByUser('xfce'));
      await child.send('end');
      expect(property()).toBe('false');
    });

    it('puts back false when the user had set it so', async () => {
      await open('XFCE');
      sh('xfconf-query', '-c', 'xfce4-notifyd', '-p', '/do-not-disturb', '-n', '-t', 'bool', '-s', 'false');
      const { child } = await core('xfce-set');
      await child.send('start');
      expect(property()).toBe('true');
      await child.send('end');
      expect(property()).toBe('false');
    });
  });

  describe('Cinnamon and MATE keys', () => {
    it.each([
      ['X-Cinnamon', 'cinnamon', 'org.cinnamon.desktop.notifications', 'display-notifications', 'false', '/org/cinnamon/desktop/notifications/display-notifications'],
      ['MATE', 'mate', 'org.mate.NotificationDaemon', 'do-not-disturb', 'true', '/org/mate/notification-daemon/do-not-disturb'],
    ])('%s: the key is set for the session and reset after', async (desktop, method, schema, key, muted, path) => {
      await open(desktop);
      const { child } = await core(`${method}-key`);
      expect(active((await child.send<Answer>('start')).notifications)).toEqual({ method, verified: true, alreadyMuted: false });
      expect(sh('gsettings', 'get', schema, key)).toBe(muted);
      await child.send('end');
      expect(sh('dconf', 'read', path)).toBe('');
    });
  });

  it('with no notification server and no known desktop it says so, and asking starts no daemon', async () => {
    await open('');
    const { child } = await core('none');
    expect(await child.send('check')).toEqual({ ok: true, value: { state: 'unavailable', unavailable: { reason: 'no-notification-server' } } });
    expect((await child.send<Answer>('start')).notifications).toEqual({ id: 'notifications', state: 'unavailable', unavailable: { reason: 'no-notification-server' } });
    // dunst is D-Bus activatable here: had anything asked the unowned name, the bus would have started it.
    expect(session!.notificationServerRunning()).toBe(false);
  });
});
