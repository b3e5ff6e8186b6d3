import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { VerifiedProtectionStatus } from '../../contract/protection';
import { ManualClock } from '../clock';
import type { MemoValue, ProtectedSession, Protection, ProtectionMemo } from './protection';
import { ProtectionTransaction } from './protection-transaction';

const session = { sessionId: 's1', endsAt: 4_000_000_000_000, mode: 'committed' as const };
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Records what it found before "changing" anything, the way the notification adapters journal their snapshot. */
const ACTIVE: VerifiedProtectionStatus = { id: 'notifications', state: 'active', detail: { method: 'dunst', verified: true, alreadyMuted: false } };

class MemoProtection implements Protection {
  readonly id = 'notifications' as const;
  seen: (MemoValue | undefined)[] = [];
  suspended = 0;
  private memo: ProtectionMemo | null = null;

  constructor(private readonly journalPath: string) {}

  async activate(_session: ProtectedSession, memo: ProtectionMemo): Promise<VerifiedProtectionStatus> {
    this.memo = memo;
    await memo.record({ found: 'user-value', wrote: 'muted' });
    // The memo is on disk before the change it describes would be made.
    expect(JSON.parse(readFileSync(this.journalPath, 'utf8')).steps[0].memo).toEqual({ found: 'user-value', wrote: 'muted' });
    return ACTIVE;
  }
  async extend(): Promise<VerifiedProtectionStatus> {
    return ACTIVE;
  }
  async deactivate(_session: ProtectedSession, memo: ProtectionMemo): Promise<void> {
    this.seen.push(memo.saved());
  }
  async recover(_session: ProtectedSession, stillRunning: boolean, memo: ProtectionMemo): Promise<VerifiedProtectionStatus | null> {
    this.seen.push(memo.saved());
    if (!stillRunning) return null;
    // Resuming may start over (the notifications protection mutes again from the state it finds now).
    await memo.record({ resumed: true });
    return ACTIVE;
  }
  async suspend(): Promise<void> {
    this.suspended++;
    await this.memo?.record({ suspended: true });
  }
}

function setup() {
  const folder = mkdtempSync(join(tmpdir(), 'stillroom-memo-'));
  folders.push(folder);
  const journalPath = join(folder, 'protections.json');
  const open = () => {
    const protection = new MemoProtection(journalPath);
    return { protection, transaction: new ProtectionTransaction(journalPath, [protection], { clock: new ManualClock(0) }) };
  };
  return { journalPath, open };
}

describe('ProtectionTransaction memos', () => {
  it('keeps what a protection recorded across phase changes and hands it back to deactivate', async () => {
    const { journalPath, open } = setup();
    const { protection, transaction } = open();
    await transaction.recover(null);
    await transaction.activate(session);
    const steps = JSON.parse(readFileSync(journalPath, 'utf8')).steps;
    expect(steps).toEqual([{ id: 'notifications', phase: 'active', session, memo: { found: 'user-value', wrote: 'muted' } }]);
    expect(await transaction.deactivate(session)).toEqual([]);
    expect(protection.seen).toEqual([{ found: 'user-value', wrote: 'muted' }]);
  });

  it('hands the recorded memo to the next start, which undoes it (a crash: nothing was disposed)', async () => {
    const { open } = setup();
    const first = open();
    await first.transaction.recover(null);
    await first.transaction.activate(session);
    const second = open();
    expect(await second.transaction.recover(null)).toEqual([]);
    expect(second.protection.seen).toEqual([{ found: 'user-value', wrote: 'muted' }]);
  });

  it('suspends on quit only protections that have a step, and the step stays for the next start to resume', async () => {
    const { journalPath, open } = setup();
    const idle = open();
    await idle.transaction.recover(null);
    await idle.transaction.suspend();
    expect(idle.protection.suspended).toBe(0);

    const { protection, transaction } = open();
    await transaction.recover(null);
    await transaction.activate(session);
    await transaction.suspend();
    expect(protection.suspended).toBe(1);
    expect(JSON.parse(readFileSync(journalPath, 'utf8')).steps).toMatchObject([{ phase: 'active', memo: { suspended: true } }]);

    const next = open();
    expect(await next.transaction.recover(session)).toEqual([ACTIVE]);
    expect(next.protection.seen).toEqual([{ suspended: true }]);
    // What recover recorded stays: the journal must not fall back to the memo it had read at start-up.
    expect(JSON.parse(readFileSync(journalPath, 'utf8')).steps).toMatchObject([{ phase: 'active', memo: { resumed: true } }]);
  });

  it('refuses a memo too large for the journal, before anything is changed', async () => {
    const { open } = setup();
    const { transaction } = open();
    await transaction.recover(null);
    const big = new (class extends MemoProtection {
      override async activate(_session: ProtectedSession, memo: ProtectionMemo): Promise<VerifiedProtectionStatus> {
        await memo.record('x'.repeat(20_000));
        return ACTIVE;
      }
    })('unused');
    const withBig = new ProtectionTransaction(join(mkdtempSync(join(tmpdir(), 'stillroom-memo-')), 'p.json'), [big], { clock: new ManualClock(0) });
    await withBig.recover(null);
    const [status] = await withBig.activate(session);
    expect(status).toMatchObject({ state: 'failed', error: expect.stringContaining('16,000') });
  });
});
