import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SESSION_JOURNAL_VERSION, SessionJournal, sessionJournalFormat, sessionJournalMigrations } from './session-journal';

const folder = mkdtempSync(join(tmpdir(), 'stillroom-session-journal-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const running = {
  phase: 'running',
  session: { id: 's1', intent: 'prove Lemma 3', plannedMinutes: 25, extendedCount: 0, startedAt: 0, endsAt: 1_500_000, mode: 'flexible', challenge: null, ending: null, reflectedAt: null, parkedThoughts: [], blocks: null, window: null },
};

describe('the session journal format', () => {
  it('has one migration from each version after the first up to the current one', () => {
    expect(sessionJournalMigrations.map((step) => step.from)).toEqual(Array.from({ length: SESSION_JOURNAL_VERSION - 1 }, (_, index) => index + 1));
  });

  it('writes what it reads back at the current version', async () => {
    const journal = new SessionJournal(join(folder, 'round-trip.json'));
    await journal.write({ phase: 'idle' });
    expect(JSON.parse(readFileSync(journal.path, 'utf8'))).toEqual({ version: SESSION_JOURNAL_VERSION, record: { phase: 'idle' } });
    expect(await journal.read()).toEqual({ kind: 'record', record: { phase: 'idle' }, protections: null });
  });

  it('reads an older file through its migration (a format step shown with a stand-in version 0)', async () => {
    const path = join(folder, 'old.json');
    writeFileSync(path, JSON.stringify({ current: running }));
    const journal = new SessionJournal(path, {
      ...sessionJournalFormat,
      migrations: [{ from: 0, migrate: ({ current }) => ({ version: 1, record: current }) }, ...sessionJournalFormat.migrations],
    });
    const read = await journal.read();
    expect(read).toMatchObject({ kind: 'record', record: { phase: 'running', session: { id: 's1' } }, protections: null });
  });

  it('version 1 to 2: a session journaled before thoughts were parked has none; an idle journal stays as it was', async () => {
    const path = join(folder, 'v1.json');
    const { parkedThoughts: _none, blocks: _blocks, window: _window, ...before } = running.session;
    writeFileSync(path, JSON.stringify({ version: 1, record: { ...running, session: before } }));
    expect(await new SessionJournal(path).read()).toMatchObject({ kind: 'record', record: { phase: 'running', session: { id: 's1', parkedThoughts: [] } } });
    const [step] = sessionJournalMigrations;
    expect(step!.migrate({ version: 1, record: { phase: 'idle' } })).toEqual({ version: 2, record: { phase: 'idle' } });
  });

  it('version 2 to 3: a session journaled before schedules blocked the lists in Settings and ran for no window', async () => {
    const path = join(folder, 'v2.json');
    const { blocks: _blocks, window: _window, ...before } = running.session;
    writeFileSync(path, JSON.stringify({ version: 2, record: { ...running, session: before } }));
    const read = await new SessionJournal(path).read();
    expect(read).toMatchObject({ kind: 'record', record: { phase: 'running', session: { id: 's1', blocks: null, window: null } } });
    expect(sessionJournalMigrations[1]!.migrate({ version: 2, record: { phase: 'idle' } })).toEqual({ version: 3, record: { phase: 'idle' } });
  });
});
