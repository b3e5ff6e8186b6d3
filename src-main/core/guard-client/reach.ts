import type { ReachCounterState } from '../../contract/blocking';
import { REACHED_MAX_HOSTS, REACHED_MAX_TIMES, type ReachedHost } from '../../contract/reflections';
import type { GuardReport, ReachAttempt } from '../../guard/protocol';
import { DEFAULT_REACH_ADDRESS } from '../../guard/reach/reach-address';

/**
 * The reach counter as the app sees it, from the guard's own report: whether it counts this session, and at the
 * end, what it counted. Connections are not reaches: one page load opens several (the page, its icon, a preconnect,
 * a retry over the other scheme), so connections to a host within REACH_MERGE_MS of the previous one are one reach.
 */
export const REACH_MERGE_MS = 2000;

/** What the guard points blocked hosts at: 0.0.0.0 and ::, or its reach counter's loopback address while it listens. */
export const GUARD_BLOCK_ADDRESSES: ReadonlySet<string> = new Set(['0.0.0.0', '::', ...Object.values(DEFAULT_REACH_ADDRESS)]);

/** The counter during `sessionId`'s lease; undefined when the guard reports none (no lease, or an older guard). */
export function reachCounterState(report: GuardReport, sessionId?: string): ReachCounterState | undefined {
  const listener = report.reach?.listener;
  if (!listener || listener.state === 'idle' || !report.lease || (sessionId !== undefined && report.lease.sessionId !== sessionId)) return undefined;
  if (listener.state === 'listening') return { state: 'counting', address: listener.address };
  return { state: 'fallback', problem: listener.problem, port: listener.port !== null && listener.port > 0 ? listener.port : null };
}

/**
 * Where a connection to a blocked host lands on this machine: `0.0.0.0` and `::` reach the loopback, so a web server
 * of the user's there answers for blocked sites; while the counter listens, the IPv4 line is the guard's own and only
 * the `::` line is left to such a server.
 */
export function landingAddresses(reach: ReachCounterState | undefined): readonly string[] {
  return reach?.state === 'counting' ? ['::1'] : ['127.0.0.1', '::1'];
}

/**
 * What the counter saw during `sessionId`'s lease (running, or the last one, ended or released), most reached first;
 * null when it did not count (it fell back, another session's lease, an older guard).
 */
export function reachedOfSession(report: GuardReport, sessionId: string): ReachedHost[] | null {
  const reach = report.reach;
  if (!reach?.session || reach.session.sessionId !== sessionId || !reach.session.counted) return null;
  return reachedHosts(reach.attempts);
}

export function reachedHosts(attempts: readonly ReachAttempt[]): ReachedHost[] {
  const byHost = new Map<string, { count: number; times: number[]; last: number }>();
  for (const attempt of [...attempts].sort((a, b) => a.at - b.at)) {
    const seen = byHost.get(attempt.host);
    if (!seen) byHost.set(attempt.host, { count: 1, times: [attempt.at], last: attempt.at });
    else {
      if (attempt.at - seen.last > REACH_MERGE_MS) {
        seen.count++;
        if (seen.times.length < REACHED_MAX_TIMES) seen.times.push(attempt.at);
      }
      seen.last = attempt.at;
    }
  }
  return [...byHost]
    .map(([host, { count, times }]) => ({ host, count, times }))
    .sort((a, b) => b.count - a.count || (a.host < b.host ? -1 : 1))
    .slice(0, REACHED_MAX_HOSTS);
}
