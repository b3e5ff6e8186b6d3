import type { ReflectionEntry } from '../../src-main/contract/reflections';
import { factsFor } from '../reflection-fixtures';

/** An entry as the core would list it: a 50-minute session on 3 December 2026, waiting for its reflection. */
export function entryFixture(overrides: { facts?: Partial<ReflectionEntry['facts']>; answers?: Partial<ReflectionEntry['answers']> } & Partial<Omit<ReflectionEntry, 'facts' | 'answers'>> = {}): ReflectionEntry {
  const startedAt = Date.UTC(2026, 11, 3, 9, 30);
  return {
    status: 'pending',
    reflectedAt: null,
    path: 'Reflections/2026/12/2026-12-03-0930-prove-lemma-3.md',
    version: 'a'.repeat(64),
    day: '2026-12-03',
    ...overrides,
    facts: factsFor({
      sessionId: 's-1',
      startedAt,
      mode: 'flexible',
      protections: [],
      notes: [{ name: 'Lemma 3.md', title: 'Lemma 3', formulasAdded: 10, formulasChanged: 2 }],
      reached: null,
      ...overrides.facts,
    }),
    answers: { outcome: null, depth: null, moved: '', next: '', tags: [], ...overrides.answers },
  };
}
