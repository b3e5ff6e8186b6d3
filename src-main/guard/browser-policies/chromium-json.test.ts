import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_POLICY_FILE, CHROMIUM_URL_LIST_LIMIT, chromiumJsonDocument } from './chromium-json';
import { PolicyFile } from './policy-file';
import { PolicyJournal } from './policy-journal';

const RULES = { block: [{ host: 'youtube.com', path: '/shorts' }, { host: 'x.com', path: '/' }], allow: [{ host: 'youtube.com', path: '/watch' }] };

function setup() {
  const root = mkdtempSync(join(tmpdir(), 'chromium-json-'));
  const folder = join(root, 'etc/chromium/policies/managed');
  const path = join(folder, CHROMIUM_POLICY_FILE);
  const journal = new PolicyJournal(join(root, 'state'));
  return { root, folder, path, journal, file: new PolicyFile(path, chromiumJsonDocument(path), root) };
}

describe('the Chromium managed policy folder (Linux)', () => {
  it('writes exactly our own file, readable by every user, and removes it and the folders it made on restore', async () => {
    const t = setup();
    mkdirSync(join(t.root, 'etc'));
    expect(await t.file.apply(t.journal, RULES)).toEqual({ changed: true, problem: null });
    expect(readFileSync(t.path, 'utf8')).toBe(
      `${JSON.stringify({ DnsOverHttpsMode: 'off', URLBlocklist: ['youtube.com/shorts', 'x.com'], URLAllowlist: ['youtube.com/watch'] }, null, 2)}\n`,
    );
    expect(statSync(t.path).mode & 0o777).toBe(0o644);
    expect(statSync(t.folder).mode & 0o777).toBe(0o755);
    expect(await t.file.apply(t.journal, RULES)).toEqual({ changed: false, problem: null });

    expect(await t.file.restore(t.journal)).toBe(true);
    expect(existsSync(join(t.root, 'etc/chromium'))).toBe(false);
    expect(existsSync(join(t.root, 'etc'))).toBe(true);
    expect(await t.journal.load()).toEqual({ files: {}, registry: {}, createdFolders: [] });
  });

  it("merges the organisation's URLBlocklist and URLAllowlist into ours and leaves their file byte-identical", async () => {
    const t = setup();
    mkdirSync(t.folder, { recursive: true });
    const theirs = '{ "URLBlocklist": ["ads.example"], "URLAllowlist": ["intranet.example"], "HomepageLocation": "https://intranet.example" }';
    writeFileSync(join(t.folder, 'org.json'), theirs);
    await t.file.apply(t.journal, RULES);
    expect(JSON.parse(readFileSync(t.path, 'utf8'))).toEqual({
      DnsOverHttpsMode: 'off',
      URLBlocklist: ['ads.example', 'youtube.com/shorts', 'x.com'],
      URLAllowlist: ['intranet.example', 'youtube.com/watch'],
    });
    await t.file.restore(t.journal);
    expect(existsSync(t.path)).toBe(false);
    expect(readFileSync(join(t.folder, 'org.json'), 'utf8')).toBe(theirs);
    // The folder was there before: it stays.
    expect(existsSync(t.folder)).toBe(true);
  });

  it('writes an allowlist session as URLBlocklist ["*"] plus the allowed sites, merged with the organisation\'s lists', async () => {
    const t = setup();
    mkdirSync(t.folder, { recursive: true });
    writeFileSync(join(t.folder, 'org.json'), '{ "URLBlocklist": ["ads.example"], "URLAllowlist": ["intranet.example"] }');
    const allowlist = { block: [{ host: 'x.com', path: '/' }], allow: [{ host: 'x.com', path: '/docs' }], allowOnly: [{ host: 'arxiv.org', path: '/' }, { host: 'docs.python.org', path: '/3/' }] };
    expect(await t.file.apply(t.journal, allowlist)).toEqual({ changed: true, problem: null });
    expect(JSON.parse(readFileSync(t.path, 'utf8'))).toEqual({
      DnsOverHttpsMode: 'off',
      URLBlocklist: ['ads.example', '*', 'x.com'],
      URLAllowlist: ['intranet.example', 'arxiv.org', 'docs.python.org/3/'],
    });
    // The same rules as an ordinary session are another policy: the file is rewritten.
    expect(await t.file.apply(t.journal, { ...allowlist, allowOnly: null })).toMatchObject({ changed: true });
    expect(JSON.parse(readFileSync(t.path, 'utf8'))).toMatchObject({ URLBlocklist: ['ads.example', 'x.com'], URLAllowlist: ['intranet.example', 'x.com/docs'] });
  });

  it("says when a list is past the 1,000 entries Chromium reads (the organisation's count too)", async () => {
    const t = setup();
    mkdirSync(t.folder, { recursive: true });
    const theirs = Array.from({ length: CHROMIUM_URL_LIST_LIMIT }, (_, i) => `site${i}.example`);
    writeFileSync(join(t.folder, 'org.json'), JSON.stringify({ URLAllowlist: theirs }));
    const outcome = await t.file.apply(t.journal, { block: [], allow: [], allowOnly: [{ host: 'arxiv.org', path: '/' }] });
    expect(outcome.problem).toBe(`URLAllowlist has ${CHROMIUM_URL_LIST_LIMIT + 1} entries; Chromium reads only the first ${CHROMIUM_URL_LIST_LIMIT}`);
  });

  it('reports a file that sorts after ours and sets the same policy, since Chromium would use its value', async () => {
    const t = setup();
    mkdirSync(t.folder, { recursive: true });
    writeFileSync(join(t.folder, 'zzz.json'), '{"URLBlocklist": []}');
    const outcome = await t.file.apply(t.journal, RULES);
    expect(outcome.problem).toContain('zzz.json');
  });

  it('after a crash between the journal and the write, restore leaves the folder as it was', async () => {
    const t = setup();
    mkdirSync(t.folder, { recursive: true });
    await t.file.apply(t.journal, RULES);
    // What a guard killed after saving the journal and before renaming its temp file leaves: a journal, no file.
    rmSync(t.path);
    expect(await t.file.restore(t.journal)).toBe(false);
    expect(existsSync(t.path)).toBe(false);
    expect(await t.journal.load()).toEqual({ files: {}, registry: {}, createdFolders: [] });
  });

  it('removes the temp file of a write killed before its rename (browsers read every file in the folder)', async () => {
    const t = setup();
    mkdirSync(t.folder, { recursive: true });
    // A pid above the kernel's limit: that writer is gone.
    const stale = join(t.folder, `.${CHROMIUM_POLICY_FILE}.99999999.abcdefabcdef.tmp`);
    writeFileSync(stale, '{"URLBlocklist": ["x.com"]}');
    await t.file.restore(t.journal);
    expect(existsSync(stale)).toBe(false);
  });

  it('puts its content back after tampering during the lease', async () => {
    const t = setup();
    await t.file.apply(t.journal, RULES);
    const ours = readFileSync(t.path);
    writeFileSync(t.path, '{}');
    expect(await t.file.apply(t.journal, RULES)).toMatchObject({ changed: true });
    expect(readFileSync(t.path).equals(ours)).toBe(true);
  });

  it('refuses to write through a symbolic link', async () => {
    const t = setup();
    mkdirSync(t.folder, { recursive: true });
    symlinkSync(join(t.root, 'elsewhere.json'), t.path);
    await expect(t.file.apply(t.journal, RULES)).rejects.toThrow(/Not a regular file/);
    expect(existsSync(join(t.root, 'elsewhere.json'))).toBe(false);
  });
});
