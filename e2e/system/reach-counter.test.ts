import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channelName } from '../../src-main/contract/define';
import type { ReflectionEntry } from '../../src-main/contract/reflections';
import type { SessionState } from '../../src-main/contract/session';
import { REACH_MERGE_MS } from '../../src-main/core/guard-client/reach';
import type { GuardReport } from '../../src-main/guard/protocol';
import { chromiumArgs } from '../support/chromium';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { GuardSandbox, guardBundle, guardSkipReason, waitFor } from './guard-harness';

/**
 * The reach counter end to end: the real guard as root in private mount and network namespaces (the network has only
 * a loopback interface, so nothing can leave the machine, and ports 80 and 443 there are the test's own), the real
 * core over temp files talking to it through its socket, Debian's Chromium and plain Node clients inside the
 * namespaces resolving blocked hosts through the stand-in hosts file.
 */
const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip =
  guardSkipReason() ??
  (existsSync('/usr/sbin/ip') || existsSync('/sbin/ip') || existsSync('/usr/bin/ip') ? null : 'ip is not installed (package iproute2)') ??
  (existsSync(executable) ? null : `no Chromium at ${executable} (set CHROMIUM_PATH or install the chromium package)`);
if (skip) console.warn(`Skipping the reach counter test: ${skip}`);

const ORIGINAL = '127.0.0.1 localhost\n::1 localhost\n';
/** Where the guard writes Chromium's policy, inside the overlay's upper layer (the namespace's /etc). */
const CHROMIUM_POLICY = 'chromium/policies/managed/zz-stillroom.json';
const ADDRESS = '127.0.0.253';
const child = resolve(import.meta.dirname, 'reach-counter.child.ts');
// nsenter starts the child in /, where the bare name `tsx` would not resolve: name its loader by path.
const tsxLoader = pathToFileURL(resolve(import.meta.dirname, '../../node_modules/tsx/dist/loader.mjs')).href;

describe.skipIf(skip !== null)('the reach counter', () => {
  let sandbox: GuardSandbox | null = null;
  let test: TestCore | null = null;
  const held: ChildProcess[] = [];
  beforeAll(() => void guardBundle());
  afterEach(async () => {
    for (const process of held.splice(0)) process.kill('SIGKILL');
    await test?.dispose();
    test = null;
    await sandbox?.dispose();
    sandbox = null;
  });

  async function start(options: { browserPolicies: boolean }): Promise<{ sandbox: GuardSandbox; call: <T>(channel: string, payload?: unknown) => Promise<T> }> {
    const made = new GuardSandbox({ original: ORIGINAL, intervalMs: 500, reach: { address: ADDRESS }, network: 'private' });
    sandbox = made;
    await made.startAndWait();
    test = await createTestCore({ now: Date.now(), host: { guardSocketPath: made.socketPath } });
    const { core } = test;
    const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
      const [feature = '', name = ''] = channel.split('.');
      const result = await core.router.dispatch(channelName(feature as never, name), payload, { trusted: true, description: 'reach test' });
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value as T;
    };
    // The user's own sites (not on any HSTS preload list, so Chromium keeps plain HTTP plain).
    for (const domain of ['video.example', 'feed.example', 'news.example']) await call('blocking.addDomain', { domain });
    await call('blocking.setBrowserPolicies', { enabled: options.browserPolicies });
    return { sandbox: made, call };
  }

  const client = (box: GuardSandbox, kind: 'http' | 'https', host: string): Record<string, unknown> =>
    JSON.parse(box.inNamespace([process.execPath, '--import', tsxLoader, child, kind, host]));

  async function report(box: GuardSandbox): Promise<GuardReport> {
    const reply = await box.request({ type: 'status' });
    if (reply.type !== 'ok') throw new Error(JSON.stringify(reply));
    return reply.status;
  }

  /** Loads each URL in a fresh page of Chromium started inside the namespaces; the body text or the error. */
  async function visit(box: GuardSandbox, urls: string[]): Promise<string[]> {
    const folder = mkdtempSync(join(tmpdir(), 'reach-chromium-'));
    const wrapper = join(folder, 'chromium-in-namespace');
    writeFileSync(wrapper, `#!/bin/sh\nexec nsenter ${box.namespaceArgs.join(' ')} ${executable} "$@"\n`);
    chmodSync(wrapper, 0o755);
    const browser = await chromium.launch({ executablePath: wrapper, args: chromiumArgs, timeout: 60_000 });
    try {
      const results: string[] = [];
      for (const url of urls) {
        const page = await browser.newPage();
        try {
          await page.goto(url, { timeout: 20_000 });
          results.push((await page.textContent('body')) ?? '');
        } catch (error) {
          results.push(String((error as Error).message).split('\n')[0] ?? 'error');
        }
        await page.close();
      }
      return results;
    } finally {
      await browser.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }

  it('counts HTTP and HTTPS reaches from Chromium and a plain client per host, decrypts nothing, and puts them in the session record', async () => {
    // Browser policies off: Chromium then resolves blocked hosts through the hosts file like every other program.
    const { sandbox: box, call } = await start({ browserPolicies: false });
    const started = await call<SessionState>('session.start', { minutes: 25, mode: 'flexible' });
    expect(started).toMatchObject({ phase: 'running', protections: [{ id: 'blocking', state: 'active', detail: { reach: { state: 'counting', address: ADDRESS } } }, { id: 'apps', state: 'unavailable', unavailable: { reason: 'turned-off' } }] });
    expect(box.hosts()).toContain(`${ADDRESS} video.example\n:: video.example\n`);
    expect(existsSync(join(box.upper, CHROMIUM_POLICY))).toBe(false);
    // "Test the block", as the app runs it through getaddrinfo inside the namespace, calls the counter's address blocked.
    const testBlock = resolve(import.meta.dirname, 'blocking-test-block.child.ts');
    const [, tested] = JSON.parse(box.inNamespace([process.execPath, '--import', tsxLoader, testBlock, join(test!.dataDir, 'settings.json'), 'video.example']));
    expect(tested).toMatchObject({ hostname: 'video.example', outcome: 'blocked' });
    expect([...tested.addresses].sort()).toEqual(['127.0.0.253', '::']);

    // Chromium: the quiet page over HTTP; over HTTPS the handshake fails (there is no certificate to offer).
    if (started.phase !== 'running') throw new Error('the session did not start');
    const { endsAt, startedAt } = started.session;
    const time = `${String(new Date(endsAt).getHours()).padStart(2, '0')}:${String(new Date(endsAt).getMinutes()).padStart(2, '0')}`;
    const [page, secure] = await visit(box, ['http://video.example/shorts', 'https://feed.example/']);
    expect(page).toContain(`Focus session until ${time}. This can wait.`);
    expect(page).toContain(`专注到 ${time}。这件事可以等一等。`);
    expect(secure).toMatch(/net::ERR_SSL_UNRECOGNIZED_NAME_ALERT/);

    // A plain client: the same page, and a TLS handshake that ends in the guard's alert with no certificate, no data.
    const plain = client(box, 'http', 'news.example');
    expect(plain).toMatchObject({ status: 503, cacheControl: 'no-store' });
    expect(plain.body).toContain(`Focus session until ${time}.`);
    await new Promise((done) => setTimeout(done, REACH_MERGE_MS + 500));
    expect(client(box, 'https', 'news.example')).toEqual({ error: 'ERR_SSL_TLSV1_UNRECOGNIZED_NAME', certificate: false, data: 0 });
    // A name outside the lease is not kept.
    expect(client(box, 'https', 'localhost.localdomain')).toMatchObject({ error: expect.any(String), certificate: false });

    const during = await report(box);
    const kinds = (host: string) => [...new Set(during.reach?.attempts.filter((attempt) => attempt.host === host).map((attempt) => attempt.kind))].sort();
    expect(during.reach?.listener).toEqual({ state: 'listening', address: ADDRESS, httpPort: 80, httpsPort: 443 });
    expect(kinds('video.example')).toContain('http');
    expect(kinds('feed.example')).toEqual(['https']);
    expect(kinds('news.example')).toEqual(['http', 'https']);
    expect(during.reach?.attempts.every((attempt) => ['video.example', 'feed.example', 'news.example'].includes(attempt.host))).toBe(true);

    // The end reads the attempts before the release; the reflection keeps them per host.
    const ended = await call<SessionState>('session.end', { kind: 'confirm' });
    expect(ended).toMatchObject({ phase: 'ended', protections: [] });
    expect(box.hosts()).toBe(ORIGINAL);
    const { entry } = await call<{ entry: ReflectionEntry | null }>('reflections.pending');
    const reached = entry?.facts.reached ?? [];
    expect(reached.map(({ host, count }) => ({ host, count }))).toEqual([
      { host: 'news.example', count: 2 },
      { host: 'feed.example', count: 1 },
      { host: 'video.example', count: 1 },
    ]);
    for (const host of reached) expect(host.times.every((at) => at >= startedAt && at <= Date.now())).toBe(true);
    // Nothing listens after the lease.
    expect(client(box, 'http', ADDRESS)).toEqual({ error: 'ECONNREFUSED' });
    expect(client(box, 'https', ADDRESS)).toMatchObject({ error: 'ECONNREFUSED' });
  }, 120_000);

  it('with browser policies on, Chromium refuses a blocked site itself, before any connection, so only other programs are counted', async () => {
    const { sandbox: box, call } = await start({ browserPolicies: true });
    await call<SessionState>('session.start', { minutes: 25, mode: 'flexible' });
    expect(existsSync(join(box.upper, CHROMIUM_POLICY))).toBe(true);
    const [page] = await visit(box, ['http://video.example/']);
    expect(page).toMatch(/net::ERR_BLOCKED_BY_ADMINISTRATOR/);
    expect(client(box, 'http', 'news.example')).toMatchObject({ status: 503 });

    const hosts = new Set((await report(box)).reach?.attempts.map((attempt) => attempt.host));
    expect([...hosts]).toEqual(['news.example']);
    await call<SessionState>('session.end', { kind: 'confirm' });
    const { entry } = await call<{ entry: ReflectionEntry | null }>('reflections.pending');
    expect(entry?.facts.reached?.map(({ host, count }) => ({ host, count }))).toEqual([{ host: 'news.example', count: 1 }]);
    expect(existsSync(join(box.upper, CHROMIUM_POLICY))).toBe(false);
  }, 120_000);

  it('reports a port in use, falls back to 0.0.0.0 in the hosts file, and still blocks', async () => {
    const { sandbox: box, call } = await start({ browserPolicies: true });
    // A web server of the user's own on every address, port 443, inside the same network (bound before the lease).
    const server = spawn('nsenter', [...box.namespaceArgs, process.execPath, '-e', "require('net').createServer().listen(443, '0.0.0.0', () => console.log('ready'))"], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    held.push(server);
    let ready = '';
    server.stdout?.on('data', (chunk: Buffer) => (ready += chunk.toString()));
    await waitFor(() => ready.includes('ready'), 10_000, 'the user’s own server on port 443');

    const started = await call<SessionState>('session.start', { minutes: 25, mode: 'flexible' });
    expect(started).toMatchObject({
      phase: 'running',
      protections: [{ id: 'blocking', state: 'active', detail: { reach: { state: 'fallback', problem: 'port-in-use', port: 443 } } }, { id: 'apps', state: 'unavailable', unavailable: { reason: 'turned-off' } }],
    });
    expect((await report(box)).reach?.listener).toMatchObject({ state: 'fallback', problem: 'port-in-use', port: 443 });
    expect(box.hosts()).toContain('0.0.0.0 video.example\n:: video.example\n');
    expect(box.hosts()).not.toContain(ADDRESS);
    expect(box.log()).toContain('"event":"reach-fallback"');
    // Port 80 was given back: nothing of the guard listens there.
    expect(client(box, 'http', 'video.example')).toEqual({ error: 'ECONNREFUSED' });

    await call<SessionState>('session.end', { kind: 'confirm' });
    const { entry } = await call<{ entry: ReflectionEntry | null }>('reflections.pending');
    // Not counted is not zero: the reflection says nothing rather than "no reaches".
    expect(entry?.facts.reached).toBeNull();
  }, 60_000);
});
