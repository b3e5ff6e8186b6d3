import { describe, expect, it } from 'vitest';
import type { GuardReport, ReachAttempt } from '../../guard/protocol';
import { landingAddresses, REACH_MERGE_MS, reachCounterState, reachedHosts, reachedOfSession } from './reach';

const at = (host: string, ms: number, kind: ReachAttempt['kind'] = 'https'): ReachAttempt => ({ host, at: ms, kind });

function report(reach: GuardReport['reach'], sessionId = 's1'): GuardReport {
  return {
    version: '1',
    lease: { sessionId, endsAt: 10_000_000, mode: 'flexible', hostnameCount: 2 },
    applied: true,
    lastReconcileAt: 1,
    browsers: [],
    lastError: null,
    reach,
  };
}

describe('reach counts', () => {
  it('counts reaches, not connections: a burst to one host is one reach, most reached first', () => {
    const attempts = [
      at('bilibili.com', 10_000, 'http'),
      at('bilibili.com', 10_050, 'https'),
      at('bilibili.com', 10_000 + REACH_MERGE_MS, 'https'),
      at('youtube.com', 12_000),
      at('bilibili.com', 60_000),
      at('bilibili.com', 120_000),
    ];
    expect(reachedHosts(attempts)).toEqual([
      { host: 'bilibili.com', count: 3, times: [10_000, 60_000, 120_000] },
      { host: 'youtube.com', count: 1, times: [12_000] },
    ]);
    expect(reachedHosts([])).toEqual([]);
  });

  it('keeps at most 100 times per host while still counting every reach', () => {
    const attempts = Array.from({ length: 150 }, (_, i) => at('a.com', i * 10_000));
    const [host] = reachedHosts(attempts);
    expect(host?.count).toBe(150);
    expect(host?.times).toHaveLength(100);
  });

  it('says whether the session was counted: counting, fallback with why, or nothing to say', () => {
    const counted = { sessionId: 's1', counted: true };
    const listening = report({ listener: { state: 'listening', address: '127.0.0.253', httpPort: 80, httpsPort: 443 }, session: counted, attempts: [at('a.com', 1)], dropped: 0, ignored: 0 });
    expect(reachCounterState(listening, 's1')).toEqual({ state: 'counting', address: '127.0.0.253' });
    expect(reachedOfSession(listening, 's1')).toEqual([{ host: 'a.com', count: 1, times: [1] }]);
    // Another session's lease is not ours to report.
    expect(reachCounterState(listening, 's2')).toBeUndefined();
    expect(reachedOfSession(listening, 's2')).toBeNull();

    // The lease ended (or was released) just before the session: its attempts are still there.
    const ended = { ...report({ listener: { state: 'idle' }, session: counted, attempts: [at('a.com', 1)], dropped: 0, ignored: 0 }), lease: null };
    expect(reachCounterState(ended, 's1')).toBeUndefined();
    expect(reachedOfSession(ended, 's1')).toEqual([{ host: 'a.com', count: 1, times: [1] }]);

    const fallback = report({
      listener: { state: 'fallback', problem: 'port-in-use', port: 443, message: 'EADDRINUSE' },
      session: { sessionId: 's1', counted: false },
      attempts: [],
      dropped: 0,
      ignored: 0,
    });
    expect(reachCounterState(fallback, 's1')).toEqual({ state: 'fallback', problem: 'port-in-use', port: 443 });
    expect(reachedOfSession(fallback, 's1')).toBeNull();
    // An older guard says nothing about reach.
    expect(reachCounterState(report(undefined), 's1')).toBeUndefined();
    expect(reachedOfSession(report(undefined), 's1')).toBeNull();
  });

  it('leaves only the IPv6 line to a local web server while the counter holds the IPv4 one', () => {
    // On macOS the counter listens on 127.0.0.1 itself: probing there would call the guard a web server of the user's.
    expect(landingAddresses({ state: 'counting', address: '127.0.0.1' })).toEqual(['::1']);
    expect(landingAddresses({ state: 'fallback', problem: 'port-in-use', port: 80 })).toEqual(['127.0.0.1', '::1']);
    expect(landingAddresses(undefined)).toEqual(['127.0.0.1', '::1']);
  });
});
