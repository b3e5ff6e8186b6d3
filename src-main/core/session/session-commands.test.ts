import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SessionPrefs, type CommitmentMode } from '../../contract/session';
import { ManualClock } from '../clock';
import { JsonFileSettingsStorage } from '../settings/json-file-storage';
import { SettingsService } from '../settings/settings-service';
import { parseArgv } from './command-line';
import { runSessionCommand } from './session-commands';
import { FocusSessionService } from './session-service';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

async function open(defaultMode: CommitmentMode = 'flexible') {
  const folder = mkdtempSync(join(tmpdir(), 'stillroom-commands-'));
  folders.push(folder);
  const clock = new ManualClock(Date.UTC(2026, 10, 30, 9));
  const settings = await SettingsService.open(new JsonFileSettingsStorage(join(folder, 'settings.json')), clock);
  await settings.update({ session: SessionPrefs.parse({ defaultMode, defaultMinutes: 50, lastIntent: 'write the proof' }) });
  const service = await FocusSessionService.open({ folder: join(folder, 'session'), clock, settings, protections: [], log: () => undefined });
  const run = (argv: string[], confirmed = true) => {
    const parsed = parseArgv(argv);
    if (!parsed.ok || !parsed.command) throw new Error('test argv must parse');
    return runSessionCommand(service, parsed.command, { prefs: settings.get().session, confirmed });
  };
  return { service, run };
}

describe('runSessionCommand', () => {
  it('starts with the defaults and the last intent, refuses a second start, stops a flexible session', async () => {
    const { run } = await open();
    expect(await run(['--start'])).toMatchObject({ kind: 'started', state: { session: { plannedMinutes: 50, intent: 'write the proof', mode: 'flexible' } } });
    expect(await run(['--start', '25'])).toEqual({ kind: 'already-running' });
    expect(await run(['--toggle'], false)).toEqual({ kind: 'confirm-needed' });
    expect(await run(['--stop'])).toMatchObject({ kind: 'ended', state: { phase: 'ended' } });
    expect(await run(['--stop'])).toEqual({ kind: 'nothing-running' });
    expect(await run(['--toggle'])).toMatchObject({ kind: 'started', state: { phase: 'running' } });
  });

  it('respects the mode: committed needs the window, locked is refused with its end time', async () => {
    const committed = await open('committed');
    await committed.run(['--start', '90', '--intent', 'derive the bound']);
    expect(await committed.run(['--stop'])).toEqual({ kind: 'phrase-needed' });
    expect(committed.service.state().phase).toBe('running');

    const locked = await open();
    const started = await locked.run(['--start', '25', '--mode', 'locked']);
    const endsAt = started.kind === 'started' && started.state.phase === 'running' ? started.state.session.endsAt : 0;
    expect(await locked.run(['--toggle'])).toEqual({ kind: 'locked', until: endsAt });
    expect(locked.service.state().phase).toBe('running');
  });

  it('starts a flexible session from a link even where the default mode is locked', async () => {
    for (const link of ['stillroom://start?minutes=240', 'stillroom://toggle']) {
      const { run, service } = await open('locked');
      expect(await run([link])).toMatchObject({ kind: 'started', state: { session: { mode: 'flexible' } } });
      expect(await run(['--stop'])).toMatchObject({ kind: 'ended' });
      expect(service.state().phase).toBe('ended');
    }
  });
});
