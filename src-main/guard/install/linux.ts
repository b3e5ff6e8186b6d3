import { guardPaths } from '../paths';
import type { InstallInput, PlatformInstaller } from './installer';
import { guardConfigFor } from './installer';

/** Linux: a systemd unit, files in the usual root-owned places, installed through a polkit (`pkexec`) prompt. */
const linuxLayout = guardPaths.linux;

const UNIT_PATH = '/etc/systemd/system/stillroom-guard.service';
const COMMAND_PATH = '/usr/local/bin/stillroom-guard';
const SYSTEMCTL = '/usr/bin/systemctl';

/** Paths that go into a unit file or a shell script unquoted-safe: no spaces, quotes, `%`, `$` or backslashes. */
export function assertPlainPath(path: string): string {
  if (!/^\/[A-Za-z0-9._+\-/]+$/.test(path)) throw new Error(`Unsupported characters in path: ${JSON.stringify(path)}`);
  return path;
}

export function renderSystemdUnit(runtime: string): string {
  const exec = [assertPlainPath(runtime), linuxLayout.scriptPath, 'run', '--config', linuxLayout.configPath].join(' ');
  return `[Unit]
Description=Stillroom guard (keeps a focus session's site block in /etc/hosts until its lease ends)
After=local-fs.target

[Service]
Type=simple
Environment=ELECTRON_RUN_AS_NODE=1
ExecStart=${exec}
Restart=always
RestartSec=1
RuntimeDirectory=stillroom-guard
RuntimeDirectoryMode=0755
StateDirectory=stillroom-guard
StateDirectoryMode=0755
UMask=0077
NoNewPrivileges=yes
ProtectSystem=strict
ReadWritePaths=/etc ${linuxLayout.stateDir}
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectControlGroups=yes
RestrictAddressFamilies=AF_UNIX AF_NETLINK

[Install]
WantedBy=multi-user.target
`;
}

/** `stillroom-guard` on the PATH, so the marker's "run 'stillroom-guard cleanup'" works as written. */
export function renderCommandWrapper(runtime: string): string {
  return `#!/bin/sh\nELECTRON_RUN_AS_NODE=1 exec ${assertPlainPath(runtime)} ${linuxLayout.scriptPath} "$@"\n`;
}

export const linuxInstaller: PlatformInstaller = {
  layout: linuxLayout,
  files: (input: InstallInput) => [
    { path: linuxLayout.configPath, mode: 0o644, content: `${JSON.stringify(guardConfigFor(linuxLayout, input), null, 2)}\n` },
    { path: UNIT_PATH, mode: 0o644, content: renderSystemdUnit(input.runtime) },
    { path: COMMAND_PATH, mode: 0o755, content: renderCommandWrapper(input.runtime) },
  ],
  filePaths: [linuxLayout.configPath, UNIT_PATH, COMMAND_PATH],
  startCommands: () => [
    [SYSTEMCTL, 'daemon-reload'],
    [SYSTEMCTL, 'enable', 'stillroom-guard.service'],
    [SYSTEMCTL, 'restart', 'stillroom-guard.service'],
  ],
  stopCommands: () => [[SYSTEMCTL, 'disable', '--now', 'stillroom-guard.service']],
  afterRemoveCommands: () => [[SYSTEMCTL, 'daemon-reload']],
  // pkexec clears the environment, so /usr/bin/env sets ELECTRON_RUN_AS_NODE for the app's binary. Without a polkit
  // agent, pkexec would ask for the password on whatever terminal started the app: it is told to fail instead.
  elevate: (guardArgv) => ['/usr/bin/pkexec', '--disable-internal-agent', '/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', ...guardArgv],
};
