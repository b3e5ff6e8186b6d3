import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FocusSession } from '../../contract/session';
import { ManualClock } from '../clock';
import { migrateSessionHistory } from './history-migration';
import { ReflectionLog } from './reflection-log';
import { factsOfSession } from './session-facts';

let root: string;
let log: ReflectionLog;
const T0 = Date.UTC(2026, 10, 1, 9);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'history-migration-'));
  log = await ReflectionLog.open({ vaultDir: join(root, 'vault'), cachePath: join(root, 'index.json'), clock: new ManualClock(T0), log: () => undefined, watch: false, timeZone: () => 'UTC' });
});
afterEach(async () => {
  await log.close();
  await rm(root, { recursive: true, force: true });
});

const session = (id: string, ending: FocusSession['ending']): FocusSession => ({
  id,
  intent: `intent ${id}`,
  plannedMinutes: 25,
  extendedCount: 0,
  startedAt: T0,
  endsAt: T0 + 25 * 60_000,
  mode: 'flexible',
  challenge: null,
  ending,
  reflectedAt: null,
  parkedThoughts: [],
  blocks: null,
  window: null,
  allowOnly: false,
});

describe('session history migration', () => {
  it('finishes a migration a crash cut short: files already there are kept, the rest written, the history moved aside', async () => {
    const sessions = [session('h1', { kind: 'completed', at: T0 + 25 * 60_000 }), session('h2', { kind: 'ended-early', at: T0 + 60_000, reason: null })];
    const path = join(root, 'history.json');
    await writeFile(path, JSON.stringify({ version: 1, sessions }));
    // The first run got as far as h1 and had it answered since (the user wrote it) before the crash.
    const first = await log.recordEnded(factsOfSession(sessions[0]!, [], [])!);
    await log.save('h1', { outcome: 'yes', depth: 3, moved: 'kept', next: '', tags: [] }, first.version);

    expect(await migrateSessionHistory(path, log)).toEqual({ kind: 'migrated', sessions: 2, movedTo: `${path}.migrated` });
    expect(log.get('h1')).toMatchObject({ status: 'reflected', answers: { moved: 'kept' } });
    expect(log.get('h2')).toMatchObject({ status: 'skipped', facts: { actualMinutes: 1, ending: 'ended-early' } });
    expect(existsSync(path)).toBe(false);
    expect(await migrateSessionHistory(path, log)).toEqual({ kind: 'none' });
  });

  it('leaves an unreadable history where it is and makes nothing up from it', async () => {
    const path = join(root, 'history.json');
    for (const text of ['{"version":1,', JSON.stringify({ version: 2, sessions: [] }), JSON.stringify({ version: 1, sessions: [session('h1', null)] })]) {
      await writeFile(path, text);
      expect(await migrateSessionHistory(path, log)).toMatchObject({ kind: 'unreadable' });
      expect(await readFile(path, 'utf8')).toBe(text);
    }
    expect(log.list({}).entries).toEqual([]);
  });
});
