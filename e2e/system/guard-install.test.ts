import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGuardConfig } from '../../src-main/guard/config';
import type { CommandRunner } from '../../src-main/base/command-runner';
import { withBlock } from '../../src-main/guard/hosts-block';
import { assertRootOwnedPath, installGuard, uninstallGuard } from '../../src-main/guard/install/installer';
import { chromiumJsonDocument } from '../../src-main/guard/browser-policies/chromium-json';
import { PolicyFile } from '../../src-main/guard/browser-policies/policy-file';
import { PolicyJournal } from '../../src-main/guard/browser-policies/policy-journal';
import { linuxInstaller, renderCommandWrapper, renderSystemdUnit } from '../../src-main/guard/install/linux';
import { guardBundle } from './guard-harness';

/**
 * The Linux installer for real, as root, into a temporary root prefix (never the machine's own /etc or /usr).
 * systemctl cannot run here (systemd is not PID 1 in this container): the service commands go through the narrow
 * runner interface and are checked as the exact argv the installer would run.
 */
const skip = process.getuid?.() !== 0 ? 'the installer test must run as root' : null;
if (skip) console.warn(`Skipping the guard install test: ${skip}`);

const ORIGINAL = '127.0.0.1 localhost\n::1 localhost\n';

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

describe.skipIf(skip !== null)('installing the guard on Linux', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });
  const runtime = realpathSync(process.execPath);

  /** A fresh root prefix with only a hosts file, and a runner that records the service commands: each test its own. */
  function prefix() {
    const root = mkdtempSync(join(tmpdir(), 'guard-install-'));
    roots.push(root);
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc/hosts'), ORIGINAL);
    const calls: string[][] = [];
    const run: CommandRunner = async (file, args) => {
      calls.push([file, ...args]);
      return { ok: true };
    };
    return { root, calls, options: { root, run, rootOwned: true } };
  }

  it('installs root-owned files with the right modes and starts the service', async () => {
    const { root, calls, options } = prefix();
    const bundle = guardBundle();
    await installGuard(linuxInstaller, { runtime, bundle, user: { name: 'ada', uid: 1000 }, version: '0.4.0' }, options);

    const expectations: [string, number][] = [
      ['usr/local/lib/stillroom-guard', 0o755],
      ['usr/local/lib/stillroom-guard/stillroom-guard.cjs', 0o644],
      ['etc/stillroom-guard', 0o755],
      ['etc/stillroom-guard/config.json', 0o644],
      ['etc/systemd/system/stillroom-guard.service', 0o644],
      ['usr/local/bin/stillroom-guard', 0o755],
      ['var/lib/stillroom-guard', 0o755],
    ];
    for (const [path, mode] of expectations) {
      const info = statSync(join(root, path));
      expect({ path, uid: info.uid, gid: info.gid, mode: info.mode & 0o7777 }).toEqual({ path, uid: 0, gid: 0, mode });
    }
    expect(readFileSync(join(root, 'usr/local/lib/stillroom-guard/stillroom-guard.cjs'), 'utf8')).toBe(readFileSync(bundle, 'utf8'));
    expect(readFileSync(join(root, 'etc/systemd/system/stillroom-guard.service'), 'utf8')).toBe(renderSystemdUnit(runtime));
    expect(readFileSync(join(root, 'usr/local/bin/stillroom-guard'), 'utf8')).toBe(renderCommandWrapper(runtime));
    // The guard itself accepts the config (it checks that the file is root-owned and not writable by others).
    expect(loadGuardConfig(join(root, 'etc/stillroom-guard/config.json'))).toMatchObject({ user: { name: 'ada', uid: 1000 }, version: '0.4.0' });
    expect(calls).toEqual([
      ['/usr/bin/systemctl', 'daemon-reload'],
      ['/usr/bin/systemctl', 'enable', 'stillroom-guard.service'],
      ['/usr/bin/systemctl', 'restart', 'stillroom-guard.service'],
    ]);
    // The installed copy runs on its own (no node_modules next to it): it answers that no guard listens yet.
    const copy = join(root, 'usr/local/lib/stillroom-guard/stillroom-guard.cjs');
    let stderr = '';
    try {
      execFileSync(runtime, [copy, 'status', '--config', join(root, 'etc/stillroom-guard/config.json')], { stdio: 'pipe', env: { ELECTRON_RUN_AS_NODE: '1', PATH: '/usr/bin:/bin' } });
    } catch (error) {
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(stderr).toContain('ENOENT');
  });

  it('refuses to make a root service run a binary the user could replace', () => {
    const folder = mkdtempSync(join(tmpdir(), 'guard-runtime-'));
    copyFileSync(runtime, join(folder, 'node'));
    expect(() => assertRootOwnedPath(join(folder, 'node'))).toThrow(/must be owned by root/);
    expect(() => assertRootOwnedPath(runtime)).not.toThrow();
    rmSync(folder, { recursive: true, force: true });
  });

  it('uninstalls: stops the service, removes every file it made, the state and any block', async () => {
    const { root, calls, options } = prefix();
    await installGuard(linuxInstaller, { runtime, bundle: guardBundle(), user: { name: 'ada', uid: 1000 }, version: '0.4.0' }, options);
    expect(filesUnder(root)).toContain('etc/stillroom-guard/config.json');
    writeFileSync(join(root, 'etc/hosts'), withBlock(ORIGINAL, ['www.youtube.com']));
    writeFileSync(join(root, 'var/lib/stillroom-guard/lease.json'), '{}');
    writeFileSync(join(root, 'var/lib/stillroom-guard/guard.log'), '{}\n');
    // A browser policy a guard that was not running (so did not take it out when stopped) left behind, with its journal.
    const policy = new PolicyFile(join(root, 'etc/chromium/policies/managed/zz-stillroom.json'), chromiumJsonDocument(join(root, 'etc/chromium/policies/managed/zz-stillroom.json')), root);
    await policy.apply(new PolicyJournal(join(root, 'var/lib/stillroom-guard')), { block: [{ host: 'x.com', path: '/' }], allow: [] });
    calls.length = 0;
    expect(await uninstallGuard(linuxInstaller, options)).toEqual([]);
    expect(readFileSync(join(root, 'etc/hosts'), 'utf8')).toBe(ORIGINAL);
    expect(filesUnder(root)).toEqual(['etc/hosts']);
    for (const folder of ['usr/local/lib/stillroom-guard', 'etc/stillroom-guard', 'var/lib/stillroom-guard']) {
      expect(() => statSync(join(root, folder))).toThrow(/ENOENT/);
    }
    expect(calls).toEqual([
      ['/usr/bin/systemctl', 'disable', '--now', 'stillroom-guard.service'],
      ['/usr/bin/systemctl', 'daemon-reload'],
    ]);
  });
});
