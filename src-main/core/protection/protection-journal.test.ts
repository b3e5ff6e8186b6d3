import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROTECTION_JOURNAL_VERSION, ProtectionJournal, protectionJournalFormat, protectionJournalMigrations, type ProtectionStep } from './protection-journal';

const folder = mkdtempSync(join(tmpdir(), 'stillroom-protection-journal-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const step: ProtectionStep = { id: 'notifications', phase: 'active', session: { sessionId: 's1', endsAt: 1_500_000, mode: 'flexible' }, memo: { before: 'false' } };

describe('the protection journal format', () => {
  it('has one migration from each version after the first up to the current one', () => {
    expect(protectionJournalMigrations.map((migration) => migration.from)).toEqual(Array.from({ length: PROTECTION_JOURNAL_VERSION - 1 }, (_, index) => index + 1));
  });

  it('writes its steps at the current version and reads them back', async () => {
    const journal = new ProtectionJournal(join(folder, 'round-trip.json'));
    await journal.write([step]);
    expect(JSON.parse(readFileSync(journal.path, 'utf8'))).toEqual({ version: PROTECTION_JOURNAL_VERSION, steps: [step] });
    expect(await journal.read()).toEqual({ kind: 'steps', steps: [step] });
  });

  it('replays an older file through its migration (a format step shown with a stand-in version 0)', async () => {
    const path = join(folder, 'old.json');
    writeFileSync(path, JSON.stringify({ touched: [step] }));
    const journal = new ProtectionJournal(path, {
      ...protectionJournalFormat,
      migrations: [{ from: 0, migrate: ({ touched }) => ({ version: 1, steps: touched }) }, ...protectionJournalFormat.migrations],
    });
    expect(await journal.read()).toEqual({ kind: 'steps', steps: [step] });
  });
});
