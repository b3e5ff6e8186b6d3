import { execFile } from 'node:child_process';

/**
 * Running fixed external programs: always `execFile` with an argument array (never a shell string) and a timeout.
 * Shared by the guard (DNS flush, service installers) and the core (notification adapters), so it lives here in
 * plain Node, below both.
 */

/** How a command ended, with what it printed: adapters read answers from `stdout`. */
export type CommandOutput =
  | { kind: 'ok'; stdout: string; stderr: string }
  /** Ran and exited with a non-zero status. */
  | { kind: 'exit'; code: number; stdout: string; stderr: string }
  /** The program is not installed (ENOENT). */
  | { kind: 'missing' }
  | { kind: 'timeout' }
  /** Anything else: killed by a signal, not executable, output too large. */
  | { kind: 'error'; message: string };

/**
 * Runs one command and returns its output; `input` is written to its standard input (macOS `shortcuts run` reads
 * its input there). The real one is `execFileOutput`; tests of programs that cannot run here record the argv.
 */
export type OutputRunner = (file: string, args: readonly string[], timeoutMs: number, input?: string) => Promise<CommandOutput>;

export type CommandResult = { ok: true } | { ok: false; error: string };

/** Runs one fixed command where only success matters (the guard's flush and install steps). */
export type CommandRunner = (file: string, args: readonly string[], timeoutMs: number) => Promise<CommandResult>;

const MAX_OUTPUT_BYTES = 1024 * 1024;

// Answers are parsed ("does not exist", "true"): programs must not translate them into the user's language.
const untranslated = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, LC_ALL: 'C.UTF-8', LANGUAGE: '' });

/**
 * Runs programs in `env` rather than this process's own environment: the notification adapters act in the
 * session they mute (in tests, a private session bus and HOME).
 */
export function outputRunnerIn(env: NodeJS.ProcessEnv): OutputRunner {
  return (file, args, timeoutMs, input) =>
    new Promise((resolve) => {
      const options = { timeout: timeoutMs, windowsHide: true, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' as const, env: untranslated(env) };
      const child = execFile(file, [...args], options, (error, stdout, stderr) => {
        if (!error) return resolve({ kind: 'ok', stdout, stderr });
        const failure = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: number | string };
        if (failure.code === 'ENOENT') return resolve({ kind: 'missing' });
        if (failure.killed && failure.signal === 'SIGTERM') return resolve({ kind: 'timeout' });
        if (typeof failure.code === 'number') return resolve({ kind: 'exit', code: failure.code, stdout, stderr });
        resolve({ kind: 'error', message: failure.message });
      });
      // A program that exits without reading its input must not turn into an unhandled EPIPE.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(input);
    });
}

export const execFileOutput: OutputRunner = (file, args, timeoutMs, input) => outputRunnerIn(process.env)(file, args, timeoutMs, input);

/** A one-line description of a failed command, for logs and error values. */
export function describeFailure(file: string, output: Exclude<CommandOutput, { kind: 'ok' }>): string {
  switch (output.kind) {
    case 'missing':
      return `${file}: not found`;
    case 'timeout':
      return `${file}: no answer in time`;
    case 'exit':
      return `${file}: exit status ${output.code}${output.stderr.trim() ? ` (${output.stderr.trim().slice(0, 200)})` : ''}`;
    case 'error':
      return `${file}: ${output.message}`;
  }
}

export const execFileRunner: CommandRunner = async (file, args, timeoutMs) => {
  const output = await execFileOutput(file, args, timeoutMs);
  return output.kind === 'ok' ? { ok: true } : { ok: false, error: describeFailure(file, output) };
};
