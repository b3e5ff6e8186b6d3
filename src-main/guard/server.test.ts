import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHostname } from '../base/hostname';
import { BrowserPolicies } from './browser-policies/browser-policies';
import { PolicyJournal } from './browser-policies/policy-journal';
import { Guard } from './guard';
import { BEGIN_MARKER, END_MARKER } from './hosts-block';
import { HostsFile } from './hosts-file';
import { LeaseStore, systemGuardClock } from './lease';
import { MAX_MESSAGE_BYTES, sendGuardRequest } from './protocol';
import { listenGuardSocket, MAX_READING, REQUEST_DEADLINE_MS } from './server';
import { trickle } from '../../test-support/trickle';

const ORIGINAL = '127.0.0.1 localhost\n';

/** Sends raw bytes and returns whatever comes back before the guard closes the connection. */
function raw(socketPath: string, data: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('close', () => resolve(reply));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? resolve(reply) : reject(error)));
    socket.write(data);
  });
}

describe('the guard socket', () => {
  const folder = mkdtempSync(join(tmpdir(), 'guard-server-'));
  const socketPath = join(folder, 'run', 'guard.sock');
  const hostsPath = join(folder, 'hosts');
  let server: Server;

  beforeAll(async () => {
    writeFileSync(hostsPath, ORIGINAL);
    const log = { write: () => undefined };
    const guard = new Guard({
      clock: systemGuardClock,
      hosts: new HostsFile(hostsPath),
      leases: new LeaseStore(join(folder, 'state')),
      log,
      dnsFlush: { commands: [], run: async () => ({ ok: true }) },
      // No browsers: this file tests the socket; guard.test.ts and browser-policies/ test the policies.
      browserPolicies: new BrowserPolicies([], new PolicyJournal(join(folder, 'state')), log),
      version: 't',
      intervalMs: 60_000,
    });
    server = await listenGuardSocket(socketPath, { uid: process.getuid?.() }, guard, log);
  });
  afterAll(() => server?.close());

  it('is a 0600 socket in a 0755 folder', () => {
    expect(statSync(socketPath).mode & 0o777).toBe(0o600);
    expect(statSync(join(folder, 'run')).mode & 0o777).toBe(0o755);
  });

  it.each([
    ['not JSON', 'hello\n'],
    ['an unknown type', '{"type":"exec","command":"rm -rf /"}\n'],
    ['a path smuggled into a lease', `{"type":"lease","sessionId":"s","endsAt":${Date.now() + 60_000},"mode":"flexible","hostnames":["a.com"],"hostsPath":"/etc/passwd"}\n`],
    ['a path smuggled into status', '{"type":"status","configPath":"/tmp/x.json"}\n'],
  ])('refuses %s as a bad request, changing nothing', async (_name, line) => {
    expect(JSON.parse(await raw(socketPath, line))).toMatchObject({ type: 'refused', code: 'bad-request' });
    expect(readFileSync(hostsPath, 'utf8')).toBe(ORIGINAL);
  });

  it('refuses a request larger than the cap', async () => {
    const reply = await raw(socketPath, Buffer.alloc(MAX_MESSAGE_BYTES + 10, 'a'));
    expect(JSON.parse(reply)).toMatchObject({ type: 'refused', code: 'too-large' });
  });

  it('cannot be held shut by clients trickling a byte at a time: each is cut off at its deadline from accept, others get in', async () => {
    expect(MAX_READING).toBeGreaterThanOrEqual(16);
    const attack = trickle(socketPath, 64, 300);
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        expect(await sendGuardRequest(socketPath, { type: 'status' }, 2000)).toMatchObject({ type: 'ok' });
        expect(Date.now() - started).toBeLessThan(1000);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      const lifetimes = await attack.closed;
      // The trickle never pauses for long, so only a deadline counted from accept (or an eviction) ends them.
      expect(REQUEST_DEADLINE_MS).toBeLessThanOrEqual(3000);
      for (const lifetime of lifetimes) expect(lifetime).toBeLessThan(4000);
    } finally {
      attack.stop();
    }
  });

  it('only ever writes address + valid hostname lines inside the markers, whatever JSON arrives (fuzzed)', async () => {
    const hostname = fc.oneof(fc.domain(), fc.string({ maxLength: 40 }), fc.constantFrom('a.com\n0.0.0.0 x.com', `b.com\n${END_MARKER}`, '::1', 'c.com #'));
    const request = fc.record({
      type: fc.constantFrom('lease', 'release', 'status'),
      sessionId: fc.oneof(fc.constant('s'), fc.string({ maxLength: 8 })),
      endsAt: fc.constant(Date.now() + 600_000),
      mode: fc.constantFrom('flexible', 'committed', 'bogus'),
      hostnames: fc.array(hostname, { minLength: 1, maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(request, async (message) => {
        const reply = JSON.parse(await raw(socketPath, `${JSON.stringify(message)}\n`)) as { type: string };
        expect(['ok', 'refused']).toContain(reply.type);
        const lines = readFileSync(hostsPath, 'utf8').split('\n');
        const begin = lines.indexOf(BEGIN_MARKER);
        if (begin === -1) return;
        for (const line of lines.slice(begin + 1, lines.indexOf(END_MARKER))) {
          const [address, host, ...rest] = line.split(' ');
          expect(['0.0.0.0', '::']).toContain(address);
          expect(rest).toEqual([]);
          expect(parseHostname(host ?? '')).toEqual({ ok: true, hostname: host });
        }
      }),
      { numRuns: 150 },
    );
  });
});
