import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRootFolder, makeRootFolders } from './root-folder';

// A second account's folders are in e2e/system/browser-policies-links.test.ts (it needs root to make one).
describe('the policy folder chain', () => {
  it('returns the folders still missing, and makes them 0755 whatever the umask', async () => {
    const root = mkdtempSync(join(tmpdir(), 'root-folder-'));
    mkdirSync(join(root, 'etc'), { mode: 0o755 });
    const missing = await checkRootFolder(root, join(root, 'etc/chromium/policies'));
    expect(missing).toEqual([join(root, 'etc/chromium'), join(root, 'etc/chromium/policies')]);
    await makeRootFolders(missing);
    expect(missing.map((folder) => statSync(folder).mode & 0o777)).toEqual([0o755, 0o755]);
    expect(await checkRootFolder(root, join(root, 'etc/chromium/policies'))).toEqual([]);
  });

  it('refuses a link, a folder anyone may write, and a path outside the policy root', async () => {
    const root = mkdtempSync(join(tmpdir(), 'root-folder-'));
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'link'));
    await expect(checkRootFolder(root, join(root, 'link/policies'))).rejects.toThrow(`${root}/link is a symbolic link; the guard does not follow it`);
    mkdirSync(join(root, 'open'));
    chmodSync(join(root, 'open'), 0o777);
    await expect(checkRootFolder(root, join(root, 'open/policies'))).rejects.toThrow(`${root}/open can be changed by a user other than root`);
    await expect(checkRootFolder(root, join(root, '../elsewhere'))).rejects.toThrow("is not inside the guard's policy root");
  });
});
