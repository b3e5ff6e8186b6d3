import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { execFileRunner } from '../core/process/command-runner';
import { dnsFlushCommands, flushDnsCaches } from './dns-flush';
import { DEFAULT_CONFIG_PATH, DEFAULT_HOSTS_PATH, loadGuardConfig, reachEndpoint, type GuardConfig } from './config';
import { Guard } from './guard';
import { withoutBlocks } from './hosts-block';
import { HostsFile } from './hosts-file';
import { LeaseStore, systemGuardClock } from './lease';
import { createGuardLog } from './log';
import { sendGuardRequest } from './protocol';
import { ReachCounter } from './reach/reach-counter';
import { listenGuardSocket } from './server';
import { runInstallCommand } from './install/command';

/**
 * stillroom-guard: the privileged part of Stillroom. Runs under plain Node or under the app's own binary with
 * ELECTRON_RUN_AS_NODE=1, never imports electron.
 *   run --config <file>                        the daemon (started by systemd / launchd / the Windows service)
 *   cleanup [--config <file>] [--hosts <path>] removes every Stillroom block and the lease, for emergencies (as root)
 *   status [--config <file>]                   asks the running guard for its status
 *   install ... / uninstall ...                see install/command.ts (run through the OS's admin prompt)
 */
const USAGE = 'usage: stillroom-guard run --config <file> | cleanup [--config <file>] [--hosts <path>] | status [--config <file>] | install ... | uninstall ...';

const dnsFlush = { commands: dnsFlushCommands(process.platform), run: execFileRunner };

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'install' || command === 'uninstall') return runInstallCommand(command, rest);
  const { values } = parseArgs({ args: rest, options: { config: { type: 'string' }, hosts: { type: 'string' } }, strict: true });
  switch (command) {
    case 'run':
      if (!values.config) break;
      return run(loadGuardConfig(values.config));
    case 'cleanup':
      return cleanup(values.config, values.hosts);
    case 'status':
      return status(loadGuardConfig(values.config ?? defaultConfigPath()));
  }
  console.error(USAGE);
  return 2;
}

async function run(config: GuardConfig): Promise<number> {
  // Everything the guard creates is private unless it says otherwise (the socket, the lease).
  process.umask(0o077);
  ensureFolder(config.stateDir);
  const log = createGuardLog(join(config.stateDir, 'guard.log'), Date.now, { reader: config.user.uid });
  const guard = new Guard({
    clock: systemGuardClock,
    hosts: new HostsFile(config.hostsPath),
    leases: new LeaseStore(config.stateDir),
    log,
    dnsFlush,
    version: config.version,
    intervalMs: config.reconcileIntervalMs,
    reach: new ReachCounter({ endpoint: reachEndpoint(config), now: Date.now, log }),
  });
  log.write('started', { version: config.version, pid: process.pid });
  await guard.start();
  const server = await listenGuardSocket(config.socketPath, { uid: config.user.uid }, guard, log);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve());
  });
  server.close();
  await guard.stop();
  return 0;
}

/** Works with no state and a broken config: a person in trouble must always be able to get their hosts file back. */
async function cleanup(configPath: string | undefined, hostsPath: string | undefined): Promise<number> {
  let config: GuardConfig | null = null;
  const path = configPath ?? defaultConfigPath();
  try {
    if (existsSync(path)) config = loadGuardConfig(path);
  } catch (error) {
    console.error(`stillroom-guard: ignoring the config (${(error as Error).message})`);
  }
  // The lease goes first, so a running guard does not put the block straight back.
  if (config) await new LeaseStore(config.stateDir).clear();
  const target = hostsPath ?? config?.hostsPath ?? DEFAULT_HOSTS_PATH[process.platform];
  if (!target) throw new Error('No hosts file for this OS; pass --hosts <path>');
  const hosts = new HostsFile(target);
  const content = await hosts.read();
  const changed = await hosts.replace(content, withoutBlocks(content));
  if (changed) await flushDnsCaches(dnsFlush.commands, dnsFlush.run);
  if (config) createGuardLog(join(config.stateDir, 'guard.log'), Date.now, { reader: config.user.uid }).write('removed', { reason: 'cleanup command' });
  process.stdout.write(changed ? `Removed the Stillroom block from ${target}\n` : `No Stillroom block in ${target}\n`);
  return 0;
}

async function status(config: GuardConfig): Promise<number> {
  try {
    const reply = await sendGuardRequest(config.socketPath, { type: 'status' }, 5000);
    process.stdout.write(`${JSON.stringify(reply, null, 2)}\n`);
    return reply.type === 'ok' ? 0 : 1;
  } catch (error) {
    console.error(`stillroom-guard: ${(error as Error).message}`);
    return 1;
  }
}

function defaultConfigPath(): string {
  const path = DEFAULT_CONFIG_PATH[process.platform];
  if (!path) throw new Error('No default config path for this OS; pass --config <file>');
  return path;
}

function ensureFolder(path: string): void {
  mkdirSync(path, { recursive: true });
  // Reachable by the user (for the log, itself 0600 and theirs), writable only by root; mkdir's mode would be narrowed by the umask.
  chmodSync(path, 0o755);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(`stillroom-guard: ${error.message}`);
    process.exitCode = 1;
  },
);
