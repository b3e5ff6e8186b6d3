import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sendGuardRequest } from '../src-main/guard/protocol';

/**
 * A real guard process (src-main/guard/main.ts under tsx) with its own temp hosts file, state folder and socket:
 * no namespace is needed because the hosts path is a temp file named in its config, and the browser policy root is
 * the temp folder itself (no browser is installed there, so no policy is ever written outside it).
 */
export interface GuardProcess {
  readonly dir: string;
  readonly hostsPath: string;
  readonly socketPath: string;
  readonly child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
  cleanup(): Promise<void>;
}

const GUARD_MAIN = resolve(import.meta.dirname, '..', 'src-main', 'guard', 'main.ts');

export async function startGuardProcess(options: { version: string; hosts: string }): Promise<GuardProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'stillroom-guard-'));
  const hostsPath = join(dir, 'hosts');
  const socketPath = join(dir, 'run', 'guard.sock');
  const configPath = join(dir, 'config.json');
  await writeFile(hostsPath, options.hosts);
  const uid = process.getuid?.() ?? 0;
  await writeFile(
    configPath,
    // No reach counter: it would listen on the machine's own ports 80 and 443 (e2e/system/reach-counter.test.ts has its own network).
    JSON.stringify({ version: options.version, hostsPath, stateDir: join(dir, 'state'), socketPath, user: { name: 'test', uid }, reconcileIntervalMs: 500, browserPolicyRoot: dir, reach: { enabled: false } }),
    { mode: 0o644 },
  );
  const child = spawn(process.execPath, ['--import', 'tsx', GUARD_MAIN, 'run', '--config', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await sendGuardRequest(socketPath, { type: 'status' }, 1000);
      break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`The guard did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { dir, hostsPath, socketPath, child, kill, cleanup: async () => {
    await kill();
    await rm(dir, { recursive: true, force: true });
  } };
}
