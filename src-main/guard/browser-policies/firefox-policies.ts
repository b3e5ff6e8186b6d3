import type { PolicyDocument } from './policy-file';
import { isObject, mergeLists, parseJsonObject, stringsOf, withKeysAsBefore, type JsonObject } from './policy-lists';
import { firefoxLists, type BrowserRules } from './url-rules';

/**
 * Firefox's `policies.json` (`/etc/firefox/policies/` on Linux; macOS takes the same two policies as managed
 * preferences, macos-managed-prefs.ts, and Windows from the registry): one file shared with whoever else set
 * policies, so ours are merged into its `policies` object:
 * - `DNSOverHTTPS: { Enabled: false, Locked: true }` (DNS over HTTPS off and the user cannot turn it back on),
 * - `WebsiteFilter: { Block, Exceptions }` in match patterns, merged with the Block/Exceptions that were there.
 * Only those two keys are ours; on restore the file's previous bytes come back exactly (policy-file.ts).
 */
const OUR_KEYS = ['DNSOverHTTPS', 'WebsiteFilter'] as const;

export function firefoxPolicies(rules: BrowserRules, before: JsonObject): JsonObject {
  const ours = firefoxLists(rules);
  const dns = isObject(before.DNSOverHTTPS) ? before.DNSOverHTTPS : {};
  const filter = isObject(before.WebsiteFilter) ? before.WebsiteFilter : {};
  return {
    DNSOverHTTPS: { ...dns, Enabled: false, Locked: true },
    WebsiteFilter: {
      ...filter,
      Block: mergeLists(stringsOf(filter.Block), ours.block),
      Exceptions: mergeLists(stringsOf(filter.Exceptions), ours.allow),
    },
  };
}

export function firefoxPoliciesDocument(path: string): PolicyDocument {
  const policiesOf = (bytes: Buffer | null): { root: JsonObject; policies: JsonObject } => {
    const root = bytes === null ? {} : parseJsonObject(bytes, path);
    return { root, policies: isObject(root.policies) ? root.policies : {} };
  };
  const encode = (root: JsonObject) => Buffer.from(`${JSON.stringify(root, null, 2)}\n`);
  return {
    async render(current, previous, rules) {
      const { root, policies } = policiesOf(current);
      const before = policiesOf(previous).policies;
      return { content: encode({ ...root, policies: { ...policies, ...firefoxPolicies(rules, before) } }) };
    },
    async unrender(current, previous) {
      const { root, policies } = policiesOf(current);
      const restored = withKeysAsBefore(policies, policiesOf(previous).policies, OUR_KEYS);
      if (previous === null && Object.keys(restored).length === 0 && Object.keys(root).every((key) => key === 'policies')) return null;
      return encode({ ...root, policies: restored });
    },
  };
}
