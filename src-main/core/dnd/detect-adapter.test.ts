import { describe, expect, it } from 'vitest';
import { detectMethod, methodForDesktop, methodForServer, sandboxOf, type DndEnvironment } from './detect-adapter';
import { recordingRunner } from '../../../test-support/recording-runner';
import type { BusCall, BusConnection } from './session-bus';

// The real detection runs in e2e/system/notifications.test.ts (dunst owning the name, no owner with each desktop).
// Here: servers that cannot run on this machine, over a recording bus, and the order of the questions.
function bus(owner: [string, string] | null, calls: BusCall[] = []): () => BusConnection {
  return () => ({
    call: async (request) => {
      calls.push(request);
      if (request.member === 'NameHasOwner') return [owner !== null];
      if (request.member === 'GetServerInformation' && owner) return [...owner, '1.0', '1.2'];
      throw new Error('unexpected call');
    },
    onSignal: () => undefined,
      onClose: () => undefined,
    close: () => undefined,
  });
}
const linux = (connectBus: DndEnvironment['connectBus'], env: NodeJS.ProcessEnv = {}): DndEnvironment => ({
  platform: 'linux',
  env,
  run: recordingRunner({}).run,
  connectBus,
  exists: () => false,
});

describe('choosing how to mute', () => {
  it('asks NameHasOwner first and GetServerInformation only when the name is owned, never auto-starting', async () => {
    const calls: BusCall[] = [];
    expect(await detectMethod(linux(bus(null, calls), { XDG_CURRENT_DESKTOP: 'KDE' }))).toBe('kde');
    expect(calls.map((call) => call.member)).toEqual(['NameHasOwner']);
    calls.length = 0;
    expect(await detectMethod(linux(bus(['Plasma', 'KDE'], calls)))).toBe('kde');
    expect(calls.map((call) => [call.member, call.noAutoStart ?? false])).toEqual([
      ['NameHasOwner', false],
      ['GetServerInformation', true],
    ]);
  });

  it('names the adapter for each known server, and an unknown one by its name (not the desktop)', async () => {
    expect(methodForServer('dunst', 'knopwob')).toBe('dunst');
    expect(methodForServer('gnome-shell', 'GNOME')).toBe('gnome');
    expect(methodForServer('Xfce Notify Daemon', 'Xfce')).toBe('xfce');
    expect(methodForServer('mako', 'emersion')).toBe('mako');
    expect(methodForServer('SwayNotificationCenter', 'ErikReider')).toBe('swaync');
    expect(methodForServer('cinnamon', 'GNOME')).toBe('cinnamon');
    expect(methodForServer('Notification Daemon', 'MATE')).toBe('mate');
    expect(methodForServer('Notification Daemon', 'GNOME')).toBeNull();
    expect(await detectMethod(linux(bus(['budgie-daemon', 'Budgie']), { XDG_CURRENT_DESKTOP: 'GNOME' }))).toEqual({ reason: 'unknown-server', name: 'budgie-daemon' });
  });

  it('falls back to the desktop when nothing owns the name or there is no bus', async () => {
    expect(methodForDesktop('ubuntu:GNOME')).toBe('gnome');
    expect(methodForDesktop('X-Cinnamon')).toBe('cinnamon');
    expect(methodForDesktop('MATE')).toBe('mate');
    expect(methodForDesktop('XFCE')).toBe('xfce');
    expect(methodForDesktop('sway')).toBeNull();
    expect(await detectMethod(linux(() => null, { XDG_CURRENT_DESKTOP: 'XFCE' }))).toBe('xfce');
    expect(await detectMethod(linux(() => null))).toEqual({ reason: 'no-notification-server' });
    const broken: DndEnvironment['connectBus'] = () => ({ call: () => Promise.reject(new Error('no answer')), onSignal: () => undefined,
      onClose: () => undefined, close: () => undefined });
    expect(await detectMethod(linux(broken, { XDG_CURRENT_DESKTOP: 'MATE' }))).toBe('mate');
  });

  it('says a sandboxed package cannot reach the host, before asking anything', async () => {
    const calls: BusCall[] = [];
    expect(await detectMethod({ ...linux(bus(['dunst', 'x'], calls)), exists: (path) => path === '/.flatpak-info' })).toEqual({ reason: 'sandboxed', sandbox: 'flatpak' });
    expect(sandboxOf({ ...linux(bus(null)), env: { SNAP: '/snap/stillroom/1' } })).toEqual({ reason: 'sandboxed', sandbox: 'snap' });
    expect(sandboxOf({ ...linux(bus(null)), platform: 'darwin', env: { APP_SANDBOX_CONTAINER_ID: 'app.stillroom' } })).toEqual({ reason: 'sandboxed', sandbox: 'mac-app-store' });
    expect(calls).toEqual([]);
  });

  it('uses the Focus Shortcut on macOS and quiet hours on Windows; says so where nothing exists', async () => {
    const none = () => null;
    expect(await detectMethod({ ...linux(none), platform: 'darwin' })).toBe('macos-focus');
    expect(await detectMethod({ ...linux(none), platform: 'win32' })).toBe('windows-focus-assist');
    expect(await detectMethod({ ...linux(none), platform: 'aix' })).toEqual({ reason: 'unsupported-platform', platform: 'aix' });
  });
});
