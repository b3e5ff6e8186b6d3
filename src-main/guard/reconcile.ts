import type { CommandRunner } from '../base/command-runner';
import type { BrowserPolicies } from './browser-policies/browser-policies';
import { flushDnsCaches } from './dns-flush';
import type { HostsFile } from './hosts-file';
import { FALLBACK_BLOCK_ADDRESS, withBlock, withoutBlocks } from './hosts-block';
import { activeLease, type GuardClock, type Lease, type LeaseStore } from './lease';
import type { GuardLog } from './log';
import type { BrowserCoverage } from './protocol';

/**
 * The one function that makes the files match the wanted state (guard invariant 6 in docs/ARCHITECTURE.md): the lease on disk and the
 * clock say whether a block is wanted; the hosts file is made to hold exactly that block, or none. It reads
 * everything from disk each time, so a crash at any point followed by a restart converges to the same result.
 */
export interface ReconcileDeps {
  clock: GuardClock;
  hosts: HostsFile;
  leases: LeaseStore;
  log: GuardLog;
  dnsFlush: { commands: readonly string[][]; run: CommandRunner };
  browserPolicies: BrowserPolicies;
  /** The reach counter (reach/reach-counter.ts): listens while a lease is active and says where blocked hosts point. */
  reach?: { follow(lease: Lease | null): Promise<string> };
  /** App enforcement (guard-apps.ts): closes the lease's apps for the installing user while it is active. */
  apps?: { follow(lease: Lease | null): void };
}

export interface ReconcileResult {
  /** The session whose block is in place, or null when the file holds no block. */
  appliedSessionId: string | null;
  changed: boolean;
  /** Each known browser and whether our policy is in force in it now. */
  browsers: BrowserCoverage[];
}

/** `previouslyApplied`: the session applied by the last run, to tell tampering from a first apply. */
export async function reconcile(deps: ReconcileDeps, previouslyApplied: string | null): Promise<ReconcileResult> {
  const { clock, hosts, leases, log } = deps;
  const now = clock.now();
  const stored = await leases.load();
  if (stored.error) log.write('error', { message: stored.error });
  const lease = stored.lease;
  const active = activeLease(lease, now);
  if (!active && (lease !== null || stored.error)) {
    if (lease) log.write('expired', { sessionId: lease.sessionId, endsAt: lease.endsAt });
    await leases.clear();
  }

  // First, so a file that cannot be written never keeps apps closed past the lease, nor leaves them open during it.
  deps.apps?.follow(active);

  // Before the hosts file, so a hosts file that cannot be written never keeps a browser policy past its lease.
  const browsers = await deps.browserPolicies.reconcile(active?.browserPolicies ? { ...active.urlRules, allowOnly: active.allowOnly } : null);

  const address = (await deps.reach?.follow(active)) ?? FALLBACK_BLOCK_ADDRESS;
  const content = await hosts.read();
  const wanted = active ? withBlock(content, active.hostnames, address) : withoutBlocks(content);
  const changed = await hosts.replace(content, wanted);
  const appliedSessionId = active ? active.sessionId : null;
  if (changed) {
    if (!active) log.write('removed');
    else if (previouslyApplied === active.sessionId) log.write('re-applied-after-tampering', { sessionId: active.sessionId });
    else log.write('applied', { sessionId: active.sessionId, hostnames: active.hostnames.length, endsAt: active.endsAt });
    for (const error of await flushDnsCaches(deps.dnsFlush.commands, deps.dnsFlush.run)) log.write('error', { message: `DNS flush: ${error}` });
  }
  return { appliedSessionId, changed, browsers };
}
