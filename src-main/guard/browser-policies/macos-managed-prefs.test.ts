import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandOutput, OutputRunner } from '../../base/command-runner';
import { CHROMIUM_PREFS, FIREFOX_PREFS, macosManagedPrefsDocument, PLUTIL, renderPlist, type ManagedPrefsPolicy } from './macos-managed-prefs';
import { PolicyFile } from './policy-file';
import { PolicyJournal } from './policy-journal';

/**
 * macOS cannot run here: the managed preferences folder is a temp folder, and `plutil` is a recording stand-in that
 * answers for the plists these tests hand it (a binary plist as macOS writes them, reduced to its magic bytes).
 */
const RULES = { block: [{ host: 'youtube.com', path: '/shorts' }], allow: [{ host: 'youtube.com', path: '/watch' }] };
const BINARY_PLIST = Buffer.from('bplist00\xd1\x01\x02_\x10\x10HomepageLocation', 'latin1');
const AS_JSON = { HomepageLocation: 'https://intranet.example', URLBlocklist: ['ads.example'] };

function setup(answers: Map<string, CommandOutput>, bundleId = 'com.google.Chrome', policy: ManagedPrefsPolicy = CHROMIUM_PREFS) {
  const root = mkdtempSync(join(tmpdir(), 'macos-prefs-'));
  const stateDir = join(root, 'state');
  mkdirSync(stateDir);
  const path = join(root, `Library/Managed Preferences/${bundleId}.plist`);
  const calls: string[][] = [];
  const run: OutputRunner = async (file, args) => {
    calls.push([file, ...args]);
    const copy = args[args.length - 1] ?? '';
    return answers.get((await readFile(copy)).toString('latin1')) ?? { kind: 'exit', code: 1, stdout: '', stderr: 'invalid object in plist for destination format' };
  };
  const journal = new PolicyJournal(stateDir);
  return { root, stateDir, path, calls, journal, file: new PolicyFile(path, macosManagedPrefsDocument(path, stateDir, run, policy), root) };
}

describe('macOS managed preferences', () => {
  it('writes an XML plist with our three keys where there was none, and removes it after', async () => {
    const t = setup(new Map());
    await t.file.apply(t.journal, RULES);
    expect(readFileSync(t.path, 'utf8')).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
\t<key>DnsOverHttpsMode</key>
\t<string>off</string>
\t<key>URLBlocklist</key>
\t<array>
\t\t<string>youtube.com/shorts</string>
\t</array>
\t<key>URLAllowlist</key>
\t<array>
\t\t<string>youtube.com/watch</string>
\t</array>
</dict>
</plist>
`);
    expect(t.calls).toEqual([]);
    await t.file.restore(t.journal);
    expect(existsSync(t.path)).toBe(false);
  });

  it("merges into an MDM's binary plist read through plutil, and puts its exact bytes back", async () => {
    const t = setup(new Map([[BINARY_PLIST.toString('latin1'), { kind: 'ok', stdout: JSON.stringify(AS_JSON), stderr: '' }]]));
    mkdirSync(join(t.root, 'Library/Managed Preferences'), { recursive: true });
    writeFileSync(t.path, BINARY_PLIST);
    await t.file.apply(t.journal, RULES);
    expect(readFileSync(t.path, 'utf8')).toBe(
      renderPlist({ ...AS_JSON, DnsOverHttpsMode: 'off', URLBlocklist: ['ads.example', 'youtube.com/shorts'], URLAllowlist: ['youtube.com/watch'] }),
    );
    // The fixed command, on a copy in the guard's own state folder (removed after).
    expect(t.calls[0]?.slice(0, 6)).toEqual([PLUTIL, '-convert', 'json', '-o', '-', '--']);
    expect(t.calls[0]?.[6]).toMatch(new RegExp(`^${t.stateDir}/\\.plist-[0-9a-f]{12}\\.plist$`));
    expect(readdirSync(t.stateDir).filter((name) => name.endsWith('.plist'))).toEqual([]);
    // The reconcile every few seconds costs no plutil run while the file is as we wrote it.
    const calls = t.calls.length;
    expect(await t.file.apply(t.journal, RULES)).toEqual({ changed: false, problem: null });
    expect(t.calls.length).toBe(calls);

    await t.file.restore(t.journal);
    expect(readFileSync(t.path).equals(BINARY_PLIST)).toBe(true);
  });

  it("Firefox: turns enterprise policies on with DNS over HTTPS off and its WebsiteFilter merged, and puts an MDM's bytes back", async () => {
    const theirs = { DisableTelemetry: true, WebsiteFilter: { Block: ['*://*.ads.example/*'] } };
    const t = setup(new Map([[BINARY_PLIST.toString('latin1'), { kind: 'ok', stdout: JSON.stringify(theirs), stderr: '' }]]), 'org.mozilla.firefox', FIREFOX_PREFS);
    mkdirSync(join(t.root, 'Library/Managed Preferences'), { recursive: true });
    writeFileSync(t.path, BINARY_PLIST);
    await t.file.apply(t.journal, RULES);
    expect(readFileSync(t.path, 'utf8')).toBe(
      renderPlist({
        DisableTelemetry: true,
        WebsiteFilter: { Block: ['*://*.ads.example/*', '*://*.youtube.com/shorts*'], Exceptions: ['*://*.youtube.com/watch*'] },
        EnterprisePoliciesEnabled: true,
        DNSOverHTTPS: { Enabled: false, Locked: true },
      }),
    );
    await t.file.restore(t.journal);
    expect(readFileSync(t.path).equals(BINARY_PLIST)).toBe(true);
  });

  it('leaves a plist plutil cannot turn into JSON (dates, data) untouched, and says why', async () => {
    const t = setup(new Map());
    mkdirSync(join(t.root, 'Library/Managed Preferences'), { recursive: true });
    writeFileSync(t.path, BINARY_PLIST);
    await expect(t.file.apply(t.journal, RULES)).rejects.toThrow(/cannot be read as a plist/);
    expect(readFileSync(t.path).equals(BINARY_PLIST)).toBe(true);
  });

  it('escapes XML in keys and strings', () => {
    expect(renderPlist({ 'a<b': 'x & y', n: 1, r: 1.5, t: true })).toContain('<key>a&lt;b</key>\n\t<string>x &amp; y</string>\n\t<key>n</key>\n\t<integer>1</integer>\n\t<key>r</key>\n\t<real>1.5</real>\n\t<key>t</key>\n\t<true/>');
  });
});
