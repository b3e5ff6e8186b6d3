import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, readdir, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { channelName } from '../../contract/define';
import { REFLECTION_IMPORT_MAX_ENTRIES, type ReflectionEntry, type ReflectionList } from '../../contract/reflections';
import { MINUTE, type SessionState } from '../../contract/session';
import type { Core } from '../app-core';
import { ManualClock } from '../clock';
import { recordFor } from '../../../test-support/reflection-fixtures';
import { createTestCore } from '../../../test-support/test-core';
import { exportReflections } from './reflection-transfer';

const root = mkdtempSync(join(tmpdir(), 'stillroom-reflections-ipc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 11, 3, 8, 0);
const caller = { trusted: true, description: 'test' };
const exportOptions = { language: 'en' as const, timeZone: 'UTC', today: '2026-12-03', now: T0, unicodeFileNames: true };

/** The real core over a temp data folder and vault, as the browser preview runs it (no Electron, no guard). */
async function coreIn(folder: string, clock: ManualClock): Promise<Core> {
  return (await createTestCore({ root: folder, host: { clock } })).core;
}

async function call<T = unknown>(core: Core, domain: string, name: string, payload?: unknown): Promise<T> {
  const result = await core.router.dispatch(channelName(domain, name), payload, caller);
  if (!result.ok) throw new Error(`${domain}.${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

describe('reflections through the core router', () => {
  it('lists the thoughts parked in a session; one made a note becomes a note in the vault named by it, once', async () => {
    const folder = join(root, 'thoughts');
    const clock = new ManualClock(T0);
    const core = await coreIn(folder, clock);
    const refused = await core.router.dispatch(channelName('session', 'parkThought'), { text: 'reply to Li' }, caller);
    expect(refused).toMatchObject({ ok: false, error: { code: 'session-illegal-transition' } });
    await call(core, 'session', 'start', { minutes: 25, intent: 'prove Lemma 3', mode: 'flexible' });
    await call(core, 'session', 'parkThought', { text: 'reply to Li' });
    clock.advance(MINUTE);
    const state = await call<SessionState>(core, 'session', 'parkThought', { text: 'check that paper' });
    expect(state.phase === 'running' && state.session.parkedThoughts.length).toBe(2);
    const tooLong = await core.router.dispatch(channelName('session', 'parkThought'), { text: 'x'.repeat(201) }, caller);
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    await call(core, 'session', 'end', { kind: 'confirm' });

    const { entry } = await call<{ entry: ReflectionEntry }>(core, 'reflections', 'pending');
    expect(entry.facts.thoughts).toEqual([
      { text: 'reply to Li', at: T0, note: null },
      { text: 'check that paper', at: T0 + MINUTE, note: null },
    ]);
    const made = await call<{ entry: ReflectionEntry; note: string }>(core, 'reflections', 'thoughtToNote', { sessionId: entry.facts.sessionId, index: 1 });
    expect(made.note).toBe('check that paper.md');
    expect(await readFile(join(folder, 'vault', 'Notes', made.note), 'utf8')).toBe('# check that paper\n\n');
    expect(made.entry.facts.thoughts.map((thought) => thought.note)).toEqual([null, 'check that paper.md']);
    // The reflection file keeps it, so the log read again from disk says the same.
    const onDisk = await readFile(join(folder, 'vault', ...made.entry.path.split('/')), 'utf8');
    expect(onDisk).toContain('note: check that paper.md');
    // Asked again (a double click), the same note: no second one.
    const again = await call<{ note: string }>(core, 'reflections', 'thoughtToNote', { sessionId: entry.facts.sessionId, index: 1 });
    expect(again.note).toBe('check that paper.md');
    expect((await readdir(join(folder, 'vault', 'Notes'))).filter((name) => name.startsWith('check that paper'))).toHaveLength(1);
    const missing = await core.router.dispatch(channelName('reflections', 'thoughtToNote'), { sessionId: entry.facts.sessionId, index: 5 }, caller);
    expect(missing).toMatchObject({ ok: false, error: { code: 'reflection-thought-not-found' } });

    const weekly = await call<{ thoughts: number; markdown: string }>(core, 'reflections', 'weekly', { timeZone: 'UTC', today: '2026-12-03', language: 'en' });
    expect(weekly.thoughts).toBe(2);
    expect(weekly.markdown).toContain('2 thoughts parked.');
    expect(weekly.markdown).toContain('- reply to Li\n- [[Notes/check that paper.md|check that paper]]');
    await core.dispose();
  });

  it('turns an ended session into a pending reflection with its facts; saving it moves the session on', async () => {
    const folder = join(root, 'flow');
    const clock = new ManualClock(T0);
    const core = await coreIn(folder, clock);
    const events: unknown[] = [];
    const stop = core.events.listen((channel, payload) => {
      if (channel === channelName('reflections', 'changed')) events.push(payload);
    });
    expect(await call(core, 'reflections', 'pending')).toEqual({ entry: null });

    await call(core, 'notes', 'create', { title: 'Before the session' });
    const running = await call<SessionState>(core, 'session', 'start', { minutes: 50, intent: 'prove Lemma 3', mode: 'committed' });
    const held = running.phase === 'running' ? running.protections : [];
    const note = await call<{ name: string }>(core, 'notes', 'create', { title: 'Lemma 3', content: 'first' });
    const doc = await call<{ version: string }>(core, 'notes', 'read', { name: note.name });
    await call(core, 'notes', 'save', { name: note.name, content: 'second', baseVersion: doc.version });
    await call(core, 'session', 'extend');
    clock.advance(30 * MINUTE);
    const requirement = await call<{ phrase: string }>(core, 'session', 'requestEnd');
    await call(core, 'session', 'end', { kind: 'phrase', phrase: requirement.phrase, reason: 'the fire alarm' });

    const { entry } = await call<{ entry: ReflectionEntry }>(core, 'reflections', 'pending');
    expect(entry).toMatchObject({
      status: 'pending',
      facts: {
        intent: 'prove Lemma 3',
        startedAt: T0,
        endedAt: T0 + 30 * MINUTE,
        plannedMinutes: 65,
        actualMinutes: 30,
        mode: 'committed',
        ending: 'ended-early',
        earlyEndReason: 'the fire alarm',
        protections: held,
        notes: [{ name: 'Lemma 3.md', title: 'Lemma 3' }],
      },
    });
    expect(events.length).toBeGreaterThan(0);
    const onDisk = await readFile(join(folder, 'vault', ...entry.path.split('/')), 'utf8');
    expect(onDisk).toContain('status: pending');

    // The renderer sends answers only; facts in a save are refused before they reach the core.
    const forged = await core.router.dispatch(
      channelName('reflections', 'save'),
      { sessionId: entry.facts.sessionId, baseVersion: entry.version, answers: { outcome: 'yes', depth: 5, moved: '', next: '', tags: [] }, facts: { actualMinutes: 600 } },
      caller,
    );
    expect(forged).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const saved = await call<ReflectionEntry>(core, 'reflections', 'save', {
      sessionId: entry.facts.sessionId,
      baseVersion: entry.version,
      answers: { outcome: 'partly', depth: 4, moved: 'Reduced it to the **compact** case.', next: 'Write $n = 0$.', tags: ['analysis'] },
    });
    expect(saved).toMatchObject({ status: 'reflected', facts: entry.facts });
    expect(await call(core, 'session', 'state')).toMatchObject({ phase: 'reflected' });
    expect(await call(core, 'reflections', 'pending')).toEqual({ entry: null });
    expect(await call(core, 'reflections', 'tags', { prefix: 'an' })).toEqual({ tags: [{ tag: 'analysis', count: 1 }] });
    const stats = await call<{ totals: { minutesThisWeek: number } }>(core, 'reflections', 'stats', { timeZone: 'Europe/Berlin', today: '2026-12-03' });
    expect(stats.totals.minutesThisWeek).toBe(30);
    const weekly = await call<{ markdown: string }>(core, 'reflections', 'weekly', { timeZone: 'Europe/Berlin', today: '2026-12-03', language: 'zh-CN' });
    expect(weekly.markdown).toContain('## 2026-12-03 · prove Lemma 3');
    expect(weekly.markdown).toContain('理由：the fire alarm');

    // Export from this vault, import into another: the same entry, facts included.
    const exported = await call<{ content: string; count: number }>(core, 'reflections', 'export', { format: 'csv', language: 'en' });
    expect(exported.count).toBe(1);
    stop();
    await core.dispose();
    const other = await coreIn(join(root, 'other'), new ManualClock(T0 + 60 * MINUTE));
    expect(await call(other, 'reflections', 'import', { format: 'csv', content: exported.content })).toEqual({
      lines: [{ line: 2, sessionId: entry.facts.sessionId, result: 'imported' }],
      imported: 1,
    });
    expect(await call(other, 'reflections', 'get', { sessionId: entry.facts.sessionId })).toMatchObject({ facts: entry.facts, answers: saved.answers, status: 'reflected' });
    await other.dispose();
  });

  it('"Write a reflection" clicked the moment the end shows finds the reflection, though its file is written after', async () => {
    const core = await coreIn(join(root, 'at-once'), new ManualClock(T0));
    const running = await call<SessionState>(core, 'session', 'start', { minutes: 25, intent: 'prove Lemma 4', mode: 'flexible' });
    const id = running.phase === 'running' ? running.session.id : '';
    // The end is announced before the reflection file is written: ask for it from that announcement, as the window
    // does when its end screen's button is clicked at once.
    const asked: Promise<[ReflectionEntry, { entry: ReflectionEntry | null }]>[] = [];
    const stop = core.session.onChange((state) => {
      if (state.phase === 'ended' && asked.length === 0) asked.push(Promise.all([call<ReflectionEntry>(core, 'reflections', 'get', { sessionId: id }), call<{ entry: ReflectionEntry | null }>(core, 'reflections', 'pending')]));
    });
    await call(core, 'session', 'end', { kind: 'confirm' });
    stop();
    expect(asked).toHaveLength(1);
    const [entry, pending] = await asked[0]!;
    expect(entry).toMatchObject({ status: 'pending', facts: { sessionId: id, intent: 'prove Lemma 4' } });
    expect(pending.entry?.facts.sessionId).toBe(id);
    await core.dispose();
  });

  it('a session whose deadline passed while the app was closed waits as a pending reflection after the restart', async () => {
    const folder = join(root, 'restart');
    const first = await coreIn(folder, new ManualClock(T0));
    await call(first, 'session', 'start', { minutes: 25, intent: 'outline', mode: 'locked' });
    const created = await call<{ name: string }>(first, 'notes', 'create', { title: 'Outline' });
    await first.dispose();
    // The files' times as a real run would leave them: one note written during the session, one long before.
    await utimes(join(folder, 'vault', 'Notes', created.name), new Date(T0 + 10 * MINUTE), new Date(T0 + 10 * MINUTE));
    await writeFile(join(folder, 'vault', 'Notes', 'Old.md'), 'untouched');
    await utimes(join(folder, 'vault', 'Notes', 'Old.md'), new Date(T0 - 60 * MINUTE), new Date(T0 - 60 * MINUTE));
    const second = await coreIn(folder, new ManualClock(T0 + 5 * 60 * MINUTE));
    const { entry } = await call<{ entry: ReflectionEntry }>(second, 'reflections', 'pending');
    expect(entry).toMatchObject({
      status: 'pending',
      facts: {
        intent: 'outline',
        ending: 'completed',
        actualMinutes: 25,
        protections: [
          { id: 'blocking', state: 'unavailable', unavailable: { reason: 'guard-not-installed' } },
          { id: 'apps', state: 'unavailable', unavailable: { reason: 'turned-off' } },
        ],
      },
    });
    // What blocking did (here: nothing, no guard) came from the session journal, not from the first process's memory;
    // the note written before the quit is found by its file's time (uncounted: its text before is not known).
    expect(entry.facts.notes).toEqual([{ name: created.name, title: 'Outline', formulasAdded: null, formulasChanged: null }]);
    await call(second, 'reflections', 'skip', { sessionId: entry.facts.sessionId });
    expect(await call(second, 'session', 'state')).toMatchObject({ phase: 'reflected' });
    await second.dispose();
  });

  it('moves the old session history into reflection files once, and keeps the old file aside', async () => {
    const folder = join(root, 'history');
    await mkdir(join(folder, 'data', 'session'), { recursive: true });
    const session = (id: string, startedAt: number, ending: object, reflectedAt: number | null) => ({
      id,
      intent: `intent ${id}`,
      plannedMinutes: 50,
      extendedCount: 1,
      startedAt,
      endsAt: startedAt + 65 * MINUTE,
      mode: 'committed',
      challenge: 'amber amber',
      ending,
      reflectedAt,
    });
    const sessions = [
      session('h1', T0 - 3 * 86_400_000, { kind: 'completed', at: T0 - 3 * 86_400_000 + 65 * MINUTE }, T0 - 3 * 86_400_000 + 70 * MINUTE),
      session('h2', T0 - 2 * 86_400_000, { kind: 'ended-early', at: T0 - 2 * 86_400_000 + 20 * MINUTE, reason: 'a call' }, null),
      session('h3', T0 - 86_400_000, { kind: 'ended-early', at: T0 - 86_400_000 + 5 * MINUTE, reason: null }, null),
    ];
    const historyPath = join(folder, 'data', 'session', 'history.json');
    const history = `${JSON.stringify({ version: 1, sessions }, null, 2)}\n`;
    await writeFile(historyPath, history);

    const core = await coreIn(folder, new ManualClock(T0));
    const list = await call<{ entries: ReflectionEntry[] }>(core, 'reflections', 'list', {});
    expect(list.entries.map((entry) => [entry.facts.sessionId, entry.status, entry.facts.ending, entry.facts.earlyEndReason, entry.facts.plannedMinutes, entry.facts.actualMinutes])).toEqual([
      ['h3', 'skipped', 'ended-early', null, 65, 5],
      ['h2', 'skipped', 'ended-early', 'a call', 65, 20],
      ['h1', 'skipped', 'completed', null, 65, 65],
    ]);
    expect(existsSync(historyPath)).toBe(false);
    expect(await readFile(`${historyPath}.migrated`, 'utf8')).toBe(history);
    await core.dispose();

    // Nothing is moved twice, and a later start finds the files as the only record.
    const again = await coreIn(folder, new ManualClock(T0 + MINUTE));
    expect((await call<{ entries: unknown[] }>(again, 'reflections', 'list', {})).entries).toHaveLength(3);
    const files = await readdir(join(folder, 'vault', 'Reflections'), { recursive: true });
    expect(files.filter((name) => String(name).endsWith('.md'))).toHaveLength(3);
    await again.dispose();
  });

  it('follows the vault chosen in Settings: the log is the new folder’s, the old one keeps its files', async () => {
    const folder = join(root, 'switch');
    const clock = new ManualClock(T0);
    const core = await coreIn(folder, clock);
    await call(core, 'session', 'start', { minutes: 25, intent: 'in the first vault', mode: 'flexible' });
    await call(core, 'session', 'end', { kind: 'confirm' });
    expect((await call<{ entries: unknown[] }>(core, 'reflections', 'list', {})).entries).toHaveLength(1);
    const second = join(folder, 'second vault');
    await mkdir(second);
    await call(core, 'notes', 'setVault', { folder: second });
    expect(await call(core, 'reflections', 'list', {})).toMatchObject({ entries: [], unreadable: [] });
    await call(core, 'session', 'start', { minutes: 25, intent: 'in the second vault', mode: 'flexible' });
    await call(core, 'session', 'end', { kind: 'confirm' });
    const { entries } = await call<{ entries: ReflectionEntry[] }>(core, 'reflections', 'list', {});
    expect(entries.map((entry) => entry.facts.intent)).toEqual(['in the second vault']);
    expect(existsSync(join(second, ...entries[0]!.path.split('/')))).toBe(true);
    await call(core, 'notes', 'setVault', { folder: null });
    expect((await call<{ entries: ReflectionEntry[] }>(core, 'reflections', 'list', {})).entries.map((entry) => entry.facts.intent)).toEqual(['in the first vault']);
    await core.dispose();
  });

  it('answers other calls while reflection files of 20,000 keys sit in the folder or arrive: listed as too large, never parsed', async () => {
    const folder = join(root, 'huge');
    const month = join(folder, 'vault', 'Reflections', '2026', '12');
    await mkdir(month, { recursive: true });
    // Checking each key against the others held the core for seconds (60,000 keys: half a minute).
    const huge = `---\n${Array.from({ length: 20_000 }, (_, index) => `k${index}: ${index}`).join('\n')}\n---\n`;
    await writeFile(join(month, 'at-start.md'), huge);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const clock = new ManualClock(T0);
    const core = await coreIn(folder, clock);
    // A call asked every few milliseconds while the folder is read must answer promptly; the clock moves the
    // watcher's debounce on.
    let slowest = 0;
    const listWhenRead = async (count: number): Promise<ReflectionList> => {
      let list: ReflectionList;
      do {
        const asked = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 5));
        clock.advance(50);
        list = await call<ReflectionList>(core, 'reflections', 'list', {});
        slowest = Math.max(slowest, performance.now() - asked);
      } while (list.unreadable.length < count && performance.now() - started < 20_000);
      return list;
    };
    // At the start's scan, and arriving later (a sync), through the watcher.
    await listWhenRead(1);
    await writeFile(join(month, 'synced.md'), huge);
    const list = await listWhenRead(2);
    expect(slowest).toBeLessThan(1000);
    expect(list.unreadable).toEqual(['at-start.md', 'synced.md'].map((name) => ({ path: `Reflections/2026/12/${name}`, reason: 'too-large', detail: expect.stringContaining('entries') })));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 * 1024);
    await core.dispose();
  });

  it('refuses an import of more rows than it takes before parsing them, writing nothing', async () => {
    const core = await coreIn(join(root, 'rows'), new ManualClock(T0));
    const [header, row] = exportReflections([{ path: 'x.md', mtimeMs: 0, size: 0, kind: 'entry', version: '0'.repeat(64), record: recordFor() }], 'csv', exportOptions).content.split('\r\n');
    // 110,001 rows, 20 MB: parsed in full, this took 46 s and 2.3 GB, then failed as internal after writing one.
    const content = `${header}\r\n${`${row}\r\n`.repeat(110_001)}`;
    const started = performance.now();
    const result = await core.router.dispatch(channelName('reflections', 'import'), { format: 'csv', content }, caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'reflection-import-too-large', params: { entries: REFLECTION_IMPORT_MAX_ENTRIES } } });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await call(core, 'reflections', 'list', {})).toMatchObject({ entries: [], unreadable: [] });
    expect(existsSync(join(root, 'rows', 'vault', 'Reflections', '2026'))).toBe(false);
    await core.dispose();
  });

  it('imports all or nothing: a write that fails midway takes back what the import wrote', async () => {
    const folder = join(root, 'all-or-nothing');
    const core = await coreIn(folder, new ManualClock(T0));
    // January 2025's folder is a link out of the vault: the second record's write is refused there.
    const outside = join(folder, 'outside');
    await mkdir(outside, { recursive: true });
    await mkdir(join(folder, 'vault', 'Reflections', '2025'), { recursive: true });
    await symlink(outside, join(folder, 'vault', 'Reflections', '2025', '01'));
    const records = [Date.UTC(2026, 11, 1, 9), Date.UTC(2025, 0, 15, 9), Date.UTC(2026, 2, 1, 9)].map((startedAt, index) => recordFor({}, { sessionId: `s-${index}`, startedAt, endedAt: startedAt + 25 * MINUTE }));
    const content = exportReflections(records.map((record) => ({ path: 'x.md', mtimeMs: 0, size: 0, kind: 'entry', version: '0'.repeat(64), record })), 'json', exportOptions).content;
    expect(await core.router.dispatch(channelName('reflections', 'import'), { format: 'json', content }, caller)).toMatchObject({ ok: false, error: { code: 'reflection-import-failed' } });
    const files = await readdir(join(folder, 'vault', 'Reflections'), { recursive: true });
    expect(files.filter((name) => String(name).endsWith('.md'))).toEqual([]);
    expect(await readdir(outside)).toEqual([]);
    expect((await call<ReflectionList>(core, 'reflections', 'list', {})).entries).toEqual([]);
    await core.dispose();
  });

  it('refuses forged and malformed payloads with invalid-payload, changing nothing', async () => {
    const core = await coreIn(join(root, 'forged'), new ManualClock(T0));
    const answers = { outcome: 'yes', depth: 3, moved: '', next: '', tags: [] };
    const base = { sessionId: 's1', baseVersion: 'a'.repeat(64), answers };
    const refused: [string, unknown][] = [
      ['save', { ...base, answers: { ...answers, depth: 6 } }],
      ['save', { ...base, answers: { ...answers, outcome: 'maybe' } }],
      ['save', { ...base, answers: { ...answers, tags: ['two words'] } }],
      ['save', { ...base, answers: { ...answers, tags: Array.from({ length: 13 }, (_, index) => `t${index}`) } }],
      ['save', { ...base, answers: { ...answers, moved: 'x'.repeat(4001) } }],
      ['save', { ...base, sessionId: '../../etc/passwd' }],
      ['save', { ...base, baseVersion: 'not-a-hash' }],
      ['save', { ...base, answers: { ...answers, extra: 1 } }],
      ['skip', { sessionId: 's1', status: 'reflected' }],
      ['pending', {}],
      ['list', { tag: '#x y' }],
      ['list', { from: '2026-13-01' }],
      ['list', { timeZone: 'Mars/Olympus_Mons' }],
      ['stats', { today: 'tomorrow' }],
      ['weekly', { language: 'fr' }],
      ['export', { format: 'xlsx', language: 'en' }],
      ['import', { format: 'markdown', content: '' }],
    ];
    for (const [name, payload] of refused) {
      expect([name, await core.router.dispatch(channelName('reflections', name), payload, caller)]).toMatchObject([name, { ok: false, error: { code: 'invalid-payload' } }]);
    }
    expect(await core.router.dispatch(channelName('reflections', 'get'), { sessionId: 'nope' }, caller)).toMatchObject({ ok: false, error: { code: 'reflection-not-found' } });
    expect(await core.router.dispatch(channelName('reflections', 'import'), { format: 'json', content: '{"entries": []}' }, caller)).toMatchObject({
      ok: false,
      error: { code: 'reflection-import-invalid' },
    });
    expect(await core.router.dispatch(channelName('reflections', 'list'), {}, { trusted: false, description: 'a web page' })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect((await call<{ entries: unknown[] }>(core, 'reflections', 'list', {})).entries).toEqual([]);
    await core.dispose();
  });
});
