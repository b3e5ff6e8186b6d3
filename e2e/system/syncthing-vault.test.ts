import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelName } from '../../src-main/contract';
import type { NoteDocument, NoteSummary, SavedNote, SyncCopy } from '../../src-main/contract/notes';
import type { ReflectionList } from '../../src-main/contract/reflections';
import { systemClock } from '../../src-main/core/clock';
import { isSyncTemporaryName } from '../../src-main/core/vault/sync-names';
import { createTestCore, type TestCore } from '../../test-support/test-core';
import { isConnected, startSyncthingPair, until, type SyncthingPair } from './syncthing-pair';

// Two machines as the issue tried them: a vault in a Syncthing folder shared by a workstation and a laptop, each
// with its own Stillroom core watching its copy. Real Syncthing (Debian's package, installed by .ci/run) on loopback.

interface Machine {
  readonly test: TestCore;
  readonly notesChanged: string[];
  call<T>(domain: 'notes' | 'session' | 'reflections', name: string, payload?: unknown): Promise<T>;
  refusal(domain: 'notes', name: string, payload: unknown): Promise<{ code: string }>;
  list(): Promise<NoteSummary[]>;
}

let root: string;
let pair: SyncthingPair | null = null;
const machines: Machine[] = [];
const syncthingLog: string[] = [];

async function machine(name: string): Promise<Machine> {
  const test = await createTestCore({ root: join(root, name), host: { clock: systemClock } });
  const notesChanged: string[] = [];
  test.core.events.listen((channel, payload) => {
    if (channel === channelName('notes', 'changed')) notesChanged.push(...(payload as { names: string[] }).names);
  });
  const dispatch = (domain: string, call: string, payload: unknown) =>
    test.core.router.dispatch(channelName(domain as 'notes', call), payload, { trusted: true, description: 'system test' });
  const self: Machine = {
    test,
    notesChanged,
    async call<T>(domain: 'notes' | 'session' | 'reflections', call: string, payload?: unknown) {
      const result = await dispatch(domain, call, payload);
      if (!result.ok) throw new Error(`${name} ${domain}.${call}: ${JSON.stringify(result.error)}`);
      return result.value as T;
    },
    async refusal(domain, call, payload) {
      const result = await dispatch(domain, call, payload);
      if (result.ok) throw new Error(`${name} ${domain}.${call} was not refused`);
      return result.error;
    },
    list: async () => (await self.call<{ notes: NoteSummary[] }>('notes', 'list', {})).notes,
  };
  machines.push(self);
  return self;
}

let workstation: Machine;
let laptop: Machine;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'syncthing-vault-'));
  workstation = await machine('workstation');
  laptop = await machine('laptop');
  pair = await startSyncthingPair(root, { a: workstation.test.vaultDir, b: laptop.test.vaultDir }, (line) => syncthingLog.push(line));
  await pair.waitConnected();
});

afterAll(async () => {
  await pair?.stop();
  // A failing run: what Syncthing said is the first thing to read.
  if (process.env.STILLROOM_SYNCTHING_LOG) console.warn(syncthingLog.join('\n'));
  for (const each of machines.splice(0)) await each.test.dispose();
  await rm(root, { recursive: true, force: true });
});

const note = async (on: Machine, name: string) => (await on.list()).find((item) => item.name === name);

describe('a vault in a Syncthing folder shared by two machines', () => {
  it('a note replaced by a sync under an open editor is an external change: the unsaved text is kept, never overwritten', async () => {
    const created = await workstation.call<NoteDocument>('notes', 'create', { title: 'Lemma', content: 'first text' });
    await until(async () => (await note(laptop, 'Lemma.md'))?.status === 'text', 30_000, 'the note to arrive on the laptop');
    // The laptop's editor opens it and the writer types; before the autosave, the workstation's edit arrives.
    const opened = await laptop.call<NoteDocument>('notes', 'read', { name: 'Lemma.md' });
    expect(opened.content).toBe('first text');
    laptop.notesChanged.length = 0;
    await workstation.call<SavedNote>('notes', 'save', { name: 'Lemma.md', content: 'edited on the workstation', baseVersion: created.version });
    await until(() => laptop.notesChanged.includes('Lemma.md'), 30_000, 'the laptop core to report the change');
    await until(async () => (await laptop.call<NoteDocument>('notes', 'read', { name: 'Lemma.md' })).content === 'edited on the workstation', 30_000, 'the new text');
    // The editor's autosave, based on what it opened, is refused, and the typed text is kept as a recovery copy.
    const refused = await laptop.refusal('notes', 'save', { name: 'Lemma.md', content: 'typed on the laptop', baseVersion: opened.version });
    expect(refused.code).toBe('note-conflict');
    const { items } = await laptop.call<{ items: { name: string; excerpt: string; fileChangedSince: boolean }[] }>('notes', 'recoveries');
    expect(items).toEqual([expect.objectContaining({ name: 'Lemma.md', excerpt: 'typed on the laptop', fileChangedSince: true })]);
    // Whatever temporary files Syncthing wrote while the note arrived, the core never named one.
    expect([...workstation.notesChanged, ...laptop.notesChanged].filter(isSyncTemporaryName)).toEqual([]);
    expect((await laptop.list()).map((item) => item.name)).toEqual(['Lemma.md']);
  });

  it('a note edited on both at once: the conflict copy shows under the note, and keeping both keeps both texts on both machines', async () => {
    const base = await workstation.call<NoteDocument>('notes', 'create', { title: 'Plan', content: 'the plan' });
    await until(async () => (await note(laptop, 'Plan.md'))?.excerpt === 'the plan', 30_000, 'the note to arrive on the laptop');
    // Apart for a moment (the workstation paused), both write the note; then they meet again.
    await pair!.a.api('POST', '/rest/system/pause');
    await until(async () => !(await isConnected(pair!.b, pair!.a.deviceId)), 30_000, 'the pause');
    await workstation.call('notes', 'save', { name: 'Plan.md', content: 'the plan, as the workstation has it', baseVersion: base.version });
    await laptop.call('notes', 'save', { name: 'Plan.md', content: 'the plan, as the laptop has it', baseVersion: base.version });
    await pair!.scan();
    await pair!.a.api('POST', '/rest/system/resume');

    const copyOn = async (on: Machine): Promise<SyncCopy | undefined> => (await note(on, 'Plan.md'))?.syncCopies?.[0];
    await until(async () => (await copyOn(workstation)) !== undefined && (await copyOn(laptop)) !== undefined, 60_000, 'the conflict copy on both machines');
    const copy = (await copyOn(laptop))!;
    expect(copy).toMatchObject({ engine: 'syncthing', device: expect.stringMatching(/^[A-Z2-7]{7}$/), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), time: expect.stringMatching(/^\d{2}:\d{2}:\d{2}$/) });
    expect(copy.name).toMatch(/^Plan\.sync-conflict-\d{8}-\d{6}-[A-Z2-7]{7}\.md$/);
    // The copy is never a note of its own in either list.
    for (const on of [workstation, laptop]) expect((await on.list()).map((item) => item.name).sort()).toEqual(['Lemma.md', 'Plan.md']);

    const texts = ['the plan, as the laptop has it', 'the plan, as the workstation has it'];
    const shown = await laptop.call<{ note: NoteDocument; copyText: string; copyVersion: string }>('notes', 'syncCopy', { name: copy.name });
    expect([shown.note.content, shown.copyText].sort()).toEqual(texts);
    const resolved = await laptop.call<{ note: string; copy: string | null }>('notes', 'resolveSyncCopy', {
      name: copy.name,
      keep: 'both',
      noteVersion: shown.note.version,
      copyVersion: shown.copyVersion,
      copyTitle: 'Plan (copy from the other machine)',
    });
    expect(resolved).toEqual({ note: 'Plan.md', copy: 'Plan (copy from the other machine).md' });

    // The kept copy is a note on both machines, the copy gone from both, and both texts are there.
    for (const on of [workstation, laptop]) {
      await until(
        async () => {
          const listed = await on.list();
          return listed.length === 3 && listed.every((item) => item.syncCopies === undefined) && listed.some((item) => item.name === resolved.copy);
        },
        30_000,
        'the resolution to reach both machines',
      );
      const kept = await Promise.all(['Plan.md', resolved.copy!].map(async (name) => (await on.call<NoteDocument>('notes', 'read', { name })).content));
      expect(kept.sort()).toEqual(texts);
    }
    expect((await readdir(join(workstation.test.vaultDir, 'Notes'))).filter((name) => name.includes('sync-conflict'))).toEqual([]);
  });

  it('reflections written on both machines appear in both logs', async () => {
    for (const [on, intent] of [
      [workstation, 'Proof on the workstation'],
      [laptop, 'Proof on the laptop'],
    ] as const) {
      await on.call('session', 'start', { minutes: 25, intent, mode: 'flexible' });
      await on.call('session', 'end', { kind: 'confirm' });
    }
    for (const on of [workstation, laptop]) {
      await until(
        async () => (await on.call<ReflectionList>('reflections', 'list', {})).entries.length === 2,
        30_000,
        'both reflections in the log',
      );
      const { entries, unreadable } = await on.call<ReflectionList>('reflections', 'list', {});
      expect(entries.map((entry) => entry.facts.intent).sort()).toEqual(['Proof on the laptop', 'Proof on the workstation']);
      expect(unreadable).toEqual([]);
    }
  });
});
