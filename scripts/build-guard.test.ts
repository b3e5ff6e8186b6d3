import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { foreignInputs, guardBuildOptions } from './build-guard.mjs';

// The guard runs as root and is built alone: what it holds is exactly what esbuild bundles from its entry.
async function inputsOf(entryPoints: string[]): Promise<Metafile> {
  const { metafile } = await build({ ...guardBuildOptions, entryPoints, outfile: undefined, outdir: 'out/unused', write: false, metafile: true });
  return metafile;
}

describe('the guard bundle (scripts/build-guard.mjs)', () => {
  it('holds the guard, base/ and zod, and nothing of core, the contract, the shell or the preview', { timeout: 60_000 }, async () => {
    const metafile = await inputsOf(['src-main/guard/main.ts']);
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toEqual(expect.arrayContaining(['src-main/guard/main.ts', 'src-main/guard/reach/client-hello.ts', 'src-main/base/hostname.ts']));
    expect(foreignInputs(metafile)).toEqual([]);
    expect(inputs.filter((input) => /src-main\/(core|contract|shell|preview|preload)\//.test(input))).toEqual([]);
  });

  it('names what does not belong', () => {
    const metafile = { inputs: { 'src-main/guard/main.ts': {}, 'src-main/core/app-core.ts': {}, '../main/node_modules/zod/index.js': {}, 'node_modules/react/index.js': {} }, outputs: {} };
    expect(foreignInputs(metafile as unknown as Metafile)).toEqual(['src-main/core/app-core.ts', 'node_modules/react/index.js']);
  });

  it('gives core/guard-client/ only the guard’s surface for the app, which pulls in no more of the guard', { timeout: 60_000 }, async () => {
    const client = ['guard-client', 'guard-control', 'guard-installer', 'guard-watch', 'reach'].map((name) => `src-main/core/guard-client/${name}.ts`);
    const inputs = Object.keys((await inputsOf(client)).inputs);
    expect(inputs.filter((input) => input.startsWith('src-main/guard/')).sort()).toEqual(
      ['src-main/guard/install/elevation.ts', 'src-main/guard/paths.ts', 'src-main/guard/protocol.ts', 'src-main/guard/reach/reach-address.ts'],
    );
  });
});
