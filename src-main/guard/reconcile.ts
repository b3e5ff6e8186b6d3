import type { CommandRunner } from '../base/command-runner';
import type { BrowserPolicies } from './browser-policies/browser-policies';
import { flushDnsCaches } from './dns-flush';
import type { HostsFile } from './hosts-file';
import { FALLBACK_BLOCK_ADDRESS, withBlock, withoutBlocks } from './hosts-block';
import { activeLease, type GuardClock, type Lease, type LeaseStore } from './lease';
import type { GuardLog } from './log';
import type { BrowserCoverage } from './protocol';
import { combineLeases, runningWindowLeases, type HeldScheduleStore } from './schedule-hold';

/**
 * The one function that makes the files match the wanted state (guard invariant 6 in docs/ARCHITECTURE.md): the lease and the held
 * schedule on disk and the clock say what block is wanted (the union of the lease and the windows running, see
 * schedule-hold.ts); the hosts file is made to hold exactly that block, or none. It reads
 * everything from disk each time, so a crash at any point followed by a restart converges to the same result.
 */
export interface ReconcileDeps {
  clock: GuardClock;
  hosts: HostsFile;
  leases: LeaseStore;
  /** The schedule held for when the app is closed; absent: none (a guard built without it in tests). */
  schedules?: HeldScheduleStore;
  log: GuardLog;
  dnsFlush: { commands: readonly string[][]; run: CommandRunner };
  browserPolicies: BrowserPolicies;
  /** The reach counter (reach/reach-counter.ts): listens while a lease is active and says where blocked hosts point. */
  reach?: { follow(lease: Lease | null): Promise<string> };
  /** App enforcement (guard-apps.ts): closes the lease's apps for the installing user while it is active. */
  apps?: { follow(lease: Lease | null): void };
}

/** The block in the hosts file: whose (a session's, or a window's own `schedule-<id>` when no session's lease runs) and which hosts. */
export interface AppliedBlock {
  sessionId: string;
  hostnames: readonly string[];
}

export interface ReconcileResult {
  /** The block in place, or null when the file holds no block. */
  applied: AppliedBlock | null;
  changed: boolean;
  /** Each known browser and whether our policy is in force in it now. */
  browsers: BrowserCoverage[];
}

/** `previouslyApplied`: the block applied by the last run, to tell tampering from a first apply or a changed block (a window joining a session). */
export async function reconcile(deps: ReconcileDeps, previouslyApplied: AppliedBlock | null): Promise<ReconcileResult> {
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

  const held = (await deps.schedules?.settled(now, log)) ?? null;
  const wanted = combineLeases([...(active ? [active] : []), ...(held ? runningWindowLeases(held, now) : [])]);

  // First, so a file that cannot be written never keeps apps closed past the lease, nor leaves them open during it.
  deps.apps?.follow(wanted);

  // Before the hosts file, so a hosts file that cannot be written never keeps a browser policy past its lease.
  const browsers = await deps.browserPolicies.reconcile(wanted?.browserPolicies ? { ...wanted.urlRules, allowOnly: wanted.allowOnly } : null);

  const address = (await deps.reach?.follow(wanted)) ?? FALLBACK_BLOCK_ADDRESS;
  const content = await hosts.read();
  const changed = await hosts.replace(content, wanted ? withBlock(content, wanted.hostnames, address) : withoutBlocks(content));
  const applied = wanted && { sessionId: wanted.sessionId, hostnames: wanted.hostnames };
  if (changed) {
    if (!wanted) log.write('removed');
    else if (previouslyApplied && JSON.stringify(previouslyApplied) === JSON.stringify(applied)) log.write('re-applied-after-tampering', { sessionId: wanted.sessionId });
    else log.write('applied', { sessionId: wanted.sessionId, hostnames: wanted.hostnames.length, endsAt: wanted.endsAt });
    for (const error of await flushDnsCaches(deps.dnsFlush.commands, deps.dnsFlush.run)) log.write('error', { message: `DNS flush: ${error}` });
  }
  return { applied, changed, browsers };
}
