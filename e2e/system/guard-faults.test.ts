import { readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withBlock } from '../../src-main/guard/hosts-block';
import { GuardSandbox, guardBundle, guardSkipReason } from './guard-harness';

const ORIGINAL = '\xef\xbb\xbf# hosts with a BOM\n127.0.0.1 localhost\n203.0.113.7 www.reddit.com\n';
const HOSTS = ['old.reddit.com', 'reddit.com', 'www.reddit.com'];
const BLOCKED = withBlock(ORIGINAL, HOSTS);
// 25 rounds: 50 kills in all, 25 while applying and 25 while removing.
const ROUNDS = 25;
const LEASE_MS = 300;

const skip = guardSkipReason();
if (skip) console.warn(`Skipping the guard fault tests: ${skip}`);

describe.skipIf(skip !== null)('the guard killed with SIGKILL at random points', () => {
  let sandbox: GuardSandbox;
  beforeAll(() => {
    guardBundle();
    sandbox = new GuardSandbox({ original: ORIGINAL, intervalMs: 100 });
  });
  afterAll(async () => {
    await sandbox?.dispose();
  });

  it(`leaves the hosts file either original or original plus the full block, never partial (${ROUNDS * 2} kills)`, async () => {
    // How long starting and taking a lease take here (it varies with load), so the kills are spread over all of it.
    const startTimings: number[] = [];
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      await sandbox.startAndWait();
      startTimings.push(Date.now() - started);
      if (i === 0) await sandbox.kill();
    }
    const startMs = Math.max(...startTimings);
    const timings: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await sandbox.request({ type: 'lease', sessionId: `calibrate-${i}`, endsAt: Date.now() + 1000, mode: 'flexible', hostnames: HOSTS });
      timings.push(Date.now() - started);
      await sandbox.request({ type: 'release', sessionId: `calibrate-${i}` });
    }
    const applyMs = Math.max(...timings);
    await sandbox.kill();

    const seen = { applying: new Map<string, number>(), removing: new Map<string, number>() };
    const check = (phase: keyof typeof seen) => {
      const content = sandbox.hosts();
      const state = content === ORIGINAL ? 'original' : content === BLOCKED ? 'blocked' : 'CORRUPT';
      if (state === 'CORRUPT') throw new Error(`Partial or corrupt hosts file after a kill while ${phase}:\n${JSON.stringify(content)}`);
      seen[phase].set(state, (seen[phase].get(state) ?? 0) + 1);
    };

    for (let run = 0; run < ROUNDS; run++) {
      // Restart: every earlier lease has expired, so the guard must converge on the original.
      await sandbox.startAndWait();
      expect(sandbox.hosts()).toBe(ORIGINAL);

      // Kill while it takes a lease and writes the block.
      const endsAt = Date.now() + LEASE_MS;
      sandbox.request({ type: 'lease', sessionId: `run-${run}`, endsAt, mode: 'locked', hostnames: HOSTS }).catch(() => undefined);
      await sleep(Math.random() * applyMs * 1.5);
      await sandbox.kill();
      check('applying');

      // Once the lease has ended, restart and kill at a random point of the start, which removes the block.
      await sleep(Math.max(0, endsAt - Date.now()));
      sandbox.start();
      await sleep(Math.random() * startMs * 1.3);
      await sandbox.kill();
      check('removing');
    }

    await sandbox.startAndWait();
    expect(sandbox.hosts()).toBe(ORIGINAL);
    await sandbox.kill();
    expect(sandbox.hosts()).toBe(ORIGINAL);
    // Temp files of killed writes are cleared when the guard starts.
    expect(readdirSync(sandbox.upper).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const staleTemps = sandbox.log().split('staleTempFile').length - 1;
    console.warn(`stale temp files removed at restarts: ${staleTemps}`);
    console.warn(`kill -9 outcomes: applying ${JSON.stringify([...seen.applying])}, removing ${JSON.stringify([...seen.removing])}`);
    // Both outcomes happened, so the kills really landed on both sides of each write.
    expect(seen.applying.size + seen.removing.size).toBeGreaterThanOrEqual(3);
  });
});
