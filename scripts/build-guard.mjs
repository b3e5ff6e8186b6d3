// The guard ships as ONE self-contained CommonJS file (no node_modules): the installer copies it into a
// root-owned folder, where it runs under the app's binary with ELECTRON_RUN_AS_NODE=1 (or plain Node).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src-main/guard/main.ts'],
  outfile: 'out/guard/stillroom-guard.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  // The version `stillroom-guard install` installs when not given one (a person running it with sudo): this build's,
  // the app's own. A constant in the bundle, not read from the environment.
  define: { 'process.env.STILLROOM_GUARD_BUILD_VERSION': JSON.stringify(version) },
});
