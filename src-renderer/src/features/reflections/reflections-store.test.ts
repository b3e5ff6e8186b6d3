import { beforeEach, describe, expect, it, vi } from 'vitest';
import { endedSession } from '../../../../test-support/renderer/ended-session';
import { entryFixture } from '../../../../test-support/renderer/reflection-fixtures';
import { corePerTest, reflectionInCore } from '../../../../test-support/renderer/core-per-test';
import { emptyFilter, followReflections, isFiltered, toQuery, useReflectionsStore } from './reflections-store';

const initial = useReflectionsStore.getState();
beforeEach(() => useReflectionsStore.setState(initial, true));
const core = corePerTest();
const entryInCore = (sessionId: string) => reflectionInCore(core.api, sessionId);

describe('toQuery', () => {
  it('sends only the filters that narrow, always with this window’s time zone', () => {
    expect(toQuery(emptyFilter)).toEqual({ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    expect(isFiltered(emptyFilter)).toBe(false);
    const query = toQuery({ text: '  lemma ', tag: 'analysis', outcomes: ['yes', 'partly'], depthMin: 3, depthMax: null, from: '2026-11-01', to: '' });
    expect(query).toMatchObject({ text: 'lemma', tag: 'analysis', outcomes: ['yes', 'partly'], depthMin: 3, from: '2026-11-01' });
    expect(query).not.toHaveProperty('depthMax');
    expect(query).not.toHaveProperty('to');
  });
});

describe('the prompt, against the real core', () => {
  it('opens the waiting session blank and saves the answers against the version read', async () => {
    const sessionId = await endedSession(core.api, core.test);
    expect(await useReflectionsStore.getState().openPending()).toBe(true);
    const store = useReflectionsStore.getState();
    expect(store.draft?.entry.facts).toMatchObject({ sessionId, intent: 'prove Lemma 3', plannedMinutes: 50 });
    expect(store.draft?.answers).toEqual({ outcome: null, depth: null, moved: '', next: '', tags: [] });
    store.setAnswers({ outcome: 'partly', depth: 4 });
    store.setAnswers({ moved: 'the bound $n^2$', tags: ['analysis'] });
    expect(await useReflectionsStore.getState().save()).toBe(true);

    const saved = await entryInCore(sessionId);
    expect(saved).toMatchObject({ status: 'reflected', answers: { outcome: 'partly', depth: 4, moved: 'the bound $n^2$', next: '', tags: ['analysis'] } });
    expect(useReflectionsStore.getState()).toMatchObject({ draft: null, error: null, notice: { kind: 'saved', path: saved.path } });
    // The log is read again after the save.
    expect(useReflectionsStore.getState().list?.entries.map((entry) => [entry.facts.sessionId, entry.status])).toEqual([[sessionId, 'reflected']]);
    expect(useReflectionsStore.getState().tags).toEqual([{ tag: 'analysis', count: 1 }]);
  });

  it('keeps every typed word when another window saved first, shows why, and then keeps mine or takes theirs', async () => {
    const sessionId = await endedSession(core.api, core.test);
    await useReflectionsStore.getState().openPending();
    useReflectionsStore.getState().setAnswers({ moved: 'mine' });
    // Meanwhile another window answers the same reflection.
    const read = await entryInCore(sessionId);
    const other = await core.api.reflections.save({ sessionId, answers: { ...read.answers, moved: 'theirs' }, baseVersion: read.version });
    expect(other.ok).toBe(true);

    expect(await useReflectionsStore.getState().save()).toBe(false);
    expect(useReflectionsStore.getState().draft?.answers.moved).toBe('mine');
    expect(useReflectionsStore.getState().error?.code).toBe('reflection-conflict');

    expect(await useReflectionsStore.getState().resolveConflict('mine')).toBe(true);
    const now = await entryInCore(sessionId);
    expect(useReflectionsStore.getState()).toMatchObject({ error: null, draft: { entry: { version: now.version }, answers: { moved: 'mine' } } });
    expect(await useReflectionsStore.getState().save()).toBe(true);
    expect((await entryInCore(sessionId)).answers.moved).toBe('mine');

    await useReflectionsStore.getState().openEntry(sessionId);
    useReflectionsStore.getState().setAnswers({ moved: 'mine again' });
    await useReflectionsStore.getState().resolveConflict('theirs');
    expect(useReflectionsStore.getState().draft?.answers.moved).toBe('mine');
  });

  it('skips a waiting one into the log', async () => {
    const sessionId = await endedSession(core.api, core.test);
    await useReflectionsStore.getState().openPending();
    expect(await useReflectionsStore.getState().skip()).toBe(true);
    expect((await entryInCore(sessionId)).status).toBe('skipped');
    expect(useReflectionsStore.getState().notice).toEqual({ kind: 'skipped' });
  });

  it('writes a skipped one later from the log; Esc on it closes instead of skipping again', async () => {
    const sessionId = await endedSession(core.api, core.test);
    expect((await core.api.reflections.skip({ sessionId })).ok).toBe(true);
    expect(await useReflectionsStore.getState().openPending()).toBe(false);
    expect(await useReflectionsStore.getState().openEntry(sessionId)).toBe(true);
    const version = (await entryInCore(sessionId)).version;
    expect(await useReflectionsStore.getState().skip()).toBe(true);
    expect(useReflectionsStore.getState().draft).toBeNull();
    expect(await entryInCore(sessionId)).toMatchObject({ status: 'skipped', version });

    await useReflectionsStore.getState().openEntry(sessionId);
    useReflectionsStore.getState().setAnswers({ outcome: 'yes' });
    expect(await useReflectionsStore.getState().save()).toBe(true);
    expect(await entryInCore(sessionId)).toMatchObject({ status: 'reflected', answers: { outcome: 'yes' } });
  });

  it('opens a written entry with its answers, to edit; an unknown one is refused with its code', async () => {
    const sessionId = await endedSession(core.api, core.test);
    const read = await entryInCore(sessionId);
    await core.api.reflections.save({ sessionId, answers: { ...read.answers, outcome: 'no', depth: 2, moved: 'little' }, baseVersion: read.version });
    expect(await useReflectionsStore.getState().openEntry(sessionId)).toBe(true);
    expect(useReflectionsStore.getState().draft?.answers).toMatchObject({ outcome: 'no', depth: 2, moved: 'little' });

    expect(await useReflectionsStore.getState().openEntry('no-such-session')).toBe(false);
    expect(useReflectionsStore.getState().error?.code).toBe('reflection-not-found');
  });

  it('filters the log through the core', async () => {
    await endedSession(core.api, core.test, { intent: 'prove Lemma 3' });
    await endedSession(core.api, core.test, { intent: 'read Chapter 2' });
    await useReflectionsStore.getState().refresh();
    expect(useReflectionsStore.getState().list?.entries).toHaveLength(2);
    await useReflectionsStore.getState().setFilter({ text: 'lemma' });
    expect(useReflectionsStore.getState().list?.entries.map((entry) => entry.facts.intent)).toEqual(['prove Lemma 3']);
    await useReflectionsStore.getState().clearFilter();
    expect(useReflectionsStore.getState().list?.entries).toHaveLength(2);
  });

  it('says a file is larger than an import takes instead of sending it to be refused as malformed', async () => {
    expect(await useReflectionsStore.getState().importEntries('csv', 'x'.repeat(32 * 1024 * 1024 + 1))).toBe(false);
    expect(useReflectionsStore.getState().transfer).toEqual({ error: expect.objectContaining({ code: 'reflection-import-too-large', params: { entries: 20_000, megabytes: 32 } }) });
  });
});

describe('followReflections, against the real core', () => {
  it('subscribes, then reads the log; a session ended elsewhere shows up as waiting', async () => {
    const stop = followReflections();
    await vi.waitFor(() => expect(useReflectionsStore.getState().list).toEqual(expect.objectContaining({ entries: [] })));
    const sessionId = await endedSession(core.api, core.test);
    await vi.waitFor(() => expect(useReflectionsStore.getState().list?.entries.map((entry) => [entry.facts.sessionId, entry.status])).toEqual([[sessionId, 'pending']]));
    stop();
  });
});

// The two cases below are about the order answers arrive in, which the real core cannot produce on demand: a
// narrow stand-in for main that holds an answer back (or fires a burst of changes) is the only way to show them.
describe('answers that race', () => {
  const fakeReflections = (overrides: { onChanged?: (listener: () => void) => () => void } = {}) => {
    const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
    const reflections = {
      list: vi.fn((_query: unknown): Promise<unknown> => ok({ entries: [entryFixture()], unreadable: [], progress: null })),
      stats: vi.fn(() => ok(null)),
      tags: vi.fn(() => ok({ tags: [] })),
      onChanged: vi.fn(() => () => undefined),
      ...overrides,
    };
    Object.defineProperty(window, 'stillroom', { value: { reflections }, configurable: true });
    return reflections;
  };

  it('keeps the answer for the newest filter when an older one arrives later', async () => {
    const reflections = fakeReflections();
    let releaseFirst: () => void = () => undefined;
    reflections.list.mockImplementationOnce(
      () => new Promise((resolve) => (releaseFirst = () => resolve({ ok: true, value: { entries: [entryFixture({ facts: { sessionId: 'stale' } })], unreadable: [], progress: null } }))),
    );
    const first = useReflectionsStore.getState().setFilter({ text: 'le' });
    await useReflectionsStore.getState().setFilter({ text: 'lemma' });
    releaseFirst();
    await first;
    expect(useReflectionsStore.getState().list?.entries.map((entry) => entry.facts.sessionId)).toEqual(['s-1']);
    expect(reflections.list).toHaveBeenLastCalledWith(expect.objectContaining({ text: 'lemma' }));
  });

  it('reads a burst of changes (indexing progress) in one more refresh, not one per change', async () => {
    let changed: () => void = () => undefined;
    const reflections = fakeReflections({ onChanged: vi.fn((listener: () => void) => ((changed = listener), () => undefined)) });
    const stop = followReflections();
    for (let i = 0; i < 20; i++) changed();
    await vi.waitFor(() => expect(useReflectionsStore.getState().list).not.toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The first read (on following) and one more for the whole burst.
    expect(reflections.list).toHaveBeenCalledTimes(2);
    stop();
  });
});
