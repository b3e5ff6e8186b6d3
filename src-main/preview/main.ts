import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { desktopFolders, windowsDocumentsFolder } from './desktop-folders';
import { previewGuard, probeThisMachine } from './preview-guard';
import { startPreview } from './preview-server';

// `npm run preview:web`: the whole app in a browser, on this machine only, for clicking through and e2e tests, with
// throwaway folders under .tmp/preview. `npm start` without Electron passes --desktop-folders: the desktop app's own
// data folder and vault, so what is written there is still there tomorrow and in the desktop app.
const projectRoot = resolve(import.meta.dirname, '..', '..');
const desktopMode = process.argv.includes('--desktop-folders');
const defaults = desktopMode
  ? await desktopFolders({ platform: process.platform, env: process.env, home: homedir(), windowsDocuments: windowsDocumentsFolder })
  : { dataDir: join(projectRoot, '.tmp', 'preview', 'data'), vaultDir: join(projectRoot, '.tmp', 'preview', 'vault') };
const dataDir = resolve(process.env.STILLROOM_DATA_DIR ?? defaults.dataDir);
const vaultDir = resolve(process.env.STILLROOM_VAULT_DIR ?? defaults.vaultDir);
await mkdir(dataDir, { recursive: true });
await mkdir(vaultDir, { recursive: true });

const { version } = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
// `npm start` in the browser is the app: it installs and uses this machine's guard, as the desktop app does, with
// this Node as the guard's runtime and the guard script the build just made.
const runtime = process.execPath;
const guard = desktopMode
  ? previewGuard({ platform: process.platform, runtime, bundle: join(projectRoot, 'out', 'guard', 'stillroom-guard.cjs'), version, probe: probeThisMachine(runtime) })
  : {};

const preview = await startPreview({
  dataDir,
  vaultDir,
  rendererRoot: join(projectRoot, 'out', 'renderer'),
  clock: process.env.STILLROOM_PREVIEW_CLOCK === 'manual' ? 'manual' : 'system',
  port: process.env.STILLROOM_PREVIEW_PORT ? Number(process.env.STILLROOM_PREVIEW_PORT) : 0,
  version,
  host: guard,
});
process.stdout.write(`Stillroom data: ${dataDir}; notes: ${vaultDir}\n`);
process.stdout.write(`Stillroom preview: ${preview.url}\n`);

// Ctrl+C in a terminal signals the whole process group, so a parent's forwarded signal may follow: close once.
let closing: Promise<void> | null = null;
const stop = () => {
  closing ??= preview.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`Stillroom preview could not close cleanly: ${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
