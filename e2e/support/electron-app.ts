import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from '@playwright/test';

/**
 * Where the Electron binary is, or why there is none. The npm package downloads it in an install script, which
 * cannot run on machines without GitHub access (like our build machine); desktops and the CI matrix have it.
 */
export function electronBinary(): { path: string } | { missing: string } {
  const packageDir = resolve('node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: 'the Electron binary is not installed (node_modules/electron/path.txt is missing); run `node node_modules/electron/install.js`' };
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `the Electron binary ${binary} does not exist` };
}

/** Skips with a printed reason where Electron cannot run, unless E2E_REQUIRE_ELECTRON=1 says it must. */
export function electronSkipReason(): string | null {
  const binary = electronBinary();
  if ('path' in binary) return null;
  if (process.env.E2E_REQUIRE_ELECTRON === '1') throw new Error(`E2E_REQUIRE_ELECTRON=1 but ${binary.missing}`);
  console.warn(`Skipping Electron e2e: ${binary.missing}.`);
  return binary.missing;
}

export interface LaunchedApp {
  app: ElectronApplication;
  userDataDir: string;
  /** What the main process has written to stderr so far (its `[stillroom warn] …` log lines). */
  stderr(): string;
  close(): Promise<void>;
}

/** Starts the built app (out/main) with its own temporary data folder. */
export async function launchStillroom(extraArgs: string[] = []): Promise<LaunchedApp> {
  const binary = electronBinary();
  if (!('path' in binary)) throw new Error(binary.missing);
  const userDataDir = await mkdtemp(join(tmpdir(), 'stillroom-electron-'));
  const env = { ...process.env } as Record<string, string>;
  // Inherited from a parent that runs Electron as Node, it would start Node instead of the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await _electron.launch({
    executablePath: binary.path,
    args: [resolve('out/main/index.js'), `--user-data-dir=${userDataDir}`, ...sandboxArgs, ...extraArgs],
    cwd: dirname(resolve('package.json')),
    env,
  });
  let stderr = '';
  app.process().stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return {
    app,
    userDataDir,
    stderr: () => stderr,
    async close() {
      await app.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
