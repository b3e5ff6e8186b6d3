import type { ReflectionFacts } from '../src-main/contract/reflections';
import type { ReflectionRecord } from '../src-main/core/reflections/reflection-file';

/** Test data: a session's facts and a record around them, with only what a test cares about changed. */
export function factsFor(overrides: Partial<ReflectionFacts> = {}): ReflectionFacts {
  const startedAt = overrides.startedAt ?? Date.UTC(2026, 11, 3, 8, 30);
  return {
    sessionId: 'a1b2c3d4-0000-4000-8000-000000000001',
    intent: 'prove Lemma 3',
    startedAt,
    endedAt: startedAt + 50 * 60_000,
    plannedMinutes: 50,
    actualMinutes: 50,
    mode: 'committed',
    ending: 'completed',
    earlyEndReason: null,
    protections: [{ id: 'blocking', state: 'active', detail: { localServerPorts: [] } }],
    notes: [],
    reached: null,
    thoughts: [],
    scheduled: false,
    ...overrides,
  };
}

export function recordFor(overrides: Partial<ReflectionRecord> = {}, facts: Partial<ReflectionFacts> = {}): ReflectionRecord {
  return {
    facts: factsFor(facts),
    answers: { outcome: null, depth: null, moved: '', next: '', tags: [] },
    status: 'pending',
    reflectedAt: null,
    ...overrides,
  };
}
