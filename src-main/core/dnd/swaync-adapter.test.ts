import { describe, expect, it } from 'vitest';
import { exit, ok, recordingRunner } from '../../../test-support/recording-runner';
import { SwayncAdapter } from './swaync-adapter';

// swaync-client talks to SwayNotificationCenter, a Wayland (layer-shell) program that cannot run on this machine.
describe('swaync', () => {
  it('reads, turns on and turns off Do Not Disturb with the exact flags, never waiting for a daemon to start', async () => {
    const { run, calls } = recordingRunner({ 'swaync-client --get-dnd': ok('false\n'), 'swaync-client --dnd-on': ok('true\n'), 'swaync-client --dnd-off': ok('false\n') });
    const swaync = new SwayncAdapter(run);
    const found = await swaync.read();
    expect(found).toEqual({ dnd: false });
    await swaync.write(swaync.muted());
    await swaync.write(found);
    expect(calls).toEqual([
      { file: 'swaync-client', args: ['--get-dnd', '--skip-wait'], timeoutMs: 5000 },
      { file: 'swaync-client', args: ['--dnd-on', '--skip-wait'], timeoutMs: 5000 },
      { file: 'swaync-client', args: ['--dnd-off', '--skip-wait'], timeoutMs: 5000 },
    ]);
    expect(swaync.isMuted({ dnd: true })).toBe(true);
  });

  it('turns an answer it cannot read, a refusal, a time-out and a missing program into typed reasons', async () => {
    const read = (answer: Parameters<typeof recordingRunner>[0][string]) => new SwayncAdapter(recordingRunner({ 'swaync-client --get-dnd': answer }).run).read();
    await expect(read(ok('maybe'))).rejects.toMatchObject({ unavailable: { reason: 'command-failed', method: 'swaync', message: 'unexpected answer: "maybe"' } });
    await expect(read(exit(1, 'could not connect to CC service'))).rejects.toMatchObject({ unavailable: { reason: 'command-failed', command: 'swaync-client' } });
    await expect(read({ kind: 'timeout' })).rejects.toMatchObject({ unavailable: { reason: 'command-failed', message: 'swaync-client: no answer in time' } });
    await expect(new SwayncAdapter(recordingRunner({}).run).read()).rejects.toMatchObject({ unavailable: { reason: 'command-missing', command: 'swaync-client' } });
  });
});
