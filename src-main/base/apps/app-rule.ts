import { posix } from 'node:path';

/**
 * The one validator of a rule that recognises a desktop app on Linux (issue 21), for the built-in list, the user's
 * own entries, and the guard, which will run it again on every rule a lease carries. What passes can never name a
 * system process: not the init system, the display server, a desktop shell, a session or message bus, a login,
 * a shell or an interpreter (closing `python` would close everything written in it), nor Stillroom itself.
 */
export type AppRuleKind = 'executable' | 'path' | 'appImage' | 'flatpak' | 'snap';

export const APP_RULE_REJECTIONS = [
  'empty',
  'too-long',
  'bad-character',
  'not-absolute',
  'too-broad',
  'system-process',
  'stillroom',
  'bad-flatpak-id',
  'bad-snap-name',
  'bad-appimage-pattern',
  'bad-bundle-id',
  'bad-app-path',
  'bad-image-name',
] as const;
export type AppRuleRejectionCode = (typeof APP_RULE_REJECTIONS)[number];

export type AppRuleResult = { ok: true; rule: string } | { ok: false; reason: AppRuleRejectionCode };

export const MAX_APP_RULE_INPUT = 512;

/** Executables of the system and the desktop session, compared in lower case. */
const SYSTEM_EXECUTABLES = new Set([
  // init, services, logins
  'init', 'systemd', 'upstart', 'openrc', 'runit', 's6-svscan', 'dbus-daemon', 'dbus-broker', 'dbus-broker-launch',
  'polkitd', 'polkit-agent-helper-1', 'sshd', 'ssh-agent', 'gpg-agent', 'login', 'agetty', 'getty', 'cron', 'crond',
  'sudo', 'su', 'doas', 'pkexec', 'udevd', 'networkmanager', 'wpa_supplicant', 'udisksd', 'upowerd', 'accounts-daemon',
  'rtkit-daemon', 'pipewire', 'pipewire-pulse', 'wireplumber', 'pulseaudio', 'at-spi-bus-launcher', 'at-spi2-registryd',
  'xdg-desktop-portal', 'xdg-document-portal', 'xdg-permission-store', 'flatpak', 'flatpak-portal', 'flatpak-session-helper',
  'bwrap', 'snap', 'snapd', 'snapctl',
  // display servers, display managers, desktop shells and sessions
  'xorg', 'x', 'xwayland', 'gdm', 'gdm3', 'gdm-wayland-session', 'gdm-x-session', 'sddm', 'sddm-helper', 'lightdm',
  'gnome-shell', 'gnome-session', 'gnome-session-binary', 'gnome-session-ctl', 'mutter', 'plasmashell', 'kwin',
  'kwin_x11', 'kwin_wayland', 'ksmserver', 'startplasma-x11', 'startplasma-wayland', 'plasma_session', 'kded5', 'kded6',
  'xfce4-session', 'xfwm4', 'xfdesktop', 'xfce4-panel', 'cinnamon', 'cinnamon-session', 'mate-session', 'marco',
  'lxqt-session', 'lxsession', 'openbox', 'budgie-wm', 'sway', 'hyprland', 'weston', 'labwc', 'wayfire', 'i3', 'niri',
  'gnome-keyring-daemon', 'ibus-daemon', 'fcitx', 'fcitx5',
  // shells, interpreters and runtimes: closing one would close everything run by it
  'sh', 'bash', 'dash', 'zsh', 'fish', 'ksh', 'mksh', 'tcsh', 'csh', 'busybox', 'env', 'node', 'nodejs', 'deno', 'bun',
  'electron', 'python', 'python2', 'python3', 'perl', 'ruby', 'java', 'php', 'lua', 'wine', 'wine64', 'wineserver',
  'wine-preloader', 'wine64-preloader', 'apprun', 'tmux', 'screen',
]);
/** Families of system executables, matched on the lower-case name's start. */
const SYSTEM_PREFIXES = ['systemd-', 'gnome-session', 'gsd-', 'kwin_', 'python3.', 'python2.', 'xdg-desktop-portal-', 'ld-linux'];

/** Folders whose binaries are the system's; a path in one is refused. */
const SYSTEM_FOLDERS = ['/proc/', '/sys/', '/dev/', '/etc/', '/boot/', '/run/', '/sbin/', '/usr/sbin/', '/lib/systemd/', '/usr/lib/systemd/', '/usr/libexec/', '/usr/lib/xorg/'];
/** Folders too broad to close as a whole: the system's binary and library folders and every user's home. */
const BROAD_FOLDER = /^\/(?:[^/]+|usr\/[^/]+|usr\/local\/[^/]+|home\/[^/]+|var\/[^/]+|snap\/[^/]+|tmp\/[^/]+)\/$/;

/** Runtimes and portals on Flatpak and Snap: the machinery apps run on, never an app. */
const SYSTEM_SNAPS = /^(?:snapd|snapd-desktop-integration|core\d*|bare|gtk-common-themes|gnome-\d.*|kde-frameworks-.*|mesa-.*)$/;
const SYSTEM_FLATPAKS = /^org\.freedesktop\.|\.(?:Platform|Sdk|BaseApp|Locale|Debug)(?:\.|$)/;

const CONTROL = /\p{Cc}/u;

/**
 * What every rule of every OS must pass first: trimmed, not empty, bounded, no control character, never Stillroom.
 * The accepted rule is the trimmed input, for the OS's own check to go on with.
 */
export function precheckAppRule(input: string): AppRuleResult {
  const rule = input.trim();
  if (rule === '') return reject('empty');
  if (rule.length > MAX_APP_RULE_INPUT) return reject('too-long');
  if (CONTROL.test(rule)) return reject('bad-character');
  if (/stillroom/i.test(rule)) return reject('stillroom');
  return accept(rule);
}

export function checkLinuxAppRule(kind: AppRuleKind, input: string): AppRuleResult {
  const prechecked = precheckAppRule(input);
  if (!prechecked.ok) return prechecked;
  const { rule } = prechecked;
  switch (kind) {
    case 'executable':
      return checkExecutable(rule);
    case 'path':
      return checkPath(rule);
    case 'appImage':
      return checkAppImage(rule);
    case 'flatpak':
      if (!/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_-]*){2,}$/.test(rule) || rule.length > 255) return reject('bad-flatpak-id');
      return SYSTEM_FLATPAKS.test(rule) ? reject('system-process') : accept(rule);
    case 'snap':
      if (!/^[a-z0-9](?:-?[a-z0-9])*$/.test(rule) || !/[a-z]/.test(rule) || rule.length > 40) return reject('bad-snap-name');
      return SYSTEM_SNAPS.test(rule) ? reject('system-process') : accept(rule);
  }
}

/** The Linux rules of one app, by kind: structurally the contract's `LinuxAppRecognition` (base/ may not import it). */
export interface LinuxAppRuleSet {
  readonly executables: readonly string[];
  readonly paths: readonly string[];
  readonly appImages: readonly string[];
  readonly flatpaks: readonly string[];
  readonly snaps: readonly string[];
}

const KIND_OF: Record<keyof LinuxAppRuleSet, AppRuleKind> = {
  executables: 'executable',
  paths: 'path',
  appImages: 'appImage',
  flatpaks: 'flatpak',
  snaps: 'snap',
};

export interface AppRuleRefusal<Field extends string = keyof LinuxAppRuleSet> {
  readonly field: Field;
  readonly rule: string;
  readonly reason: AppRuleRejectionCode;
}

/**
 * Checks every rule of one entry's set for one OS with that OS's check: the rules that pass in their canonical
 * form, and each refused one with why.
 */
/** A set of rules by field (Linux's, macOS's, Windows's), each field a list of one kind of rule. */
export function checkAppRuleSet<Set extends { readonly [Field in keyof Set]: readonly string[] }, Kind>(
  set: Set,
  kindOf: Readonly<Record<keyof Set, Kind>>,
  check: (kind: Kind, rule: string) => AppRuleResult,
): { rules: Set; refused: AppRuleRefusal<Extract<keyof Set, string>>[] } {
  const refused: AppRuleRefusal<Extract<keyof Set, string>>[] = [];
  const rules: Record<string, string[]> = {};
  for (const field of Object.keys(kindOf) as Extract<keyof Set, string>[]) {
    rules[field] = set[field].flatMap((rule) => {
      const checked = check(kindOf[field], rule);
      if (checked.ok) return [checked.rule];
      refused.push({ field, rule, reason: checked.reason });
      return [];
    });
  }
  return { rules: rules as unknown as Set, refused };
}

/**
 * Checks every Linux rule of one entry (a user's, the built-in list's, later a lease's): the rules that pass in
 * their canonical form, and each refused one with why.
 */
export function checkLinuxAppRules(linux: LinuxAppRuleSet): { rules: LinuxAppRuleSet; refused: AppRuleRefusal[] } {
  return checkAppRuleSet(linux, KIND_OF, checkLinuxAppRule);
}

/** Whether a running binary's file name is one the system or the desktop session needs (checked again at runtime). */
export function isSystemExecutable(name: string): boolean {
  const lower = name.toLowerCase();
  return SYSTEM_EXECUTABLES.has(lower) || SYSTEM_PREFIXES.some((prefix) => lower.startsWith(prefix)) || /stillroom/.test(lower);
}

function checkExecutable(rule: string): AppRuleResult {
  if (rule.includes('/') || rule === '.' || rule === '..') return reject('bad-character');
  return isSystemExecutable(rule) ? reject('system-process') : accept(rule);
}

function checkPath(rule: string): AppRuleResult {
  if (!rule.startsWith('/')) return reject('not-absolute');
  const folder = rule.endsWith('/');
  // Only a path already in its plain form: `..`, `.` or `//` could walk out of what the user sees.
  if (posix.normalize(rule) !== rule || rule === '/') return reject(rule === '/' ? 'too-broad' : 'bad-character');
  if (SYSTEM_FOLDERS.some((system) => `${rule}/`.startsWith(system))) return reject('system-process');
  if (folder) return BROAD_FOLDER.test(rule) ? reject('too-broad') : accept(rule);
  return isSystemExecutable(posix.basename(rule)) ? reject('system-process') : accept(rule);
}

function checkAppImage(rule: string): AppRuleResult {
  if (!/^[A-Za-z0-9._+*-]+\.appimage$/i.test(rule)) return reject('bad-appimage-pattern');
  // A literal start of at least two characters: `*.AppImage` would close every AppImage.
  const literal = rule.split('*')[0] ?? '';
  return literal.length < 2 ? reject('too-broad') : accept(rule);
}

export function accept(rule: string): AppRuleResult {
  return { ok: true, rule };
}

export function reject(reason: AppRuleRejectionCode): AppRuleResult {
  return { ok: false, reason };
}
