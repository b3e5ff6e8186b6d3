import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { factsFor, recordFor } from '../../../test-support/reflection-fixtures';
import { formatReflection } from './reflection-file';
import { ReflectionLog } from './reflection-log';

// The reflection log inside a folder a sync engine manages, with the files engines leave, on a real disk.
let root: string;
let vaultDir: string;
const logs: ReflectionLog[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'reflections-sync-'));
  vaultDir = join(root, 'vault');
});
afterEach(async () => {
  for (const log of logs.splice(0)) await log.close();
  await rm(root, { recursive: true, force: true });
});

async function open(): Promise<ReflectionLog> {
  const log = await ReflectionLog.open({ vaultDir, cachePath: join(root, 'data', 'index.json'), clock: systemClock, log: () => undefined, timeZone: () => 'UTC', watch: false });
  logs.push(log);
  await log.whenIndexed();
  return log;
}

const month = () => join(vaultDir, 'Reflections', '2026', '12');
const WORKSTATION = 'a1b2c3d4-0000-4000-8000-000000000001';
const LAPTOP = 'a1b2c3ff-0000-4000-8000-000000000002';

describe('ReflectionLog in a synced folder', () => {
  it('shows a session whose file arrived as a conflict copy (names alike), and says which copy repeats a session', async () => {
    await mkdir(month(), { recursive: true });
    await writeFile(join(month(), 'lemma.md'), formatReflection(recordFor({}, factsFor({ sessionId: WORKSTATION })), {}));
    // File names carry 6 characters of the session id: two machines' sessions of one minute and intent can share a
    // name. The engine keeps the second as a copy, and the log, keyed by the (random, 122-bit) session id, shows both.
    await writeFile(join(month(), 'lemma.sync-conflict-20261207-133737-FYBUD4K.md'), formatReflection(recordFor({}, factsFor({ sessionId: LAPTOP })), {}));
    // The same session's reflection answered on both machines: one reflection, the copy listed with what to do.
    const answered = recordFor({ status: 'reflected', reflectedAt: Date.UTC(2026, 11, 3, 10), answers: { outcome: 'yes', depth: 4, moved: 'on the laptop', next: '', tags: [] } }, factsFor({ sessionId: WORKSTATION }));
    await writeFile(join(month(), 'lemma (conflicted copy 2026-12-07 133737).md'), formatReflection(answered, {}));
    const log = await open();
    expect(log.entries().map((entry) => entry.record.facts.sessionId).sort()).toEqual([WORKSTATION, LAPTOP].sort());
    expect(log.list({}).unreadable).toEqual([
      {
        path: 'Reflections/2026/12/lemma (conflicted copy 2026-12-07 133737).md',
        reason: 'bad-fields',
        detail: expect.stringContaining('a conflict copy nextcloud made of Reflections/2026/12/lemma.md'),
      },
    ]);
  });

  it('lists an iCloud placeholder as not downloaded, never read, and skips engines’ temporary files', async () => {
    await mkdir(month(), { recursive: true });
    await writeFile(join(month(), '.lemma.md.icloud'), 'not a reflection');
    await writeFile(join(month(), '.syncthing.other.md.tmp'), 'half');
    await writeFile(join(month(), '~syncthing~other.md.tmp'), 'half');
    const log = await open();
    expect(log.entries()).toEqual([]);
    expect(log.list({}).unreadable).toEqual([{ path: 'Reflections/2026/12/.lemma.md.icloud', reason: 'not-downloaded', detail: 'in iCloud, not downloaded to this machine yet' }]);
  });
});
