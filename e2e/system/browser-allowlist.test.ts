import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GuardSandbox, guardBundle, guardSkipReason, withChromiumInNamespace } from './guard-harness';

/**
 * Issue 22's must-show for allowlist sessions ("only these sites"), with the real guard as root and Debian's Chromium
 * in the guard's private mount namespace (guard-harness.ts): the guard writes /etc/chromium/policies/managed/ over a
 * stand-in /etc, Chromium reads it there. Every name resolves to one test server on 127.0.0.2
 * (--host-resolver-rules), so an allowed site really loads and nothing leaves the machine.
 */
const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = guardSkipReason() ?? (existsSync(executable) ? null : `no Chromium at ${executable} (set CHROMIUM_PATH or install the chromium package)`);
if (skip) console.warn(`Skipping the allowlist system test: ${skip}`);

const MANAGED = '/etc/chromium/policies/managed';
const OURS = `${MANAGED}/zz-stillroom.json`;

describe.skipIf(skip !== null)('an allowlist session in real Chromium', () => {
  let sandbox: GuardSandbox;
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    guardBundle();
    server = createServer((request, response) => response.end(`page ${request.headers.host?.split(':')[0]}${request.url}`));
    await new Promise<void>((done) => server.listen(0, '127.0.0.2', done));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await sandbox?.dispose();
  });
  afterAll(() => {
    server?.close();
  });

  /** Each `host/path`'s body, or the navigation error, in a fresh Chromium in the guard's namespace. */
  function visit(paths: string[]): Promise<Record<string, string>> {
    return withChromiumInNamespace(sandbox.pid, executable, ['--host-resolver-rules=MAP * 127.0.0.2'], async (context) => {
      const results: Record<string, string> = {};
      for (const path of paths) {
        const page = await context.newPage();
        try {
          await page.goto(`http://${path.replace('/', `:${port}/`)}`, { timeout: 15_000 });
          results[path] = (await page.textContent('body')) ?? '';
        } catch (error) {
          results[path] = /net::ERR_[A-Z_]+/.exec(String((error as Error).message))?.[0] ?? String(error);
        }
        await page.close();
      }
      return results;
    });
  }

  it('loads an allowed site (and its subdomains), refuses every other by policy, keeps the blocklist on top, and opens everything after release', async () => {
    sandbox = new GuardSandbox({ original: '127.0.0.1 localhost\n', intervalMs: 300 });
    await sandbox.startAndWait();
    const paths = ['arxiv.test/abs/1', 'export.arxiv.test/', 'docs.test/3/library', 'docs.test/2/library', 'other.test/', 'arxiv.test/list/new'];

    const reply = await sandbox.request({
      type: 'lease',
      sessionId: 'allowlist',
      endsAt: Date.now() + 120_000,
      mode: 'flexible',
      hostnames: [],
      browserPolicies: true,
      // The session's blocklist still applies: a blocked path inside an allowed site stays blocked.
      urlRules: { block: [{ host: 'arxiv.test', path: '/list' }], allow: [] },
      allowOnly: [{ host: 'arxiv.test', path: '/' }, { host: 'docs.test', path: '/3/' }],
    });
    expect(reply).toMatchObject({ type: 'ok', status: { browsers: expect.arrayContaining([{ id: 'chromium', installed: true, policyActive: true, problem: null }]) } });
    expect(JSON.parse(sandbox.inNamespace(['cat', OURS]))).toEqual({ DnsOverHttpsMode: 'off', URLBlocklist: ['*', 'arxiv.test/list'], URLAllowlist: ['arxiv.test', 'docs.test/3/'] });

    expect(await visit(paths)).toEqual({
      'arxiv.test/abs/1': 'page arxiv.test/abs/1',
      'export.arxiv.test/': 'page export.arxiv.test/',
      'docs.test/3/library': 'page docs.test/3/library',
      'docs.test/2/library': 'net::ERR_BLOCKED_BY_ADMINISTRATOR',
      'other.test/': 'net::ERR_BLOCKED_BY_ADMINISTRATOR',
      'arxiv.test/list/new': 'net::ERR_BLOCKED_BY_ADMINISTRATOR',
    });

    expect(await sandbox.request({ type: 'release', sessionId: 'allowlist' })).toMatchObject({ type: 'ok', status: { lease: null } });
    expect(sandbox.inNamespace(['sh', '-c', `[ -e ${OURS} ] && echo present || echo absent`]).trim()).toBe('absent');
    expect(await visit(paths)).toEqual(Object.fromEntries(paths.map((path) => [path, `page ${path}`])));
  });
});
