import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ProtectionId } from '../../contract/protection';
import type { ReachedHost } from '../../contract/reflections';
import type { FocusSession, SessionState } from '../../contract/session';
import { ManualClock } from '../clock';
import { DomainError } from '../domain-error';
import { FileSettingProtection, readCalls, testStatus, USER_VALUE, type Fault } from '../../../test-support/file-setting-protection';
import { JsonFileSettingsStorage } from '../settings/json-file-storage';
import { SettingsService } from '../settings/settings-service';
import { MINUTE } from '../../contract/session';
import { FocusSessionService, type EndedSession } from './session-service';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const ids: ProtectionId[] = ['blocking', 'notifications'];
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A data folder as the app has it; `open` starts the app on it (again), as after a quit, crash or reboot. */
async function dataFolder() {
  const root = mkdtempSync(join(tmpdir(), 'stillroom-session-'));
  folders.push(root);
  const world = join(root, 'world');
  await mkdir(world);
  FileSettingProtection.seed(world, ids);
  let counter = 0;
  // What the service hands the reflection log (tested with the real log in reflections/session-reflection.test.ts).
  const ended: EndedSession[] = [];
  const open = async (clock: ManualClock, faults: Partial<Record<ProtectionId, Fault>> = {}, options: { counting?: boolean } = {}) => {
    const settings = await SettingsService.open(new JsonFileSettingsStorage(join(root, 'settings.json')), clock);
    const protections = ids.map((id) => new (id === 'blocking' && options.counting ? CountingProtection : FileSettingProtection)(id, world, faults[id] ?? null));
    const logs: string[] = [];
    const service = await FocusSessionService.open({
      folder: join(root, 'session'),
      clock,
      settings,
      protections,
      log: (level, message) => logs.push(`${level}: ${message}`),
      // Fixed draws: every committed session here asks for the same phrase.
      random: () => 0,
      newId: () => `s${++counter}`,
      recordEnded: async (session) => {
        ended.push(structuredClone(session));
      },
    });
    const states: SessionState[] = [];
    service.onChange((state) => states.push(state));
    return { service, settings, protections, states, logs };
  };
  const settingValues = () => ids.map((id) => readFileSync(join(world, `${id}.setting`), 'utf8'));
  const journal = () => JSON.parse(readFileSync(join(root, 'session', 'current.json'), 'utf8')).record;
  return { root, world, open, settingValues, journal, ended };
}

/**
 * Blocking as the guard's reach counter makes it: what it counted is there only while the protection is on (the
 * guard forgets a lease's attempts when a new one comes), so reading it after the turn-off would find nothing.
 */
class CountingProtection extends FileSettingProtection {
  async reachedAtEnd(): Promise<ReachedHost[] | null> {
    if (readFileSync(this.settingPath, 'utf8') === USER_VALUE) return null;
    return [{ host: 'bilibili.com', count: 7, times: [T0 + MINUTE] }];
  }
}

const completion = (service: FocusSessionService) => new Promise<FocusSession>((resolve) => service.onCompleted(resolve));
const codeOf = async (run: () => Promise<unknown> | unknown) => {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
};

describe('FocusSessionService', () => {
  it('reads what blocking counted before turning it off, for the reflection; also for a session that ended while closed', async () => {
    const data = await dataFolder();
    const clock = new ManualClock(T0);
    const { service } = await data.open(clock, {}, { counting: true });
    await service.start({ minutes: 25, mode: 'flexible' });
    await service.end({ kind: 'confirm' });
    expect(data.ended.at(-1)?.reached).toEqual([{ host: 'bilibili.com', count: 7, times: [T0 + MINUTE] }]);
    expect(data.settingValues()).toEqual([USER_VALUE, USER_VALUE]);
    await service.markReflected();

    await service.start({ minutes: 25, mode: 'flexible' });
    await service.dispose();
    // The deadline passes while the app is closed; the next start records the session before undoing its protections.
    clock.advance(30 * MINUTE);
    await data.open(clock, {}, { counting: true });
    expect(data.ended.at(-1)).toMatchObject({ session: { id: 's2', ending: { kind: 'completed' } }, reached: [{ host: 'bilibili.com', count: 7 }] });
    expect(data.settingValues()).toEqual([USER_VALUE, USER_VALUE]);
    // Without a protection that counts, nothing was counted: null, not an empty list.
    const { service: plain } = await data.open(clock);
    await plain.markReflected();
    await plain.start({ minutes: 25, mode: 'flexible' });
    await plain.end({ kind: 'confirm' });
    expect(data.ended.at(-1)?.reached).toBeNull();
  });

  it('parks thoughts in the running session: journaled, counted in the state, kept through a crash, handed to the reflection', async () => {
    const data = await dataFolder();
    const clock = new ManualClock(T0);
    const { service, states } = await data.open(clock);
    // Outside a session there is nowhere to park one: refused, nothing written.
    expect(await codeOf(() => service.parkThought('reply to Li'))).toBe('session-illegal-transition');
    await service.start({ minutes: 25, mode: 'flexible' });
    clock.advance(MINUTE);
    const state = await service.parkThought('reply\nto Li');
    expect(state).toMatchObject({ phase: 'running', session: { parkedThoughts: [{ text: 'reply to Li', at: T0 + MINUTE }] } });
    expect(states.at(-1)).toEqual(state);
    expect(data.journal().session.parkedThoughts).toEqual([{ text: 'reply to Li', at: T0 + MINUTE }]);
    expect(await codeOf(() => service.parkThought('  '))).toBe('session-thought-refused');

    // The app stops without ending the session (a crash, a quit): the journal still has the thought.
    await service.dispose();
    const { service: again } = await data.open(clock);
    expect(again.state()).toMatchObject({ phase: 'running', session: { parkedThoughts: [{ text: 'reply to Li' }] } });
    await again.parkThought('check that paper');
    await again.end({ kind: 'confirm' });
    expect(data.ended.at(-1)?.session.parkedThoughts.map((thought) => thought.text)).toEqual(['reply to Li', 'check that paper']);
    expect(await codeOf(() => again.parkThought('too late'))).toBe('session-illegal-transition');
    expect(data.journal().session.parkedThoughts).toHaveLength(2);
  });

  it('starts a session: journaled, protections on, intent remembered, state announced', async () => {
    const data = await dataFolder();
    const clock = new ManualClock(T0);
    const { service, settings, states } = await data.open(clock);
    expect(service.state()).toEqual({ phase: 'idle', shortcut: { state: 'unsupported' } });

    const state = await service.start({ minutes: 25, intent: 'prove Lemma 3', mode: 'flexible' });
    expect(state).toMatchObject({
      phase: 'running',
      session: { id: 's1', intent: 'prove Lemma 3', plannedMinutes: 25, startedAt: T0, endsAt: T0 + 25 * MINUTE, mode: 'flexible' },
      protections: [
        testStatus('blocking', 'active'),
        testStatus('notifications', 'active'),
      ],
    });
    expect(data.journal()).toEqual({ phase: 'running', session: state.phase === 'running' ? state.session : null });
    expect(data.settingValues()).toEqual(['stillroom:s1', 'stillroom:s1']);
    expect(settings.get().session.lastIntent).toBe('prove Lemma 3');
    // The UI sees the session at once, then each protection as it comes on.
    expect(states.map((each) => (each.phase === 'idle' ? 'idle' : each.protections.map((status) => status.state).join(',')))).toEqual([
      'pending,pending',
      'pending,pending',
      'active,pending',
      'active,active',
      'active,active',
    ]);
    expect(await codeOf(() => service.start({ minutes: 25 }))).toBe('session-illegal-transition');
  });

  it('says a session settled, then completed, only once the protections are off (the app may speak again)', async () => {
    const data = await dataFolder();
    const clock = new ManualClock(T0);
    const { service } = await data.open(clock);
    const seen: string[] = [];
    service.onSettled(() => seen.push(`settled ${data.settingValues().join(',')}`));
    service.onCompleted(() => seen.push(`completed ${data.settingValues().join(',')}`));
    await service.start({ minutes: 25, mode: 'flexible' });
    const done = completion(service);
    clock.advance(25 * MINUTE);
    await done;
    expect(seen).toEqual([`settled ${USER_VALUE},${USER_VALUE}`, `completed ${USER_VALUE},${USER_VALUE}`]);

    await service.start({ minutes: 25, mode: 'flexible' });
    await service.end({ kind: 'confirm' });
    expect(seen.slice(2)).toEqual([`settled ${USER_VALUE},${USER_VALUE}`]);
  });

  it('ends at the deadline on its own clock: completed, protections restored, recorded, then reflected', async () => {
    const data = await dataFolder();
    const clock = new ManualClock(T0);
    const { service } = await data.open(clock);
    await service.start({ minutes: 25, intent: 'read chapter 4', mode: 'locked' });
    const done = completion(service);
    clock.advance(25 * MINUTE - 1);
    expect(service.state().phase).toBe('running');
    clock.advance(1);
    const session = await done;
    expect(session.ending).toEqual({ kind: 'completed', at: T0 + 25 * MINUTE });
    expect(service.state()).toMatchObject({ phase: 'ended', protections: [] });
    expect(data.settingValues()).toEqual([USER_VALUE, USER_VALUE]);
    // Kept for the reflection with what each protection did during the session, not after it came off.
    expect(data.ended.map((entry) => [entry.session.id, entry.session.ending?.kind, entry.protections.map((status) => status.state)])).toEqual([
      ['s1', 'completed', ['active', 'active']],
    ]);

    clock.advance(3 * MINUTE);
    expect(await service.markReflected()).toMatchObject({ phase: 'reflected', session: { reflectedAt: T0 + 28 * MINUTE } });
    expect(await codeOf(() => service.markReflected())).toBe('session-illegal-transition');
    // A new session starts from reflected, reusing the last intent when none is given.
    expect(await service.start({ minutes: 50 })).toMatchObject({ phase: 'running', session: { id: 's2', intent: 'read chapter 4', mode: 'committed' } });
  });

  it('extends by 15 minutes: the deadline, the timer and the protections all move', async () => {
    const data = await dataFolder();
    const clock = new ManualClock(T0);
    const { service } = await data.open(clock);
    await service.start({ minutes: 25, mode: 'flexible' });
    clock.advance(20 * MINUTE);
    const state = await service.extend();
    expect(state).toMatchObject({ session: { endsAt: T0 + 40 * MINUTE, extendedCount: 1 }, protections: [testStatus('blocking', 'extended'), {}] });
    expect(data.journal().session.endsAt).toBe(T0 + 40 * MINUTE);
    const done = completion(service);
    clock.advance(5 * MINUTE);
    expect(service.state().phase).toBe('running');
    clock.advance(15 * MINUTE);
    expect((await done).ending).toEqual({ kind: 'completed', at: T0 + 40 * MINUTE });
  });

  it('committed: a wrong phrase changes nothing; the right phrase and a reason end it, reason kept', async () => {
    const data = await dataFolder();
    const clock = new ManualClock(T0);
    const { service } = await data.open(clock);
    await service.start({ minutes: 90, intent: 'design the cache', mode: 'committed' });
    clock.advance(30 * MINUTE);
    const requirement = service.requestEnd();
    expect(requirement).toEqual({ kind: 'phrase', phrase: 'amber amber amber amber amber' });
    const before = data.journal();
    expect(await codeOf(() => service.end({ kind: 'phrase', phrase: 'amber amber amber', reason: 'meeting' }))).toBe('session-wrong-phrase');
    expect(await codeOf(() => service.end({ kind: 'confirm' }))).toBe('session-wrong-phrase');
    expect(await codeOf(() => service.end({ kind: 'phrase', phrase: 'amber amber amber amber amber', reason: '' }))).toBe('session-reason-required');
    expect(data.journal()).toEqual(before);
    expect(data.settingValues()).toEqual(['stillroom:s1', 'stillroom:s1']);

    const state = await service.end({ kind: 'phrase', phrase: 'amber amber amber amber amber', reason: 'a meeting was moved' });
    expect(state).toMatchObject({ phase: 'ended', session: { ending: { kind: 'ended-early', at: T0 + 30 * MINUTE, reason: 'a meeting was moved' } } });
    expect(data.settingValues()).toEqual([USER_VALUE, USER_VALUE]);
    expect(data.ended[0]!.session.ending).toEqual({ kind: 'ended-early', at: T0 + 30 * MINUTE, reason: 'a meeting was moved' });
  });

  it('locked: refuses to end before the deadline and says until when; flexible ends on a confirm', async () => {
    const data = await dataFolder();
    const clock = new ManualClock(T0);
    const { service } = await data.open(clock);
    await service.start({ minutes: 50, mode: 'locked' });
    expect(service.requestEnd()).toEqual({ kind: 'locked', until: T0 + 50 * MINUTE });
    expect(await codeOf(() => service.end({ kind: 'confirm' }))).toBe('session-locked');
    expect(service.state().phase).toBe('running');

    const other = await dataFolder();
    const flexible = (await other.open(new ManualClock(T0))).service;
    await flexible.start({ minutes: 50, mode: 'flexible' });
    expect(flexible.requestEnd()).toEqual({ kind: 'confirm' });
    expect(await flexible.end({ kind: 'confirm' })).toMatchObject({ phase: 'ended', session: { ending: { kind: 'ended-early', reason: null } } });
  });

  it('resumes after a crash with the right remaining time and its protections', async () => {
    const data = await dataFolder();
    const first = await data.open(new ManualClock(T0));
    await first.service.start({ minutes: 90, intent: 'prove Lemma 3', mode: 'committed' });
    // Crash: the first instance is simply abandoned (no dispose); the app starts again 40 minutes later.
    const clock = new ManualClock(T0 + 40 * MINUTE);
    const second = await data.open(clock);
    expect(second.service.state()).toMatchObject({
      phase: 'running',
      session: { id: 's1', intent: 'prove Lemma 3', endsAt: T0 + 90 * MINUTE },
      protections: [
        testStatus('blocking', 'active'),
        testStatus('notifications', 'active'),
      ],
    });
    expect(readCalls(data.world).slice(-2)).toEqual(['notifications recover-resume s1', 'blocking recover-resume s1']);
    expect(data.settingValues()).toEqual(['stillroom:s1', 'stillroom:s1']);
    const done = completion(second.service);
    clock.advance(50 * MINUTE);
    expect((await done).ending).toEqual({ kind: 'completed', at: T0 + 90 * MINUTE });
    expect(data.settingValues()).toEqual([USER_VALUE, USER_VALUE]);
  });

  it('records a session whose deadline passed while the app was closed as completed, and asks for the reflection', async () => {
    const data = await dataFolder();
    const first = await data.open(new ManualClock(T0));
    await first.service.start({ minutes: 25, intent: 'outline', mode: 'locked' });
    await first.service.dispose();
    expect(data.journal().phase).toBe('running');

    const second = await data.open(new ManualClock(T0 + 8 * 60 * MINUTE));
    expect(second.service.state()).toMatchObject({ phase: 'ended', session: { ending: { kind: 'completed', at: T0 + 25 * MINUTE } }, protections: [] });
    expect(data.journal().phase).toBe('ended');
    expect(data.settingValues()).toEqual([USER_VALUE, USER_VALUE]);
    // What each protection verifiably did comes from the journal, not from memory that died with the app.
    const didDuringSession = ids.map((id) => testStatus(id, 'active'));
    expect(data.ended.map((entry) => [entry.session.id, entry.protections])).toEqual([['s1', didDuringSession]]);
    // Each open hands it over again until it is reflected (the log keeps one file), so a failed write is retried.
    await data.open(new ManualClock(T0 + 9 * 60 * MINUTE));
    expect(data.ended.map((entry) => [entry.session.id, entry.protections])).toEqual([['s1', didDuringSession], ['s1', didDuringSession]]);
  });

  it('a crash (no dispose) after the session ended but before its reflection was written still hands over what the protections did', async () => {
    const data = await dataFolder();
    const clock = new ManualClock(T0);
    const first = await data.open(clock);
    await first.service.start({ minutes: 25, mode: 'flexible' });
    await first.service.end({ kind: 'confirm' });
    const atEnd = data.ended.at(-1)!.protections;
    expect(atEnd.map((status) => status.state)).toEqual(['active', 'active']);
    // The next start (the first process never disposed) hands over the same statuses from the journal.
    await data.open(clock);
    expect(data.ended.at(-1)!.protections).toEqual(atEnd);
  });

  it('a quit during a session keeps it running in the journal, with its protections on', async () => {
    const data = await dataFolder();
    const first = await data.open(new ManualClock(T0));
    await first.service.start({ minutes: 25 });
    await first.service.dispose();
    expect(data.journal().phase).toBe('running');
    expect(data.settingValues()).toEqual(['stillroom:s1', 'stillroom:s1']);
    const second = await data.open(new ManualClock(T0 + MINUTE));
    expect(second.service.state()).toMatchObject({ phase: 'running', session: { id: 's1' } });
  });

  it('on wake after sleeping across the deadline, ends the session at its deadline', async () => {
    const data = await dataFolder();
    const clock = new ManualClock(T0);
    const { service } = await data.open(clock);
    await service.start({ minutes: 25, mode: 'flexible' });
    clock.set(T0 + 10 * MINUTE); // slept 10 minutes: timers did not run
    expect(await service.onWake()).toMatchObject({ phase: 'running' });
    clock.set(T0 + 3 * 60 * MINUTE);
    const done = completion(service);
    expect(await service.onWake()).toMatchObject({ phase: 'ended', session: { ending: { kind: 'completed', at: T0 + 25 * MINUTE } } });
    expect((await done).id).toBe('s1');
    expect(data.settingValues()).toEqual([USER_VALUE, USER_VALUE]);
  });

  it('shows each protection honestly, including one that failed, and still turns it off at the end', async () => {
    const data = await dataFolder();
    const clock = new ManualClock(T0);
    const { service } = await data.open(clock, { notifications: { method: 'activate', point: 'mid', kind: 'throw' } });
    const state = await service.start({ minutes: 25, mode: 'flexible' });
    expect(state.phase === 'running' && state.protections).toEqual([
      testStatus('blocking', 'active'),
      { id: 'notifications', state: 'failed', error: 'notifications activate failed at mid' },
    ]);
    await service.end({ kind: 'confirm' });
    expect(data.settingValues()).toEqual([USER_VALUE, USER_VALUE]);
  });

  it('retries turning off what failed to turn off, with backoff, showing it failed meanwhile, and stops once it is off', async () => {
    const data = await dataFolder();
    const clock = new ManualClock(T0);
    const { service, logs } = await data.open(clock, { notifications: { method: 'deactivate', point: 'before', kind: 'throw', times: 2 } });
    await service.start({ minutes: 25, mode: 'flexible' });
    const ended = await service.end({ kind: 'confirm' });
    expect(ended.phase === 'ended' && ended.protections).toEqual([{ id: 'notifications', state: 'failed', error: expect.stringContaining('could not be turned off') }]);
    const protectionsNow = () => {
      const state = service.state();
      return state.phase === 'idle' ? [] : state.protections;
    };
    const deactivations = () => readCalls(data.world).filter((call) => call === 'notifications deactivate s1').length;
    expect(deactivations()).toBe(1);

    clock.advance(1999);
    expect(deactivations()).toBe(1);
    clock.advance(1);
    await vi.waitFor(() => expect(deactivations()).toBe(2));
    expect(protectionsNow()).toHaveLength(1);
    // The second retry waits twice as long.
    clock.advance(3999);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(deactivations()).toBe(2);
    clock.advance(1);
    await vi.waitFor(() => expect(protectionsNow()).toEqual([]));
    expect(data.settingValues()).toEqual([USER_VALUE, USER_VALUE]);
    expect(logs.join('\n')).toContain('protections turned off after 2 retries');
    clock.advance(600_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(deactivations()).toBe(3);
  });

  it('still ends the session when the journal cannot be written at the deadline, once it can', async () => {
    const data = await dataFolder();
    const clock = new ManualClock(T0);
    const { service, logs } = await data.open(clock);
    await service.start({ minutes: 25, mode: 'flexible' });
    // A non-empty folder where the journal should be: every atomic replace of it fails, as on a full disk.
    const journalPath = join(data.root, 'session', 'current.json');
    rmSync(journalPath);
    await mkdir(join(journalPath, 'blocker'), { recursive: true });
    clock.advance(25 * MINUTE);
    await vi.waitFor(() => expect(logs.some((line) => line.includes('retrying'))).toBe(true));
    expect(service.state().phase).toBe('running');

    rmSync(journalPath, { recursive: true });
    const done = completion(service);
    clock.advance(30_000);
    expect((await done).ending).toEqual({ kind: 'completed', at: T0 + 25 * MINUTE });
    expect(data.journal().phase).toBe('ended');
  });

  it('starts idle, keeping an unreadable journal aside', async () => {
    const data = await dataFolder();
    await mkdir(join(data.root, 'session'));
    writeFileSync(join(data.root, 'session', 'current.json'), '{"version":1,"record":{"phase":"running"');
    const { service, logs } = await data.open(new ManualClock(T0));
    expect(service.state().phase).toBe('idle');
    expect(existsSync(join(data.root, 'session', 'current.json.corrupt'))).toBe(true);
    expect(logs[0]).toMatch(/session journal unreadable/);
  });

  it('starts idle on a journal from a newer Stillroom, keeping it unchanged for that version', async () => {
    const data = await dataFolder();
    await mkdir(join(data.root, 'session'));
    const newer = JSON.stringify({ version: 4, record: { phase: 'running', elsewhere: true } });
    writeFileSync(join(data.root, 'session', 'current.json'), newer);
    const { service, logs } = await data.open(new ManualClock(T0));
    expect(service.state().phase).toBe('idle');
    expect(readFileSync(join(data.root, 'session', 'current.json.newer-v4'), 'utf8')).toBe(newer);
    expect(logs[0]).toMatch(/session journal written by a newer Stillroom \(version 4\); not read, kept unchanged at .*current\.json\.newer-v4/);
    expect(data.settingValues()).toEqual(ids.map(() => USER_VALUE));
  });

  it('reports the global shortcut status with the session', async () => {
    const data = await dataFolder();
    const { service, states } = await data.open(new ManualClock(T0));
    service.setShortcutStatus({ state: 'refused', accelerator: 'CommandOrControl+Alt+Shift+F' });
    expect(states.at(-1)).toEqual({ phase: 'idle', shortcut: { state: 'refused', accelerator: 'CommandOrControl+Alt+Shift+F' } });
  });
});
