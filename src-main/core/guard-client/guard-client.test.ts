import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardClient } from './guard-client';

// A real guard process (run from source with tsx) against a temp hosts file: no root needed for this part.
describe('GuardClient against a real guard', () => {
  const folder = mkdtempSync(join(tmpdir(), 'guard-client-'));
  const hostsPath = join(folder, 'hosts');
  const socketPath = join(folder, 'run', 'guard.sock');
  let guard: ChildProcess;
  let output = '';

  beforeAll(async () => {
    writeFileSync(hostsPath, '127.0.0.1 localhost\n');
    const config = { version: '9.9.9', hostsPath, stateDir: join(folder, 'state'), socketPath, user: { name: 'me', uid: process.getuid?.() ?? 0 }, reach: { enabled: false } };
    writeFileSync(join(folder, 'config.json'), JSON.stringify(config));
    const main = resolve(import.meta.dirname, '../../guard/main.ts');
    guard = spawn(process.execPath, ['--import', 'tsx', main, 'run', '--config', join(folder, 'config.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
    guard.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const client = new GuardClient(socketPath, 1000);
    for (let i = 0; (await client.status()).ok === false; i++) {
      if (i > 300) throw new Error(`The guard did not start: ${output}`);
      await sleep(50);
    }
  }, 30_000);
  afterAll(() => {
    guard?.kill('SIGTERM');
  });

  it('reports status, takes a lease, refuses a locked release, and releases', async () => {
    const client = new GuardClient(socketPath);
    expect(await client.status()).toMatchObject({ ok: true, status: { version: '9.9.9', lease: null, applied: false } });

    const endsAt = Date.now() + 60_000;
    expect(await client.lease({ sessionId: 'a', endsAt, mode: 'flexible', hostnames: ['example.com'] })).toMatchObject({
      ok: true,
      status: { lease: { sessionId: 'a', endsAt, mode: 'flexible', hostnameCount: 1 }, applied: true },
    });
    expect(readFileSync(hostsPath, 'utf8')).toContain('0.0.0.0 example.com\n');

    expect(await client.lease({ sessionId: 'a', endsAt, mode: 'flexible', hostnames: ['not a host'] })).toMatchObject({ ok: false, reason: 'refused', code: 'invalid-hostname' });
    expect(await client.release('a')).toMatchObject({ ok: true, status: { lease: null } });
    expect(readFileSync(hostsPath, 'utf8')).toBe('127.0.0.1 localhost\n');

    await client.lease({ sessionId: 'b', endsAt, mode: 'locked', hostnames: ['example.com'] });
    expect(await client.release('b')).toMatchObject({ ok: false, reason: 'refused', code: 'locked' });
  });

  it('answers a malformed request with a typed refusal', async () => {
    const { sendGuardRequest } = await import('../../guard/protocol');
    // Bypass the schema on the client side: the guard must check for itself.
    const reply = await sendGuardRequest(socketPath, { type: 'lease', sessionId: '../../etc', endsAt: 1, mode: 'locked', hostnames: ['x.com'] }, 2000);
    expect(reply).toMatchObject({ type: 'refused', code: 'bad-request' });
  });
});

describe('GuardClient without a working guard', () => {
  it('says not-installed when the socket does not exist', async () => {
    const client = new GuardClient(join(mkdtempSync(join(tmpdir(), 'guard-none-')), 'guard.sock'));
    expect(await client.status()).toMatchObject({ ok: false, reason: 'not-installed' });
  });

  it('says unreachable when nothing answers in time', async () => {
    const socketPath = join(mkdtempSync(join(tmpdir(), 'guard-mute-')), 'guard.sock');
    const server: Server = createServer(() => undefined);
    await new Promise<void>((done) => server.listen(socketPath, done));
    try {
      const result = await new GuardClient(socketPath, 200).status();
      expect(result).toMatchObject({ ok: false, reason: 'unreachable', message: expect.stringContaining('200 ms') });
    } finally {
      server.close();
    }
  });

  it('says unreachable when the reply is not understood', async () => {
    const socketPath = join(mkdtempSync(join(tmpdir(), 'guard-bad-')), 'guard.sock');
    const server = createServer((socket) => socket.end('{"type":"ok"}\n'));
    await new Promise<void>((done) => server.listen(socketPath, done));
    try {
      expect(await new GuardClient(socketPath, 1000).status()).toMatchObject({ ok: false, reason: 'unreachable' });
    } finally {
      server.close();
    }
  });
});
