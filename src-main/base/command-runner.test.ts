import { describe, expect, it } from 'vitest';
import { describeFailure, execFileOutput, execFileRunner, outputRunnerIn } from './command-runner';

describe('command runner (real programs)', () => {
  it('returns what a program printed', async () => {
    expect(await execFileOutput('/bin/echo', ['a b', '$HOME'], 5000)).toEqual({ kind: 'ok', stdout: 'a b $HOME\n', stderr: '' });
  });

  it('writes the given input to the program, and closes standard input when there is none', async () => {
    expect(await execFileOutput('/bin/cat', [], 5000, 'status')).toEqual({ kind: 'ok', stdout: 'status', stderr: '' });
    expect(await execFileOutput('/bin/cat', [], 5000)).toEqual({ kind: 'ok', stdout: '', stderr: '' });
  });

  it('runs programs untranslated, so their answers can be read', async () => {
    const saved = process.env.LANGUAGE;
    process.env.LANGUAGE = 'zh_CN';
    try {
      expect(await execFileOutput('/bin/sh', ['-c', 'echo "$LC_ALL|$LANGUAGE"'], 5000)).toMatchObject({ stdout: 'C.UTF-8|\n' });
    } finally {
      if (saved === undefined) delete process.env.LANGUAGE;
      else process.env.LANGUAGE = saved;
    }
  });

  it('runs a program in the environment it is given, not this process’s own', async () => {
    const run = outputRunnerIn({ PATH: process.env.PATH, STILLROOM_PROBE: 'private' });
    expect(await run('/bin/sh', ['-c', 'echo "$STILLROOM_PROBE|${HOME:-no home}"'], 5000)).toMatchObject({ stdout: 'private|no home\n' });
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
