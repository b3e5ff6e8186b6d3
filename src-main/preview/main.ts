import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startPreview } from './preview-server';

// `npm run preview:web`: the whole app in a browser, on this machine only, for clicking through and e2e tests.
const projectRoot = resolve(import.meta.dirname, '..', '..');
const dataDir = resolve(process.env.STILLROOM_DATA_DIR ?? join(projectRoot, '.tmp', 'preview', 'data'));
const vaultDir = resolve(process.env.STILLROOM_VAULT_DIR ?? join(projectRoot, '.tmp', 'preview', 'vault'));
await mkdir(dataDir, { recursive: true });
await mkdir(vaultDir, { recursive: true });

const preview = await startPreview({
  dataDir,
  vaultDir,
  rendererRoot: join(projectRoot, 'out', 'renderer'),
  clock: process.env.STILLROOM_PREVIEW_CLOCK === 'manual' ? 'manual' : 'system',
  port: process.env.STILLROOM_PREVIEW_PORT ? Number(process.env.STILLROOM_PREVIEW_PORT) : 0,
});
process.stdout.write(`Stillroom preview: ${preview.url}\n`);

const stop = () => {
  void preview.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
