import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockingProtection } from './blocking-protection';
import type { Expansion } from './blocklist';
import { GuardClient } from '../guard-client/guard-client';
import { startGuardProcess, type GuardProcess } from '../../../e2e/support/guard-process';
import { guardControl } from '../guard-client/guard-control';

const ORIGINAL_HOSTS = '127.0.0.1 localhost\n# the user’s own line, mapped elsewhere\n127.0.0.2 www.youtube.com\n';
// startGuardProcess turns the reach counter off (it would take the machine's own ports 80 and 443): the status says so.
const NOT_COUNTED = { state: 'fallback', problem: 'disabled', port: null } as const;
const blocklist = (): Expansion => ({ ok: true, hostnames: ['youtube.com', 'www.youtube.com', 'www.reddit.com'] });
const session = (mode: 'flexible' | 'committed' | 'locked', minutes = 30) => ({ sessionId: `s-${mode}-${minutes}`, endsAt: Date.now() + minutes * 60_000, mode });

let guard: GuardProcess | null = null;
afterEach(async () => {
  await guard?.cleanup();
  guard = null;
});

describe('BlockingProtection without a guard', () => {
  it('reports unavailable, guard not installed, when there is no socket at all (the preview)', async () => {
    const protection = new BlockingProtection({ guard: null, hostnames: blocklist });
    expect(await protection.activate(session('committed'))).toEqual({ id: 'blocking', state: 'unavailable', unavailable: { reason: 'guard-not-installed' } });
    await expect(protection.deactivate(session('committed'))).resolves.toBeUndefined();
    expect(await protection.recover(session('committed'), false)).toBeNull();
  });

  it('reports unavailable, guard not installed, when the socket does not exist', async () => {
    const protection = new BlockingProtection({ guard: new GuardClient('/nonexistent/stillroom/guard.sock'), hostnames: blocklist });
    expect(await protection.activate(session('committed'))).toMatchObject({ state: 'unavailable', unavailable: { reason: 'guard-not-installed' } });
  });

  it('asks nothing of the guard when the blocklist is empty or too large', async () => {
    const empty = new BlockingProtection({ guard: null, hostnames: () => ({ ok: true, hostnames: [] }) });
    expect(await empty.activate(session('committed'))).toMatchObject({ state: 'unavailable', unavailable: { reason: 'blocklist-empty' } });
    const large = new BlockingProtection({ guard: null, hostnames: () => ({ ok: false, reason: 'too-many-hostnames', count: 6000, limit: 5000 }) });
    expect(await large.activate(session('committed'))).toEqual({ id: 'blocking', state: 'unavailable', unavailable: { reason: 'blocklist-too-large', count: 6000, limit: 5000 } });
  });
});

describe('BlockingProtection when the guard does not answer the release', () => {
  it('throws (so the session retries) until the lease ends, and owes nothing after its end', async () => {
    // A file that is no socket: connect is refused, as for a guard that died and left its socket behind.
    const folder = mkdtempSync(join(tmpdir(), 'blocking-unreachable-'));
    const socketPath = join(folder, 'guard.sock');
    writeFileSync(socketPath, '');
    let now = Date.now();
    const protection = new BlockingProtection({ guard: new GuardClient(socketPath), hostnames: blocklist, now: () => now });
    const running = session('flexible');
    await expect(protection.deactivate(running)).rejects.toThrow(/did not answer the release/);
    now = running.endsAt;
    await expect(protection.deactivate(running)).resolves.toBeUndefined();
  });
});

describe('BlockingProtection with a real guard process', () => {
  it('leases, verifies, extends and releases; the hosts file is byte-identical afterwards', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), hostnames: blocklist });
    const status = guardControl({ client: new GuardClient(guard.socketPath), installer: null, appVersion: '1.2.3' });
    expect(await status.status()).toEqual({ state: 'running', version: '1.2.3', lease: null });

    const first = session('flexible');
    expect(await protection.activate(first)).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [], reach: NOT_COUNTED } });
    const hosts = await readFile(guard.hostsPath, 'utf8');
    expect(hosts).toMatch(/^0\.0\.0\.0 www\.youtube\.com$/m);
    expect(hosts).toMatch(/^:: www\.youtube\.com$/m);
    // The block sits above the user's own line for the same host, so it wins.
    expect(hosts.indexOf('0.0.0.0 www.youtube.com')).toBeLessThan(hosts.indexOf('127.0.0.2 www.youtube.com'));
    expect(await status.status()).toEqual({
      state: 'running',
      version: '1.2.3',
      lease: { sessionId: first.sessionId, endsAt: first.endsAt, locked: false, applied: true, hostnameCount: 3, reach: NOT_COUNTED },
    });

    const later = { ...first, endsAt: first.endsAt + 15 * 60_000 };
    expect(await protection.extend(later)).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [], reach: NOT_COUNTED } });
    expect(await status.status()).toMatchObject({ lease: { endsAt: later.endsAt } });

    await protection.deactivate(later);
    expect(await readFile(guard.hostsPath, 'utf8')).toBe(ORIGINAL_HOSTS);
    expect(await status.status()).toEqual({ state: 'running', version: '1.2.3', lease: null });
  });

  it('leaves a locked lease in place when asked to deactivate early (the guard refuses), without failing', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), hostnames: blocklist });
    const locked = session('locked');
    expect(await protection.activate(locked)).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [], reach: NOT_COUNTED } });
    await expect(protection.deactivate(locked)).resolves.toBeUndefined();
    expect(await readFile(guard.hostsPath, 'utf8')).toContain('0.0.0.0 www.reddit.com');
    const status = await guardControl({ client: new GuardClient(guard.socketPath), installer: null, appVersion: '1.2.3' }).status();
    expect(status).toMatchObject({ state: 'running', lease: { sessionId: locked.sessionId, locked: true, applied: true } });
  });

  it('recovers a running session by leasing again, and an ended one by releasing', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), hostnames: blocklist });
    const running = session('committed');
    expect(await protection.recover(running, true)).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [], reach: NOT_COUNTED } });
    expect(await protection.recover(running, false)).toBeNull();
    expect(await readFile(guard.hostsPath, 'utf8')).toBe(ORIGINAL_HOSTS);
  });

  it('says when a local web server would answer for blocked sites', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), hostnames: blocklist, localServerPorts: async () => [80, 443] });
    expect(await protection.activate(session('flexible'))).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [80, 443], reach: NOT_COUNTED } });
  });

  it('reports a refused lease (a session ending in the past) as unavailable with the guard’s code', async () => {
    guard = await startGuardProcess({ version: '1.2.3', hosts: ORIGINAL_HOSTS });
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), hostnames: blocklist });
    expect(await protection.activate({ sessionId: 'past', endsAt: Date.now() - 1000, mode: 'flexible' })).toEqual({
      id: 'blocking',
      state: 'unavailable',
      unavailable: { reason: 'guard-refused', code: 'lease-in-past' },
    });
  });

  it('tells a guard of another version, and a killed guard, apart from a missing one', async () => {
    guard = await startGuardProcess({ version: '0.9.0', hosts: ORIGINAL_HOSTS });
    const control = guardControl({ client: new GuardClient(guard.socketPath), installer: null, appVersion: '1.2.3' });
    expect(await control.status()).toEqual({ state: 'version-mismatch', guardVersion: '0.9.0', appVersion: '1.2.3' });

    await guard.kill('SIGKILL');
    // The socket file is left behind by kill -9: connecting is refused, so the guard is installed but not running.
    const afterKill = await control.status();
    expect(afterKill.state).toBe('not-running');
    const protection = new BlockingProtection({ guard: new GuardClient(guard.socketPath), hostnames: blocklist });
    expect(await protection.activate(session('committed'))).toMatchObject({ state: 'unavailable', unavailable: { reason: 'guard-not-running' } });

    const missing = guardControl({ client: new GuardClient(join(guard.dir, 'nothing-here.sock')), installer: null, appVersion: '1.2.3' });
    expect(await missing.status()).toEqual({ state: 'not-installed' });
  });
});
