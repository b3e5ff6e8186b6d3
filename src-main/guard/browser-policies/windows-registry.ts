import { createHash } from 'node:crypto';
import { describeFailure, type OutputRunner } from '../../base/command-runner';
import type { PolicyJournal, RegistryJournalEntry, RegistryValue } from './policy-journal';
import { chromiumLists, firefoxLists, type BrowserRules } from './url-rules';

/**
 * Windows: browsers read machine policy from `HKLM\SOFTWARE\Policies\…`, one store shared with Group Policy, so
 * only our own values are touched, through `reg.exe` with fixed argument arrays (GUARD.md invariant 9):
 * - a plain value (`DnsOverHttpsMode`, Firefox's `DNSOverHTTPS\Enabled`): what it held before goes into the journal
 *   first, and is put back (or the value removed) on restore;
 * - a list policy (`URLBlocklist`, Firefox's `WebsiteFilter\Block`): a subkey of numbered string values. Ours are
 *   added after the highest number already there, so the organisation's entries stay in force, and on restore only
 *   the values we added go. A key we had to create goes too, once empty.
 * An unchanged lease costs no registry writes (the journal's fingerprint); tampering with the registry during a lease
 * is undone when the lease changes or the guard restarts, not within seconds as for files.
 */
export const REG = 'C:\\Windows\\System32\\reg.exe';
const TIMEOUT_MS = 10_000;
const POLICIES_ROOT = 'HKLM\\SOFTWARE\\Policies';

export interface RegistryPolicy {
  values: { key: string; name: string; value: RegistryValue }[];
  lists: { key: string; items: string[] }[];
}

export const WINDOWS_POLICY_KEYS = {
  chrome: 'HKLM\\SOFTWARE\\Policies\\Google\\Chrome',
  chromium: 'HKLM\\SOFTWARE\\Policies\\Chromium',
  edge: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Edge',
  brave: 'HKLM\\SOFTWARE\\Policies\\BraveSoftware\\Brave',
  firefox: 'HKLM\\SOFTWARE\\Policies\\Mozilla\\Firefox',
} as const;

export function chromiumRegistryPolicy(key: string, rules: BrowserRules): RegistryPolicy {
  const ours = chromiumLists(rules);
  return {
    values: [{ key, name: 'DnsOverHttpsMode', value: { type: 'REG_SZ', data: 'off' } }],
    lists: [
      { key: `${key}\\URLBlocklist`, items: ours.block },
      { key: `${key}\\URLAllowlist`, items: ours.allow },
    ],
  };
}

export function firefoxRegistryPolicy(key: string, rules: BrowserRules): RegistryPolicy {
  const ours = firefoxLists(rules);
  return {
    values: [
      { key: `${key}\\DNSOverHTTPS`, name: 'Enabled', value: { type: 'REG_DWORD', data: '0' } },
      { key: `${key}\\DNSOverHTTPS`, name: 'Locked', value: { type: 'REG_DWORD', data: '1' } },
    ],
    lists: [
      { key: `${key}\\WebsiteFilter\\Block`, items: ours.block },
      { key: `${key}\\WebsiteFilter\\Exceptions`, items: ours.allow },
    ],
  };
}

export class RegistryPolicyTarget {
  constructor(
    /** The browser's policy key; also its name in the journal. */
    readonly key: string,
    private readonly run: OutputRunner,
  ) {}

  async apply(journal: PolicyJournal, policy: RegistryPolicy): Promise<boolean> {
    const fingerprint = createHash('sha256').update(JSON.stringify(policy)).digest('hex');
    let data = await journal.load();
    if (data.registry[this.key]?.fingerprint === fingerprint) return false;
    if (data.registry[this.key]) {
      await this.restore(journal);
      data = await journal.load();
    }
    const entry: RegistryJournalEntry = { values: [], added: [], createdKeys: [], fingerprint };
    const writes: string[][] = [];
    const keys = new Map<string, Map<string, RegistryValue>>();
    const valuesOf = async (key: string) => {
      let found = keys.get(key);
      if (!found) {
        const listed = await this.query(key);
        if (listed === null) await this.noteMissing(key, entry.createdKeys);
        found = listed ?? new Map();
        keys.set(key, found);
      }
      return found;
    };
    for (const { key, name, value } of policy.values) {
      entry.values.push({ key, name, previous: (await valuesOf(key)).get(name) ?? null });
      writes.push(['add', key, '/v', name, '/t', value.type, '/d', value.data, '/f']);
    }
    for (const { key, items } of policy.lists) {
      const existing = await valuesOf(key);
      const present = new Set([...existing.values()].map((value) => value.data));
      let next = Math.max(0, ...[...existing.keys()].map(Number).filter(Number.isInteger)) + 1;
      for (const item of items) {
        if (present.has(item)) continue;
        present.add(item);
        const name = String(next++);
        entry.added.push({ key, name });
        writes.push(['add', key, '/v', name, '/t', 'REG_SZ', '/d', item, '/f']);
      }
    }
    data.registry[this.key] = entry;
    await journal.save(data);
    for (const args of writes) await this.must(args);
    return true;
  }

  async restore(journal: PolicyJournal): Promise<boolean> {
    const data = await journal.load();
    const entry = data.registry[this.key];
    if (!entry) return false;
    // Values that are already gone (a crash before they were written, or removed by hand) are not an error.
    for (const { key, name } of entry.added) await this.run(REG, ['delete', key, '/v', name, '/f'], TIMEOUT_MS);
    for (const { key, name, previous } of entry.values) {
      if (previous === null) await this.run(REG, ['delete', key, '/v', name, '/f'], TIMEOUT_MS);
      else await this.must(['add', key, '/v', name, '/t', previous.type, '/d', previous.data, '/f']);
    }
    for (const key of [...entry.createdKeys].reverse()) {
      const left = await this.run(REG, ['query', key, '/s'], TIMEOUT_MS);
      if (left.kind === 'ok' && parseRegValues(left.stdout).size === 0 && !subkeyLine(left.stdout, key)) await this.run(REG, ['delete', key, '/f'], TIMEOUT_MS);
    }
    delete data.registry[this.key];
    await journal.save(data);
    return true;
  }

  /** Records `key` and each missing key above it (top-most first), up to the Policies key every Windows has. */
  private async noteMissing(key: string, created: string[]): Promise<void> {
    const chain: string[] = [];
    for (let current = key; current.length > POLICIES_ROOT.length; current = current.slice(0, current.lastIndexOf('\\'))) {
      if (created.includes(current) || (current !== key && (await this.query(current)) !== null)) break;
      chain.unshift(current);
    }
    created.push(...chain.filter((item) => !created.includes(item)));
  }

  /** The values directly under `key`, or null when the key does not exist. */
  private async query(key: string): Promise<Map<string, RegistryValue> | null> {
    const output = await this.run(REG, ['query', key], TIMEOUT_MS);
    if (output.kind === 'exit' && output.code === 1) return null;
    if (output.kind !== 'ok') throw new Error(describeFailure(REG, output));
    return parseRegValues(output.stdout);
  }

  private async must(args: string[]): Promise<void> {
    const output = await this.run(REG, args, TIMEOUT_MS);
    if (output.kind !== 'ok') throw new Error(describeFailure(REG, output));
  }
}

/**
 * `reg query` prints a key's path, then one line per value: four spaces, name, four spaces, type, four spaces, data.
 * Only the values right under the first key are read; subkeys' blocks start with their own path line.
 */
export function parseRegValues(stdout: string): Map<string, RegistryValue> {
  const values = new Map<string, RegistryValue>();
  let keysSeen = 0;
  for (const line of stdout.split(/\r?\n/)) {
    if (/^HKEY_|^HKLM\\/i.test(line)) keysSeen++;
    if (keysSeen > 1) break;
    const match = /^ {4}(.+?) {4}(REG_SZ|REG_DWORD|REG_EXPAND_SZ|REG_MULTI_SZ|REG_QWORD|REG_BINARY) {4}(.*)$/.exec(line);
    if (!match) continue;
    const [, name = '', type, data = ''] = match;
    // DWORDs print as hex (0x1); the journal keeps them as the decimal reg.exe accepts back.
    if (type === 'REG_DWORD') values.set(name, { type, data: String(Number.parseInt(data, 16)) });
    else if (type === 'REG_SZ') values.set(name, { type, data });
  }
  return values;
}

/** Whether `reg query key /s` lists a subkey below `key`. */
function subkeyLine(stdout: string, key: string): boolean {
  const tail = key.replace(/^HKLM\\/i, '').toLowerCase();
  return stdout.split(/\r?\n/).some((line) => /^HKEY_LOCAL_MACHINE\\/i.test(line) && line.toLowerCase().replace(/^hkey_local_machine\\/, '') !== tail);
}
