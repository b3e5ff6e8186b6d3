import { describe, expect, it } from 'vitest';
import type { MemoValue, ProtectionMemo } from '../protection/protection';
import type { DndEnvironment } from './detect-adapter';
import { NotificationsProtection } from './notifications-protection';
import { exit, ok, recordingRunner, type Answer, type RecordedCall } from '../../../test-support/recording-runner';

// The rules with real programs are in e2e/system/notifications*.test.ts (dunst, GSettings, xfconf, a D-Bus Inhibit).
// Here, the cases those programs cannot produce on demand: a mute that does not read back, a Shortcut that cannot
// report Focus, a write that fails, and the order of journal and write. macOS `shortcuts` cannot run here.
const session = { sessionId: 's1', endsAt: 4_000_000_000_000, mode: 'flexible' as const };

function memo(initial?: MemoValue) {
  let saved = initial;
  const events: string[] = [];
  const value: ProtectionMemo = {
    saved: () => saved,
    record: async (next) => {
      events.push(`record ${JSON.stringify(next)}`);
      saved = next;
    },
  };
  return { memo: value, events, saved: () => saved };
}

function mac(rules: Record<string, Answer>, events: string[] = []) {
  const recorder = recordingRunner({ '/usr/bin/shortcuts list': ok('Stillroom Focus\n'), ...rules });
  const run: DndEnvironment['run'] = (file, args, timeoutMs, input) => {
    if (input) events.push(`run ${input}`);
    return recorder.run(file, args, timeoutMs, input);
  };
  const logs: string[] = [];
  const protection = new NotificationsProtection({
    environment: { platform: 'darwin', env: {}, run, connectBus: () => null },
    enabled: () => true,
    log: (_level, message) => logs.push(message),
  });
  return { protection, calls: recorder.calls, logs };
}
const inputs = (calls: RecordedCall[]) => calls.filter((call) => call.input).map((call) => call.input);

describe('NotificationsProtection rules', () => {
  it('records what it found and what it will write before it writes anything', async () => {
    const journal = memo();
    let focus = 'off';
    const { protection } = mac({ '/usr/bin/shortcuts run': (call) => ((focus = call.input === 'status' ? focus : call.input!), ok(call.input === 'status' ? focus : '')) }, journal.events);
    const status = await protection.activate(session, journal.memo);
    expect(status).toEqual({ id: 'notifications', state: 'active', detail: { method: 'macos-focus', verified: true, alreadyMuted: false } });
    expect(journal.events.filter((event) => !event.startsWith('run status'))).toEqual([
      `record ${JSON.stringify({ method: 'macos-focus', found: { focus: 'off' }, wrote: { focus: 'on' }, restored: false })}`,
      'run on',
    ]);
  });

  it('reports a mute it could not read back as not verified, never active; the end touches only a state that is ours', async () => {
    const journal = memo();
    const { protection, calls } = mac({ '/usr/bin/shortcuts run': (call) => ok(call.input === 'status' ? 'off' : '') });
    expect(await protection.activate(session, journal.memo)).toEqual({ id: 'notifications', state: 'unavailable', unavailable: { reason: 'not-verified', method: 'macos-focus' } });
    // Focus still reads off, which is not what we wrote: nothing is turned off at the end.
    await protection.deactivate(session, journal.memo);
    expect(inputs(calls)).toEqual(['status', 'on', 'status', 'status']);
  });

  it('where Focus cannot be read, says "not checked" and turns off at the end what the journal says it turned on', async () => {
    const journal = memo();
    const { protection, calls } = mac({ '/usr/bin/shortcuts run': ok('') });
    expect(await protection.activate(session, journal.memo)).toEqual({
      id: 'notifications',
      state: 'active',
      detail: { method: 'macos-focus', verified: false, alreadyMuted: false },
    });
    await protection.deactivate(session, journal.memo);
    expect(inputs(calls)).toEqual(['status', 'on', 'status', 'status', 'off', 'status']);
  });

  it('a write that fails is a typed reason, and the end leaves the state alone when it is not what we wrote', async () => {
    const journal = memo();
    const { protection, calls } = mac({ '/usr/bin/shortcuts run Stillroom Focus <status': ok('off'), '/usr/bin/shortcuts run Stillroom Focus <on': exit(1, 'Focus is managed by your organisation') });
    expect(await protection.activate(session, journal.memo)).toMatchObject({ state: 'unavailable', unavailable: { reason: 'command-failed', method: 'macos-focus', command: 'shortcuts' } });
    await protection.deactivate(session, journal.memo);
    expect(inputs(calls)).toEqual(['status', 'on', 'status']);
  });

  it('already on: changes nothing, restores nothing, and a restart finds nothing to undo', async () => {
    const journal = memo();
    const { protection, calls } = mac({ '/usr/bin/shortcuts run': ok('on') });
    expect(await protection.activate(session, journal.memo)).toMatchObject({ detail: { method: 'macos-focus', verified: true, alreadyMuted: true } });
    await protection.deactivate(session, journal.memo);
    expect(await protection.recover(session, false, journal.memo)).toBeNull();
    expect(inputs(calls)).toEqual(['status']);
  });

  it('extend reports the user turning Focus off during the session, and the end then leaves it off', async () => {
    const journal = memo();
    let focus = 'off';
    const { protection, calls, logs } = mac({ '/usr/bin/shortcuts run': (call) => ((focus = call.input === 'status' ? focus : call.input!), ok(call.input === 'status' ? focus : '')) });
    await protection.activate(session, journal.memo);
    focus = 'off';
    expect(await protection.extend(session, journal.memo)).toEqual({ id: 'notifications', state: 'unavailable', unavailable: { reason: 'changed-by-user', method: 'macos-focus' } });
    await protection.deactivate(session, journal.memo);
    expect(inputs(calls).filter((input) => input !== 'status')).toEqual(['on']);
    expect(logs).toEqual(['notifications: macos-focus was changed during the session; the user\'s choice stays']);
  });

  it('suspend on quit restores and notes it, so the next start mutes again from scratch if the session still runs', async () => {
    const journal = memo();
    let focus = 'off';
    const { protection, calls } = mac({ '/usr/bin/shortcuts run': (call) => ((focus = call.input === 'status' ? focus : call.input!), ok(call.input === 'status' ? focus : '')) });
    await protection.activate(session, journal.memo);
    await protection.suspend();
    expect(focus).toBe('off');
    expect(journal.saved()).toMatchObject({ restored: true });
    expect(await protection.recover(session, true, journal.memo)).toMatchObject({ state: 'active' });
    expect(focus).toBe('on');
    expect(inputs(calls).filter((input) => input !== 'status')).toEqual(['on', 'off', 'on']);
  });

  it('ignores a journal memo it does not recognise instead of writing something it never saw', async () => {
    const journal = memo({ method: 'macos-focus', found: { focus: 'sideways' }, wrote: { focus: 'on' }, restored: false });
    const { protection, calls, logs } = mac({ '/usr/bin/shortcuts run': ok('on') });
    expect(await protection.recover(session, false, journal.memo)).toBeNull();
    expect(inputs(calls)).toEqual([]);
    expect(logs[0]).toMatch(/not one Stillroom writes/);
  });

  it('turned off in Settings: asks the system nothing', async () => {
    const { run, calls } = recordingRunner({});
    const protection = new NotificationsProtection({ environment: { platform: 'darwin', env: {}, run, connectBus: () => null }, enabled: () => false, log: () => undefined });
    expect(await protection.activate(session, memo().memo)).toEqual({ id: 'notifications', state: 'unavailable', unavailable: { reason: 'turned-off' } });
    expect(calls).toEqual([]);
  });
});
