import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One Syncthing instance of the pair, reached through its REST API on loopback. */
export interface SyncthingInstance {
  readonly name: string;
  readonly deviceId: string;
  /** Calls the REST API (`/rest/...`); answers the parsed JSON, or null for an empty body. */
  api(method: 'GET' | 'POST', path: string): Promise<unknown>;
}

export interface SyncthingPair {
  readonly a: SyncthingInstance;
  readonly b: SyncthingInstance;
  /** Until both see each other connected. */
  waitConnected(deadlineMs?: number): Promise<void>;
  /** Asks both to scan the folder now, instead of waiting for their watchers. */
  scan(): Promise<void>;
  stop(): Promise<void>;
}

export const FOLDER_ID = 'vault';

/**
 * Two real Syncthing instances (Debian's `syncthing`) sharing one folder over loopback: each with its own home and
 * HOME, listening on a free 127.0.0.1 port, dialling the other there directly, with global and local discovery,
 * relays, NAT traversal, usage reports and upgrades off, so nothing leaves the machine.
 */
export async function startSyncthingPair(root: string, folders: { a: string; b: string }, log: (line: string) => void): Promise<SyncthingPair> {
  const homes = { a: join(root, 'syncthing-a'), b: join(root, 'syncthing-b') };
  const ids = { a: await generate(homes.a), b: await generate(homes.b) };
  const ports = { a: await freePort(), b: await freePort(), guiA: await freePort(), guiB: await freePort() };
  const apiKey = 'stillroom-system-test';
  await writeFile(join(homes.a, 'config.xml'), configXml({ folder: folders.a, self: ids.a, other: ids.b, selfName: 'Workstation', otherName: 'Laptop', port: ports.a, otherPort: ports.b, guiPort: ports.guiA, apiKey }));
  await writeFile(join(homes.b, 'config.xml'), configXml({ folder: folders.b, self: ids.b, other: ids.a, selfName: 'Laptop', otherName: 'Workstation', port: ports.b, otherPort: ports.a, guiPort: ports.guiB, apiKey }));
  const children: ChildProcess[] = [];
  const instance = (name: string, home: string, deviceId: string, guiPort: number): SyncthingInstance => {
    const child = spawn('syncthing', ['serve', `--home=${home}`, '--no-browser', '--no-restart', '--logflags=0'], {
      env: { ...process.env, HOME: join(home, 'home'), STNOUPGRADE: '1', STNODEFAULTFOLDER: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (data: Buffer) => log(`${name}: ${data.toString().trimEnd()}`));
    child.stderr?.on('data', (data: Buffer) => log(`${name}: ${data.toString().trimEnd()}`));
    children.push(child);
    return {
      name,
      deviceId,
      async api(method, path) {
        const response = await fetch(`http://127.0.0.1:${guiPort}${path}`, { method, headers: { 'X-API-Key': apiKey } });
        if (!response.ok) throw new Error(`${name} ${method} ${path}: ${response.status} ${await response.text()}`);
        const body = await response.text();
        return body === '' ? null : (JSON.parse(body) as unknown);
      },
    };
  };
  await Promise.all([mkdir(join(homes.a, 'home')), mkdir(join(homes.b, 'home'))]);
  const a = instance('A', homes.a, ids.a, ports.guiA);
  const b = instance('B', homes.b, ids.b, ports.guiB);
  return {
    a,
    b,
    async waitConnected(deadlineMs = 60_000) {
      await until(
        async () => {
          const [fromA, fromB] = await Promise.all([isConnected(a, ids.b), isConnected(b, ids.a)]);
          return fromA && fromB;
        },
        deadlineMs,
        'the two Syncthing instances to connect',
      );
    },
    async scan() {
      await Promise.all([a.api('POST', `/rest/db/scan?folder=${FOLDER_ID}`), b.api('POST', `/rest/db/scan?folder=${FOLDER_ID}`)]);
    },
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/** Polls `check` (errors count as "not yet": the API is not up at first) until it holds or the deadline passes. */
export async function until(check: () => Promise<boolean> | boolean, deadlineMs: number, what: string): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

export async function isConnected(instance: SyncthingInstance, other: string): Promise<boolean> {
  const connections = (await instance.api('GET', '/rest/system/connections')) as { connections: Record<string, { connected: boolean }> };
  return connections.connections[other]?.connected === true;
}

/** Makes the instance's keys and answers its device id. */
async function generate(home: string): Promise<string> {
  await run('syncthing', ['generate', `--home=${home}`, '--no-default-folder'], { env: { ...process.env, HOME: home } }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error('syncthing is not installed: `apt-get install syncthing` (.ci/run installs it)');
  });
  const { stdout } = await run('syncthing', ['serve', `--home=${home}`, '--device-id'], { env: { ...process.env, HOME: home } });
  return stdout.trim();
}

/** A port free on 127.0.0.1 now: the kernel's pick for a listen on port 0, closed again. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface InstanceConfig {
  folder: string;
  self: string;
  other: string;
  selfName: string;
  otherName: string;
  port: number;
  otherPort: number;
  guiPort: number;
  apiKey: string;
}

/** The least config Syncthing fills in; `maxConflicts` must be set, or a folder written this way keeps no conflict copies. */
function configXml(config: InstanceConfig): string {
  return `<configuration version="36">
  <folder id="${FOLDER_ID}" label="vault" path="${config.folder}" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1">
    <maxConflicts>10</maxConflicts>
    <device id="${config.self}"></device>
    <device id="${config.other}"></device>
  </folder>
  <device id="${config.self}" name="${config.selfName}"><address>dynamic</address></device>
  <device id="${config.other}" name="${config.otherName}"><address>tcp://127.0.0.1:${config.otherPort}</address></device>
  <gui enabled="true" tls="false"><address>127.0.0.1:${config.guiPort}</address><apikey>${config.apiKey}</apikey></gui>
  <options>
    <listenAddress>tcp://127.0.0.1:${config.port}</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled><localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled><natEnabled>false</natEnabled><startBrowser>false</startBrowser>
    <urAccepted>-1</urAccepted><autoUpgradeIntervalH>0</autoUpgradeIntervalH><crashReportingEnabled>false</crashReportingEnabled>
    <reconnectionIntervalS>1</reconnectionIntervalS>
  </options>
</configuration>
`;
}
