import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyFilter, followReflections, isFiltered, toQuery, useReflectionsStore } from './reflections-store';
import { installFakeApi } from '../../../../e2e/support/reflections-fake-api';
import { entryFixture } from './test-fixtures';

const initial = useReflectionsStore.getState();
beforeEach(() => useReflectionsStore.setState(initial, true));

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

describe('the prompt', () => {
  it('opens the waiting session blank and saves the answers against the version read', async () => {
    const api = installFakeApi([entryFixture()]);
    expect(await useReflectionsStore.getState().openPending()).toBe(true);
    const store = useReflectionsStore.getState();
    expect(store.draft?.answers).toEqual({ outcome: null, depth: null, moved: '', next: '', tags: [] });
    store.setAnswers({ outcome: 'partly', depth: 4 });
    store.setAnswers({ moved: 'the bound $n^2$', tags: ['analysis'] });
    expect(await useReflectionsStore.getState().save()).toBe(true);
    expect(api.reflections.save).toHaveBeenCalledWith({
      sessionId: 's-1',
      baseVersion: 'a'.repeat(64),
      answers: { outcome: 'partly', depth: 4, moved: 'the bound $n^2$', next: '', tags: ['analysis'] },
    });
    expect(useReflectionsStore.getState()).toMatchObject({ draft: null, notice: { kind: 'saved', path: 'Reflections/2026/12/2026-12-03-0930-prove-lemma-3.md' } });
    // The log is read again after the save.
    expect(api.calls.filter((call) => call.method === 'list').length).toBeGreaterThan(0);
  });

  it('keeps every typed word when the save is refused, and shows why', async () => {
    const api = installFakeApi([entryFixture()]);
    await useReflectionsStore.getState().openPending();
    useReflectionsStore.getState().setAnswers({ moved: 'a lot' });
    api.failSave({ code: 'reflection-conflict', message: 'changed on disk' });
    expect(await useReflectionsStore.getState().save()).toBe(false);
    const store = useReflectionsStore.getState();
    expect(store.draft?.answers.moved).toBe('a lot');
    expect(store.lastError?.code).toBe('reflection-conflict');
  });

  it('after a conflict, keeps my answers over the file as it is now, or takes the file’s', async () => {
    const api = installFakeApi([entryFixture()]);
    await useReflectionsStore.getState().openPending();
    useReflectionsStore.getState().setAnswers({ moved: 'mine' });
    api.failSave({ code: 'reflection-conflict', message: 'changed on disk' });
    await useReflectionsStore.getState().save();
    // Meanwhile another editor wrote the file.
    api.log[0] = { ...api.log[0]!, version: 'b'.repeat(64), answers: { ...api.log[0]!.answers, moved: 'theirs' } };

    expect(await useReflectionsStore.getState().resolveConflict('mine')).toBe(true);
    expect(useReflectionsStore.getState()).toMatchObject({ lastError: null, draft: { entry: { version: 'b'.repeat(64) }, answers: { moved: 'mine' } } });
    await useReflectionsStore.getState().save();
    expect(api.reflections.save).toHaveBeenLastCalledWith(expect.objectContaining({ baseVersion: 'b'.repeat(64), answers: expect.objectContaining({ moved: 'mine' }) }));

    await useReflectionsStore.getState().openEntry('s-1');
    useReflectionsStore.getState().setAnswers({ moved: 'mine again' });
    await useReflectionsStore.getState().resolveConflict('theirs');
    expect(useReflectionsStore.getState().draft?.answers.moved).toBe('mine');
  });

  it('skips a waiting one into the log', async () => {
    const api = installFakeApi([entryFixture()]);
    await useReflectionsStore.getState().openPending();
    expect(await useReflectionsStore.getState().skip()).toBe(true);
    expect(api.log[0]!.status).toBe('skipped');
    expect(useReflectionsStore.getState().notice).toEqual({ kind: 'skipped' });
  });

  it('writes a skipped one later from the log; Esc on it closes instead of skipping again', async () => {
    const api = installFakeApi([entryFixture({ status: 'skipped' })]);
    expect(await useReflectionsStore.getState().openPending()).toBe(false);
    expect(await useReflectionsStore.getState().openEntry('s-1')).toBe(true);
    expect(await useReflectionsStore.getState().skip()).toBe(true);
    expect(api.reflections.skip).not.toHaveBeenCalled();
    expect(useReflectionsStore.getState().draft).toBeNull();
    await useReflectionsStore.getState().openEntry('s-1');
    useReflectionsStore.getState().setAnswers({ outcome: 'yes' });
    expect(await useReflectionsStore.getState().save()).toBe(true);
    expect(api.log[0]).toMatchObject({ status: 'reflected', answers: { outcome: 'yes' } });
  });

  it('opens a written entry with its answers, to edit', async () => {
    installFakeApi([entryFixture({ status: 'reflected', answers: { outcome: 'no', depth: 2, moved: 'little' } })]);
    await useReflectionsStore.getState().openEntry('s-1');
    expect(useReflectionsStore.getState().draft?.answers).toMatchObject({ outcome: 'no', depth: 2, moved: 'little' });
  });
});

describe('filters', () => {
  it('keeps the answer for the newest filter when an older one arrives later', async () => {
    const api = installFakeApi([entryFixture()]);
    let releaseFirst: () => void = () => undefined;
    api.reflections.list.mockImplementationOnce(
      () => new Promise((resolve) => (releaseFirst = () => resolve({ ok: true, value: { entries: [entryFixture({ facts: { sessionId: 'stale' } })], unreadable: [], progress: null } }))),
    );
    const first = useReflectionsStore.getState().setFilter({ text: 'le' });
    await useReflectionsStore.getState().setFilter({ text: 'lemma' });
    releaseFirst();
    await first;
    expect(useReflectionsStore.getState().list?.entries.map((entry) => entry.facts.sessionId)).toEqual(['s-1']);
    expect(api.reflections.list).toHaveBeenLastCalledWith(expect.objectContaining({ text: 'lemma' }));
  });
});

describe('followReflections', () => {
  it('reads a burst of changes (indexing progress) in one more refresh, not one per change', async () => {
    const api = installFakeApi([entryFixture()]);
    let changed: () => void = () => undefined;
    api.reflections.onChanged.mockImplementation((listener: () => void) => ((changed = listener), () => undefined));
    const stop = followReflections();
    for (let i = 0; i < 20; i++) changed();
    await vi.waitFor(() => expect(useReflectionsStore.getState().list).not.toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.reflections.list).toHaveBeenCalledTimes(2);
    stop();
  });
});
