import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndexProgress } from '../../contract/reflections';
import { systemClock } from '../clock';
import { DomainError } from '../domain-error';
import { INDEX_CACHE_VERSION } from './index-cache';
import { formatReflection } from './reflection-file';
import { factsFor, recordFor } from '../../../test-support/reflection-fixtures';
import { ReflectionLog, type ReflectionLogOptions } from './reflection-log';

let root: string;
let vaultDir: string;
const logs: ReflectionLog[] = [];
const messages: string[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'reflections-'));
  vaultDir = join(root, 'vault');
  messages.length = 0;
});
afterEach(async () => {
  for (const log of logs.splice(0)) await log.close();
  await rm(root, { recursive: true, force: true });
});

async function open(options: Partial<ReflectionLogOptions> = {}): Promise<ReflectionLog> {
  const log = await ReflectionLog.open({
    vaultDir,
    cachePath: join(root, 'data', 'reflections-index.json'),
    clock: systemClock,
    log: (level, message) => messages.push(`${level}: ${message}`),
    timeZone: () => 'Europe/Berlin',
    watch: false,
    ...options,
  });
  logs.push(log);
  await log.whenIndexed();
  return log;
}

const codeOf = async (run: () => Promise<unknown>) => {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
};

const changed = (log: ReflectionLog, until: () => boolean) =>
  new Promise<void>((resolve) => {
    const stop = log.onChange(() => {
      if (!until()) return;
      stop();
      resolve();
    });
  });

describe('ReflectionLog', () => {
  it('keeps an ended session as a pending file named by its local start and intent, once', async () => {
    const log = await open();
    const facts = factsFor({ intent: '证明 引理 3: the "hard" part?', startedAt: Date.UTC(2026, 11, 31, 23, 5) });
    const entry = await log.recordEnded(facts);
    // 23:05 UTC is 00:05 on New Year's Day in Berlin: the file lives in next year's folder.
    expect(entry.path).toBe('Reflections/2027/01/2027-01-01-0005-证明-引理-3-the-hard-part-a1b2c3.md');
    expect(entry).toMatchObject({ status: 'pending', facts, answers: { outcome: null, moved: '' } });
    const text = await readFile(join(vaultDir, ...entry.path.split('/')), 'utf8');
    expect(text).toMatch(/^---\nversion: 5\nsession: a1b2c3d4-0000-4000-8000-000000000001\n/);
    expect(text).toContain('status: pending\n');
    expect(await log.recordEnded({ ...facts, intent: 'replayed' })).toEqual(entry);
    expect(log.pending()).toEqual(entry);
    expect(await readdir(join(vaultDir, 'Reflections', '2027', '01'))).toHaveLength(1);
  });

  it('saves the answers over the version shown, keeps the facts and foreign keys, refuses a stale version', async () => {
    const log = await open();
    const pending = await log.recordEnded(factsFor());
    const absolute = join(vaultDir, ...pending.path.split('/'));
    // Another editor adds its own key; that is an edit, so the version moves on.
    const edited = (await readFile(absolute, 'utf8')).replace('status: pending\n', 'status: pending\naliases: [lemma]\n');
    await writeFile(absolute, edited);
    const answers = { outcome: 'yes' as const, depth: 4, moved: '  Found the bound.  ', next: 'Write it up.', tags: ['analysis', 'analysis'] };
    expect(await codeOf(() => log.save(pending.facts.sessionId, answers, pending.version))).toBe('reflection-conflict');
    const fresh = log.get(pending.facts.sessionId);
    expect(fresh.version).not.toBe(pending.version);

    const saved = await log.save(pending.facts.sessionId, answers, fresh.version);
    expect(saved).toMatchObject({ status: 'reflected', facts: pending.facts, answers: { moved: 'Found the bound.', tags: ['analysis'] } });
    expect(saved.reflectedAt).toBeGreaterThan(0);
    const text = await readFile(absolute, 'utf8');
    expect(text).toContain('aliases:\n  - lemma\n');
    expect(text).toContain('## What moved\n\nFound the bound.\n');
    // An edit later keeps the first reflectedAt.
    const again = await log.save(pending.facts.sessionId, { ...answers, depth: 5 }, saved.version);
    expect(again.reflectedAt).toBe(saved.reflectedAt);
    expect(await codeOf(() => log.save('no-such-session', answers, saved.version))).toBe('reflection-not-found');
  });

  it('skips a pending one; a skipped one can still be written later', async () => {
    const log = await open();
    const pending = await log.recordEnded(factsFor());
    // Edited elsewhere before the skip (no watcher here): the skip keeps that edit.
    const absolute = join(vaultDir, ...pending.path.split('/'));
    await writeFile(absolute, (await readFile(absolute, 'utf8')).replace('depth: null', 'depth: 2'));
    const skipped = await log.skip(pending.facts.sessionId);
    expect(skipped).toMatchObject({ status: 'skipped', answers: { depth: 2 } });
    expect(await readFile(absolute, 'utf8')).toContain('status: skipped');
    expect(log.pending()).toBeNull();
    const written = await log.save(pending.facts.sessionId, { outcome: 'no', depth: 2, moved: '', next: '', tags: [] }, skipped.version);
    expect(written.status).toBe('reflected');
    expect((await log.skip(pending.facts.sessionId)).status).toBe('reflected');
  });

  it('lists a malformed file as unreadable with its path, and the rest of the log as usual', async () => {
    const folder = join(vaultDir, 'Reflections', '2026', '12');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'good.md'), formatReflection(recordFor()));
    await writeFile(join(folder, 'broken.md'), '---\nsession: [oops\n---\n');
    await writeFile(join(folder, 'plain.md'), 'Notes without front matter');
    await writeFile(join(folder, 'binary.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff]));
    await writeFile(join(folder, 'huge.md'), 'x'.repeat(1024 * 1024 + 1));
    await writeFile(join(folder, 'copy of good.md'), formatReflection(recordFor()));
    await writeFile(join(root, 'secret.md'), formatReflection(recordFor({}, { sessionId: 'outside' })));
    await symlink(join(root, 'secret.md'), join(folder, 'link.md'));
    await writeFile(join(folder, '.good.md.123.abcdefabcdef.tmp'), 'half a file');
    await writeFile(join(folder, 'notes.txt'), 'not markdown');

    const log = await open();
    const list = log.list({ timeZone: 'UTC' });
    expect(list.entries.map((entry) => entry.path)).toEqual(['Reflections/2026/12/copy of good.md']);
    expect(list.unreadable.map(({ path, reason }) => [path.replace('Reflections/2026/12/', ''), reason])).toEqual([
      ['binary.md', 'not-text'],
      ['broken.md', 'bad-yaml'],
      ['good.md', 'bad-fields'],
      ['huge.md', 'too-large'],
      ['link.md', 'outside-link'],
      ['plain.md', 'no-front-matter'],
    ]);
    expect(list.unreadable.find((file) => file.path.endsWith('good.md'))?.detail).toContain('copy of good.md');
    expect(list.progress).toBeNull();
  });

  it('lists a folder that is a link out of the vault as one, and never reads or writes through it', async () => {
    const outside = join(root, 'outside diary');
    await mkdir(outside, { recursive: true });
    const diary = formatReflection(recordFor({}, { sessionId: 'diary', startedAt: Date.UTC(2001, 0, 5) }));
    await writeFile(join(outside, 'diary.md'), diary);
    await mkdir(join(vaultDir, 'Reflections', '2001'), { recursive: true });
    await symlink(outside, join(vaultDir, 'Reflections', '2001', '01'));
    const log = await open({ timeZone: () => 'UTC' });
    expect(log.list({ timeZone: 'UTC' })).toMatchObject({ entries: [], unreadable: [{ path: 'Reflections/2001/01', reason: 'outside-link' }] });
    expect(await codeOf(() => log.add(recordFor({}, { sessionId: 'imported', startedAt: Date.UTC(2001, 0, 10) })))).toBe('reflection-write-failed');
    expect(await readdir(outside)).toEqual(['diary.md']);

    // The log's own folder a link out: said so; nothing listed, shown, exported or written there.
    await rm(join(vaultDir, 'Reflections'), { recursive: true });
    await mkdir(join(outside, '2026', '12'), { recursive: true });
    await symlink(outside, join(vaultDir, 'Reflections'));
    await log.rescan();
    expect(log.list({ timeZone: 'UTC' })).toMatchObject({ entries: [], unreadable: [{ path: 'Reflections', reason: 'outside-link' }] });
    expect(log.matching({})).toEqual([]);
    expect(await codeOf(() => log.recordEnded(factsFor()))).toBe('reflection-write-failed');
    expect(await readdir(outside, { recursive: true })).toEqual(['2026', 'diary.md', '2026/12']);
    expect(await readFile(join(outside, 'diary.md'), 'utf8')).toBe(diary);
  });

  it('takes back a failed import, or says exactly which records stayed when one was edited meanwhile', async () => {
    const outside = join(root, 'outside');
    await mkdir(outside, { recursive: true });
    await mkdir(join(vaultDir, 'Reflections', '2025'), { recursive: true });
    await symlink(outside, join(vaultDir, 'Reflections', '2025', '01'));
    const log = await open({ timeZone: () => 'UTC' });
    // The second record belongs in January 2025, a link out of the vault: its write is refused.
    const records = [Date.UTC(2026, 11, 1), Date.UTC(2025, 0, 15), Date.UTC(2026, 2, 1)].map((startedAt, index) => recordFor({}, { sessionId: `s-${index}`, startedAt, endedAt: startedAt + 25 * 60_000 }));
    expect(await codeOf(() => log.addAll(records))).toBe('reflection-import-failed');
    expect(log.entries()).toEqual([]);
    expect((await readdir(join(vaultDir, 'Reflections'), { recursive: true })).filter((name) => name.endsWith('.md'))).toEqual([]);

    // The first file is edited (another editor, a sync) before the import stops: it is kept, and reported as such.
    const edit = recordFor({ status: 'skipped' }, records[0]!.facts);
    const stop = log.onChange(() => {
      const first = log.entries()[0];
      if (!first) return;
      stop();
      writeFileSync(join(vaultDir, ...first.path.split('/')), formatReflection(edit));
    });
    expect(await log.addAll(records)).toEqual(['imported', { stopped: expect.stringContaining('not imported: the import stopped') }, { stopped: expect.stringContaining('outside') }]);
    await log.rescan();
    expect(log.entries().map((entry) => entry.record)).toEqual([edit]);
  });

  it('picks up a file edited, added and removed outside the app (real watcher)', async () => {
    const log = await open({ watch: true });
    const entry = await log.recordEnded(factsFor());
    const absolute = join(vaultDir, ...entry.path.split('/'));
    const edited = (await readFile(absolute, 'utf8')).replace('depth: null', 'depth: 3').replace("## What's next\n", "## What's next\n\nFrom vim.\n");
    let seen = changed(log, () => log.get(entry.facts.sessionId).answers.depth === 3);
    await writeFile(absolute, edited);
    await seen;
    expect(log.get(entry.facts.sessionId).answers).toMatchObject({ depth: 3, next: 'From vim.' });

    const other = recordFor({}, { sessionId: 'b2', startedAt: Date.UTC(2025, 0, 2) });
    seen = changed(log, () => log.list({}).entries.length === 2);
    await mkdir(join(vaultDir, 'Reflections', '2025', '01'), { recursive: true });
    await writeFile(join(vaultDir, 'Reflections', '2025', '01', 'synced.md'), formatReflection(other));
    await seen;

    seen = changed(log, () => log.list({}).entries.length === 1);
    await rm(absolute);
    await seen;
    expect(log.list({}).entries.map((each) => each.facts.sessionId)).toEqual(['b2']);
  });

  it('starts from the index cache: only files whose mtime or size changed are read again', async () => {
    const first = await open();
    const a = await first.recordEnded(factsFor({ sessionId: 'aa' }));
    await first.recordEnded(factsFor({ sessionId: 'bb', startedAt: Date.UTC(2026, 0, 1) }));
    await first.close();
    const cache = JSON.parse(await readFile(join(root, 'data', 'reflections-index.json'), 'utf8'));
    expect(cache).toMatchObject({ version: INDEX_CACHE_VERSION, fileFormat: 5, vaultDir, files: [{ kind: 'entry' }, { kind: 'entry' }] });

    // Edited while the app was closed, with the same size: the mtime tells.
    const absolute = join(vaultDir, ...a.path.split('/'));
    await writeFile(absolute, (await readFile(absolute, 'utf8')).replace('depth: null', 'depth: 2   '));
    await utimes(absolute, new Date(), new Date(Date.now() + 5_000));
    const progress: (IndexProgress | null)[] = [];
    const second = await ReflectionLog.open({
      vaultDir,
      cachePath: join(root, 'data', 'reflections-index.json'),
      clock: systemClock,
      log: () => undefined,
      watch: false,
    });
    logs.push(second);
    // The cached entries are there before the files were looked at.
    expect(second.list({}).entries).toHaveLength(2);
    second.onChange((each) => progress.push(each));
    await second.whenIndexed();
    expect(progress).toEqual([{ done: 0, total: 1 }, { done: 1, total: 1 }, null]);
    expect(second.get('aa').answers.depth).toBe(2);
  });

  it('a cache of another vault, or a corrupt one, is ignored and everything is read', async () => {
    await mkdir(join(root, 'data'), { recursive: true });
    await writeFile(join(root, 'data', 'reflections-index.json'), '{"version":1,');
    const folder = join(vaultDir, 'Reflections', '2026', '12');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'a.md'), formatReflection(recordFor()));
    const log = await open();
    expect(log.list({}).entries).toHaveLength(1);
  });

  it('searches text and tags and filters by tag, outcome, depth, status and local dates', async () => {
    const log = await open();
    const add = (id: string, day: number, answers: object, intent = 'work') =>
      log.add(recordFor({ status: 'reflected', reflectedAt: 1, answers: { outcome: null, depth: null, moved: '', next: '', tags: [], ...answers } }, { sessionId: id, intent, startedAt: Date.UTC(2026, 11, day, 23, 30) }));
    await add('s1', 1, { outcome: 'yes', depth: 5, tags: ['analysis'], moved: 'Found the Bound' }, 'prove lemma');
    await add('s2', 2, { outcome: 'partly', depth: 3, tags: ['writing', 'thesis'], next: 'the bound again' });
    await add('s3', 3, { outcome: 'no', depth: 1, tags: ['Analysis'] }, '读 论文');
    await log.recordEnded(factsFor({ sessionId: 's4', startedAt: Date.UTC(2026, 11, 4, 9) }));
    const ids = (query: Parameters<ReflectionLog['list']>[0]) => log.list(query).entries.map((entry) => entry.facts.sessionId);
    expect(ids({})).toEqual(['s4', 's3', 's2', 's1']);
    expect(ids({ text: 'BOUND' })).toEqual(['s2', 's1']);
    expect(ids({ text: 'bound lemma' })).toEqual(['s1']);
    expect(ids({ text: '论文' })).toEqual(['s3']);
    expect(ids({ text: '#thesis' })).toEqual(['s2']);
    expect(ids({ tag: 'analysis' })).toEqual(['s3', 's1']);
    expect(ids({ outcomes: ['yes', 'no'] })).toEqual(['s3', 's1']);
    expect(ids({ depthMin: 3 })).toEqual(['s2', 's1']);
    expect(ids({ depthMin: 2, depthMax: 3 })).toEqual(['s2']);
    expect(ids({ status: ['pending'] })).toEqual(['s4']);
    // 23:30 UTC on the 1st is the 1st in New York and the 2nd in Shanghai.
    expect(ids({ from: '2026-12-02', to: '2026-12-02', timeZone: 'America/New_York' })).toEqual(['s2']);
    expect(ids({ from: '2026-12-02', to: '2026-12-02', timeZone: 'Asia/Shanghai' })).toEqual(['s1']);
    expect(log.list({ timeZone: 'Asia/Shanghai' }).entries.map((entry) => entry.day)).toEqual(['2026-12-04', '2026-12-04', '2026-12-03', '2026-12-02']);
    expect(log.tags()).toEqual([
      { tag: 'analysis', count: 1 },
      { tag: 'Analysis', count: 1 },
      { tag: 'thesis', count: 1 },
      { tag: 'writing', count: 1 },
    ]);
    expect(log.tags('TH')).toEqual([{ tag: 'thesis', count: 1 }]);
  });

  it('gives a name already taken a suffix, and never overwrites a file', async () => {
    const log = await open();
    const facts = factsFor();
    const first = 'Reflections/2026/12/2026-12-03-0930-prove-lemma-3-a1b2c3.md';
    await mkdir(join(vaultDir, 'Reflections', '2026', '12'), { recursive: true });
    await writeFile(join(vaultDir, ...first.split('/')), 'my own file');
    const entry = await log.recordEnded(facts);
    expect(entry.path).toBe('Reflections/2026/12/2026-12-03-0930-prove-lemma-3-a1b2c3-2.md');
    expect(await readFile(join(vaultDir, ...first.split('/')), 'utf8')).toBe('my own file');
  });

  it('keeps a file marked read-only as it is, and a file’s own permissions on a save', async () => {
    const log = await open();
    const entry = await log.recordEnded(factsFor());
    const absolute = join(vaultDir, ...entry.path.split('/'));
    await chmod(absolute, 0o600);
    const saved = await log.save(entry.facts.sessionId, { outcome: 'yes', depth: 1, moved: '', next: '', tags: [] }, entry.version);
    expect((await stat(absolute)).mode & 0o777).toBe(0o600);
    await chmod(absolute, 0o444);
    const before = await readFile(absolute, 'utf8');
    expect(await codeOf(() => log.save(entry.facts.sessionId, { ...saved.answers, depth: 5 }, saved.version))).toBe('reflection-write-failed');
    expect(await readFile(absolute, 'utf8')).toBe(before);
  });

  it('reports a write it could not make, and keeps nothing half-written', async () => {
    const log = await open();
    await rm(join(vaultDir, 'Reflections'), { recursive: true });
    await writeFile(join(vaultDir, 'Reflections'), 'a file where the folder was');
    expect(await codeOf(() => log.recordEnded(factsFor()))).toBe('reflection-write-failed');
    expect(log.list({}).entries).toEqual([]);
  });
});
