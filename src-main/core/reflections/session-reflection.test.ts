import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProtectionStatus } from '../../contract/protection';
import { MINUTE, type FocusSession } from '../../contract/session';
import { createTestCore, type TestCore } from '../../../test-support/test-core';
import { recordEndedSession, settleReflectedSession } from './session-reflection';

// Over a real core: its reflection log in a temporary vault, its session service with the journal on disk.
let test: TestCore;
beforeEach(async () => {
  test = await createTestCore();
});
afterEach(() => test.dispose());

const T0 = Date.UTC(2026, 10, 30, 9);
const session = (overrides: Partial<FocusSession> = {}): FocusSession => ({
  id: 'glue-1',
  intent: 'prove Lemma 3',
  plannedMinutes: 50,
  extendedCount: 0,
  startedAt: T0,
  endsAt: T0 + 50 * MINUTE,
  mode: 'flexible',
  challenge: null,
  ending: { kind: 'ended-early', at: T0 + 20 * MINUTE, reason: 'a meeting' },
  reflectedAt: null,
  parkedThoughts: [],
  blocks: null,
  window: null,
  allowOnly: false,
  ...overrides,
});

describe('an ended session becomes its reflection', () => {
  it('writes it pending, with what its protections did, the notes it touched and what it reached for', async () => {
    const protections: ProtectionStatus[] = [{ id: 'blocking', state: 'active', detail: { localServerPorts: [] } }];
    const touched = [{ name: 'Lemma 3.md', title: 'Lemma 3', formulasAdded: 2, formulasChanged: 1 }];
    const asked: string[] = [];
    const record = recordEndedSession(test.core.reflections, (ended) => {
      asked.push(ended.id);
      return touched;
    });
    await record({ session: session(), protections, reached: [{ host: 'news.example', count: 2, times: [T0 + MINUTE, T0 + 2 * MINUTE] }] });

    expect(asked).toEqual(['glue-1']);
    expect(await test.core.reflections.get('glue-1')).toMatchObject({
      status: 'pending',
      facts: {
        sessionId: 'glue-1',
        intent: 'prove Lemma 3',
        actualMinutes: 20,
        ending: 'ended-early',
        earlyEndReason: 'a meeting',
        protections,
        notes: touched,
        reached: [{ host: 'news.example', count: 2 }],
      },
    });
  });

  it('writes nothing for a session that has not ended', async () => {
    const record = recordEndedSession(test.core.reflections, () => []);
    await record({ session: session({ id: 'glue-2', ending: null }), protections: [] });
    expect((await test.core.reflections.list({})).entries).toEqual([]);
  });
});

describe('a written or skipped reflection moves its session on', () => {
  it('only the ended session it belongs to, once', async () => {
    const settle = settleReflectedSession(test.core.session);
    const running = await test.core.session.start({ minutes: 25, mode: 'flexible' });
    if (running.phase !== 'running') throw new Error('the session did not start');
    const { id } = running.session;
    // A reflection saved while the session still runs (an older one, from the log) does not touch it.
    await settle(id);
    expect(test.core.session.state().phase).toBe('running');

    test.clock.advance(5 * MINUTE);
    await test.core.session.end({ kind: 'confirm' });
    await settle('an-older-session');
    expect(test.core.session.state()).toMatchObject({ phase: 'ended', session: { id } });

    await settle(id);
    expect(test.core.session.state()).toMatchObject({ phase: 'reflected', session: { id, reflectedAt: T0 + 5 * MINUTE } });
    // Editing the same reflection again later leaves the session where it is.
    await settle(id);
    expect(test.core.session.state()).toMatchObject({ phase: 'reflected', session: { id } });
  });
});
