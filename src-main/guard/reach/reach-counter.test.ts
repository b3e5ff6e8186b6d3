import { get } from 'node:http';
import { connect as netConnect, createServer, type AddressInfo, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lease } from '../lease';
import type { GuardEvent } from '../log';
import { ReachCounter } from './reach-counter';
import { CONNECTION_DEADLINE_MS, MAX_OPEN } from './reach-listener';

// Real listeners on loopback addresses of their own (never 127.0.0.1), on ports the OS picks.
const lease = (sessionId: string, hostnames: string[], endsAt = Date.now() + 60_000): Lease => ({
  sessionId,
  endsAt,
  mode: 'flexible',
  hostnames,
  browserPolicies: false,
  urlRules: { block: [], allow: [] },
  allowOnly: null,
  apps: { entries: [], graceMs: 3000, openAppsWaitMs: 0 },
  takenAt: { wallMs: Date.now(), uptimeMs: 1, bootId: 'b' },
});

const counters: ReachCounter[] = [];
function counter(address: string, ports: { httpPort?: number; httpsPort?: number } = {}) {
  const events: { event: GuardEvent; fields?: Record<string, unknown> }[] = [];
  const made = new ReachCounter({
    endpoint: { address, httpPort: ports.httpPort ?? 0, httpsPort: ports.httpsPort ?? 0 },
    now: Date.now,
    log: { write: (event, fields) => void events.push({ event, fields }) },
  });
  counters.push(made);
  return { counter: made, events };
}
afterEach(async () => {
  for (const made of counters.splice(0)) await made.follow(null);
});

function ports(made: ReachCounter) {
  const { listener } = made.report();
  if (listener.state !== 'listening') throw new Error(`not listening: ${JSON.stringify(listener)}`);
  return listener;
}

function httpGet(address: string, port: number, host: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    get({ host: address, port, path: '/watch?v=1', headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    }).on('error', reject);
  });
}

/** A TLS handshake that must fail: resolves with the error and whether any certificate arrived. */
function tlsAttempt(address: string, port: number, servername: string): Promise<{ error: string; certificate: boolean }> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: address, port, servername, rejectUnauthorized: false });
    socket.on('secureConnect', () => resolve({ error: 'handshake completed', certificate: Object.keys(socket.getPeerCertificate()).length > 0 }));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message, certificate: false }));
  });
}

function closedWithin(socket: Socket): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => socket.once('close', () => resolve(Date.now() - started)));
}

describe('ReachCounter', () => {
  it('listens during a lease: the quiet page over HTTP, the server name over TLS, counted per lease host', async () => {
    const { counter: made, events } = counter('127.0.0.71');
    const endsAt = new Date(2027, 0, 4, 16, 30).getTime();
    expect(await made.follow(lease('s1', ['bilibili.com', 'www.bilibili.com'], endsAt))).toBe('127.0.0.71');
    const { httpPort, httpsPort } = ports(made);
    expect(events).toEqual([{ event: 'reach-listening', fields: { sessionId: 's1', address: '127.0.0.71', httpPort, httpsPort } }]);

    const page = await httpGet('127.0.0.71', httpPort, 'bilibili.com');
    expect(page.status).toBe(503);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Focus session until 16:30. This can wait.');
    expect(page.body).toContain('专注到 16:30。');

    const tls = await tlsAttempt('127.0.0.71', httpsPort, 'www.bilibili.com');
    expect(tls).toEqual({ error: 'ERR_SSL_TLSV1_UNRECOGNIZED_NAME', certificate: false });
    // Hosts outside the lease are not kept.
    await httpGet('127.0.0.71', httpPort, 'example.com');
    await tlsAttempt('127.0.0.71', httpsPort, 'example.com');

    const report = made.report();
    expect(report.attempts.map(({ host, kind }) => `${kind}:${host}`)).toEqual(['http:bilibili.com', 'https:www.bilibili.com']);
    expect(report).toMatchObject({ dropped: 0, ignored: 2 });

    // The same session again (an extension) keeps the listener and the attempts.
    expect(await made.follow(lease('s1', ['bilibili.com', 'www.bilibili.com']))).toBe('127.0.0.71');
    expect(made.report().attempts).toHaveLength(2);
    // A new session starts from nothing.
    expect(await made.follow(lease('s2', ['bilibili.com']))).toBe('127.0.0.71');
    expect(made.report().attempts).toEqual([]);
  });

  it('listens only while a lease is active', async () => {
    const { counter: made } = counter('127.0.0.72');
    expect(await made.follow(null)).toBe('0.0.0.0');
    expect(made.report()).toEqual({ listener: { state: 'idle' }, session: null, attempts: [], dropped: 0, ignored: 0 });
    await made.follow(lease('s1', ['a.com']));
    const { httpPort } = ports(made);
    await httpGet('127.0.0.72', httpPort, 'a.com');
    await made.follow(null);
    await expect(httpGet('127.0.0.72', httpPort, 'a.com')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // The ended lease's attempts stay readable until the next lease: a session ending with its lease still finds them.
    expect(made.report()).toMatchObject({ listener: { state: 'idle' }, session: { sessionId: 's1', counted: true }, attempts: [{ host: 'a.com', kind: 'http' }] });
    await made.follow(lease('s2', ['a.com']));
    expect(made.report()).toMatchObject({ session: { sessionId: 's2', counted: true }, attempts: [] });
  });

  it('falls back to 0.0.0.0 and says why when a port is in use, and binds neither port', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.73', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const { counter: made, events } = counter('127.0.0.73', { httpsPort: port });
      expect(await made.follow(lease('s1', ['a.com']))).toBe('0.0.0.0');
      const { listener } = made.report();
      expect(listener).toMatchObject({ state: 'fallback', problem: 'port-in-use', port });
      expect(made.report().session).toEqual({ sessionId: 's1', counted: false });
      expect(events[0]).toMatchObject({ event: 'reach-fallback', fields: { problem: 'port-in-use', port } });
      // Decided once per session: the same lease stays on the fallback.
      expect(await made.follow(lease('s1', ['a.com']))).toBe('0.0.0.0');
    } finally {
      taken.close();
    }
  });

  it('says so when it is turned off in the config', async () => {
    const made = new ReachCounter({ endpoint: null, now: Date.now, log: { write: () => undefined } });
    expect(await made.follow(lease('s1', ['a.com']))).toBe('0.0.0.0');
    expect(made.report().listener).toMatchObject({ state: 'fallback', problem: 'disabled', port: null });
  });

  it('cannot be held: a silent or trickling client is closed at its deadline, and a flood evicts the oldest', async () => {
    const { counter: made } = counter('127.0.0.74');
    await made.follow(lease('s1', ['a.com']));
    const { httpPort, httpsPort } = ports(made);

    const silent = netConnect({ host: '127.0.0.74', port: httpsPort });
    const trickle = netConnect({ host: '127.0.0.74', port: httpPort });
    const drip = setInterval(() => trickle.write('G'), 200);
    try {
      const [silentLife, trickleLife] = await Promise.all([closedWithin(silent), closedWithin(trickle)]);
      expect(silentLife).toBeLessThan(CONNECTION_DEADLINE_MS + 1000);
      expect(trickleLife).toBeLessThan(CONNECTION_DEADLINE_MS + 1000);
    } finally {
      clearInterval(drip);
    }

    const flood = Array.from({ length: MAX_OPEN + 8 }, () => netConnect({ host: '127.0.0.74', port: httpsPort }));
    const firstClosed = closedWithin(flood[0]!);
    await Promise.all(flood.map((socket) => new Promise((resolve) => socket.once('connect', resolve))));
    expect(await firstClosed).toBeLessThan(CONNECTION_DEADLINE_MS);
    // A real reach still gets through while the flood holds its connections.
    expect((await tlsAttempt('127.0.0.74', httpsPort, 'a.com')).certificate).toBe(false);
    expect(made.report().attempts.map((attempt) => attempt.kind)).toEqual(['https']);
    for (const socket of flood) socket.destroy();
  }, 15_000);
});
