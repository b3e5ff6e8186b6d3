import { existsSync } from 'node:fs';
import type { NotificationMethod, NotificationsUnavailable } from '../../contract/notifications';
import type { OutputRunner } from '../../base/command-runner';
import type { DndAdapter } from './dnd-adapter';
import { DunstAdapter } from './dunst-adapter';
import { GSETTINGS_KEYS, GSettingsAdapter } from './gsettings-adapter';
import { KdeAdapter } from './kde-adapter';
import { MacFocusAdapter } from './macos-focus-adapter';
import { MakoAdapter } from './mako-adapter';
import { notificationServer, type BusConnector } from './session-bus';
import { SwayncAdapter } from './swaync-adapter';
import { WindowsFocusAssistAdapter } from './windows-focus-assist-adapter';
import { XfceAdapter } from './xfce-adapter';

export interface DndEnvironment {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly run: OutputRunner;
  readonly connectBus: BusConnector;
  /** Whether a path exists (Flatpak's /.flatpak-info); the real file system unless a test says otherwise. */
  readonly exists?: (path: string) => boolean;
}

/** Builds the adapter for a method; one instance per method, since KDE's holds the session's connection. */
export function createAdapter(method: NotificationMethod, environment: DndEnvironment): DndAdapter {
  const { run, connectBus } = environment;
  switch (method) {
    case 'gnome':
    case 'cinnamon':
    case 'mate':
      return new GSettingsAdapter(GSETTINGS_KEYS[method], run, connectBus);
    case 'xfce':
      return new XfceAdapter(run, connectBus);
    case 'kde':
      return new KdeAdapter(connectBus);
    case 'dunst':
      return new DunstAdapter(run, connectBus);
    case 'mako':
      return new MakoAdapter(run);
    case 'swaync':
      return new SwayncAdapter(run);
    case 'macos-focus':
      return new MacFocusAdapter(run);
    case 'windows-focus-assist':
      return new WindowsFocusAssistAdapter(run);
  }
}

/** GetServerInformation's name (and vendor, for MATE's generic one) → the adapter that silences that server. */
export function methodForServer(name: string, vendor: string): NotificationMethod | null {
  switch (name) {
    case 'dunst':
      return 'dunst';
    case 'Plasma':
      return 'kde';
    case 'gnome-shell':
      return 'gnome';
    case 'Xfce Notify Daemon':
      return 'xfce';
    case 'mako':
      return 'mako';
    case 'SwayNotificationCenter':
      return 'swaync';
    case 'cinnamon':
      return 'cinnamon';
    case 'Notification Daemon':
      return vendor === 'MATE' ? 'mate' : null;
    default:
      return null;
  }
}

/** XDG_CURRENT_DESKTOP ("ubuntu:GNOME", "X-Cinnamon") → the desktop's own setting, for daemons started on demand. */
export function methodForDesktop(desktop: string | undefined): NotificationMethod | null {
  for (const part of (desktop ?? '').split(':').map((name) => name.trim().toUpperCase())) {
    if (part === 'GNOME' || part === 'GNOME-CLASSIC' || part === 'GNOME-FLASHBACK') return 'gnome';
    if (part === 'KDE') return 'kde';
    if (part === 'XFCE') return 'xfce';
    if (part === 'X-CINNAMON' || part === 'CINNAMON') return 'cinnamon';
    if (part === 'MATE') return 'mate';
  }
  return null;
}

/** A sandboxed package cannot reach the host's notification settings (no portal exists for it). */
export function sandboxOf(environment: DndEnvironment): NotificationsUnavailable | null {
  const { env, platform } = environment;
  const exists = environment.exists ?? existsSync;
  if (platform === 'linux' && (env.FLATPAK_ID || exists('/.flatpak-info'))) return { reason: 'sandboxed', sandbox: 'flatpak' };
  if (platform === 'linux' && env.SNAP) return { reason: 'sandboxed', sandbox: 'snap' };
  if (platform === 'darwin' && env.APP_SANDBOX_CONTAINER_ID) return { reason: 'sandboxed', sandbox: 'mac-app-store' };
  return null;
}

/**
 * Which method silences this system's notifications. On Linux the server that owns org.freedesktop.Notifications
 * decides (NameHasOwner first, GetServerInformation only when owned: asking an unowned name starts a daemon); with
 * no owner, the desktop's own setting applies (XFCE's and MATE's daemons start on the first notification).
 */
export async function detectMethod(environment: DndEnvironment): Promise<NotificationMethod | NotificationsUnavailable> {
  const sandbox = sandboxOf(environment);
  if (sandbox) return sandbox;
  if (environment.platform === 'darwin') return 'macos-focus';
  if (environment.platform === 'win32') return 'windows-focus-assist';
  if (environment.platform !== 'linux' && environment.platform !== 'freebsd' && environment.platform !== 'openbsd') {
    return { reason: 'unsupported-platform', platform: environment.platform };
  }
  const bus = environment.connectBus();
  let server: { name: string; vendor: string } | null = null;
  if (bus) {
    try {
      server = await notificationServer(bus);
    } catch {
      // No answer from the bus: fall back to the desktop's name, as with no server.
    } finally {
      bus.close();
    }
  }
  if (server) return methodForServer(server.name, server.vendor) ?? { reason: 'unknown-server', name: server.name.slice(0, 200) || '(unnamed)' };
  return methodForDesktop(environment.env.XDG_CURRENT_DESKTOP) ?? { reason: 'no-notification-server' };
}
