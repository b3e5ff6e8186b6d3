import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockingPrefs, type BlockTestResult } from '../../src-main/contract/blocking';
import { BlockingProtection } from '../../src-main/core/blocking/blocking-protection';
import { Blocklist } from '../../src-main/core/blocking/blocklist';
import { defaultBlocklists } from '../../src-main/core/blocking/default-blocklists';
import { GuardClient } from '../../src-main/core/guard-client/guard-client';
import { GuardSandbox, guardBundle, guardSkipReason } from './guard-harness';

/**
 * The default blocklists, leased by BlockingProtection to a real root guard, as the system resolver then answers them;
 * and "Test the block" run inside the guard's namespace. Every name asked is in the stand-in hosts file, so no query
 * leaves the machine.
 */
const skip = guardSkipReason();
if (skip) console.warn(`Skipping the blocking resolver test: ${skip}`);

const ORIGINAL = '127.0.0.1 localhost\n127.0.0.2 www.youtube.com\n127.0.0.2 allowed.test\n';
const child = resolve(import.meta.dirname, 'blocking-test-block.child.ts');
// nsenter starts the child in /, where the bare name `tsx` would not resolve: name its loader by path.
const tsxLoader = pathToFileURL(resolve(import.meta.dirname, '../../node_modules/tsx/dist/loader.mjs')).href;

describe.skipIf(skip !== null)('blocking through the system resolver', () => {
  let sandbox: GuardSandbox;
  let folder: string;

  beforeAll(async () => {
    guardBundle();
    sandbox = new GuardSandbox({ original: ORIGINAL, intervalMs: 500 });
    await sandbox.startAndWait();
    folder = mkdtempSync(join(tmpdir(), 'blocking-resolver-'));
  });
  afterAll(async () => {
    await sandbox?.dispose();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const testBlock = (...hosts: string[]): BlockTestResult[] =>
    JSON.parse(sandbox.inNamespace([process.execPath, '--import', tsxLoader, child, join(folder, 'settings.json'), ...hosts]));

  it('resolves a leased host to the block addresses, says "mixed" where the user’s own line also names it, and leaves other hosts alone', async () => {
    // The hosts file alone: this test is about the resolver, not browser policies.
    const list = new Blocklist(defaultBlocklists, BlockingPrefs.parse({ browserPolicies: false }));
    const protection = new BlockingProtection({ guard: new GuardClient(sandbox.socketPath), plan: () => list.leasePlan() });
    const session = { sessionId: 'resolver-test', endsAt: Date.now() + 10 * 60_000, mode: 'flexible' as const };
    // The sandbox's guard has its reach counter off (it would take this machine's own ports 80 and 443).
    expect(await protection.activate(session)).toEqual({ id: 'blocking', state: 'active', detail: { localServerPorts: [], reach: { state: 'fallback', problem: 'disabled', port: null } } });
    expect(sandbox.inNamespace(['getent', 'hosts', 'www.bilibili.com'])).toMatch(/^(::|0\.0\.0\.0)\s+www\.bilibili\.com/);

    const [byDefault, blocked, allowed] = testBlock('www.bilibili.com', 'allowed.test');
    expect(blocked?.outcome).toBe('blocked');
    expect([...(blocked?.addresses ?? [])].sort()).toEqual(['0.0.0.0', '::']);
    expect(allowed).toEqual({ hostname: 'allowed.test', outcome: 'not-blocked', addresses: ['127.0.0.2'] });
    // The user's own line for www.youtube.com stays (nothing outside the markers is touched). getaddrinfo returns
    // every line and sorts the unusable block addresses last (RFC 6724), so the test says so rather than "blocked".
    expect(byDefault?.hostname).toBe('www.youtube.com');
    expect(byDefault?.outcome).toBe('mixed');
    expect([...(byDefault?.addresses ?? [])].sort()).toEqual(['0.0.0.0', '127.0.0.2', '::']);

    await protection.deactivate(session);
    expect(sandbox.hosts()).toBe(ORIGINAL);
    const [afterwards] = testBlock();
    expect(afterwards).toEqual({ hostname: 'www.youtube.com', outcome: 'not-blocked', addresses: ['127.0.0.2'] });
  });
});
