import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// `npm run dist` needs the Electron binary (electron-builder packs it), which cannot be downloaded here. What can be
// checked without it is checked here: electron-builder's own schema validation of electron-builder.yml, every
// icon and resource folder it names, and that its `files` globs pick up the built app (after `npm run build`).
const repo = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
type Config = Record<string, unknown> & {
  /** getConfig normalises the YAML list into electron-builder's own form, `[{ filter: [...] }]`. */
  files: { filter: string[] }[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  directories: { buildResources: string; output: string };
  mac: { icon: string; target: string[] };
  win: { icon: string; target: string[] };
  linux: { icon: string; target: string[] };
};
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Config>;
  validateConfiguration(config: Config, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
// The matcher electron-builder's FileMatcher uses (its own minimatch, not the older one at the top of node_modules).
const { minimatch } = require(require.resolve('minimatch', { paths: [require.resolve('app-builder-lib')] })) as {
  minimatch: (path: string, pattern: string, options?: { dot?: boolean }) => boolean;
};

let config: Config;
beforeAll(async () => {
  config = await getConfig(repo, null, null);
});

function filesUnder(folder: string): string[] {
  return readdirSync(join(repo, folder), { recursive: true, encoding: 'utf8' })
    .map((entry) => join(folder, entry))
    .filter((path) => statSync(join(repo, path)).isFile())
    .map((path) => relative('.', path).split('\\').join('/'));
}

describe('electron-builder.yml, checked without building installers', () => {
  it('passes electron-builder’s own configuration validation (and that validation does refuse a bad key)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const broken = { ...config, linux: { ...config.linux, notAnOption: true } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('names icons and resource folders that exist', () => {
    for (const icon of [config.mac.icon, config.win.icon, config.linux.icon]) expect(existsSync(join(repo, icon)), icon).toBe(true);
    expect(existsSync(join(repo, config.directories.buildResources))).toBe(true);
    for (const { from } of config.extraResources) expect(filesUnder(from).length, from).toBeGreaterThan(0);
    // The shell loads these from the packed resources folder (src-main/shell/main.ts).
    for (const file of ['icons/icon.png', 'tray/tray.png', 'tray/trayRunning.png', 'tray/trayTemplate.png', 'tray/trayRunningTemplate.png']) {
      expect(existsSync(join(repo, 'resources', file)), file).toBe(true);
    }
  });

  it('packs the built app for every target: main, preload, renderer and the unpacked guard', () => {
    const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/guard/stillroom-guard.cjs'];
    for (const file of built) expect(existsSync(join(repo, file)), `${file} (run npm run build first)`).toBe(true);
    const globs = config.files.flatMap((set) => set.filter);
    expect(globs.length).toBeGreaterThan(0);
    const packed = (file: string) => globs.some((glob) => minimatch(file, glob, { dot: true }));
    const candidates = [...filesUnder('out'), 'package.json'];
    const packedFiles = candidates.filter(packed);
    for (const file of built) expect(packedFiles).toContain(file);
    expect(packedFiles).toContain('package.json');
    // package.json's main is what Electron runs inside the archive.
    const { main } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { main: string };
    expect(packedFiles).toContain(main);
    expect(packedFiles.filter((file) => config.asarUnpack.some((glob) => minimatch(file, glob)))).toEqual(['out/guard/stillroom-guard.cjs']);
    // One list for all targets: no platform section narrows or widens it.
    for (const target of [config.mac, config.win, config.linux]) expect(target).not.toHaveProperty('files');
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });
});
