import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { channelName } from '../../src-main/contract';
import type { NoteDocument, NoteSummary } from '../../src-main/contract/notes';
import type { IndexProgress, ReflectionList } from '../../src-main/contract/reflections';
import { systemClock } from '../../src-main/core/clock';
import { burstNoteName, burstSessionId, writeFirstSync } from '../../test-support/first-sync-burst';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { startSyncthingPair, until, type SyncthingPair } from './syncthing-pair';

// A laptop joins a Syncthing folder with an empty copy while the workstation's copy holds a big vault: the laptop's
// core, running with its watchers on, ends with every note and every reflection. Bounded to 1,000 of each so the
// test stays well under a minute even on a busy machine (src-main/core/vault/first-sync-burst.test.ts has the ordering
// facts; bench/first-sync.ts the 10,000 figures).
const COUNT = 1_000;

let root: string;
let pair: SyncthingPair | null = null;
let laptop: TestCore | null = null;
const syncthingLog: string[] = [];

afterAll(async () => {
  await pair?.stop();
  if (process.env.STILLROOM_SYNCTHING_LOG) console.warn(syncthingLog.join('\n'));
  await laptop?.dispose();
  await rm(root, { recursive: true, force: true });
});

it('a first sync of 1,000 notes and 1,000 reflections into a running core: every one is listed, and a note opens meanwhile', async () => {
  root = await mkdtemp(join(tmpdir(), 'syncthing-first-sync-'));
  const workstationVault = join(root, 'workstation-vault');
  await mkdir(join(workstationVault, 'Notes'), { recursive: true });
  await writeFirstSync(workstationVault, { notes: COUNT, reflections: COUNT });
  laptop = await createTestCore({ root: join(root, 'laptop'), host: { clock: systemClock } });
  const core = laptop.core;
  const call = async <T>(domain: 'notes' | 'reflections', name: string, payload: unknown): Promise<T> => {
    const result = await core.router.dispatch(channelName(domain, name as 'list'), payload, { trusted: true, description: 'system test' });
    if (!result.ok) throw new Error(`${domain}.${name}: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  const own = await call<NoteDocument>('notes', 'create', { title: 'Written on the laptop', content: 'mine' });
  const progress: (IndexProgress | null)[] = [];
  core.events.listen((channel, payload) => {
    if (channel === channelName('reflections', 'changed')) progress.push((payload as { progress: IndexProgress | null }).progress);
  });

  pair = await startSyncthingPair(root, { a: workstationVault, b: laptop.vaultDir }, (line) => syncthingLog.push(line));
  await pair.waitConnected();
  await until(() => progress.some((each) => each !== null), 60_000, 'the laptop to start reading synced reflections');
  expect((await call<NoteDocument>('notes', 'read', { name: own.name })).content).toBe('mine');

  const notesListed = async () => (await call<{ notes: NoteSummary[] }>('notes', 'list', {})).notes;
  await until(async () => (await notesListed()).length === COUNT + 1, 100_000, 'every note on the laptop');
  await until(async () => {
    const log = await call<ReflectionList>('reflections', 'list', {});
    return log.entries.length === COUNT && log.progress === null;
  }, 100_000, 'every reflection on the laptop');

  const names = new Set((await notesListed()).map((note) => note.name));
  for (let index = 0; index < COUNT; index++) expect(names.has(burstNoteName(index))).toBe(true);
  const log = await call<ReflectionList>('reflections', 'list', {});
  expect(log.unreadable).toEqual([]);
  expect(new Set(log.entries.map((entry) => entry.facts.sessionId))).toEqual(new Set(Array.from({ length: COUNT }, (_, index) => burstSessionId(index))));
  expect(progress.at(-1)).toBeNull();
  // The laptop's index cache is in its data folder; its vault holds the synced files and Syncthing's marker only.
  expect((await readdir(laptop.vaultDir, { recursive: true })).map(String).filter((path) => /index/i.test(path))).toEqual([]);
});
