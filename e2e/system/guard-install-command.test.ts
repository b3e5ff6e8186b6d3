import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardPaths } from '../../src-main/guard/paths';
import { systemUser, type SystemUser } from '../../test-support/system-user';
import { guardBundle, guardSkipReason } from './guard-harness';

/**
 * The command Settings shows where no admin prompt can be shown, `sudo node out/guard/stillroom-guard.cjs install`,
 * run for real: as root, in a private mount namespace whose /etc, /usr and /var are overlays with their upper layers in
 * a temp folder and whose /run is empty, so the installer writes the real paths (/etc/stillroom-guard, /usr/local/...)
 * without touching this machine's own. sudo is not installed here: the test runs what sudo would (root, a reset
 * environment with SUDO_USER naming the person). systemd is not PID 1 here, so /usr/bin/systemctl is a stand-in that
 * does what systemd does with the one unit the installer wrote: it starts the unit's own ExecStart line, and stops it.
 */
const skip = guardSkipReason();
if (skip) console.warn(`Skipping the guard install command test: ${skip}`);

const USER = 'stillroom-t-installer';
const ORIGINAL = '127.0.0.1 localhost\n::1 localhost\n';
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

/** Files (not folders) under a folder, as relative paths. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/** systemd's part for stillroom-guard.service: run its ExecStart with its Environment, in the background; stop it. */
function systemctlStandIn(service: string): string {
  return `#!/bin/sh
echo "$*" >> ${service}/calls
unit=/etc/systemd/system/stillroom-guard.service
stop() {
  if [ -f ${service}/pid ]; then kill "$(cat ${service}/pid)"; while kill -0 "$(cat ${service}/pid)" 2>/dev/null; do sleep 0.05; done; rm ${service}/pid; fi
  rm -rf /run/stillroom-guard
}
case "$1" in
  restart)
    stop
    mkdir -m 0755 /run/stillroom-guard
    setsid env $(sed -n 's/^Environment=//p' $unit) $(sed -n 's/^ExecStart=//p' $unit) >> ${service}/output 2>&1 < /dev/null &
    echo $! > ${service}/pid ;;
  disable) [ "$2" = --now ] && stop ;;
esac
exit 0
`;
}

describe.skipIf(skip !== null)('installing the guard from a terminal, with sudo', () => {
  const machine = mkdtempSync(join(tmpdir(), 'guard-install-command-'));
  const service = join(machine, 'service');
  const layers = ['etc', 'usr', 'var'] as const;
  const upper = (layer: (typeof layers)[number]) => join(machine, layer, 'upper');
  let holder: ChildProcess;
  let user: SystemUser | undefined;
  let uid = 0;
  let bundle = '';
  const node = realpathSync(process.execPath);

  beforeAll(async () => {
    bundle = guardBundle();
    user = systemUser(USER);
    uid = user.uid;
    chmodSync(machine, 0o755);
    mkdirSync(service);
    for (const layer of layers) {
      mkdirSync(upper(layer), { recursive: true });
      mkdirSync(join(machine, layer, 'work'));
    }
    writeFileSync(join(upper('etc'), 'hosts'), ORIGINAL, { mode: 0o644 });
    mkdirSync(join(upper('usr'), 'bin'));
    writeFileSync(join(upper('usr'), 'bin', 'systemctl'), systemctlStandIn(service), { mode: 0o755 });
    // The stand-in machine: one namespace (mounts, and a network of its own with only loopback) that lives until afterAll.
    const mounts = layers.map((layer) => `mount -t overlay stillroom-test -o lowerdir=/${layer},upperdir=${upper(layer)},workdir=${join(machine, layer, 'work')} /${layer}`);
    holder = spawn('unshare', ['-m', '-n', '--propagation', 'private', 'sh', '-c', [...mounts, 'mount -t tmpfs stillroom-run /run', 'ip link set lo up', 'echo ready', 'exec sleep 600'].join(' && ')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      holder.once('exit', (code) => reject(new Error(`the namespace did not come up (exit ${code})`)));
      holder.stdout?.once('data', () => resolve());
    });
  });

  afterAll(() => {
    if (existsSync(join(service, 'pid'))) process.kill(Number(readFileSync(join(service, 'pid'), 'utf8')), 'SIGKILL');
    holder?.kill('SIGKILL');
    rmSync(machine, { recursive: true, force: true });
    user?.remove();
  });

  /** Runs a command inside the stand-in machine; as USER when asked, else as root the way sudo starts it. */
  function inMachine(command: string[], as: 'root' | 'user', env: Record<string, string> = {}) {
    const prefix = as === 'user' ? ['runuser', '-u', USER, '--'] : [];
    const sudoLike = ['env', '-i', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...Object.entries(env).map(([key, value]) => `${key}=${value}`)];
    return spawnSync('nsenter', ['-t', String(holder.pid), '-m', '-n', ...prefix, ...sudoLike, ...command], { encoding: 'utf8', timeout: 60_000, cwd: '/' });
  }

  const seeded = { etc: ['hosts'], usr: ['bin/systemctl'], var: [] as string[] };
  const expectUntouched = () => {
    for (const layer of layers) expect({ layer, files: filesUnder(upper(layer)) }).toEqual({ layer, files: seeded[layer] });
    expect(readFileSync(join(upper('etc'), 'hosts'), 'utf8')).toBe(ORIGINAL);
    expect(inMachine(['ls', '-A', '/run'], 'root').stdout).toBe('');
  };

  it('refuses without root, says how to run it, and changes nothing', () => {
    for (const command of ['install', 'uninstall'] as const) {
      const result = inMachine([node, bundle, command], 'user');
      expect(result.status).toBe(1);
      const doing = command === 'install' ? 'Installing' : 'Uninstalling';
      expect(result.stderr).toBe(`stillroom-guard: ${doing} the guard needs root, and nothing was changed. Run: sudo ${node} ${bundle} ${command}\n`);
    }
    // Root without sudo's SUDO_USER must name the user: the guard is never installed for root by a guess.
    const unnamed = inMachine([node, bundle, 'install'], 'root');
    expect(unnamed.stderr).toContain('Name the user the guard serves: --user <name>');
    expectUntouched();
    expect(existsSync(join(service, 'calls'))).toBe(false);
  });

  it('installs for the person who ran sudo, from a root-owned copy; the guard answers them; uninstall removes every file', () => {
    const installed = inMachine([node, bundle, 'install'], 'root', { SUDO_USER: USER, SUDO_UID: String(uid) });
    expect({ status: installed.status, stderr: installed.stderr }).toEqual({ status: 0, stderr: '' });
    expect(installed.stdout).toBe(`The Stillroom guard is installed and running, for ${USER}.\n`);

    // What the desktop app's Install writes: the same installer, the same paths (guard/paths.ts), all root's.
    const layout = guardPaths.linux;
    expect(filesUnder(upper('usr'))).toEqual(['bin/systemctl', 'local/bin/stillroom-guard', 'local/lib/stillroom-guard/stillroom-guard.cjs']);
    expect(filesUnder(upper('etc'))).toEqual(['hosts', 'stillroom-guard/config.json', 'systemd/system/stillroom-guard.service']);
    for (const path of [layout.scriptPath, layout.configPath]) {
      const info = statSync(join(machine, path.split('/')[1]!, 'upper', ...path.split('/').slice(2)));
      expect({ path, uid: info.uid, writableByOthers: (info.mode & 0o022) !== 0 }).toEqual({ path, uid: 0, writableByOthers: false });
    }
    const config = JSON.parse(readFileSync(join(upper('etc'), 'stillroom-guard/config.json'), 'utf8'));
    expect(config).toMatchObject({ version, user: { name: USER, uid }, socketPath: layout.socketPath });
    expect(readFileSync(join(upper('usr'), 'local/lib/stillroom-guard/stillroom-guard.cjs'), 'utf8')).toBe(readFileSync(bundle, 'utf8'));
    expect(readFileSync(join(service, 'calls'), 'utf8')).toBe('daemon-reload\nenable stillroom-guard.service\nrestart stillroom-guard.service\n');

    // The service runs the root-owned copy under this Node, never the script in the user's checkout.
    const pid = Number(readFileSync(join(service, 'pid'), 'utf8'));
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)).toEqual([node, layout.scriptPath, 'run', '--config', layout.configPath]);

    // The installing user asks the guard over its socket (through the `stillroom-guard` command it put on the PATH).
    const status = inMachine(['stillroom-guard', 'status'], 'user');
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ type: 'ok', status: { version, lease: null } });

    const removed = inMachine([node, bundle, 'uninstall'], 'root', { SUDO_USER: USER });
    expect({ status: removed.status, stdout: removed.stdout, stderr: removed.stderr }).toEqual({
      status: 0,
      stdout: 'The Stillroom guard is uninstalled and no block is left.\n',
      stderr: '',
    });
    expect(readFileSync(join(service, 'calls'), 'utf8')).toMatch(/restart stillroom-guard.service\ndisable --now stillroom-guard.service\ndaemon-reload\n$/);
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expectUntouched();
  });
});
