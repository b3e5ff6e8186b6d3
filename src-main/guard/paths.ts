/**
 * Where the installed guard lives on each OS: the one table the installers write (the copied script, its config,
 * the service definitions that name them), the guard reads (its default config, the hosts file) and the app
 * connects to (the socket). installer.test.ts checks that what each installer writes names exactly these paths.
 */
export interface GuardPaths {
  /** Root-owned copy of the guard script (guard invariant 4 in docs/ARCHITECTURE.md: never run from a user-writable path). */
  readonly scriptPath: string;
  readonly configPath: string;
  /** Root-owned folder for the lease, the log and nothing else. */
  readonly stateDir: string;
  /** Unix socket path, or a Windows named pipe. */
  readonly socketPath: string;
  readonly hostsPath: string;
  /** Folders that belong to the guard alone: removed on uninstall once empty. */
  readonly ownFolders: readonly string[];
}

export type GuardPlatform = 'linux' | 'darwin' | 'win32';

const MAC_SUPPORT = '/Library/Application Support/Stillroom Guard';
const WIN_PROGRAM = 'C:\\Program Files\\Stillroom Guard';
const WIN_DATA = 'C:\\ProgramData\\Stillroom Guard';

export const guardPaths: Readonly<Record<GuardPlatform, GuardPaths>> = {
  linux: {
    scriptPath: '/usr/local/lib/stillroom-guard/stillroom-guard.cjs',
    configPath: '/etc/stillroom-guard/config.json',
    stateDir: '/var/lib/stillroom-guard',
    socketPath: '/run/stillroom-guard/guard.sock',
    hostsPath: '/etc/hosts',
    ownFolders: ['/usr/local/lib/stillroom-guard', '/etc/stillroom-guard'],
  },
  darwin: {
    scriptPath: `${MAC_SUPPORT}/stillroom-guard.cjs`,
    configPath: `${MAC_SUPPORT}/config.json`,
    stateDir: '/var/db/stillroom-guard',
    socketPath: '/var/run/stillroom-guard/guard.sock',
    hostsPath: '/etc/hosts',
    ownFolders: [MAC_SUPPORT],
  },
  win32: {
    scriptPath: `${WIN_PROGRAM}\\stillroom-guard.cjs`,
    configPath: `${WIN_DATA}\\config.json`,
    stateDir: `${WIN_DATA}\\state`,
    socketPath: '\\\\.\\pipe\\stillroom-guard',
    hostsPath: 'C:\\Windows\\System32\\drivers\\etc\\hosts',
    ownFolders: [WIN_PROGRAM, WIN_DATA],
  },
};

/** Whether the guard runs on this OS (the table has its row). */
export function isGuardPlatform(platform: string): platform is GuardPlatform {
  return Object.hasOwn(guardPaths, platform);
}

/** The table's row for this OS, or null where the guard does not run. */
export function guardPathsFor(platform: NodeJS.Platform): GuardPaths | null {
  return isGuardPlatform(platform) ? guardPaths[platform] : null;
}
