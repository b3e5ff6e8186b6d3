import { describe, expect, it } from 'vitest';
import { describeFailure, execFileOutput, execFileRunner } from './command-runner';

describe('command runner (real programs)', () => {
  it('returns what a program printed', async () => {
    expect(await execFileOutput('/bin/echo', ['a b', '$HOME'], 5000)).toEqual({ kind: 'ok', stdout: 'a b $HOME\n', stderr: '' });
  });

  it('tells a non-zero exit, a missing program and a time-out apart', async () => {
    expect(await execFileOutput('/bin/sh', ['-c', 'echo out; echo err >&2; exit 3'], 5000)).toEqual({ kind: 'exit', code: 3, stdout: 'out\n', stderr: 'err\n' });
    expect(await execFileOutput('/no/such/program', [], 5000)).toEqual({ kind: 'missing' });
    expect(await execFileOutput('/bin/sleep', ['5'], 100)).toEqual({ kind: 'timeout' });
  });

  it('reports only success or a described failure where output does not matter', async () => {
    expect(await execFileRunner('/bin/true', [], 5000)).toEqual({ ok: true });
    expect(await execFileRunner('/bin/sh', ['-c', 'echo nope >&2; exit 2'], 5000)).toEqual({ ok: false, error: '/bin/sh: exit status 2 (nope)' });
    expect(describeFailure('dunstctl', { kind: 'timeout' })).toBe('dunstctl: no answer in time');
  });
});
