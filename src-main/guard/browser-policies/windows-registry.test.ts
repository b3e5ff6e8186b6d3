import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandOutput, OutputRunner } from '../../base/command-runner';
import { PolicyJournal } from './policy-journal';
import { chromiumRegistryPolicy, firefoxRegistryPolicy, parseRegValues, REG, RegistryPolicyTarget, WINDOWS_POLICY_KEYS } from './windows-registry';

/**
 * Windows cannot run here: `reg.exe` is a stand-in over an in-memory registry that answers `query`, `add` and
 * `delete` the way reg.exe does (its output format, exit status 1 for a missing key or value), and records every argv.
 */
class FakeRegistry {
  readonly keys = new Map<string, Map<string, { type: string; data: string }>>();
  readonly calls: string[][] = [];
  failAfter = Infinity;

  constructor() {
    this.keys.set('hklm\\software\\policies', new Map());
  }

  snapshot(): Record<string, Record<string, { type: string; data: string }>> {
    return Object.fromEntries([...this.keys].map(([key, values]) => [key, Object.fromEntries(values)]));
  }

  readonly run: OutputRunner = async (file, args): Promise<CommandOutput> => {
    expect(file).toBe(REG);
    this.calls.push([...args]);
    const [verb, key = '', ...rest] = args;
    const id = key.toLowerCase();
    const missing: CommandOutput = { kind: 'exit', code: 1, stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.' };
    const name = rest[0] === '/v' ? rest[1] : undefined;
    if (verb === 'query') {
      const values = this.keys.get(id);
      if (!values) return missing;
      const show = (path: string, of: Map<string, { type: string; data: string }>) =>
        [`HKEY_LOCAL_MACHINE\\${path.replace(/^HKLM\\/i, '')}`, ...[...of].map(([n, v]) => `    ${n}    ${v.type}    ${v.type === 'REG_DWORD' ? `0x${Number(v.data).toString(16)}` : v.data}`), ''];
      const lines = ['', ...show(key, values)];
      for (const [other, otherValues] of this.keys) {
        if (other.startsWith(`${id}\\`) && (rest.includes('/s') || !other.slice(id.length + 1).includes('\\'))) lines.push(...(rest.includes('/s') ? show(other, otherValues) : [`HKEY_LOCAL_MACHINE\\${other.replace(/^hklm\\/, '')}`]));
      }
      return { kind: 'ok', stdout: lines.join('\r\n'), stderr: '' };
    }
    if (this.calls.filter((call) => call[0] === 'add').length > this.failAfter) return { kind: 'exit', code: 1, stdout: '', stderr: 'ERROR: Access is denied.' };
    if (verb === 'add') {
      const parts = key.split('\\');
      for (let i = 3; i <= parts.length; i++) {
        const path = parts.slice(0, i).join('\\').toLowerCase();
        if (!this.keys.has(path)) this.keys.set(path, new Map());
      }
      if (name !== undefined) this.keys.get(id)?.set(name, { type: rest[3] ?? '', data: rest[5] ?? '' });
      return { kind: 'ok', stdout: 'The operation completed successfully.', stderr: '' };
    }
    if (verb === 'delete') {
      const values = this.keys.get(id);
      if (!values || (name !== undefined && !values.has(name))) return missing;
      if (name !== undefined) values.delete(name);
      else for (const other of [...this.keys.keys()]) if (other === id || other.startsWith(`${id}\\`)) this.keys.delete(other);
      return { kind: 'ok', stdout: '', stderr: '' };
    }
    throw new Error(`unexpected reg.exe call: ${args.join(' ')}`);
  };
}

const RULES = { block: [{ host: 'youtube.com', path: '/shorts' }, { host: 'x.com', path: '/' }], allow: [{ host: 'youtube.com', path: '/watch' }] };
const CHROME = WINDOWS_POLICY_KEYS.chrome;

function setup() {
  const registry = new FakeRegistry();
  const journal = new PolicyJournal(mkdtempSync(join(tmpdir(), 'registry-journal-')));
  return { registry, journal, chrome: new RegistryPolicyTarget(CHROME, registry.run) };
}

describe('Windows policy registry keys', () => {
  it('writes DnsOverHttpsMode and numbered URLBlocklist/URLAllowlist values, and leaves no key behind after', async () => {
    const t = setup();
    const before = t.registry.snapshot();
    expect(await t.chrome.apply(t.journal, chromiumRegistryPolicy(CHROME, RULES))).toBe(true);
    expect(t.registry.calls.filter((call) => call[0] === 'add')).toEqual([
      ['add', CHROME, '/v', 'DnsOverHttpsMode', '/t', 'REG_SZ', '/d', 'off', '/f'],
      ['add', `${CHROME}\\URLBlocklist`, '/v', '1', '/t', 'REG_SZ', '/d', 'youtube.com/shorts', '/f'],
      ['add', `${CHROME}\\URLBlocklist`, '/v', '2', '/t', 'REG_SZ', '/d', 'x.com', '/f'],
      ['add', `${CHROME}\\URLAllowlist`, '/v', '1', '/t', 'REG_SZ', '/d', 'youtube.com/watch', '/f'],
    ]);
    // The same lease again costs nothing.
    const count = t.registry.calls.length;
    expect(await t.chrome.apply(t.journal, chromiumRegistryPolicy(CHROME, RULES))).toBe(false);
    expect(t.registry.calls.length).toBe(count);

    expect(await t.chrome.restore(t.journal)).toBe(true);
    expect(t.registry.snapshot()).toEqual(before);
  });

  it("adds after the organisation's own list entries, skips ones they already have, and puts their value back", async () => {
    const t = setup();
    await t.registry.run(REG, ['add', CHROME, '/v', 'DnsOverHttpsMode', '/t', 'REG_SZ', '/d', 'secure', '/f'], 0);
    await t.registry.run(REG, ['add', `${CHROME}\\URLBlocklist`, '/v', '1', '/t', 'REG_SZ', '/d', 'ads.example', '/f'], 0);
    await t.registry.run(REG, ['add', `${CHROME}\\URLBlocklist`, '/v', '7', '/t', 'REG_SZ', '/d', 'x.com', '/f'], 0);
    const before = t.registry.snapshot();
    t.registry.calls.length = 0;
    await t.chrome.apply(t.journal, chromiumRegistryPolicy(CHROME, RULES));
    expect(t.registry.snapshot()[`${CHROME}\\URLBlocklist`.toLowerCase()]).toEqual({
      '1': { type: 'REG_SZ', data: 'ads.example' },
      '7': { type: 'REG_SZ', data: 'x.com' },
      '8': { type: 'REG_SZ', data: 'youtube.com/shorts' },
    });
    expect(t.registry.snapshot()[CHROME.toLowerCase()]).toEqual({ DnsOverHttpsMode: { type: 'REG_SZ', data: 'off' } });
    await t.chrome.restore(t.journal);
    expect(t.registry.snapshot()).toEqual(before);
  });

  it("writes Firefox's DNSOverHTTPS as locked DWORDs and its WebsiteFilter lists", async () => {
    const t = setup();
    const firefox = new RegistryPolicyTarget(WINDOWS_POLICY_KEYS.firefox, t.registry.run);
    await firefox.apply(t.journal, firefoxRegistryPolicy(WINDOWS_POLICY_KEYS.firefox, RULES));
    const key = WINDOWS_POLICY_KEYS.firefox.toLowerCase();
    expect(t.registry.snapshot()[`${key}\\dnsoverhttps`]).toEqual({ Enabled: { type: 'REG_DWORD', data: '0' }, Locked: { type: 'REG_DWORD', data: '1' } });
    expect(t.registry.snapshot()[`${key}\\websitefilter\\block`]).toEqual({ '1': { type: 'REG_SZ', data: '*://*.youtube.com/shorts*' }, '2': { type: 'REG_SZ', data: '*://*.x.com/*' } });
    expect(t.registry.snapshot()[`${key}\\websitefilter\\exceptions`]).toEqual({ '1': { type: 'REG_SZ', data: '*://*.youtube.com/watch*' } });
    await firefox.restore(t.journal);
    expect(Object.keys(t.registry.snapshot())).toEqual(['hklm\\software\\policies']);
  });

  it('journals before writing, so a failure half-way is undone by the next restore', async () => {
    const t = setup();
    const before = t.registry.snapshot();
    t.registry.failAfter = 2;
    await expect(t.chrome.apply(t.journal, chromiumRegistryPolicy(CHROME, RULES))).rejects.toThrow(/Access is denied/);
    expect(t.registry.snapshot()).not.toEqual(before);
    t.registry.failAfter = Infinity;
    await t.chrome.restore(t.journal);
    expect(t.registry.snapshot()).toEqual(before);
  });

  it("reads reg.exe's value lines, DWORDs as decimal, and stops at the first subkey", () => {
    const out = '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\r\n    DnsOverHttpsMode    REG_SZ    off\r\n    Flag    REG_DWORD    0x1a\r\n\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\URLBlocklist\r\n    1    REG_SZ    x.com\r\n';
    expect(parseRegValues(out)).toEqual(new Map([['DnsOverHttpsMode', { type: 'REG_SZ', data: 'off' }], ['Flag', { type: 'REG_DWORD', data: '26' }]]));
  });
});
