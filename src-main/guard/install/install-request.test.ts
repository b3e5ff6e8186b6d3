import { describe, expect, it } from 'vitest';
import { assertRoot, parseInstallRequest, type InstallContext } from './install-request';

const context: InstallContext = {
  platform: 'linux',
  uid: 0,
  execPath: '/usr/bin/node',
  script: '/home/ada/stillroom/out/guard/stillroom-guard.cjs',
  env: { SUDO_USER: 'ada' },
  builtVersion: '0.4.0',
  lookupUid: async (name) => (name === 'ada' ? 1000 : name === 'root' ? 0 : null),
};

describe('what `stillroom-guard install` installs (run for real with sudo in e2e/system/guard-install-command.test.ts)', () => {
  it('takes every flag the app passes through its admin prompt as given', async () => {
    const args = ['--runtime', '/opt/Stillroom/stillroom', '--user', 'grace', '--uid', '1001', '--version', '0.3.0'];
    expect(await parseInstallRequest(args, context)).toEqual({ runtime: '/opt/Stillroom/stillroom', user: { name: 'grace', uid: 1001 }, version: '0.3.0' });
  });

  it('by hand with sudo: the running binary, the user who ran sudo with their uid, the version it was built as', async () => {
    expect(await parseInstallRequest([], context)).toEqual({ runtime: '/usr/bin/node', user: { name: 'ada', uid: 1000 }, version: '0.4.0' });
  });

  it('refuses to guess a user: root is never assumed, an unknown name is named', async () => {
    await expect(parseInstallRequest([], { ...context, env: {} })).rejects.toThrow('Name the user the guard serves: --user <name>');
    await expect(parseInstallRequest([], { ...context, env: { SUDO_USER: 'root' } })).rejects.toThrow('--user <name>');
    await expect(parseInstallRequest(['--user', 'root'], { ...context, env: {} })).resolves.toMatchObject({ user: { name: 'root', uid: 0 } });
    await expect(parseInstallRequest(['--user', 'nobody-here'], context)).rejects.toThrow('There is no user named "nobody-here" on this machine');
    await expect(parseInstallRequest(['--uid', 'x'], context)).rejects.toThrow('--uid must be a number');
  });

  it('needs a version when run from source, and refuses flags it does not know', async () => {
    await expect(parseInstallRequest([], { ...context, builtVersion: undefined })).rejects.toThrow('install needs --version');
    await expect(parseInstallRequest(['--config', '/tmp/x'], context)).rejects.toThrow(/Unknown option '--config'/);
  });

  it('refuses anyone but root before anything else, with the command that would work', () => {
    expect(() => assertRoot('install', context)).not.toThrow();
    expect(() => assertRoot('install', { ...context, uid: 1000 })).toThrow(
      'Installing the guard needs root, and nothing was changed. Run: sudo /usr/bin/node /home/ada/stillroom/out/guard/stillroom-guard.cjs install',
    );
    expect(() => assertRoot('uninstall', { ...context, uid: 1000 })).toThrow(/^Uninstalling the guard needs root/);
    expect(() => assertRoot('install', { ...context, platform: 'win32', uid: null })).not.toThrow();
  });
});
