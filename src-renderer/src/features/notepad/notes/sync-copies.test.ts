import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTE_TITLE_MAX_CHARS } from '../../../../../src-main/contract/notes';
import { installCoreApi } from '../../../../../test-support/renderer-api';
import { createTestCore, type TestCore } from '../../../../../test-support/test-core';
import { testFiles, type TestFiles } from '../../../../../test-support/test-files';
import { createNotesStore } from '../notes-store';
import { copyTime } from '../SyncCopyPanel';
import { keptCopyTitle } from './sync-copies';

describe('a conflict copy kept as its own note', () => {
  const suffix = (title: string) => `${title} (copy from FYBUD4K, 2026-12-07)`;

  it('is titled after its note with the suffix', () => {
    expect(keptCopyTitle('Plan', suffix)).toBe('Plan (copy from FYBUD4K, 2026-12-07)');
  });

  it('cuts a long title, never the suffix, to what a title may hold', () => {
    const title = keptCopyTitle('长'.repeat(200), suffix);
    expect([...title].length).toBeLessThanOrEqual(NOTE_TITLE_MAX_CHARS);
    expect(title.endsWith('(copy from FYBUD4K, 2026-12-07)')).toBe(true);
  });
});

describe('the time a copy’s name gives', () => {
  it('is shown as written, in the reader’s language, never shifted by a zone', () => {
    expect(copyTime({ date: '2026-12-07', time: '13:37:37' }, 'en')).toBe('Dec 7, 2026, 1:37 PM');
    expect(copyTime({ date: '2026-12-07', time: '09:01:02' }, 'zh-CN')).toBe('2026年12月7日 09:01');
    expect(copyTime({ date: '2026-12-08', time: null }, 'en')).toBe('Dec 8, 2026');
  });
});

describe('resolving a conflict copy from the notepad, against the real core', () => {
  const COPY = 'Plan.sync-conflict-20261207-133737-FYBUD4K.md';
  const note = (name: string) => `vault/Notes/${name}`;
  let test: TestCore;
  let files: TestFiles;
  let store: ReturnType<typeof createNotesStore>;

  beforeEach(async () => {
    test = await createTestCore();
    installCoreApi(test.core);
    files = testFiles(test.root);
    await files.write(note('Plan.md'), 'the plan');
    await files.write(note(COPY), 'the plan, from the laptop');
    await window.stillroom.notes.rescan();
    store = createNotesStore();
    await store.getState().refresh();
  });
  afterEach(() => test.dispose());

  it('saves what is typed before showing the copy beside the note, and the open note then takes the copy’s text', async () => {
    await store.getState().openNote('Plan.md');
    store.getState().edited('the plan, typed here');
    expect(await store.getState().openSyncCopy(COPY)).toBe(true);
    expect(store.getState().syncCopy).toMatchObject({ note: { content: 'the plan, typed here' }, copyText: 'the plan, from the laptop' });
    expect(await store.getState().resolveSyncCopy('copy')).toBe(true);
    expect(store.getState()).toMatchObject({ syncCopy: null, conflict: null, open: { name: 'Plan.md' }, text: 'the plan, from the laptop', status: 'saved' });
    expect(files.exists(note(COPY))).toBe(false);
    expect(store.getState().notes.map((each) => [each.name, each.syncCopies])).toEqual([['Plan.md', undefined]]);
  });

  it('never loses what was typed while the copy was shown: the note’s change is a conflict with both texts', async () => {
    await store.getState().openNote('Plan.md');
    await store.getState().openSyncCopy(COPY);
    store.getState().edited('typed while the copy was open');
    expect(await store.getState().resolveSyncCopy('copy')).toBe(true);
    expect(store.getState().conflict).toEqual({ theirs: expect.objectContaining({ content: 'the plan, from the laptop' }) });
    expect(store.getState().currentText()).toBe('typed while the copy was open');
  });

  it('does nothing when the copy changed since it was shown, and shows it as it is now', async () => {
    await store.getState().openSyncCopy(COPY);
    await files.write(note(COPY), 'the plan, synced again');
    expect(await store.getState().resolveSyncCopy('note')).toBe(false);
    expect(store.getState().error?.code).toBe('note-conflict');
    expect(store.getState().syncCopy?.copyText).toBe('the plan, synced again');
    expect(await files.read(note(COPY))).toBe('the plan, synced again');
  });
});
