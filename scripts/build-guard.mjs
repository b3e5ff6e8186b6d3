// The guard ships as ONE self-contained CommonJS file (no node_modules): the installer copies it into a
// root-owned folder, where it runs under the app's binary with ELECTRON_RUN_AS_NODE=1 (or plain Node).
import { build } from 'esbuild';

await build({
  entryPoints: ['src-main/guard/main.ts'],
  outfile: 'out/guard/stillroom-guard.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
});
