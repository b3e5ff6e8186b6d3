import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { execFileOutput, execFileRunner } from '../base/command-runner';
import { BrowserPolicies } from './browser-policies/browser-policies';
import { browserTargets } from './browser-policies/browser-targets';
import { PolicyJournal } from './browser-policies/policy-journal';
import { dnsFlushCommands, flushDnsCaches } from './dns-flush';
import { loadGuardConfig, reachEndpoint, type GuardConfig } from './config';
import { guardPathsFor } from './paths';
import { Guard } from './guard';
import { withoutBlocks } from './hosts-block';
import { HostsFile } from './hosts-file';
import { LeaseStore, systemGuardClock } from './lease';
import { HeldScheduleStore } from './schedule-hold';
import { createGuardLog, type GuardLog } from './log';
import { sendGuardRequest } from './protocol';
import { ReachCounter } from './reach/reach-counter';
import { listenGuardSocket } from './server';
import { runInstallCommand } from './install/command';
import { GuardApps, guardAppEnforcer } from './guard-apps';

/**
 * stillroom-guard: the privileged part of Stillroom. Runs under plain Node or under the app's own binary with
 * ELECTRON_RUN_AS_NODE=1, never imports electron.
 *   run --config <file>                        the daemon (started by systemd / launchd / the Windows service)
 *   cleanup [--config <file>] [--hosts <path>] removes every Stillroom block, the lease and the held schedule, for emergencies (as root)
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
    schedules: new HeldScheduleStore(config.stateDir),
    log,
    dnsFlush,
    browserPolicies: browserPoliciesFor(config, log),
    version: config.version,
    intervalMs: config.reconcileIntervalMs,
    reach: new ReachCounter({ endpoint: reachEndpoint(config), now: Date.now, log, user: config.user.uid }),
    apps: new GuardApps(guardAppEnforcer(process.platform, config.user), log),
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
  // The lease and the held schedule go first, so a running guard does not put the block straight back.
  if (config) await Promise.all([new LeaseStore(config.stateDir).clear(), new HeldScheduleStore(config.stateDir).clear()]);
  if (config) {
    const log = createGuardLog(join(config.stateDir, 'guard.log'), Date.now, { reader: config.user.uid });
    for (const browser of await browserPoliciesFor(config, log).reconcile(null)) {
      if (browser.problem) console.error(`stillroom-guard: ${browser.id}: ${browser.problem}`);
    }
  }
  const target = hostsPath ?? config?.hostsPath ?? guardPathsFor(process.platform)?.hostsPath;
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

function browserPoliciesFor(config: GuardConfig, log: GuardLog): BrowserPolicies {
  const targets = browserTargets({ platform: process.platform, root: config.browserPolicyRoot, stateDir: config.stateDir, run: execFileOutput });
  return new BrowserPolicies(targets, new PolicyJournal(config.stateDir), log);
}

function defaultConfigPath(): string {
  const path = guardPathsFor(process.platform)?.configPath;
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
