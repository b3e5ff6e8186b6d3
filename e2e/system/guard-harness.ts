import { execFileSync, spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir, uptime } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { sendGuardRequest, type GuardReply, type GuardRequestInput } from '../../src-main/guard/protocol';
import { chromiumArgs } from '../support/chromium';

/**
 * Runs the real guard as a root process against a stand-in /etc/hosts, never the machine's own. The guard runs in a
 * private mount namespace where an overlay is mounted on /etc (upper layer in a temp folder): the guard renames its
 * temp file over /etc/hosts exactly as in production. (A file bind-mounted over /etc/hosts cannot be renamed over:
 * the kernel answers EBUSY for a mount point, so a folder-level overlay is the faithful stand-in.)
 */

const repo = resolve(import.meta.dirname, '../..');

/** Why these tests cannot run here, or null when they can. */
export function guardSkipReason(): string | null {
  if (process.getuid?.() !== 0) return 'the guard system tests must run as root';
  for (const tool of ['unshare', 'nsenter', 'getent', 'mount']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed (package util-linux / libc-bin)`;
    }
  }
  const probe = mkdtempSync(join(tmpdir(), 'guard-probe-'));
  try {
    mkdirSync(join(probe, 'upper'));
    mkdirSync(join(probe, 'work'));
    execFileSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', OVERLAY_SCRIPT + 'true', 'sh', join(probe, 'upper'), join(probe, 'work')], {
      stdio: 'ignore',
      timeout: 10_000,
    });
    return null;
  } catch {
    return 'cannot mount an overlay on /etc in a private mount namespace here';
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** Why a sandbox with a boot of its own (`boot: true`) cannot run here, or null: it needs a time namespace and a bind mount over the boot id. */
export function bootStandInSkipReason(): string | null {
  const reason = guardSkipReason();
  if (reason) return reason;
  try {
    execFileSync('unshare', ['-m', '--time', '--boottime', '0', '--propagation', 'private', 'mount', '--bind', '/dev/null', '/proc/sys/kernel/random/boot_id'], { stdio: 'ignore', timeout: 10_000 });
    return null;
  } catch {
    return 'no time namespace (Linux 5.6 and later) or no bind mount over the boot id here';
  }
}

const OVERLAY_SCRIPT = 'mount -t overlay stillroom-test -o "lowerdir=/etc,upperdir=$1,workdir=$2" /etc && shift 2 && exec ';

let bundle: string | null = null;
/** The guard exactly as it ships: one self-contained CommonJS file (scripts/build-guard.mjs). */
export function guardBundle(): string {
  if (!bundle) {
    execFileSync(process.execPath, ['scripts/build-guard.mjs'], { cwd: repo, stdio: 'inherit', timeout: 60_000 });
    const folder = mkdtempSync(join(tmpdir(), 'guard-bundle-'));
    chmodSync(folder, 0o755);
    bundle = join(folder, 'stillroom-guard.cjs');
    copyFileSync(join(repo, 'out/guard/stillroom-guard.cjs'), bundle);
    chmodSync(bundle, 0o644);
  }
  return bundle;
}

export interface SandboxOptions {
  /** The hosts file's bytes as a binary (latin1) string. */
  original: string;
  intervalMs?: number;
  user?: { name: string; uid: number };
  /**
   * The guard's reach counter; off unless given, since it would listen on ports 80 and 443 of the machine's own
   * loopback. With it, give the sandbox its own network too (`network: 'private'`: only a loopback interface).
   */
  reach?: { address: string };
  network?: 'private';
  /**
   * A boot of its own: the guard sees a stand-in boot id (a file bind-mounted over the kernel's) and a boot time
   * starting near zero (a time namespace), so `reboot()` between two starts is a reboot as the guard can tell one.
   */
  boot?: true;
}

/** One stand-in machine: the hosts file's upper layer, the guard's state, socket and config, all in a temp folder. */
export class GuardSandbox {
  readonly root = mkdtempSync(join(tmpdir(), 'guard-sandbox-'));
  readonly upper = join(this.root, 'upper');
  readonly work = join(this.root, 'work');
  readonly stateDir = join(this.root, 'state');
  readonly socketPath = join(this.root, 'run', 'guard.sock');
  readonly configPath = join(this.root, 'config.json');
  private child: ChildProcess | null = null;
  /** With `boot`: the stand-in boot id file, and how far this boot's boot time is set back from the machine's. */
  private readonly bootIdPath = join(this.root, 'boot_id');
  private bootOffsetS: number | null = null;
  output = '';

  constructor(readonly options: SandboxOptions) {
    // Reachable by other users, so the socket's own permissions are what a test of "another user" exercises.
    chmodSync(this.root, 0o755);
    mkdirSync(this.upper);
    mkdirSync(this.work);
    writeFileSync(join(this.upper, 'hosts'), Buffer.from(options.original, 'latin1'), { mode: 0o644 });
    const config = {
      version: '0.0.0-test',
      hostsPath: '/etc/hosts',
      stateDir: this.stateDir,
      socketPath: this.socketPath,
      user: options.user ?? { name: 'root', uid: 0 },
      reconcileIntervalMs: options.intervalMs ?? 2000,
      reach: options.reach ? { enabled: true, address: options.reach.address } : { enabled: false },
    };
    writeFileSync(this.configPath, JSON.stringify(config), { mode: 0o644 });
    if (options.boot) writeFileSync(this.bootIdPath, `${randomUUID()}\n`, { mode: 0o644 });
  }

  /**
   * A new boot (the guard must not be running): a new boot id, and boot time starting again from under a second at
   * the next start. The reboot itself takes a second, so, as on a real machine, the new boot's time never exceeds
   * the wall time passed since the old boot ended.
   */
  async reboot(): Promise<void> {
    if (this.child) throw new Error('Stop the guard before the reboot');
    writeFileSync(this.bootIdPath, `${randomUUID()}\n`, { mode: 0o644 });
    this.bootOffsetS = null;
    await sleep(1000);
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error('The guard is not running');
    return this.child.pid;
  }

  /** Starts the guard inside a fresh namespace (the file persists in the upper layer across restarts). */
  start(): ChildProcess {
    const network = this.options.network === 'private' ? ['-n'] : [];
    if (this.options.boot) this.bootOffsetS ??= Math.floor(uptime());
    const boot = this.options.boot ? ['--time', '--boottime', String(-(this.bootOffsetS ?? 0))] : [];
    const script =
      (this.options.network === 'private' ? 'ip link set lo up && ' : '') +
      (this.options.boot ? `mount --bind '${this.bootIdPath}' /proc/sys/kernel/random/boot_id && ` : '') +
      OVERLAY_SCRIPT +
      '"$@"';
    const child = spawn(
      'unshare',
      ['-m', ...network, ...boot, '--propagation', 'private', 'sh', '-c', script, 'sh', this.upper, this.work, process.execPath, guardBundle(), 'run', '--config', this.configPath],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    return child;
  }

  async startAndWait(): Promise<void> {
    this.start();
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        if ((await this.request({ type: 'status' })).type === 'ok') return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`The guard did not come up: ${(error as Error).message}\n${this.output}`);
      }
      await sleep(25);
    }
  }

  request(request: GuardRequestInput): Promise<GuardReply> {
    return sendGuardRequest(this.socketPath, request, 5000);
  }

  /** SIGKILL: no cleanup of any kind runs. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.child = null;
  }

  /** Runs a command in a namespace of its own over the same stand-in /etc, while no guard runs (e.g. a child that dies mid-write). */
  runIsolated(command: string[]): SpawnSyncReturns<string> {
    return spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', OVERLAY_SCRIPT + '"$@"', 'sh', this.upper, this.work, ...command], {
      encoding: 'utf8',
      timeout: 60_000,
    });
  }

  /** nsenter's arguments into the guard's namespaces: its mounts, and its network when it has its own. */
  get namespaceArgs(): string[] {
    return ['-t', String(this.pid), '-m', ...(this.options.network === 'private' ? ['-n'] : [])];
  }

  /** Runs a command inside the guard's mount namespace (so it sees the stand-in /etc/hosts), and its network if private. */
  inNamespace(command: string[], options: { user?: string } = {}): string {
    const prefix = this.namespaceArgs;
    const argv = options.user ? [...prefix, 'runuser', '-u', options.user, '--', ...command] : [...prefix, ...command];
    return execFileSync('nsenter', argv, { encoding: 'utf8', timeout: 10_000 });
  }

  /** The stand-in hosts file's bytes, as the guard sees them (read directly when the guard is not running). */
  hosts(): string {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      return Buffer.from(execFileSync('nsenter', ['-t', String(this.pid), '-m', 'cat', '/etc/hosts'], { timeout: 10_000 })).toString('latin1');
    }
    return readFileSync(join(this.upper, 'hosts')).toString('latin1');
  }

  log(): string {
    return readFileSync(join(this.stateDir, 'guard.log'), 'utf8');
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * Starts Chromium inside the mount namespace of process `pid` (so it reads the stand-in /etc), connects Playwright to
 * it, runs `use` with its context and ends it and all its helper processes after.
 */
export async function withChromiumInNamespace<T>(pid: number, executable: string, extraArgs: string[], use: (context: BrowserContext) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'guard-chromium-'));
  const args = ['--headless', ...chromiumArgs, ...extraArgs, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'];
  // Its own process group, so that Chromium's helper processes can be ended together with it.
  const child: ChildProcess = spawn('nsenter', ['-t', String(pid), '-m', executable, ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let browser: Browser | null = null;
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${text}`)), 30_000);
      child.stderr?.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    browser = await chromium.connectOverCDP(endpoint);
    return await use(browser.contexts()[0] ?? (await browser.newContext()));
  } finally {
    await browser?.close().catch(() => undefined);
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
    // A graceful close ends every helper; whatever is left of the group after a few seconds is killed.
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 50, retryDelay: 200 });
  }
}

export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
  return Date.now() - started;
}
