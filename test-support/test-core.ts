import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreHost } from '../src-main/core/app-core';
import { ManualClock } from '../src-main/core/clock';
import { JsonFileSettingsStorage } from '../src-main/core/settings/json-file-storage';

export interface TestCore {
  readonly core: Core;
  /** The temporary folder holding `data/` (settings, journals) and `vault/` (notes, reflections). */
  readonly root: string;
  readonly dataDir: string;
  readonly vaultDir: string;
  readonly clock: ManualClock;
  /** Closes the core and removes its folder. */
  dispose(): Promise<void>;
}

export interface TestCoreOptions {
  /** Where the clock starts; 2026-11-30 09:00 UTC unless given. */
  readonly now?: number;
  /** Reuses a folder (a restart over the same files); a fresh temporary one otherwise. */
  readonly root?: string;
  /** Anything else the host provides (a guard socket, notification muting, a folder picker, a log). */
  readonly host?: Partial<CoreHost>;
}

/**
 * The real core over real files in a temporary folder, with the host an Electron shell would give it reduced to
 * what a test can stand in for: a manual clock, no OS shell (opening a URL does nothing), no guard unless one is
 * named. Used by the core's own integration tests and, through `renderer-api.ts`, by the renderer's store tests.
 */
export async function createTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const root = options.root ?? (await mkdtemp(join(tmpdir(), 'stillroom-core-')));
  const dataDir = join(root, 'data');
  const vaultDir = join(root, 'vault');
  const clock = new ManualClock(options.now ?? Date.UTC(2026, 10, 30, 9));
  const core = await createCore({
    info: { version: '0.0.0', platform: 'linux', runtime: 'preview', locale: 'en', dataDir, vaultDir },
    clock,
    settingsStorage: new JsonFileSettingsStorage(join(dataDir, 'settings.json')),
    openExternal: async () => undefined,
    log: () => undefined,
    ...options.host,
  });
  return {
    core,
    root,
    dataDir,
    vaultDir,
    clock,
    async dispose() {
      await core.dispose();
      if (!options.root) await rm(root, { recursive: true, force: true });
    },
  };
}
