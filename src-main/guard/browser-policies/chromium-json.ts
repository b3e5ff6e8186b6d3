import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PolicyDocument } from './policy-file';
import { isObject, mergeLists, stringsOf } from './policy-lists';
import { chromiumLists, type BrowserRules } from './url-rules';

/**
 * Our own file in a Chromium-family managed policy folder on Linux (`/etc/chromium/policies/managed/` and the like).
 * Chromium reads every file there and, for a policy set in more than one, uses the value from the file that sorts
 * last by name: list policies are NOT merged across files (PolicyListMultipleSourceMergeList merges across policy
 * sources such as platform and cloud, and every file here is the same platform source). So:
 * - our file is named to sort after ordinary names (`zz-stillroom.json`), and
 * - the URLBlocklist/URLAllowlist that other files already set are merged into ours, so the organisation's own
 *   blocks and exceptions stay in force while ours is. Their files are only read, never written.
 * A file that still sorts after ours and sets one of our policies wins; that is reported as a problem.
 */
export const CHROMIUM_POLICY_FILE = 'zz-stillroom.json';

const OUR_KEYS = ['DnsOverHttpsMode', 'URLBlocklist', 'URLAllowlist'] as const;

/** Chromium reads at most this many entries of URLBlocklist and of URLAllowlist, and ignores the rest. */
export const CHROMIUM_URL_LIST_LIMIT = 1000;

export function chromiumPolicy(rules: BrowserRules, theirs: { block: string[]; allow: string[] }): { DnsOverHttpsMode: 'off'; URLBlocklist: string[]; URLAllowlist: string[] } {
  const ours = chromiumLists(rules);
  return {
    DnsOverHttpsMode: 'off',
    URLBlocklist: mergeLists(theirs.block, ours.block),
    URLAllowlist: mergeLists(theirs.allow, ours.allow),
  };
}

/** Says which list is past what Chromium reads (entries after the limit are ignored), or null. */
export function chromiumListProblem(policy: { URLBlocklist: readonly string[]; URLAllowlist: readonly string[] }): string | null {
  const over = (['URLBlocklist', 'URLAllowlist'] as const).filter((key) => policy[key].length > CHROMIUM_URL_LIST_LIMIT);
  return over.length
    ? over.map((key) => `${key} has ${policy[key].length} entries; Chromium reads only the first ${CHROMIUM_URL_LIST_LIMIT}`).join('; ')
    : null;
}

export function chromiumJsonDocument(path: string): PolicyDocument {
  const folder = dirname(path);
  const ours = basename(path);
  return {
    async render(_current, _previous, rules) {
      const theirs = { block: [] as string[], allow: [] as string[] };
      const overriding: string[] = [];
      const unreadable: string[] = [];
      for (const name of (await readdir(folder).catch(() => [] as string[])).sort()) {
        // Our own file, and the temp files of our own atomic writes.
        if (name === ours || name.startsWith(`.${ours}.`)) continue;
        let value: unknown;
        try {
          value = JSON.parse(await readFile(join(folder, name), 'utf8'));
        } catch {
          unreadable.push(name);
          continue;
        }
        if (!isObject(value)) continue;
        theirs.block.push(...stringsOf(value.URLBlocklist));
        theirs.allow.push(...stringsOf(value.URLAllowlist));
        if (name > ours && OUR_KEYS.some((key) => key in value)) overriding.push(name);
      }
      const policy = chromiumPolicy(rules, theirs);
      const content = Buffer.from(`${JSON.stringify(policy, null, 2)}\n`);
      const problem = overriding.length
        ? `${overriding.join(', ')} in ${folder} sorts after ${ours} and sets the same policies, so the browser uses its values`
        : unreadable.length
          ? `${unreadable.join(', ')} in ${folder} is not valid JSON; its lists could not be merged`
          : (chromiumListProblem(policy) ?? undefined);
      return { content, problem };
    },
    // Our own file name: it goes (or back to what had that name before, should anything have).
    unrender: async (_current, previous) => previous,
  };
}
