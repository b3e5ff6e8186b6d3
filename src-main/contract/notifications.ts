import { z } from 'zod';
import { call, noInput } from './define';

/**
 * How Stillroom mutes the system's notifications, one value per adapter in core/dnd/. The renderer names each
 * ("dunst", "GNOME", "Focus on macOS") and says whether it was checked.
 */
export const NotificationMethod = z.enum([
  'gnome',
  'kde',
  'xfce',
  'cinnamon',
  'mate',
  'dunst',
  'mako',
  'swaync',
  'macos-focus',
  'windows-focus-assist',
]);
export type NotificationMethod = z.infer<typeof NotificationMethod>;

/** The Shortcut the user installs once on macOS (docs/notifications.md); looked up by exactly this name. */
export const MACOS_FOCUS_SHORTCUT = 'Stillroom Focus';

/** The mako mode the user's config must define (`[mode=do-not-disturb]` with `invisible=1`). */
export const MAKO_DND_MODE = 'do-not-disturb';

const Name = z.string().min(1).max(200);

/**
 * Why notifications are not muted, with what the UI needs to say "what is wrong" and "the one thing to do".
 * Never a free string to be parsed back: each reason carries its own typed details.
 */
export const NotificationsUnavailable = z.discriminatedUnion('reason', [
  /** Linux: nothing owns org.freedesktop.Notifications and the desktop is not one we know. */
  z.object({ reason: z.literal('no-notification-server') }).strict(),
  /** Linux: a server we have no adapter for owns the name (`name` from GetServerInformation, or the desktop). */
  z.object({ reason: z.literal('unknown-server'), name: Name }).strict(),
  /** The adapter's program is not installed or not on PATH (`gsettings`, `dunstctl`, `xfconf-query`, …). */
  z.object({ reason: z.literal('command-missing'), method: NotificationMethod, command: Name }).strict(),
  /** macOS: the Shortcut named `name` is not in `shortcuts list`. */
  z.object({ reason: z.literal('shortcut-missing'), name: Name }).strict(),
  /** mako: the user's config has no mode that hides notifications (`[mode=<mode>]` with `invisible=1`). */
  z.object({ reason: z.literal('mode-not-configured'), method: NotificationMethod, mode: Name }).strict(),
  /** A Flatpak, Snap or Mac App Store build cannot reach the host's notification settings (no portal exists). */
  z.object({ reason: z.literal('sandboxed'), sandbox: z.enum(['flatpak', 'snap', 'mac-app-store']) }).strict(),
  /** The user chose in Settings to leave notifications alone. */
  z.object({ reason: z.literal('turned-off') }).strict(),
  /** The mute was written, but reading it back did not show it; it is undone at the end if it is still ours. */
  z.object({ reason: z.literal('not-verified'), method: NotificationMethod }).strict(),
  /** The user turned notifications back on during the session: their choice wins, Stillroom leaves it so. */
  z.object({ reason: z.literal('changed-by-user'), method: NotificationMethod }).strict(),
  /** The adapter's program ran and refused (exit status, timeout); `message` is its own words, shortened. */
  z.object({ reason: z.literal('command-failed'), method: NotificationMethod, command: Name, message: z.string().max(500) }).strict(),
  /** No adapter exists for this OS. */
  z.object({ reason: z.literal('unsupported-platform'), platform: Name }).strict(),
]);
export type NotificationsUnavailable = z.infer<typeof NotificationsUnavailable>;

/**
 * What an active notifications protection reports: the method; `verified` when the state was read back muted
 * (false only where the system cannot be asked: a macOS Shortcut that cannot report Focus; the UI must then say
 * "turned on, not checked", never a green light); and whether notifications were already muted by the user (then
 * Stillroom changed nothing and will restore nothing).
 */
export const NotificationsActive = z
  .object({ method: NotificationMethod, verified: z.boolean(), alreadyMuted: z.boolean() })
  .strict();
export type NotificationsActive = z.infer<typeof NotificationsActive>;

/** Settings → Notifications. `muteDuringSessions: false` leaves the system's notifications exactly as they are. */
export const NotificationPrefs = z
  .object({
    muteDuringSessions: z.boolean().default(true),
  })
  .strict();
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;

/**
 * What a session would do with notifications on this desktop, asked from Settings before one starts: the method
 * it would use (and whether they are muted already), or why it cannot. Finding out reads, never writes.
 */
export const NotificationsReadiness = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready'), method: NotificationMethod, alreadyMuted: z.boolean() }).strict(),
  z.object({ state: z.literal('unavailable'), unavailable: NotificationsUnavailable }).strict(),
]);
export type NotificationsReadiness = z.infer<typeof NotificationsReadiness>;

export const notificationsContract = {
  /** Null where this host mutes no notifications at all (a core built without the protection). */
  check: call(noInput, NotificationsReadiness.nullable()),
} as const;
