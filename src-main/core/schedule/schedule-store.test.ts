import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_SCHEDULE } from '../../contract/schedule';
import { rule } from '../../../test-support/schedule-rules';
import { SCHEDULE_FILE_VERSION, ScheduleStore, scheduleFileFormat, scheduleFileMigrations } from './schedule-store';

const folder = mkdtempSync(join(tmpdir(), 'stillroom-schedule-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let count = 0;
const fresh = () => join(folder, `schedule-${count++}.json`);

describe('the schedule file', () => {
  it('has one migration from each version after the first up to the current one', () => {
    expect(scheduleFileMigrations.map((step) => step.from)).toEqual(Array.from({ length: SCHEDULE_FILE_VERSION - 1 }, (_, index) => index + 1));
  });

  it('reads as an empty schedule when there is none', async () => {
    expect(await new ScheduleStore(fresh()).read()).toEqual({ kind: 'schedule', schedule: EMPTY_SCHEDULE, migratedFrom: null });
  });

  it('writes what it reads back, at the current version, leaving no temp file', async () => {
    const store = new ScheduleStore(fresh());
    const schedule = { ...EMPTY_SCHEDULE, rules: [rule({ id: 'morning', mode: 'locked', intent: 'write', note: 'Draft.md' })] };
    await store.write(schedule);
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({ version: SCHEDULE_FILE_VERSION, schedule });
    expect(await store.read()).toEqual({ kind: 'schedule', schedule, migratedFrom: null });
    expect(readdirSync(folder)).not.toContainEqual(expect.stringMatching(/\.tmp$/));
  });

  it('reads an older file through its migration (a format step shown with a stand-in version 0)', async () => {
    const path = fresh();
    const old = { rules: [rule({ id: 'morning' })] };
    writeFileSync(path, JSON.stringify(old));
    const store = new ScheduleStore(path, {
      ...scheduleFileFormat,
      migrations: [{ from: 0, migrate: ({ rules }) => ({ version: 1, schedule: { ...EMPTY_SCHEDULE, rules } }) }, ...scheduleFileFormat.migrations],
    });
    expect(await store.read()).toEqual({ kind: 'schedule', schedule: { ...EMPTY_SCHEDULE, rules: old.rules }, migratedFrom: 0 });
    // Read, not rewritten: the next change writes the current format.
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(old));
  });

  it('reads a version 1 file with every rule, waiting ones too, as no allowlist window', async () => {
    const path = fresh();
    const { allowOnly: _allowOnly, ...oldBlocks } = rule({ id: 'x' }).blocks;
    const old = rule({ id: 'morning', mode: 'locked' });
    const v1 = { ...old, blocks: oldBlocks };
    const pending = { kind: 'update', rule: { ...v1, start: '10:00' }, requestedAt: 1, effectiveAt: 2 };
    writeFileSync(path, JSON.stringify({ version: 1, schedule: { ...EMPTY_SCHEDULE, rules: [v1], pending: [pending] } }));
    const read = await new ScheduleStore(path).read();
    expect(read).toEqual({ kind: 'schedule', schedule: { ...EMPTY_SCHEDULE, rules: [old], pending: [{ ...pending, rule: { ...old, start: '10:00' } }] }, migratedFrom: 1 });
  });

  it.each([
    ['not JSON', '{"version": 1,', /JSON/],
    ['a rule with a time that is no time', JSON.stringify({ version: 1, schedule: { ...EMPTY_SCHEDULE, rules: [rule({ id: 'a', start: '25:00' })] } }), /^schedule\.rules\.0\.start: /],
    ['a window longer than a session', JSON.stringify({ version: 1, schedule: { ...EMPTY_SCHEDULE, rules: [rule({ id: 'a', end: { kind: 'until', time: '23:00' } })] } }), /^schedule\.rules\.0\.end: a window lasts/],
    ['a newer format', JSON.stringify({ version: SCHEDULE_FILE_VERSION + 1, schedule: {} }), new RegExp(`newer Stillroom \\(format ${SCHEDULE_FILE_VERSION + 1}\\)`)],
  ])('says why it cannot read %s, and leaves the file exactly as it is', async (_name, text, reason) => {
    const path = fresh();
    writeFileSync(path, text);
    const read = await new ScheduleStore(path).read();
    expect(read.kind).toBe('unreadable');
    expect(read.kind === 'unreadable' && read.reason).toMatch(reason);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(existsSync(`${path}.corrupt`)).toBe(false);
  });
});

