import { guardPaths } from '../paths';
import { shellQuote, type InstallInput } from './elevation';
import type { PlatformInstaller } from './installer';
import { guardConfigFor } from './installer';

/** macOS: a launchd daemon, installed through `osascript ... with administrator privileges`. */
const macosLayout = guardPaths.darwin;

export const LAUNCHD_LABEL = 'app.stillroom.guard';
const PLIST_PATH = `/Library/LaunchDaemons/${LAUNCHD_LABEL}.plist`;
const COMMAND_PATH = '/usr/local/bin/stillroom-guard';
const LAUNCHCTL = '/bin/launchctl';

export function renderLaunchdPlist(runtime: string): string {
  const args = [runtime, macosLayout.scriptPath, 'run', '--config', macosLayout.configPath].map((arg) => `    <string>${xml(arg)}</string>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCHD_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${args.join('\n')}
  </array>
  <key>EnvironmentVariables</key>
  <dict>
    <key>ELECTRON_RUN_AS_NODE</key>
    <string>1</string>
  </dict>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <true/>
  <key>Umask</key>
  <integer>63</integer>
  <key>StandardErrorPath</key>
  <string>${macosLayout.stateDir}/stderr.log</string>
</dict>
</plist>
`;
}

export function renderCommandWrapper(runtime: string): string {
  return `#!/bin/sh\nELECTRON_RUN_AS_NODE=1 exec ${shellQuote(runtime)} ${shellQuote(macosLayout.scriptPath)} "$@"\n`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const macosInstaller: PlatformInstaller = {
  layout: macosLayout,
  files: (input: InstallInput) => [
    { path: macosLayout.configPath, mode: 0o644, content: `${JSON.stringify(guardConfigFor(macosLayout, input), null, 2)}\n` },
    { path: PLIST_PATH, mode: 0o644, content: renderLaunchdPlist(input.runtime) },
    { path: COMMAND_PATH, mode: 0o755, content: renderCommandWrapper(input.runtime) },
  ],
  filePaths: [macosLayout.configPath, PLIST_PATH, COMMAND_PATH],
  startCommands: () => [
    // bootout fails when it was not loaded; that is fine, so it is the stop command's job, not this list's.
    [LAUNCHCTL, 'bootstrap', 'system', PLIST_PATH],
    [LAUNCHCTL, 'enable', `system/${LAUNCHD_LABEL}`],
  ],
  stopCommands: () => [[LAUNCHCTL, 'bootout', `system/${LAUNCHD_LABEL}`]],
  afterRemoveCommands: () => [],
};
