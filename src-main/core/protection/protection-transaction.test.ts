import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtectionId } from '../../contract/protection';
import { ManualClock, systemClock } from '../clock';
import { FileSettingProtection, readCalls, testStatus, USER_VALUE, type Fault } from '../../../test-support/file-setting-protection';
import { ProtectionTransaction } from './protection-transaction';
import { bundleChildScript } from '../../../test-support/bundle-child';

const run = promisify(execFile);
const ids: ProtectionId[] = ['blocking', 'notifications'];
const session = { sessionId: 's1', endsAt: 4_000_000_000_000, mode: 'committed' as const };
const folders: string[] = [];

const STEP_TIMEOUT_MS = 20_000;

function setup(faults: Partial<Record<ProtectionId, Fault>> = {}, unavailable: ProtectionId[] = []) {
  const folder = mkdtempSync(join(tmpdir(), 'stillroom-protection-'));
  folders.push(folder);
  FileSettingProtection.seed(folder, ids);
  return open(folder, faults, unavailable);
}

/** Time is a manual clock: a hanging protection moves it past the step timeout, so no test waits for real. */
function open(folder: string, faults: Partial<Record<ProtectionId, Fault>> = {}, unavailable: ProtectionId[] = []) {
  const clock = new ManualClock(1_000_000);
  const onHang = () => clock.advance(STEP_TIMEOUT_MS);
  const protections = ids.map((id) => new FileSettingProtection(id, folder, faults[id] ?? null, unavailable.includes(id), onHang));
  const journalPath = join(folder, 'protections.json');
  const transaction = new ProtectionTransaction(journalPath, protections, { clock, stepTimeoutMs: STEP_TIMEOUT_MS });
  return { folder, protections, journalPath, transaction };
}

const journalSteps = (path: string) =>
  existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { steps: { id: string; phase: string }[] }).steps : [];

afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('ProtectionTransaction', () => {
  it('turns every protection on in order and off in reverse, restoring exactly what was there', async () => {
    const { folder, protections, journalPath, transaction } = setup();
    await transaction.recover(null);
    const progress: string[][] = [];
    const statuses = await transaction.activate(session, (list) => progress.push(list.map((status) => status.state)));
    expect(statuses).toEqual([
      testStatus('blocking', 'active'),
      testStatus('notifications', 'active'),
    ]);
    expect(progress).toEqual([
      ['pending', 'pending'],
      ['active', 'pending'],
      ['active', 'active'],
    ]);
    expect(protections.map((protection) => protection.currentValue())).toEqual(['stillroom:s1', 'stillroom:s1']);
    expect(journalSteps(journalPath)).toEqual([
      expect.objectContaining({ id: 'blocking', phase: 'active' }),
      expect.objectContaining({ id: 'notifications', phase: 'active' }),
    ]);

    expect(await transaction.deactivate(session)).toEqual([]);
    expect(protections.map((protection) => protection.currentValue())).toEqual([USER_VALUE, USER_VALUE]);
    expect(protections.some((protection) => protection.hasSnapshot())).toBe(false);
    expect(existsSync(journalPath)).toBe(false);
    expect(readCalls(folder)).toEqual([
      'blocking activate s1',
      'notifications activate s1',
      'notifications deactivate s1',
      'blocking deactivate s1',
    ]);
  });

  it('reports unavailable as the protection says, and a throw or a hang as failed, without stopping the others', async () => {
    const thrown = setup({ blocking: { method: 'activate', point: 'mid', kind: 'throw' } }, ['notifications']);
    expect(await thrown.transaction.activate(session)).toEqual([
      { id: 'blocking', state: 'failed', error: 'blocking activate failed at mid' },
      testStatus('notifications', 'unavailable'),
    ]);
    // The failed one had half-acted (snapshot taken): ending still undoes it.
    expect(await thrown.transaction.deactivate(session)).toEqual([]);
    expect(thrown.protections[0]!.hasSnapshot()).toBe(false);
    expect(thrown.protections[0]!.currentValue()).toBe(USER_VALUE);

    const hung = setup({ notifications: { method: 'activate', point: 'after', kind: 'hang' } });
    const statuses = await hung.transaction.activate(session);
    expect(statuses[0]).toEqual(testStatus('blocking', 'active'));
    expect(statuses[1]).toEqual({ id: 'notifications', state: 'failed', error: 'no answer within 20 s' });
    expect(await hung.transaction.deactivate(session)).toEqual([]);
    expect(hung.protections.map((protection) => protection.currentValue())).toEqual([USER_VALUE, USER_VALUE]);
  });

  it('keeps a protection that could not be turned off in the journal and undoes it on the next start', async () => {
    const first = setup({ blocking: { method: 'deactivate', point: 'before', kind: 'throw' } });
    await first.transaction.activate(session);
    expect(await first.transaction.deactivate(session)).toEqual([
      { id: 'blocking', state: 'failed', error: 'could not be turned off: blocking deactivate failed at before' },
    ]);
    expect(journalSteps(first.journalPath)).toEqual([expect.objectContaining({ id: 'blocking', phase: 'deactivating' })]);
    expect(first.protections[0]!.currentValue()).toBe('stillroom:s1');

    const next = open(first.folder);
    expect(await next.transaction.recover(null)).toEqual([]);
    expect(next.protections.map((protection) => protection.currentValue())).toEqual([USER_VALUE, USER_VALUE]);
    expect(existsSync(next.journalPath)).toBe(false);
    expect(readCalls(first.folder).slice(-1)).toEqual(['blocking recover-undo s1']);
  });

  it('tells active protections about an extension and journals the new end', async () => {
    const { folder, journalPath, transaction } = setup({}, ['notifications']);
    const statuses = await transaction.activate(session);
    const later = { ...session, endsAt: session.endsAt + 900_000 };
    expect(await transaction.extend(later, statuses)).toEqual([
      testStatus('blocking', 'extended'),
      testStatus('notifications', 'unavailable'),
    ]);
    expect(readCalls(folder).filter((call) => call.includes('extend'))).toEqual(['blocking extend s1']);
    const blockingStep = JSON.parse(readFileSync(journalPath, 'utf8')).steps.find((step: { id: string }) => step.id === 'blocking');
    expect(blockingStep.session.endsAt).toBe(later.endsAt);
  });

  it('extends a begun protection that asks to learn the new end even when it is not active (a lease for apps alone)', async () => {
    const { folder, protections, transaction } = setup({}, ['blocking']);
    Object.defineProperty(protections[0], 'extendsWhenInactive', { value: true });
    const statuses = await transaction.activate(session);
    expect(statuses[0]).toEqual(testStatus('blocking', 'unavailable'));
    const later = { ...session, endsAt: session.endsAt + 900_000 };
    await transaction.extend(later, statuses);
    expect(readCalls(folder).filter((call) => call.includes('extend'))).toEqual(['blocking extend s1', 'notifications extend s1']);
  });

  it('moves an unreadable journal aside and starts clean', async () => {
    const { journalPath, transaction, folder } = setup();
    writeFileSync(journalPath, '{"version":1,"steps":[{"id":"blocking"');
    const logged: string[] = [];
    const withLog = new ProtectionTransaction(journalPath, [], { clock: systemClock, log: (_level, text) => logged.push(text) });
    expect(await withLog.recover(null)).toEqual([]);
    expect(existsSync(`${journalPath}.corrupt`)).toBe(true);
    expect(logged[0]).toMatch(/unreadable/);
    expect(await transaction.recover(null)).toEqual([]);
    expect(readCalls(folder)).toEqual([]);
  });

  it('does not replay a journal from a newer Stillroom, and keeps it unchanged for that version', async () => {
    const { journalPath, folder } = setup();
    const newer = JSON.stringify({ version: 2, steps: [{ id: 'blocking', phase: 'active', undo: 'a newer shape' }] });
    writeFileSync(journalPath, newer);
    const logged: string[] = [];
    const withLog = new ProtectionTransaction(journalPath, [], { clock: systemClock, log: (_level, text) => logged.push(text) });
    expect(await withLog.recover(null)).toEqual([]);
    expect(readFileSync(`${journalPath}.newer-v2`, 'utf8')).toBe(newer);
    expect(existsSync(journalPath)).toBe(false);
    expect(logged[0]).toMatch(/protection journal written by a newer Stillroom \(version 2\); not replayed, kept unchanged/);
    expect(readCalls(folder)).toEqual([]);
  });

  it('refuses to act when the journal cannot be written first', async () => {
    const { folder, protections } = setup();
    // A journal path inside a regular file can never be written.
    const blocked = new ProtectionTransaction(join(folder, 'blocking.setting', 'journal.json'), protections, { clock: systemClock });
    const statuses = await blocked.activate(session);
    expect(statuses.every((status) => status.state === 'failed' && status.error.startsWith('not started'))).toBe(true);
    expect(readCalls(folder)).toEqual([]);
    expect(protections.map((protection) => protection.currentValue())).toEqual([USER_VALUE, USER_VALUE]);
  });
});

describe('ProtectionTransaction after a crash (a real process killed at each step)', () => {
  // Bundled once, so each crash costs a plain `node` start rather than a TypeScript loader's.
  let child = '';
  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'stillroom-crash-child-'));
    folders.push(folder);
    child = await bundleChildScript(resolve(import.meta.dirname, '../../../test-support/protection-crash-child.ts'), folder);
  });
  const cases = ids.flatMap((id) =>
    (['activate', 'deactivate'] as const).flatMap((method) => (['before', 'mid', 'after'] as const).map((point) => ({ id, method, point }))),
  );

  it.each(cases)('crash in $id $method at $point: undone exactly, or resumed while the session runs', async ({ id, method, point }) => {
    const { folder, journalPath } = setup();
    const crashed = await run(process.execPath, [child, folder, journalPath, id, method, point], { timeout: 30_000 }).then(
      () => 'exited normally',
      (error: { signal?: string }) => error.signal,
    );
    expect(crashed).toBe('SIGKILL');
    // The step that was about to act is in the journal: journaled before acting.
    // Activation goes in order and undoing in reverse, so the protections up to the crashing one are the ones begun.
    const touched = ids.slice(0, ids.indexOf(id) + 1);
    expect(journalSteps(journalPath).map((step) => step.id).sort()).toEqual([...touched].sort());
    expect(journalSteps(journalPath).find((step) => step.id === id)?.phase).toBe(method === 'activate' ? 'activating' : 'deactivating');
    const before = readCalls(folder).length;

    // Variant 1: the session is over on the next start; everything begun is undone, nothing else is touched.
    const resumeFolder = mkdtempSync(join(tmpdir(), 'stillroom-protection-'));
    folders.push(resumeFolder);
    cpSync(folder, resumeFolder, { recursive: true });
    const undo = open(folder);
    expect(await undo.transaction.recover(null)).toEqual([]);
    expect(undo.protections.map((protection) => protection.currentValue())).toEqual([USER_VALUE, USER_VALUE]);
    expect(undo.protections.some((protection) => protection.hasSnapshot())).toBe(false);
    expect(existsSync(journalPath)).toBe(false);
    expect(readCalls(folder).slice(before).sort()).toEqual(touched.map((touchedId) => `${touchedId} recover-undo s1`).sort());

    // Variant 2: the session still runs; begun steps resume and the rest are turned on, all verified active.
    const resume = open(resumeFolder);
    const statuses = await resume.transaction.recover(session);
    expect(statuses).toEqual(ids.map((protectionId) => testStatus(protectionId, 'active')));
    expect(resume.protections.map((protection) => protection.currentValue())).toEqual(['stillroom:s1', 'stillroom:s1']);
    expect(await resume.transaction.deactivate(session)).toEqual([]);
    expect(resume.protections.map((protection) => protection.currentValue())).toEqual([USER_VALUE, USER_VALUE]);
  });
});

describe('ProtectionTransaction under random faults (in process: an abandoned step stands in for a crash)', () => {
  const fault = fc.option(
    fc.record({
      method: fc.constantFrom('activate' as const, 'deactivate' as const, 'extend' as const),
      point: fc.constantFrom('before' as const, 'mid' as const, 'after' as const),
      kind: fc.constantFrom('throw' as const, 'hang' as const),
    }),
    { nil: null },
  );

  it('always restores every setting once the session is over, whatever failed', async () => {
    await fc.assert(
      fc.asyncProperty(fault, fault, fc.boolean(), fc.boolean(), async (blockingFault, notificationsFault, unavailable, abandon) => {
        const faults = { blocking: blockingFault ?? undefined, notifications: notificationsFault ?? undefined };
        const { folder, transaction } = setup(faults as Partial<Record<ProtectionId, Fault>>, unavailable ? ['notifications'] : []);
        const statuses = await transaction.activate(session);
        await transaction.extend({ ...session, endsAt: session.endsAt + 900_000 }, statuses);
        if (!abandon) await transaction.deactivate(session);
        // Next start: the same journal, protections that now behave.
        const next = open(folder);
        await next.transaction.recover(null);
        expect(next.protections.map((protection) => protection.currentValue())).toEqual([USER_VALUE, USER_VALUE]);
        expect(next.protections.some((protection) => protection.hasSnapshot())).toBe(false);
        expect(existsSync(next.journalPath)).toBe(false);
      }),
      { numRuns: 50 },
    );
  }, 60_000);
});
