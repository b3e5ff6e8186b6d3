import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channelName } from '../../src-main/contract/define';
import type { SessionState } from '../../src-main/contract/session';
import type { Core } from '../../src-main/core/app-core';
import { systemClock } from '../../src-main/core/clock';
import { BEGIN_MARKER } from '../../src-main/guard/hosts-block';
import { createTestCore } from '../../test-support/test-core';
import { trickle } from '../../test-support/trickle';
import { GuardSandbox, guardBundle, guardSkipReason } from './guard-harness';

const ORIGINAL = '127.0.0.1 localhost\n::1 localhost\n';

const skip = guardSkipReason();
if (skip) console.warn(`Skipping the guard connection tests: ${skip}`);

/**
 * The app's core (real session service, real guard client, system clock) against the real guard running as root
 * in a private mount namespace: the trickle attack from issue 9, and a release that fails and is retried.
 */
describe.skipIf(skip !== null)('the guard socket under slow clients, and releases that fail', () => {
  let sandbox: GuardSandbox;
  let core: Core | null = null;
  let root: string;
  const logs: string[] = [];
  beforeAll(() => void guardBundle());
  afterEach(async () => {
    await core?.dispose();
    core = null;
    await sandbox?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  async function startCore(): Promise<{ call: <T>(name: string, payload?: unknown) => Promise<T>; state: () => Promise<SessionState> }> {
    root = mkdtempSync(join(tmpdir(), 'guard-connections-'));
    ({ core } = await createTestCore({ root, host: { clock: systemClock, log: (level, message) => logs.push(`${level} ${message}`), guardSocketPath: sandbox.socketPath } }));
    const started = core;
    const call = async <T>(name: string, payload?: unknown): Promise<T> => {
      const result = await started.router.dispatch(channelName('session', name), payload, { trusted: true, description: 'test' });
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value as T;
    };
    return { call, state: () => call<SessionState>('state') };
  }

  it('serves the app while 64 clients trickle a byte every 500 ms: the session ends and the block is gone', async () => {
    sandbox = new GuardSandbox({ original: ORIGINAL });
    await sandbox.startAndWait();
    const { call } = await startCore();
    const started = await call<SessionState>('start', { minutes: 25, mode: 'flexible' });
    expect(started).toMatchObject({ phase: 'running', protections: [{ id: 'blocking', state: 'active' }, { id: 'apps', state: 'unavailable', unavailable: { reason: 'turned-off' } }] });
    expect(sandbox.hosts()).toContain(BEGIN_MARKER);

    const attack = trickle(sandbox.socketPath, 64, 500);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Before the fix, 16 such clients made this end report "could not be turned off … EPIPE".
      const ended = await call<SessionState>('end', { kind: 'confirm' });
      expect(ended).toMatchObject({ phase: 'ended', protections: [] });
      expect(sandbox.hosts()).toBe(ORIGINAL);
      expect(await sandbox.request({ type: 'status' })).toMatchObject({ type: 'ok', status: { lease: null } });
      // Every trickling connection was cut off within its deadline from accept, not kept alive by its bytes.
      for (const lifetime of await attack.closed) expect(lifetime).toBeLessThan(4000);
    } finally {
      attack.stop();
    }
  });

  it('retries a release that failed, says so meanwhile, and leaves the hosts file clean', async () => {
    sandbox = new GuardSandbox({ original: ORIGINAL });
    await sandbox.startAndWait();
    const { call, state } = await startCore();
    await call('start', { minutes: 25, mode: 'flexible' });
    expect(sandbox.hosts()).toContain(BEGIN_MARKER);

    // The guard dies mid-session: its socket file stays, so the release meets a refused connection.
    await sandbox.kill();
    const ended = await call<SessionState>('end', { kind: 'confirm' });
    expect(ended).toMatchObject({ phase: 'ended', protections: [{ id: 'blocking', state: 'failed', error: expect.stringContaining('did not answer') }] });
    expect(sandbox.hosts()).toContain(BEGIN_MARKER);

    // Restarted (the lease is still on disk, so it re-applies the block), it gets the release on the next retry.
    await sandbox.startAndWait();
    const releasedNow = async () => {
      const current = await state();
      return current.phase === 'ended' && current.protections.length === 0;
    };
    await waitForAsync(releasedNow, 20_000, 'the retried release');
    expect(sandbox.hosts()).toBe(ORIGINAL);
    expect(sandbox.log()).toContain('"event":"released"');
    expect(logs.join('\n')).toMatch(/protections turned off after \d+ retr/);
  });
});

/** Polls an async check every 100 ms; returns how long it took. */
async function waitForAsync(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}
