import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GuardConfig } from '../config';
import { guardPaths, guardPathsFor, type GuardPlatform } from '../paths';
import { platformInstaller } from './command';
import { elevate, guardInstallArgv, guardUninstallArgv, shellQuote, type InstallInput } from './elevation';
import type { PlatformInstaller } from './installer';
import { linuxInstaller, renderSystemdUnit } from './linux';
import { macosInstaller, renderLaunchdPlist } from './macos';
import { windowsInstaller } from './windows';

const linuxInput: InstallInput = { runtime: '/opt/Stillroom/stillroom', bundle: '/opt/Stillroom/resources/guard/stillroom-guard.cjs', user: { name: 'ada', uid: 1000 }, version: '0.4.0' };

describe('Linux installer (runs for real in e2e/system/guard-install.test.ts; systemctl cannot run here)', () => {
  it('writes a hardened systemd unit that runs the root-owned copy', () => {
    const unit = renderSystemdUnit('/opt/Stillroom/stillroom');
    expect(unit).toContain('ExecStart=/opt/Stillroom/stillroom /usr/local/lib/stillroom-guard/stillroom-guard.cjs run --config /etc/stillroom-guard/config.json\n');
    expect(unit).toContain('Environment=ELECTRON_RUN_AS_NODE=1\n');
    expect(unit).toContain('Restart=always\n');
    expect(unit).toContain('RuntimeDirectory=stillroom-guard\nRuntimeDirectoryMode=0755\n');
    expect(unit).toContain('WantedBy=multi-user.target\n');
    expect(() => renderSystemdUnit('/home/ada/My Apps/stillroom')).toThrow(/Unsupported characters/);
    expect(() => renderSystemdUnit('/opt/x;rm -rf /')).toThrow(/Unsupported characters/);
  });

  it('writes a valid config naming the installing user', () => {
    const config = linuxInstaller.files(linuxInput).find((file) => file.path === '/etc/stillroom-guard/config.json');
    expect(GuardConfig.parse(JSON.parse(config?.content ?? ''))).toEqual({
      version: '0.4.0',
      hostsPath: '/etc/hosts',
      stateDir: '/var/lib/stillroom-guard',
      socketPath: '/run/stillroom-guard/guard.sock',
      user: { name: 'ada', uid: 1000 },
      reconcileIntervalMs: 2000,
      browserPolicyRoot: '/',
      reach: { enabled: true, httpPort: 80, httpsPort: 443 },
    });
    expect(linuxInstaller.files(linuxInput).map((file) => file.path)).toEqual(linuxInstaller.filePaths);
  });

  it('asks for the admin password through pkexec with exactly this command line', () => {
    expect(elevate.linux(guardInstallArgv(linuxInput))).toEqual([
      '/usr/bin/pkexec',
      '--disable-internal-agent',
      '/usr/bin/env',
      'ELECTRON_RUN_AS_NODE=1',
      '/opt/Stillroom/stillroom',
      '/opt/Stillroom/resources/guard/stillroom-guard.cjs',
      'install',
      '--runtime',
      '/opt/Stillroom/stillroom',
      '--user',
      'ada',
      '--version',
      '0.4.0',
      '--uid',
      '1000',
    ]);
    expect(linuxInstaller.startCommands(linuxInput)).toEqual([
      ['/usr/bin/systemctl', 'daemon-reload'],
      ['/usr/bin/systemctl', 'enable', 'stillroom-guard.service'],
      ['/usr/bin/systemctl', 'restart', 'stillroom-guard.service'],
    ]);
    expect(linuxInstaller.stopCommands()).toEqual([['/usr/bin/systemctl', 'disable', '--now', 'stillroom-guard.service']]);
  });
});

describe('macOS installer (macOS cannot run here: exact files and command lines)', () => {
  const input: InstallInput = { runtime: '/Applications/Stillroom.app/Contents/MacOS/Stillroom', bundle: "/Applications/Stillroom.app/Contents/Resources/guard/it's.cjs", user: { name: 'ada', uid: 501 }, version: '0.4.0' };

  it('writes a launchd daemon plist', () => {
    const plist = renderLaunchdPlist(input.runtime);
    expect(plist).toContain('<key>Label</key>\n  <string>app.stillroom.guard</string>');
    expect(plist).toContain(
      '    <string>/Applications/Stillroom.app/Contents/MacOS/Stillroom</string>\n    <string>/Library/Application Support/Stillroom Guard/stillroom-guard.cjs</string>\n    <string>run</string>\n    <string>--config</string>\n    <string>/Library/Application Support/Stillroom Guard/config.json</string>',
    );
    expect(plist).toContain('<key>ELECTRON_RUN_AS_NODE</key>\n    <string>1</string>');
    expect(plist).toContain('<key>KeepAlive</key>\n  <true/>');
    expect(renderLaunchdPlist('/A&B/<x>')).toContain('<string>/A&amp;B/&lt;x&gt;</string>');
  });

  it('asks for the admin password through osascript, every argument single-quoted', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(elevate.darwin(guardUninstallArgv(input.runtime, input.bundle))).toEqual([
      '/usr/bin/osascript',
      '-e',
      `do shell script "'/usr/bin/env' 'ELECTRON_RUN_AS_NODE=1' '/Applications/Stillroom.app/Contents/MacOS/Stillroom' '/Applications/Stillroom.app/Contents/Resources/guard/it'\\\\''s.cjs' 'uninstall'" with administrator privileges`,
    ]);
    expect(macosInstaller.startCommands(input)).toEqual([
      ['/bin/launchctl', 'bootstrap', 'system', '/Library/LaunchDaemons/app.stillroom.guard.plist'],
      ['/bin/launchctl', 'enable', 'system/app.stillroom.guard'],
    ]);
    expect(macosInstaller.stopCommands()).toEqual([['/bin/launchctl', 'bootout', 'system/app.stillroom.guard']]);
  });
});

describe('Windows installer (Windows cannot run here: exact command lines, to verify on Windows)', () => {
  const input: InstallInput = { runtime: 'C:\\Program Files\\Stillroom\\Stillroom.exe', bundle: "C:\\Program Files\\Stillroom\\resources\\guard\\o'k.cjs", user: { name: 'Ada', sid: 'S-1-5-21-1-2-3-1001' }, version: '0.4.0' };

  it('closes the state folder to other users, then registers a SYSTEM task at startup that runs the copied guard', () => {
    expect(windowsInstaller.startCommands(input)).toEqual([
      [
        'C:\\Windows\\System32\\icacls.exe',
        'C:\\ProgramData\\Stillroom Guard\\state',
        '/inheritance:r',
        '/grant:r',
        '*S-1-5-18:(OI)(CI)F',
        '*S-1-5-32-544:(OI)(CI)F',
        '*S-1-5-21-1-2-3-1001:(OI)(CI)RX',
      ],
      [
        'C:\\Windows\\System32\\schtasks.exe',
        '/Create',
        '/F',
        '/TN',
        'Stillroom Guard',
        '/SC',
        'ONSTART',
        '/RU',
        'SYSTEM',
        '/RL',
        'HIGHEST',
        '/TR',
        'cmd.exe /d /c "set ELECTRON_RUN_AS_NODE=1&& "C:\\Program Files\\Stillroom\\Stillroom.exe" "C:\\Program Files\\Stillroom Guard\\stillroom-guard.cjs" "run" "--config" "C:\\ProgramData\\Stillroom Guard\\config.json""',
      ],
      ['C:\\Windows\\System32\\schtasks.exe', '/Run', '/TN', 'Stillroom Guard'],
    ]);
  });

  it('asks for elevation through UAC with exactly this PowerShell line', () => {
    const argv = elevate.win32(guardInstallArgv(input));
    expect(argv.slice(0, 4)).toEqual(['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', '-NoProfile', '-NonInteractive', '-Command']);
    expect(argv[4]).toBe(
      "Start-Process -Wait -Verb RunAs -WindowStyle Hidden -FilePath 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe' -ArgumentList '-NoProfile -NonInteractive -Command \"$env:ELECTRON_RUN_AS_NODE=''1''; & ''C:\\Program Files\\Stillroom\\Stillroom.exe'' ''C:\\Program Files\\Stillroom\\resources\\guard\\o''''k.cjs'' ''install'' ''--runtime'' ''C:\\Program Files\\Stillroom\\Stillroom.exe'' ''--user'' ''Ada'' ''--version'' ''0.4.0'' ''--sid'' ''S-1-5-21-1-2-3-1001''\"'",
    );
  });
});

describe('the paths table (paths.ts) ties the installers, the guard and the app', () => {
  const installers: [GuardPlatform, PlatformInstaller, InstallInput][] = [
    ['linux', linuxInstaller, linuxInput],
    ['darwin', macosInstaller, { ...linuxInput, runtime: '/Applications/Stillroom.app/Contents/MacOS/Stillroom' }],
    ['win32', windowsInstaller, { ...linuxInput, runtime: 'C:\\Program Files\\Stillroom\\Stillroom.exe', user: { name: 'Ada', sid: 'S-1-5-21-1' } }],
  ];

  it.each(installers)('on %s the installer writes exactly the table\'s paths', (platform, installer, input) => {
    const paths = guardPaths[platform];
    expect(platformInstaller(platform).layout).toBe(paths);
    // The app's default socket and the guard's default config and hosts file are the same row.
    expect(guardPathsFor(platform)).toBe(paths);

    const files = installer.files(input);
    const config = files.find((file) => file.path === paths.configPath);
    // Read as JSON: GuardConfig's absolute-path check is the guard's own OS's (a Windows path is not absolute here).
    expect(JSON.parse(config?.content ?? '')).toMatchObject({ hostsPath: paths.hostsPath, stateDir: paths.stateDir, socketPath: paths.socketPath });
    // The service (systemd unit, launchd plist, scheduled task) runs the copied script on that config.
    const service = [...files.filter((file) => file !== config).map((file) => file.content), ...installer.startCommands(input).flat()].join('\n');
    expect(service).toContain(paths.scriptPath);
    expect(service).toContain(paths.configPath);
    // Uninstall removes the folders the script and the config were put in.
    const folderOf = platform === 'win32' ? win32.dirname : posix.dirname;
    expect(paths.ownFolders).toEqual(expect.arrayContaining([folderOf(paths.scriptPath), folderOf(paths.configPath)]));
  });

  it('has no row for an OS the guard does not run on', () => {
    expect(guardPathsFor('freebsd')).toBeNull();
    expect(guardPathsFor('toString' as NodeJS.Platform)).toBeNull();
  });
});
