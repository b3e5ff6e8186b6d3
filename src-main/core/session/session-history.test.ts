import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FocusSession } from '../../contract/session';
import { HISTORY_LIMIT, SessionHistory } from './session-history';

const root = mkdtempSync(join(tmpdir(), 'stillroom-history-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const session = (id: string, reflectedAt: number | null = null): FocusSession => ({
  id,
  intent: `intent ${id}`,
  plannedMinutes: 25,
  extendedCount: 0,
  startedAt: 1_000,
  endsAt: 1_000 + 25 * 60_000,
  mode: 'flexible',
  challenge: null,
  ending: { kind: 'completed', at: 1_000 + 25 * 60_000 },
  reflectedAt,
});

describe('SessionHistory', () => {
  it('records by id: a replayed transition updates the entry instead of adding a twin', async () => {
    const history = new SessionHistory(join(root, 'a', 'history.json'));
    expect(await history.list()).toEqual([]);
    await history.record(session('s1'));
    await history.record(session('s2'));
    await history.record(session('s1', 5_000));
    expect((await history.list()).map((entry) => [entry.id, entry.reflectedAt])).toEqual([
      ['s2', null],
      ['s1', 5_000],
    ]);
  });

  it(`keeps the newest ${HISTORY_LIMIT}`, async () => {
    const path = join(root, 'b', 'history.json');
    const history = new SessionHistory(path);
    await history.record(session('first'));
    const full = { version: 1, sessions: Array.from({ length: HISTORY_LIMIT }, (_, index) => session(`s${index}`)) };
    writeFileSync(path, JSON.stringify(full));
    await history.record(session('newest'));
    const ids = (await history.list()).map((entry) => entry.id);
    expect(ids).toHaveLength(HISTORY_LIMIT);
    expect(ids[0]).toBe('s1');
    expect(ids.at(-1)).toBe('newest');
  });

  it('moves an unreadable file aside and starts a new one', async () => {
    const path = join(root, 'c', 'history.json');
    const history = new SessionHistory(path);
    await history.record(session('s1'));
    writeFileSync(path, '{"version":1,"sessions":[{"id":');
    expect(await history.list()).toEqual([]);
    await history.record(session('s2'));
    expect(readFileSync(`${path}.corrupt`, 'utf8')).toBe('{"version":1,"sessions":[{"id":');
    expect((await history.list()).map((entry) => entry.id)).toEqual(['s2']);
    expect(existsSync(path)).toBe(true);
  });
});
