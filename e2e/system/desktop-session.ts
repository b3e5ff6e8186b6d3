import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A private desktop session for system tests: a temporary HOME and XDG folders, an Xvfb display (`-displayfd`, never
 * a fixed number) and a session bus from `dbus-run-session`, started with that environment, so every service the bus
 * starts (dconf-service, xfconfd, dunst) writes into the temporary folders and never into the machine's own.
 */

const TOOLS = ['Xvfb', 'dbus-run-session', 'dbus-send', 'gsettings', 'dconf', 'xfconf-query', 'dunst', 'dunstctl', 'notify-send'];

/** Why the desktop tests cannot run here, or null. CI installs every tool (.ci/run). */
export function desktopSkipReason(): string | null {
  if (process.platform !== 'linux') return 'the notification daemons are Linux programs';
  for (const tool of TOOLS) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed (see the package list in .ci/run)`;
    }
  }
  return null;
}

export class DesktopSession {
  readonly env: NodeJS.ProcessEnv;
  private dunst: ChildProcess | null = null;

  private constructor(
    readonly root: string,
    env: NodeJS.ProcessEnv,
    private readonly xvfb: ChildProcess,
    private readonly bus: ChildProcess,
  ) {
    this.env = env;
  }

  /** `desktop` becomes XDG_CURRENT_DESKTOP; nothing from the machine's own session (its bus, its HOME) leaks in. */
  static async start(desktop = ''): Promise<DesktopSession> {
    const root = mkdtempSync(join(tmpdir(), 'stillroom-desktop-'));
    const home = join(root, 'home');
    const dirs = { XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), XDG_DATA_HOME: join(home, '.local', 'share'), XDG_RUNTIME_DIR: join(root, 'runtime') };
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });

    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '800x600x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    const display = `:${(await firstLine(xvfb.stdio[3] as NodeJS.ReadableStream, 'Xvfb did not report its display')).trim()}`;

    const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, ...dirs, DISPLAY: display, LANG: 'C.UTF-8', XDG_CURRENT_DESKTOP: desktop };
    // The bus lives as long as this holder; its address is the first thing it prints.
    const bus = spawn('dbus-run-session', ['--', 'sh', '-c', 'printf "%s\\n" "$DBUS_SESSION_BUS_ADDRESS"; exec sleep 100000'], {
      env: base,
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    });
    const address = (await firstLine(bus.stdout!, 'dbus-run-session did not start')).trim();
    return new DesktopSession(root, { ...base, DBUS_SESSION_BUS_ADDRESS: address }, xvfb, bus);
  }

  /** Runs a program in the session and returns what it printed (throws on failure). */
  run(file: string, args: string[]): string {
    return execFileSync(file, args, { env: this.env, encoding: 'utf8', timeout: 15_000 });
  }

  /** Starts dunst on the session's display and waits until it owns org.freedesktop.Notifications. */
  async startDunst(): Promise<void> {
    this.dunst = spawn('dunst', [], { env: this.env, stdio: 'ignore' });
    for (let attempt = 0; attempt < 100; attempt++) {
      if (this.notificationServerRunning()) return;
      await sleep(100);
    }
    throw new Error('dunst did not take org.freedesktop.Notifications');
  }

  notificationServerRunning(): boolean {
    const reply = this.run('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.Notifications']);
    return /boolean true/.test(reply);
  }

  /** Starts the app's core (notifications.child.ts) in the session, with its own data folder. */
  core(dataDir: string, clock?: string): CoreChild {
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(join(dataDir, 'vault'), { recursive: true });
    const tsx = pathToFileURL(resolve(import.meta.dirname, '../../node_modules/tsx/dist/loader.mjs')).href;
    const args = ['--import', tsx, resolve(import.meta.dirname, 'notifications.child.ts'), dataDir, join(dataDir, 'vault'), ...(clock ? [clock] : [])];
    return new CoreChild(spawn(process.execPath, args, { env: this.env, stdio: ['pipe', 'pipe', 'inherit'] }));
  }

  async dispose(): Promise<void> {
    this.dunst?.kill('SIGKILL');
    if (this.bus.pid) process.kill(-this.bus.pid, 'SIGTERM');
    this.xvfb.kill('SIGKILL');
    await sleep(100);
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The core child: one JSON answer per command line. */
export class CoreChild {
  private readonly lines: Interface;
  private readonly waiting: ((line: string) => void)[] = [];
  private readonly queued: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(readonly process: ChildProcess) {
    this.lines = createInterface({ input: process.stdout! });
    this.lines.on('line', (line) => {
      const next = this.waiting.shift();
      if (next) next(line);
      else this.queued.push(line);
    });
    this.exited = new Promise((resolve) => process.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** The next JSON line the child prints (its `ready` line first). */
  next<T = Record<string, unknown>>(timeoutMs = 60_000): Promise<T> {
    const queued = this.queued.shift();
    if (queued !== undefined) return Promise.resolve(JSON.parse(queued) as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the core child did not answer in time')), timeoutMs);
      this.waiting.push((line) => {
        clearTimeout(timer);
        resolve(JSON.parse(line) as T);
      });
    });
  }

  send<T = Record<string, unknown>>(command: string): Promise<T> {
    this.process.stdin!.write(`${command}\n`);
    return this.next<T>();
  }

  /** SIGKILL: no handler runs, nothing is restored, like a power cut. */
  async crash(): Promise<void> {
    this.process.kill('SIGKILL');
    await this.exited;
  }
}

function firstLine(stream: NodeJS.ReadableStream, failure: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(failure)), 15_000);
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(text.slice(0, end));
      }
    });
  });
}

/** Every file under the real HOME's desktop settings, with a hash of its content: compared before and after. */
export function realDesktopSettings(home = homedir()): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else found[path] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  for (const dir of ['.config/dconf', '.config/xfce4', '.config/dunst', '.config/glib-2.0']) walk(join(home, dir));
  return found;
}
