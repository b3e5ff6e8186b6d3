import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFailure, type OutputRunner } from '../../base/command-runner';
import type { BrowserRules } from './url-rules';
import type { PolicyDocument } from './policy-file';
import { chromiumPolicy } from './chromium-json';
import { firefoxPolicies } from './firefox-policies';
import { isObject, stringsOf, withKeysAsBefore, type JsonObject } from './policy-lists';

/**
 * macOS: browsers read machine-wide managed preferences from `/Library/Managed Preferences/<bundle id>.plist`, a
 * root-owned folder, one file per browser shared with an MDM profile, so our keys are merged into it (the lists with
 * the ones there): the Chromium family's three, and Firefox's two policies with `EnterprisePoliciesEnabled`, which
 * Firefox needs to read policies from preferences at all. (Firefox's other place, `policies.json` inside the app
 * bundle, is the user's to change, so the guard never writes there.) The file may be a binary plist: it is read through `/usr/bin/plutil -convert json` (a fixed
 * command, GUARD.md invariant 9) from a copy in the guard's own state folder, and written back as an XML plist.
 * A plist holding what JSON cannot express (dates, data) is refused, untouched, with the reason reported.
 */
export const MACOS_BUNDLE_IDS = {
  chrome: 'com.google.Chrome',
  chromium: 'org.chromium.Chromium',
  edge: 'com.microsoft.Edge',
  brave: 'com.brave.Browser',
  vivaldi: 'com.vivaldi.Vivaldi',
  firefox: 'org.mozilla.firefox',
} as const;

export const PLUTIL = '/usr/bin/plutil';

/** Which keys of the preferences are ours, and their values given the rules and what the file held before us. */
export interface ManagedPrefsPolicy {
  readonly keys: readonly string[];
  values(rules: BrowserRules, before: JsonObject): JsonObject;
}

export const CHROMIUM_PREFS: ManagedPrefsPolicy = {
  keys: ['DnsOverHttpsMode', 'URLBlocklist', 'URLAllowlist'],
  values: (rules, before) => chromiumPolicy(rules, { block: stringsOf(before.URLBlocklist), allow: stringsOf(before.URLAllowlist) }),
};

export const FIREFOX_PREFS: ManagedPrefsPolicy = {
  keys: ['EnterprisePoliciesEnabled', 'DNSOverHTTPS', 'WebsiteFilter'],
  values: (rules, before) => ({ EnterprisePoliciesEnabled: true, ...firefoxPolicies(rules, before) }),
};

export function macosManagedPrefsDocument(path: string, scratchDir: string, run: OutputRunner, policy: ManagedPrefsPolicy): PolicyDocument {
  const read = async (bytes: Buffer | null): Promise<JsonObject> => {
    if (bytes === null) return {};
    const copy = join(scratchDir, `.plist-${randomBytes(6).toString('hex')}.plist`);
    await writeFile(copy, bytes, { mode: 0o600 });
    try {
      const output = await run(PLUTIL, ['-convert', 'json', '-o', '-', '--', copy], 10_000);
      if (output.kind !== 'ok') throw new Error(`${path} cannot be read as a plist (${describeFailure(PLUTIL, output)}); the guard leaves it alone`);
      const value: unknown = JSON.parse(output.stdout);
      if (!isObject(value)) throw new Error(`${path} is not a dictionary; the guard leaves it alone`);
      return value;
    } finally {
      await rm(copy, { force: true });
    }
  };
  return {
    async render(current, previous, rules) {
      const now = await read(current);
      return { content: Buffer.from(renderPlist({ ...now, ...policy.values(rules, await read(previous)) })) };
    },
    async unrender(current, previous) {
      const restored = withKeysAsBefore(await read(current), await read(previous), policy.keys);
      return previous === null && Object.keys(restored).length === 0 ? null : Buffer.from(renderPlist(restored));
    },
  };
}

/** An XML property list of a JSON value (what `plutil -convert json` gives back). */
export function renderPlist(root: JsonObject): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">', '<plist version="1.0">'];
  const emit = (value: unknown, indent: string): void => {
    if (typeof value === 'string') lines.push(`${indent}<string>${escapeXml(value)}</string>`);
    else if (typeof value === 'boolean') lines.push(`${indent}<${value}/>`);
    else if (typeof value === 'number') lines.push(Number.isInteger(value) ? `${indent}<integer>${value}</integer>` : `${indent}<real>${value}</real>`);
    else if (Array.isArray(value)) {
      lines.push(`${indent}<array>`);
      for (const item of value) emit(item, `${indent}\t`);
      lines.push(`${indent}</array>`);
    } else if (isObject(value)) {
      lines.push(`${indent}<dict>`);
      for (const [key, item] of Object.entries(value)) {
        lines.push(`${indent}\t<key>${escapeXml(key)}</key>`);
        emit(item, `${indent}\t`);
      }
      lines.push(`${indent}</dict>`);
    } else throw new Error('A null has no property-list form');
  };
  emit(root, '');
  lines.push('</plist>');
  return `${lines.join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
