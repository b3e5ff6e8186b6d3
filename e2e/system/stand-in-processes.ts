import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Stand-in app processes for the app-closing system scenarios (app-enforcer.child.ts, guard-apps.child.ts), run
 * inside their private pid namespace: started as a given user (or root), each one's end awaited with a bound.
 */
export interface Ids {
  readonly uid: number;
  readonly gid: number;
}

export interface StandIn {
  /** How it ended (its signal), or 'still running after 4 s' if nothing closed it by then. */
  readonly ended: Promise<{ signal: string | null }>;
  alive(): boolean;
  kill(): void;
}

const started: ChildProcess[] = [];

/** Starts `file` as `ids` (root when null) with only PATH and `env` in its environment. */
export function launchAs(ids: Ids | null, file: string, argv: string[], env: NodeJS.ProcessEnv = {}): StandIn {
  const child = spawn(file, argv, { stdio: 'ignore', env: { PATH: process.env.PATH, ...env }, ...(ids ?? {}) });
  started.push(child);
  // Bounded, so a process nothing closed fails the test at once instead of at its timeout.
  const ended = new Promise<{ signal: string | null }>((resolve) => {
    const missed = setTimeout(() => resolve({ signal: 'still running after 4 s' }), 4000);
    child.once('exit', (_code, signal) => {
      clearTimeout(missed);
      resolve({ signal });
    });
  });
  return { ended, alive: () => child.exitCode === null && child.signalCode === null, kill: () => child.kill('SIGKILL') };
}

/** How a stand-in ended, and how long after `since` (epoch ms). */
export async function endedAfter(standIn: StandIn, since: number): Promise<{ signal: string | null; ms: number }> {
  return { ...(await standIn.ended), ms: Date.now() - since };
}

/** Another process of the scenario (an enforcer it started) that `killStandIns` ends too. */
export function endWithStandIns(child: ChildProcess): void {
  started.push(child);
}

/** Ends every stand-in (and process handed to `endWithStandIns`) still running, before the scenario exits. */
export function killStandIns(): void {
  for (const child of started) child.kill('SIGKILL');
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
