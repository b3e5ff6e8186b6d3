import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm start` for real, in a checkout whose electron package has no binary (as after `npm install` on a machine
// that cannot download it), with HOME and the XDG folders in a temp folder. Only the download itself cannot run
// here: there is no internet; that path is left to a desktop and to CI with network (see the skipped test).
const repo = resolve(import.meta.dirname, '..', '..');
let root: string;
let checkout: string;
/** Every process group a test started, ended in afterAll if a failed test left anything in one. */
const groups: number[] = [];

/** A checkout of this repo: its own package.json, scripts and a binary-less electron package; the rest linked. */
async function makeCheckout(): Promise<string> {
  const dir = join(root, 'checkout');
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await copyFile(join(repo, 'package.json'), join(dir, 'package.json'));
  await cp(join(repo, 'scripts'), join(dir, 'scripts'), { recursive: true });
  for (const entry of ['src-main', 'out', 'resources', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.node.json']) {
    await symlink(join(repo, entry), join(dir, entry));
  }
  for (const entry of await readdir(join(repo, 'node_modules'))) {
    if (entry !== 'electron') await symlink(join(repo, 'node_modules', entry), join(dir, 'node_modules', entry));
  }
  // The electron package as npm installs it: its files, and no dist/ or path.txt until its installer runs.
  const electron = join(dir, 'node_modules', 'electron');
  await mkdir(electron);
  for (const file of ['package.json', 'index.js', 'install.js', 'cli.js', 'checksums.json']) {
    await copyFile(join(repo, 'node_modules', 'electron', file), join(electron, file));
  }
  await symlink(join(repo, 'node_modules', 'electron', 'node_modules'), join(electron, 'node_modules')).catch(() => undefined);
  return dir;
}

interface Started {
  child: ChildProcess;
  lines: string[];
  home: string;
  /** Resolves with the URL once `Stillroom preview: URL` is printed. */
  url: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when every process that held its output has ended (npm may exit before its script does). */
  closed: Promise<void>;
}

/** `npm start` by default; `node scripts/start.mjs` (what npm start runs) where a test needs its own exit code. */
async function npmStart(name: string, env: Record<string, string>, command: 'npm' | 'script' = 'npm'): Promise<Started> {
  const home = join(root, name);
  await mkdir(join(home, '.config'), { recursive: true });
  // What xdg-user-dirs-update writes on a desktop; Electron's Documents folder is then ~/Documents.
  await writeFile(join(home, '.config', 'user-dirs.dirs'), 'XDG_DOCUMENTS_DIR="$HOME/Documents"\n');
  const baseEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(DISPLAY|WAYLAND_DISPLAY|ELECTRON_|STILLROOM_|npm_)/.test(key)),
  ) as Record<string, string>;
  const [program, args] = command === 'npm' ? ['npm', ['start', '--', '--skip-build']] : [process.execPath, ['scripts/start.mjs', '--skip-build']];
  const child = spawn(program, args, {
    cwd: checkout,
    // Its own process group, so SIGINT below reaches npm, the start script and the preview as Ctrl+C would.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...baseEnv,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_CACHE_HOME: join(home, '.cache'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_RUNTIME_DIR: join(home, 'run'),
      ...env,
    },
  });
  const lines: string[] = [];
  let buffered = '';
  const url = new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`no preview line within 60 s:\n${lines.join('\n')}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const match = /^Stillroom preview: (\S+)$/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1]!);
        }
      }
    });
  });
  // A test that never reaches the preview (the desktop branch) does not await this.
  url.catch(() => undefined);
  child.stderr!.on('data', (chunk: Buffer) => lines.push(`[stderr] ${chunk.toString('utf8').trimEnd()}`));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.on('exit', (code, signal) => resolveExit({ code, signal })),
  );
  groups.push(child.pid!);
  const closed = new Promise<void>((resolveClosed, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running 20 s after its end began:\n${lines.join('\n')}`)), 20_000);
    child.stdout!.on('close', () => {
      clearTimeout(timer);
      resolveClosed();
    });
  });
  // Until it is asked to end, a stray rejection here is not an error.
  closed.catch(() => undefined);
  return { child, lines, home, url, exit, closed };
}

/** Processes still in the group npm start ran in (it is the group leader's pid). */
function processesInGroup(pgid: number): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => Number(fields[1]) === pgid)
    .map((fields) => fields.join(' '));
}

/** Waits until no process is left in the group (the kernel reaps a moment after exit). */
async function expectGroupEmpty(pgid: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (processesInGroup(pgid).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(processesInGroup(pgid)).toEqual([]);
}

/**
 * Ctrl+C in a terminal: SIGINT to the whole group. The start script closes the preview (the core's last save and
 * journal write), says so and exits 0. npm itself then reports SIGINT: its script shell (sh, dash here) dies of the
 * terminal's SIGINT and npm re-raises a script shell's signal; that is npm's convention, not ours to change.
 */
async function stopWithCtrlC(started: Started): Promise<void> {
  process.kill(-started.child.pid!, 'SIGINT');
  const exited = await started.exit;
  await started.closed;
  expect([0, 'SIGINT'], started.lines.join('\n')).toContain(exited.code ?? exited.signal);
  expect(started.lines).toContain('Stillroom has stopped.');
  await expectGroupEmpty(started.child.pid!);
}

async function ipc(url: string, channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const { origin, searchParams } = new URL(url);
  const response = await fetch(`${origin}/__preview/ipc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Stillroom-Token': searchParams.get('token')! },
    body: JSON.stringify({ payload }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
}

beforeAll(async () => {
  if (!existsSync(join(repo, 'out', 'renderer', 'index.html')) || !existsSync(join(repo, 'out', 'main', 'index.js'))) {
    throw new Error('out/ is missing: run `npm run build` first (npm test does)');
  }
  root = await mkdtemp(join(tmpdir(), 'npm-start-'));
  checkout = await makeCheckout();
});
afterAll(async () => {
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // Already gone, as it should be.
    }
  }
  await rm(root, { recursive: true, force: true });
});

describe('npm start without an Electron binary', () => {
  it('says why in one sentence, serves the app on the real core, keeps the data in the desktop folders, and ends on Ctrl+C', async () => {
    const started = await npmStart('skip-home', { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    try {
      const url = await started.url;
      expect(started.lines).toContain(
        'Electron is not available here (its binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set); opening Stillroom in your browser instead.',
      );
      expect(started.lines.filter((line) => line.startsWith('Electron is not available here'))).toHaveLength(1);

      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script src="/__preview/bridge.js"></script>');
      const withoutToken = await fetch(`${new URL(url).origin}/__preview/events`);
      expect(withoutToken.status).toBe(403);
      const untrusted = await fetch(`${new URL(url).origin}/__preview/ipc/stillroom:notes.list`, { method: 'POST', body: '{"payload":{}}' });
      expect(((await untrusted.json()) as { ok: boolean }).ok).toBe(false);

      // Through the bridge's IPC route, as the app's own window.stillroom does.
      const created = await ipc(url, 'stillroom:notes.create', { title: 'Written in the browser', content: 'Lemma 3 holds.\n' });
      expect(created.ok, JSON.stringify(created)).toBe(true);
      const session = await ipc(url, 'stillroom:session.start', { minutes: 25, intent: 'prove Lemma 3' });
      expect(session.ok, JSON.stringify(session)).toBe(true);

      const dataDir = join(started.home, '.config', 'Stillroom');
      const vaultDir = join(started.home, 'Documents', 'Stillroom');
      expect(started.lines).toContain(`Stillroom data: ${dataDir}; notes: ${vaultDir}`);
      await expect(readFile(join(vaultDir, 'Notes', 'Written in the browser.md'), 'utf8')).resolves.toBe('Lemma 3 holds.\n');
      expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toBeTypeOf('object');
    } finally {
      if (started.child.exitCode === null) await stopWithCtrlC(started);
    }
    // After the core closed: the running session is kept for the next start (desktop or browser), no temp files left.
    const dataDir = join(started.home, '.config', 'Stillroom');
    const current = JSON.parse(await readFile(join(dataDir, 'session', 'current.json'), 'utf8')) as Record<string, unknown>;
    expect(JSON.stringify(current)).toContain('prove Lemma 3');
    const leftovers = (await readdir(dataDir, { recursive: true })).filter((file) => file.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('runs Electron’s own installer when downloads are allowed, and gives its failure as the reason', async () => {
    // A mirror on loopback that has no Electron: the installer's real download path, failing the same way every time.
    const mirror: Server = createServer((_request, response) => response.writeHead(404).end());
    await new Promise<void>((r) => mirror.listen(0, '127.0.0.1', () => r()));
    const mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`;
    const started = await npmStart('download-home', { ELECTRON_MIRROR: mirrorUrl }, 'script');
    try {
      await started.url;
      expect(started.lines).toContain('Electron is not installed yet: downloading it with its own installer (node_modules/electron/install.js).');
      const sentence = started.lines.find((line) => line.startsWith('Electron is not available here'));
      expect(sentence, started.lines.join('\n')).toMatch(/^Electron is not available here \(its download failed: .*404.*\); opening Stillroom in your browser instead\.$/);
      expect(existsSync(join(checkout, 'node_modules', 'electron', 'path.txt'))).toBe(false);
    } finally {
      // SIGTERM to the start script alone (a service manager's stop): it passes it on and exits 0 itself.
      if (started.child.exitCode === null) started.child.kill('SIGTERM');
      expect(await started.exit, started.lines.join('\n')).toEqual({ code: 0, signal: null });
      await started.closed;
      await expectGroupEmpty(started.child.pid!);
      await new Promise<void>((r) => mirror.close(() => r()));
    }
  });

  it('leaves nothing running when npm alone is sent SIGTERM (its shell dies without passing it on)', async () => {
    const started = await npmStart('sigterm-home', { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    await started.url;
    started.child.kill('SIGTERM');
    await started.exit;
    await started.closed;
    expect(started.lines).toContain('Stillroom has stopped.');
    await expectGroupEmpty(started.child.pid!);
  });

  it('opens the desktop app through electron-vite when a binary is there (a stand-in: the real one cannot be had here)', async () => {
    // The Electron binary cannot exist on this machine; a script in its place shows what electron-vite launches.
    const fakeElectron = join(root, 'fake-electron');
    await writeFile(
      fakeElectron,
      '#!/bin/sh\necho "fake electron in $(pwd): $*"\ntrap \'echo "fake electron closing"; exit 0\' INT TERM\nwhile :; do sleep 0.1; done\n',
      { mode: 0o755 },
    );
    const started = await npmStart('desktop-home', { ELECTRON_EXEC_PATH: fakeElectron });
    const deadline = Date.now() + 60_000;
    while (!started.lines.some((line) => line.startsWith('fake electron in')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(started.lines).toContain(`Starting the desktop app (Electron at ${fakeElectron}).`);
    expect(started.lines).toContain(`fake electron in ${checkout}: .`);
    expect(started.lines.some((line) => line.startsWith('Electron is not available'))).toBe(false);
    await stopWithCtrlC(started);
    expect(started.lines).toContain('fake electron closing');
  });

  // The one path that cannot run here: a real download needs github.com, and this machine has no internet.
  // On a desktop, `npm install && npm start` takes it; CI's jobs install Electron through the same installer.
  it.skip('downloads the real Electron binary and launches the desktop app (skipped: no internet on this machine)', () => undefined);
});
