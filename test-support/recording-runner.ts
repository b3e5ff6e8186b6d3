// A narrow stand-in for programs that cannot run on this machine (makoctl and swaync-client need a Wayland
// compositor, `shortcuts` needs macOS, PowerShell's quiet-hours COM service needs Windows): it records the exact
// argv and answers from a script, so tests show what each adapter asks and how it reads every kind of answer.
import type { CommandOutput, OutputRunner } from '../src-main/base/command-runner';

export interface RecordedCall {
  readonly file: string;
  readonly args: readonly string[];
  readonly timeoutMs: number;
  readonly input?: string;
}

export type Answer = CommandOutput | ((call: RecordedCall) => CommandOutput);

export const ok = (stdout = ''): CommandOutput => ({ kind: 'ok', stdout, stderr: '' });
export const exit = (code: number, stderr = '', stdout = ''): CommandOutput => ({ kind: 'exit', code, stdout, stderr });

/** Answers each call with the first rule whose key (`file arg arg…`, or a prefix of it) matches. */
export function recordingRunner(rules: Record<string, Answer>): { run: OutputRunner; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const run: OutputRunner = async (file, args, timeoutMs, input) => {
    const call: RecordedCall = input === undefined ? { file, args: [...args], timeoutMs } : { file, args: [...args], timeoutMs, input };
    calls.push(call);
    const line = [file, ...args, ...(input === undefined ? [] : [`<${input}`])].join(' ');
    const key = Object.keys(rules).find((candidate) => line === candidate || line.startsWith(`${candidate} `));
    if (key === undefined) return { kind: 'missing' };
    const answer = rules[key]!;
    return typeof answer === 'function' ? answer(call) : answer;
  };
  return { run, calls };
}
