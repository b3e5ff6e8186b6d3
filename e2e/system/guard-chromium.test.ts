import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardSandbox, guardBundle, guardSkipReason, withChromiumInNamespace } from './guard-harness';

/**
 * Chromium, started inside the guard's mount namespace, against the hosts file the guard writes. Honest by design:
 * both hosts are the user's own lines pointing at 127.0.0.2, and the test server listens on 127.0.0.2 only,
 * because on Linux a connection to 0.0.0.0 reaches a server bound to 127.0.0.1 (ENVIRONMENT.md).
 */
const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = guardSkipReason() ?? (existsSync(executable) ? null : `no Chromium at ${executable} (set CHROMIUM_PATH or install the chromium package)`);
if (skip) console.warn(`Skipping the guard Chromium test: ${skip}`);

const ORIGINAL = '127.0.0.1 localhost\n127.0.0.2 allowed.test\n127.0.0.2 blocked.test\n';

describe.skipIf(skip !== null)('Chromium inside the namespace', () => {
  let sandbox: GuardSandbox;
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    guardBundle();
    server = createServer((request, response) => response.end(`hello from ${request.headers.host?.split(':')[0]}`));
    await new Promise<void>((done) => server.listen(0, '127.0.0.2', done));
    port = (server.address() as AddressInfo).port;
    sandbox = new GuardSandbox({ original: ORIGINAL, intervalMs: 500 });
    await sandbox.startAndWait();
  });
  afterAll(async () => {
    await sandbox?.dispose();
    server?.close();
  });

  /** Loads each URL in a fresh page of a Chromium in the guard's namespace; returns body text or the error. */
  function visit(hosts: string[]): Promise<Record<string, string>> {
    return withChromiumInNamespace(sandbox.pid, executable, [], async (context) => {
      const results: Record<string, string> = {};
      for (const host of hosts) {
        const page = await context.newPage();
        try {
          await page.goto(`http://${host}:${port}/`, { timeout: 15_000 });
          results[host] = (await page.textContent('body')) ?? '';
        } catch (error) {
          results[host] = String((error as Error).message).split('\n')[0] ?? 'error';
        }
        await page.close();
      }
      return results;
    });
  }

  it('loads both hosts without a lease, and only the unblocked one with a lease', async () => {
    expect(await visit(['allowed.test', 'blocked.test'])).toEqual({ 'allowed.test': 'hello from allowed.test', 'blocked.test': 'hello from blocked.test' });

    const reply = await sandbox.request({ type: 'lease', sessionId: 'chromium', endsAt: Date.now() + 120_000, mode: 'flexible', hostnames: ['blocked.test'] });
    expect(reply).toMatchObject({ type: 'ok', status: { applied: true } });
    const results = await visit(['allowed.test', 'blocked.test']);
    expect(results['allowed.test']).toBe('hello from allowed.test');
    expect(results['blocked.test']).toMatch(/net::ERR_(CONNECTION_REFUSED|ADDRESS_INVALID|ADDRESS_UNREACHABLE)/);
  });
});
