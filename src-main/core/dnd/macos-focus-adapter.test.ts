import { describe, expect, it } from 'vitest';
import { MacFocusAdapter } from './macos-focus-adapter';
import { exit, ok, recordingRunner } from '../../../test-support/recording-runner';

// `shortcuts` exists only on macOS; these tests pin the exact calls and how each answer is read.
const LIST = 'Morning\nStillroom Focus\nWork log\n';

describe('macOS Focus through the Stillroom Focus Shortcut', () => {
  it('checks the Shortcut is installed, asks its status on standard input, then runs it on and off', async () => {
    const { run, calls } = recordingRunner({
      '/usr/bin/shortcuts list': ok(LIST),
      '/usr/bin/shortcuts run Stillroom Focus <status': ok('off\n'),
      '/usr/bin/shortcuts run Stillroom Focus <on': ok(),
      '/usr/bin/shortcuts run Stillroom Focus <off': ok(),
    });
    const mac = new MacFocusAdapter(run);
    const found = await mac.read();
    expect(found).toEqual({ focus: 'off' });
    expect(mac.known(found)).toBe(true);
    await mac.write(mac.muted());
    await mac.write(found);
    expect(calls).toEqual([
      { file: '/usr/bin/shortcuts', args: ['list'], timeoutMs: 20_000 },
      { file: '/usr/bin/shortcuts', args: ['run', 'Stillroom Focus'], timeoutMs: 20_000, input: 'status' },
      { file: '/usr/bin/shortcuts', args: ['run', 'Stillroom Focus'], timeoutMs: 20_000, input: 'on' },
      { file: '/usr/bin/shortcuts', args: ['run', 'Stillroom Focus'], timeoutMs: 20_000, input: 'off' },
    ]);
  });

  it('says the Shortcut is missing (by its exact name) and runs nothing', async () => {
    const { run, calls } = recordingRunner({ '/usr/bin/shortcuts list': ok('Stillroom focus\nStillroom Focus copy\n') });
    await expect(new MacFocusAdapter(run).read()).rejects.toMatchObject({ unavailable: { reason: 'shortcut-missing', name: 'Stillroom Focus' } });
    expect(calls).toHaveLength(1);
  });

  it('reads "on" as already muted, and an answer it cannot read as unknown: ours to turn off at the end', async () => {
    const status = (answer: string) => new MacFocusAdapter(recordingRunner({ '/usr/bin/shortcuts list': ok(LIST), '/usr/bin/shortcuts run': ok(answer) }).run).read();
    const mac = new MacFocusAdapter(recordingRunner({}).run);
    expect(mac.isMuted(await status('On\n'))).toBe(true);
    const unknown = await status('');
    expect(unknown).toEqual({ focus: 'unknown' });
    expect(mac.known(unknown)).toBe(false);
    expect(mac.isMuted(unknown)).toBe(false);
    // Unreadable cannot show the user's change, so the journal's "we turned it on" decides: it is turned off.
    expect(mac.same(unknown, mac.muted())).toBe(true);
    expect(mac.same({ focus: 'off' }, mac.muted())).toBe(false);
  });

  it('reports a Shortcut that fails or hangs, and macOS without the shortcuts tool', async () => {
    const failing = recordingRunner({ '/usr/bin/shortcuts list': ok(LIST), '/usr/bin/shortcuts run': exit(1, 'Error: The operation couldn’t be completed.') });
    await expect(new MacFocusAdapter(failing.run).write({ focus: 'on' })).rejects.toMatchObject({ unavailable: { reason: 'command-failed', method: 'macos-focus', command: 'shortcuts' } });
    const hanging = recordingRunner({ '/usr/bin/shortcuts list': { kind: 'timeout' } });
    await expect(new MacFocusAdapter(hanging.run).read()).rejects.toMatchObject({ unavailable: { reason: 'command-failed', message: 'shortcuts: no answer in time' } });
    await expect(new MacFocusAdapter(recordingRunner({}).run).read()).rejects.toMatchObject({ unavailable: { reason: 'command-missing', command: 'shortcuts' } });
  });
});
