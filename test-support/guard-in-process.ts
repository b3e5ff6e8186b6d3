import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinuxAppEnforcer } from '../src-main/base/apps/linux-app-enforcer';
import { BrowserPolicies } from '../src-main/guard/browser-policies/browser-policies';
import { browserTargets } from '../src-main/guard/browser-policies/browser-targets';
import { PolicyJournal } from '../src-main/guard/browser-policies/policy-journal';
import { Guard } from '../src-main/guard/guard';
import { GuardApps } from '../src-main/guard/guard-apps';
import { HostsFile } from '../src-main/guard/hosts-file';
import { LeaseStore, systemGuardClock } from '../src-main/guard/lease';
import type { GuardLog } from '../src-main/guard/log';
import { listenGuardSocket } from '../src-main/guard/server';

/**
 * The real guard (its Guard, lease store, socket server and the real Linux app enforcer) run inside the test's own
 * process, for tests of the app closing through it: its enforcer closes the processes of this process's user, which
 * a guard process run by root for the installing user could not be made to do here (main.ts never closes root's).
 * Its hosts file, state and socket are in a temp folder; no browser is installed under its policy root.
 */
export interface GuardInProcess {
  readonly socketPath: string;
  readonly hostsPath: string;
  /** Stops the guard like its service stopping (it stops closing apps, the lease stays on disk). */
  stop(): Promise<void>;
  /** A new guard over the same state, as after a restart of its service. */
  restart(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function startGuardInProcess(options: { version: string; scanMs?: number }): Promise<GuardInProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'stillroom-guard-inproc-'));
  const hostsPath = join(dir, 'hosts');
  const socketPath = join(dir, 'run', 'guard.sock');
  const stateDir = join(dir, 'state');
  await writeFile(hostsPath, '127.0.0.1 localhost\n');
  const log: GuardLog = { write: () => undefined };
  let running: { guard: Guard; server: Server } | null = null;
  const start = async () => {
    const targets = browserTargets({ platform: 'linux', root: dir, stateDir, run: async () => ({ kind: 'missing' }) });
    const guard = new Guard({
      clock: systemGuardClock,
      hosts: new HostsFile(hostsPath),
      leases: new LeaseStore(stateDir),
      log,
      dnsFlush: { commands: [], run: async () => ({ ok: true }) },
      browserPolicies: new BrowserPolicies(targets, new PolicyJournal(stateDir), log),
      version: options.version,
      intervalMs: 500,
      apps: new GuardApps({ enforcer: new LinuxAppEnforcer({ uid: process.getuid!(), intervalMs: options.scanMs ?? 100 }), problem: null }, log),
    });
    await guard.start();
    const server = await listenGuardSocket(socketPath, { uid: process.getuid!() }, guard, log);
    running = { guard, server };
  };
  const stop = async () => {
    if (!running) return;
    const { guard, server } = running;
    running = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await guard.stop();
  };
  await start();
  return {
    socketPath,
    hostsPath,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    cleanup: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
