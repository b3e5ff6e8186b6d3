import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Stand-in desktop apps for tests of app closing (issue 21): copies of `sleep` in a temp folder of the test's own,
 * started as a desktop starts an app (a display in the environment, a session of their own, so no controlling
 * terminal). Only what a test started here is ever signalled, and only by `dispose`.
 */
export class StandInApps {
  readonly folder = mkdtempSync(join(tmpdir(), 'stand-in-apps-'));
  private readonly started: ChildProcess[] = [];

  /** Copies `sleep` into the folder as `name`; its path. */
  binary(name: string): string {
    const path = join(this.folder, name);
    copyFileSync('/bin/sleep', path);
    return path;
  }

  /** Starts a binary for a minute at most, as a desktop app unless `env` says otherwise. */
  launch(path: string, env: NodeJS.ProcessEnv = { DISPLAY: ':0' }): ChildProcess {
    const child = spawn(path, ['60'], { stdio: 'ignore', detached: true, env: { PATH: process.env.PATH, ...env } });
    this.started.push(child);
    return child;
  }

  dispose(): void {
    for (const child of this.started.splice(0)) if (isRunning(child)) child.kill('SIGKILL');
    rmSync(this.folder, { recursive: true, force: true });
  }
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Resolves once the child has exited, however. */
export function exited(child: ChildProcess): Promise<void> {
  return isRunning(child) ? new Promise((resolve) => child.once('exit', () => resolve())) : Promise.resolve();
}

/**
 * Resolves once the child runs `binary` (spawn returns before the exec), so that whatever looks at processes next
 * (a session starting, a lease taken) finds it open; throws after five seconds.
 */
export async function runs(child: ChildProcess, binary: string): Promise<void> {
  const running = () => {
    try {
      return readlinkSync(`/proc/${child.pid}/exe`) === binary;
    } catch {
      return false;
    }
  };
  for (const deadline = Date.now() + 5000; !running(); await new Promise((resolve) => setTimeout(resolve, 5))) {
    if (Date.now() > deadline) throw new Error(`${binary} did not start within 5 s`);
  }
}
