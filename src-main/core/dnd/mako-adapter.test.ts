import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DndUnavailable } from './dnd-adapter';
import { MakoAdapter, makoConfigPaths, makoModeHides } from './mako-adapter';
import { exit, ok, recordingRunner } from '../../../test-support/recording-runner';

// makoctl needs a running mako, which needs a Wayland compositor: not on this machine. Its config file is real.
const folder = mkdtempSync(join(tmpdir(), 'stillroom-mako-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const config = (text: string) => {
  const path = join(folder, `config-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, text);
  return path;
};
const HIDING = '[mode=do-not-disturb]\ninvisible=1\n';

describe('mako', () => {
  it('finds the config where mako does', () => {
    expect(makoConfigPaths({ XDG_CONFIG_HOME: '/x' }, '/home/a')).toEqual(['/x/mako/config', '/home/a/.mako/config']);
    expect(makoConfigPaths({}, '/home/a')).toEqual(['/home/a/.config/mako/config', '/home/a/.mako/config']);
  });

  it('knows a mode hides notifications only from its own section', () => {
    expect(makoModeHides('font=x\n[mode=do-not-disturb]\ninvisible = true\n', 'do-not-disturb')).toBe(true);
    expect(makoModeHides('invisible=1\n[mode=do-not-disturb]\nborder-size=2\n', 'do-not-disturb')).toBe(false);
    expect(makoModeHides('[mode=do-not-disturb]\ninvisible=0\n', 'do-not-disturb')).toBe(false);
    expect(makoModeHides('[mode=do-not-disturb urgency=low]\ninvisible=1\n', 'do-not-disturb')).toBe(false);
  });

  it('refuses to claim a mute when the config has no hiding do-not-disturb mode (and asks makoctl nothing)', async () => {
    for (const paths of [[join(folder, 'missing')], [config('[mode=do-not-disturb]\nborder-size=2\n')]]) {
      const { run, calls } = recordingRunner({});
      await expect(new MakoAdapter(run, paths).read()).rejects.toEqual(
        new DndUnavailable({ reason: 'mode-not-configured', method: 'mako', mode: 'do-not-disturb' }),
      );
      expect(calls).toEqual([]);
    }
  });

  it('reads the modes, adds do-not-disturb, and restores the exact list', async () => {
    const legacy = join(folder, 'home', '.mako');
    mkdirSync(legacy, { recursive: true });
    writeFileSync(join(legacy, 'config'), HIDING);
    const { run, calls } = recordingRunner({ 'makoctl mode': ok('default\nwork\n'), 'makoctl mode -s': ok() });
    const mako = new MakoAdapter(run, [join(folder, 'nowhere'), join(legacy, 'config')]);
    const found = await mako.read();
    expect(found).toEqual({ modes: ['default', 'work'] });
    expect(mako.isMuted(found)).toBe(false);
    const muted = mako.muted(found);
    await mako.write(muted);
    await mako.write(found);
    expect(calls.map((call) => [call.file, ...call.args])).toEqual([
      ['makoctl', 'mode'],
      ['makoctl', 'mode', '-s', 'default', 'work', 'do-not-disturb'],
      ['makoctl', 'mode', '-s', 'default', 'work'],
    ]);
    expect(mako.same({ modes: ['work', 'do-not-disturb', 'default'] }, muted)).toBe(true);
    expect(mako.same({ modes: ['default', 'work'] }, muted)).toBe(false);
    expect(mako.isMuted({ modes: ['do-not-disturb'] })).toBe(true);
  });

  it('never sets an empty list of modes', async () => {
    const { run, calls } = recordingRunner({ 'makoctl mode -s': ok() });
    await new MakoAdapter(run, [config(HIDING)]).write({ modes: [] });
    expect(calls[0]?.args).toEqual(['mode', '-s', 'default']);
  });

  it('reports makoctl missing, refusing or hanging as a typed reason', async () => {
    const paths = [config(HIDING)];
    await expect(new MakoAdapter(recordingRunner({}).run, paths).read()).rejects.toMatchObject({ unavailable: { reason: 'command-missing', method: 'mako', command: 'makoctl' } });
    await expect(new MakoAdapter(recordingRunner({ 'makoctl mode': exit(1, 'Failed to connect to mako') }).run, paths).read()).rejects.toMatchObject({
      unavailable: { reason: 'command-failed', command: 'makoctl', message: 'makoctl: exit status 1 (Failed to connect to mako)' },
    });
    await expect(new MakoAdapter(recordingRunner({ 'makoctl mode': { kind: 'timeout' } }).run, paths).read()).rejects.toMatchObject({
      unavailable: { reason: 'command-failed', message: 'makoctl: no answer in time' },
    });
  });

  it('parses only states it writes from the journal', () => {
    const mako = new MakoAdapter(recordingRunner({}).run, []);
    expect(mako.parse({ modes: ['default'] })).toEqual({ modes: ['default'] });
    expect(mako.parse({ modes: 'default' })).toBeNull();
    expect(mako.parse({ paused: true })).toBeNull();
  });
});
