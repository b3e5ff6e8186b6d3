import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, openApp, screenshot, test } from '../support/preview-fixture';

// A vault in a synced folder, as Syncthing, Nextcloud and iCloud leave it: conflict copies beside two notes, and a
// note iCloud has not downloaded yet. The real core reads and resolves them; the merge view is CodeMirror's own.
const PLAN_COPY = 'Plan.sync-conflict-20261207-133737-FYBUD4K.md';
const LEMMA_COPY = 'Lemma (conflicted copy 2026-12-07 090102).md';

test('conflict copies show under their note, open side by side with the differences marked, and resolve; in English and Chinese', async ({ page, launch }) => {
  const preview = await launch({
    seed: async ({ vaultDir }) => {
      const notes = join(vaultDir, 'Notes');
      await mkdir(notes, { recursive: true });
      await writeFile(join(notes, 'Plan.md'), '# Plan\n\nProve the lemma first.\nThen the bound, $n \\log n$.\n');
      await writeFile(join(notes, PLAN_COPY), '# Plan\n\nProve the lemma first.\nThen the sharper bound, $n$.\n');
      await writeFile(join(notes, 'Lemma.md'), 'Lemma 3 holds for every prime.\n');
      await writeFile(join(notes, LEMMA_COPY), 'Lemma 3 holds for every odd prime.\n');
      await writeFile(join(notes, '.Draft.md.icloud'), 'a placeholder, never read');
      await writeFile(join(notes, '.syncthing.Other.md.tmp'), 'half a file');
    },
  });
  await openApp(page, preview);
  await page.getByRole('navigation').getByRole('button', { name: 'Notepad' }).click();
  const list = page.getByRole('complementary', { name: 'Notes' });
  // Three notes: the copies are under their notes, the placeholder says it is not here, the temp file is not listed.
  await expect(list.locator('.note-title')).toHaveCount(3);
  for (const title of ['Draft', 'Lemma', 'Plan']) await expect(list.locator('.note-title', { hasText: new RegExp(`^${title}$`) })).toHaveCount(1);
  await expect(list.getByRole('button', { name: /Draft/ })).toContainText('In iCloud, not downloaded to this machine yet');
  await expect(list.getByText('Other')).toHaveCount(0);
  const planCopies = list.getByRole('list', { name: 'Changed on two machines: conflict copies to resolve (1)' }).filter({ has: page.getByText('FYBUD4K') });
  const copyRow = planCopies.getByRole('button', { name: 'Copy from FYBUD4K, Dec 7, 2026, 1:37 PM' });
  await expect(copyRow).toBeVisible();

  await copyRow.click();
  const panel = page.locator('.sync-copy');
  await expect(panel.getByRole('heading', { name: '“Plan” changed on two machines' })).toBeVisible();
  await expect(panel).toContainText('Syncthing kept both versions; the differences are marked.');
  // Both texts, and the changed words marked on both sides.
  await expect(panel.getByRole('textbox', { name: 'The note' })).toContainText('Then the bound, $n \\log n$.');
  await expect(panel.getByRole('textbox', { name: 'The copy' })).toContainText('Then the sharper bound, $n$.');
  await expect(panel.locator('.cm-merge-a .cm-changedText').first()).toBeVisible();
  await expect(panel.locator('.cm-merge-b .cm-changedText').first()).toBeVisible();
  await screenshot(page, 'notepad-sync-copy-en');

  // Keep both: the copy becomes a note of its own under a clear name, and the conflict is gone from the list.
  await panel.getByRole('button', { name: 'Keep both (the copy as its own note)' }).click();
  await expect(panel).toHaveCount(0);
  const kept = 'Plan (copy from FYBUD4K, 2026-12-07).md';
  await expect.poll(async () => (await readdir(join(preview.vaultDir, 'Notes'))).sort()).toEqual(
    ['.Draft.md.icloud', '.syncthing.Other.md.tmp', LEMMA_COPY, 'Lemma.md', kept, 'Plan.md'].sort(),
  );
  expect(await readFile(join(preview.vaultDir, 'Notes', kept), 'utf8')).toContain('the sharper bound');
  await expect(list.getByRole('button', { name: /Plan \(copy from FYBUD4K, 2026-12-07\)/ })).toBeVisible();

  // 中文: the Nextcloud copy of the other note, then its text taken.
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: '简体中文' }).check();
  await page.getByRole('navigation').getByRole('button', { name: '笔记' }).click();
  const zhList = page.getByRole('complementary', { name: '笔记列表' });
  await zhList.getByRole('button', { name: /同步副本/ }).click();
  await expect(panel.getByRole('heading', { name: '“Lemma”在两台电脑上都被修改了' })).toBeVisible();
  await expect(panel).toContainText('Nextcloud 保留了两个版本，差异已标出。');
  await expect(panel.locator('.cm-merge-b .cm-changedText').first()).toBeVisible();
  await screenshot(page, 'notepad-sync-copy-zh-CN');
  await panel.getByRole('button', { name: '采用副本的文字' }).click();
  await expect(panel).toHaveCount(0);
  await expect.poll(() => readFile(join(preview.vaultDir, 'Notes', 'Lemma.md'), 'utf8')).toBe('Lemma 3 holds for every odd prime.\n');
  expect(await readdir(join(preview.vaultDir, 'Notes'))).not.toContain(LEMMA_COPY);
});
