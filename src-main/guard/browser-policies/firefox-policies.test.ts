import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firefoxPoliciesDocument } from './firefox-policies';
import { PolicyFile } from './policy-file';
import { PolicyJournal } from './policy-journal';

const RULES = { block: [{ host: 'youtube.com', path: '/shorts' }, { host: 'x.com', path: '/' }], allow: [{ host: 'youtube.com', path: '/watch' }] };
const OURS = {
  DNSOverHTTPS: { Enabled: false, Locked: true },
  WebsiteFilter: { Block: ['*://*.youtube.com/shorts*', '*://*.x.com/*'], Exceptions: ['*://*.youtube.com/watch*'] },
};

// The same file format on every OS (/etc/firefox/policies on Linux, the app's distribution folder on macOS), so the
// real filesystem stands in for all of them here.
function setup() {
  const root = mkdtempSync(join(tmpdir(), 'firefox-policies-'));
  const path = join(root, 'etc/firefox/policies/policies.json');
  const journal = new PolicyJournal(join(root, 'state'));
  return { root, path, journal, file: new PolicyFile(path, firefoxPoliciesDocument(path), root) };
}

describe("Firefox's policies.json", () => {
  it('writes DNSOverHTTPS off and locked and the WebsiteFilter, and removes the file and its folders after', async () => {
    const t = setup();
    mkdirSync(join(t.root, 'etc'));
    await t.file.apply(t.journal, RULES);
    expect(readFileSync(t.path, 'utf8')).toBe(`${JSON.stringify({ policies: OURS }, null, 2)}\n`);
    await t.file.restore(t.journal);
    expect(existsSync(join(t.root, 'etc/firefox'))).toBe(false);
  });

  it('writes an allowlist session as Block ["<all_urls>"] with the allowed sites as the exceptions', async () => {
    const t = setup();
    await t.file.apply(t.journal, { block: [{ host: 'x.com', path: '/' }], allow: [], allowOnly: [{ host: 'arxiv.org', path: '/' }] });
    expect(JSON.parse(readFileSync(t.path, 'utf8')).policies.WebsiteFilter).toEqual({ Block: ['<all_urls>', '*://*.x.com/*'], Exceptions: ['*://*.arxiv.org/*'] });
    await t.file.restore(t.journal);
    expect(existsSync(t.path)).toBe(false);
  });

  it("merges into the organisation's file and puts its exact bytes back", async () => {
    const t = setup();
    mkdirSync(join(t.root, 'etc/firefox/policies'), { recursive: true });
    // Their own formatting, key order and a WebsiteFilter of theirs.
    const theirs = '{"policies":{"DisableTelemetry":true,\n  "WebsiteFilter":{"Block":["*://*.ads.example/*"],"Exceptions":["*://intranet.example/*"]},"DNSOverHTTPS":{"Enabled":true,"ProviderURL":"https://doh.example/q"}}}';
    writeFileSync(t.path, theirs);
    await t.file.apply(t.journal, RULES);
    expect(JSON.parse(readFileSync(t.path, 'utf8'))).toEqual({
      policies: {
        DisableTelemetry: true,
        DNSOverHTTPS: { Enabled: false, Locked: true, ProviderURL: 'https://doh.example/q' },
        WebsiteFilter: { Block: ['*://*.ads.example/*', ...OURS.WebsiteFilter.Block], Exceptions: ['*://intranet.example/*', ...OURS.WebsiteFilter.Exceptions] },
      },
    });
    await t.file.restore(t.journal);
    expect(readFileSync(t.path, 'utf8')).toBe(theirs);
  });

  it('re-applies over an edit during the lease without losing the original, and takes only its keys out of a file changed after', async () => {
    const t = setup();
    mkdirSync(join(t.root, 'etc/firefox/policies'), { recursive: true });
    const theirs = '{"policies":{"DisableTelemetry":true}}';
    writeFileSync(t.path, theirs);
    await t.file.apply(t.journal, RULES);
    // Someone edits the file during the lease: our keys go back in on top of their edit.
    const edited = JSON.parse(readFileSync(t.path, 'utf8'));
    writeFileSync(t.path, JSON.stringify({ policies: { ...edited.policies, WebsiteFilter: { Block: [] }, DisablePocket: true } }));
    await t.file.apply(t.journal, RULES);
    expect(JSON.parse(readFileSync(t.path, 'utf8'))).toEqual({ policies: { DisableTelemetry: true, DisablePocket: true, ...OURS } });
    // And again just before release: their edit stays, our keys go back to how they were (absent).
    writeFileSync(t.path, JSON.stringify({ policies: { ...OURS, DisableTelemetry: true, DisablePocket: false } }));
    await t.file.restore(t.journal);
    expect(JSON.parse(readFileSync(t.path, 'utf8'))).toEqual({ policies: { DisableTelemetry: true, DisablePocket: false } });
  });

  it('leaves a policies.json it cannot parse alone, and says why', async () => {
    const t = setup();
    mkdirSync(join(t.root, 'etc/firefox/policies'), { recursive: true });
    writeFileSync(t.path, '{ "policies": ');
    await expect(t.file.apply(t.journal, RULES)).rejects.toThrow(/not valid JSON/);
    expect(readFileSync(t.path, 'utf8')).toBe('{ "policies": ');
    expect(await t.journal.load()).toEqual({ files: {}, registry: {}, createdFolders: [] });
  });
});
