import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardSandbox, guardBundle, guardSkipReason } from './guard-harness';

/**
 * Chromium, started inside the guard's mount namespace, against the hosts file the guard writes. Honest by design:
 * both hosts are the user's own lines pointing at 127.0.0.2, and the test server listens on 127.0.0.2 only,
 * because on Linux a connection to 0.0.0.0 reaches a server bound to 127.0.0.1 (so a block to 0.0.0.0 would look
 * like a hit on a 127.0.0.1 server).
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

  /** Launches Chromium in the guard's namespace and loads each URL in a fresh page; returns body text or the error. */
  async function visit(hosts: string[]): Promise<Record<string, string>> {
    const profile = mkdtempSync(join(tmpdir(), 'guard-chromium-'));
    const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'];
    // Its own process group, so that Chromium's helper processes can be ended together with it.
    const child: ChildProcess = spawn('nsenter', ['-t', String(sandbox.pid), '-m', executable, ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let browser: Browser | null = null;
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${text}`)), 30_000);
        child.stderr?.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      browser = await chromium.connectOverCDP(endpoint);
      const context = browser.contexts()[0] ?? (await browser.newContext());
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
    } finally {
      await browser?.close().catch(() => undefined);
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
      // A graceful close ends every helper; whatever is left of the group after a few seconds is killed.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
      await exited;
      rmSync(profile, { recursive: true, force: true, maxRetries: 50, retryDelay: 200 });
    }
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
