// The guard ships as ONE self-contained CommonJS file (no node_modules): the installer copies it into a
// root-owned folder, where it runs under the app's binary with ELECTRON_RUN_AS_NODE=1 (or plain Node).
// It runs as root, so it holds nothing but the guard, the plain Node layer under it and zod (docs/GUARD.md): the
// build fails if any other file got in.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** @type {import('esbuild').BuildOptions} */
export const guardBuildOptions = {
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
};

/** The bundle's inputs that are not the guard's own, base/ or zod (paths as esbuild's metafile names them). */
export function foreignInputs(/** @type {import('esbuild').Metafile} */ metafile) {
  return Object.keys(metafile.inputs).filter((input) => !/^src-main\/(guard|base)\/|(^|\/)node_modules\/zod\//.test(input));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { metafile } = await build({ ...guardBuildOptions, metafile: true });
  const foreign = foreignInputs(metafile);
  if (foreign.length > 0) {
    console.error(`The guard bundle may hold only src-main/guard/, src-main/base/ and zod, but holds:\n  ${foreign.join('\n  ')}`);
    process.exit(1);
  }
}
