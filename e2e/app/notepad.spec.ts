import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, screenshot, test, untilSeen, type PreviewHandle } from '../support/preview-fixture';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

async function openNotepad(page: Page, preview: PreviewHandle): Promise<void> {
  await openApp(page, preview);
  await page.getByRole('navigation').getByRole('button', { name: 'Notepad' }).click();
  await expect(page.getByRole('complementary', { name: 'Notes' })).toBeVisible();
}

const editor = (page: Page) => page.locator('.notepad-editor .cm-content');
const status = (page: Page) => page.locator('.notepad-status-state');
const notesDir = (preview: PreviewHandle) => join(preview.vaultDir, 'Notes');

/** The text of the caret's line up to the caret, as the DOM selection (which CodeMirror keeps in step) says. */
function textBeforeCaret(page: Page): Promise<string> {
  return page.evaluate(() => {
    const selection = window.getSelection();
    const line = selection?.anchorNode?.parentElement?.closest('.cm-line');
    if (!selection?.anchorNode || !line) return '';
    const range = document.createRange();
    range.setStart(line, 0);
    range.setEnd(selection.anchorNode, selection.anchorOffset);
    return range.toString();
  });
}

test('writes a derivation with live math, moves through formulas, survives a TeX error, saves byte for byte', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openNotepad(page, preview);
  await page.getByRole('button', { name: 'New note' }).click();
  await expect(editor(page)).toBeFocused();

  const lines = [
    '# Kinetic energy',
    '',
    'Let $v$ be the speed and $m$ the mass. Work done:',
    '',
    '$$',
    'W = \\int_0^v m u \\, du = \\frac{1}{2} m v^2',
    '$$',
    '',
    'So $E_k = \\frac{1}{2} m v^2$ holds.',
  ];
  for (const [index, line] of lines.entries()) {
    if (index > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
  // Away from the formulas, both kinds render: three inline, one display.
  await page.keyboard.press(`${mod}+Home`);
  await expect(page.locator('.cm-content .cm-math-inline .katex')).toHaveCount(3);
  await expect(page.locator('.cm-content .cm-math-block .katex-display')).toHaveCount(1);
  await expect(status(page)).toHaveText('Saved');
  const text = lines.join('\n');
  // The note is named by its heading (issue 23, item 8).
  await expect.poll(() => readdir(notesDir(preview))).toEqual(['Kinetic energy.md']);
  expect(await readFile(join(notesDir(preview), 'Kinetic energy.md'), 'utf8')).toBe(text);
  // The list follows the saves: the note's excerpt is its new text.
  await expect(page.locator('.note-excerpt')).toContainText('# Kinetic energy Let $v$ be the speed');
  await screenshot(page, 'notepad-derivation-light');

  // Arrow keys walk into the inline formula `$v$` (source shows), edit it, and walk out (it renders again).
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  for (let i = 0; i < 'Let $'.length; i++) await page.keyboard.press('ArrowRight');
  // Rendered, the line holds KaTeX output; entered, it holds the TeX source with its dollars.
  const line = page.locator('.cm-line', { hasText: 'be the speed' });
  await expect(line).toContainText('Let $v$ be');
  await expect(page.locator('.cm-math-editing').first()).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('_0');
  await expect(line).toContainText('Let $v_0$ be');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.locator('.cm-math-editing')).toHaveCount(0);
  await expect(line).not.toContainText('$v_0$');
  await expect(line.locator('.cm-math-inline .katex')).toHaveCount(2);

  // A TeX error keeps the last good render, ghosted, with a marker; fixing it renders normally.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Broken: $\\frac{a}{b}$ here.');
  // Step left into the formula until the caret follows "{b}", then delete it: `\frac{a}` lacks an argument.
  await expect(async () => {
    await page.keyboard.press('ArrowLeft');
    expect(await textBeforeCaret(page)).toMatch(/\{b\}$/);
  }).toPass({ timeout: 5_000, intervals: [0] });
  for (let i = 0; i < '{b}'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.press('End');
  await expect(page.locator('.cm-math-invalid .cm-math-ghost')).toHaveCount(1);
  await expect(page.locator('.cm-math-error-marker')).toHaveCount(1);
  await screenshot(page, 'notepad-tex-error-light');

  // Saved within a second of the last keystroke; after a reload the note is there, byte for byte.
  await expect(status(page)).toHaveText('Saved');
  const saved = await readFile(join(notesDir(preview), 'Kinetic energy.md'), 'utf8');
  expect(saved).toContain('Let $v_0$ be the speed');
  expect(saved).toContain('Broken: $\\frac{a}$ here.');
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Notepad' }).click();
  await page.getByRole('button', { name: /^Kinetic energy/ }).click();
  await expect(editor(page)).toContainText('Kinetic energy');
  expect(await readFile(join(notesDir(preview), 'Kinetic energy.md'), 'utf8')).toBe(saved);

  // The dark theme, the writing settings and full-screen writing.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press(`${mod}+End`);
  await screenshot(page, 'notepad-derivation-dark');
  // During a session, full-screen writing shows its intent and the minutes left, nothing else.
  const started = await page.evaluate(() => window.stillroom.session.start({ minutes: 90, intent: 'Derive the kinetic energy', mode: 'flexible' }));
  expect(started.ok).toBe(true);
  await editor(page).click();
  await page.keyboard.press(`${mod}+Shift+Enter`);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('complementary', { name: 'Notes' })).toHaveCount(0);
  await expect(page.locator('.session-line')).toContainText('Derive the kinetic energy');
  await expect(page.locator('.session-line')).toContainText(/\d+ min left/);
  await screenshot(page, 'notepad-fullscreen-dark');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: 'Notes' })).toBeVisible();
});

test('searches, renames, deletes to the trash, and lists a binary file as unreadable', async ({ page, launch }) => {
  const preview = await launch({
    seed: async ({ vaultDir }) => {
      await mkdir(join(vaultDir, 'Notes'));
      await writeFile(join(vaultDir, 'Notes', 'Fourier series.md'), 'Periodic functions as sums of $\\sin$ and $\\cos$.\n');
      await writeFile(join(vaultDir, 'Notes', '卷积定理.md'), '卷积的傅里叶变换等于傅里叶变换的乘积。\n');
      await writeFile(join(vaultDir, 'Notes', 'photo.md'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
    },
  });
  await openNotepad(page, preview);
  const list = page.getByRole('complementary', { name: 'Notes' });
  await expect(list.getByText('Not text: cannot open')).toBeVisible();

  // Search over text, in any script; arrows from the search box into the list, Enter opens.
  const search = list.getByRole('searchbox', { name: 'Search notes' });
  await search.fill('傅里叶');
  await expect(list.locator('.note-title')).toHaveText(['卷积定理']);
  await search.fill('cos');
  await expect(list.locator('.note-title')).toHaveText(['Fourier series']);
  await search.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(editor(page)).toContainText('Periodic functions');

  // F2 renames the file; the title is the file name.
  await list.getByRole('button', { name: /^Fourier series/ }).focus();
  await page.keyboard.press('F2');
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.type('Fourier 级数');
  await page.keyboard.press('Enter');
  await expect(list.locator('.note-title')).toHaveText(['Fourier 级数']);
  expect(existsSync(join(notesDir(preview), 'Fourier 级数.md'))).toBe(true);

  // Delete moves it to the trash, restorable there.
  // By keyboard: Delete asks, Esc cancels; Delete again, Enter confirms.
  await search.fill('');
  await list.getByRole('button', { name: /^Fourier 级数/ }).focus();
  await page.keyboard.press('Delete');
  await expect(list.getByRole('button', { name: 'Move to trash' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(list.getByRole('button', { name: 'Move to trash' })).toHaveCount(0);
  await expect(list.getByRole('button', { name: /^Fourier 级数/ })).toBeFocused();
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  await expect(list.locator('.note-title')).toHaveCount(2);
  await expect(list.getByText('Fourier 级数')).toHaveCount(0);
  expect(await readFile(join(preview.trashHome, 'Trash', 'files', 'Fourier 级数.md'), 'utf8')).toContain('Periodic functions');
  expect(await readdir(join(preview.trashHome, 'Trash', 'info'))).toEqual(['Fourier 级数.md.trashinfo']);

  // The preview has no file manager and says so.
  await list.getByRole('button', { name: /^卷积定理/ }).click();
  await list.getByRole('button', { name: 'Show in folder' }).click();
  await expect(list.getByText(/The browser preview cannot open a file manager/)).toBeVisible();
});

test('picks up a change made on disk, and shows a conflict with unsaved text instead of overwriting', async ({ page, launch }) => {
  const preview = await launch({
    seed: async ({ vaultDir }) => {
      await mkdir(join(vaultDir, 'Notes'));
      await writeFile(join(vaultDir, 'Notes', 'Shared.md'), 'first version\n');
    },
  });
  const file = join(notesDir(preview), 'Shared.md');
  await openNotepad(page, preview);
  await page.getByRole('button', { name: /^Shared/ }).click();
  await expect(editor(page)).toHaveText('first version');

  // No unsaved text: the change on disk simply shows.
  await writeFile(file, 'second version, from a sync tool\n');
  await untilSeen(preview, (soon) => soon(editor(page)).toContainText('second version'));

  // Unsaved text and a change on disk: both are shown, nothing is overwritten. The file changes first (the core
  // notices only when its clock moves), so whichever comes first, the watcher or an autosave, meets the conflict.
  await writeFile(file, 'third version, edited elsewhere\n');
  await editor(page).click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type('my own line');
  const conflict = page.getByRole('alertdialog', { name: 'This note changed on disk while you were writing' });
  await untilSeen(preview, (soon) => soon(conflict).toBeVisible());
  await expect(conflict.getByLabel('Your text')).toContainText('my own line');
  await expect(conflict.getByLabel('On disk now')).toContainText('third version');
  expect(await readFile(file, 'utf8')).toBe('third version, edited elsewhere\n');
  await page.emulateMedia({ colorScheme: 'light' });
  await screenshot(page, 'notepad-conflict-light');

  // Keep both: my text becomes a copy, the note takes the version on disk.
  await conflict.getByRole('button', { name: 'Keep both (mine as a copy)' }).click();
  await expect(conflict).toBeHidden();
  await expect(editor(page)).toContainText('third version');
  expect(await readFile(join(notesDir(preview), 'Shared (my copy).md'), 'utf8')).toBe('second version, from a sync tool\nmy own line');
  expect(await readFile(file, 'utf8')).toBe('third version, edited elsewhere\n');

  // Keep mine: my text replaces the version on disk, knowingly.
  await writeFile(file, 'fourth version\n');
  await editor(page).click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type('mine wins');
  await untilSeen(preview, (soon) => soon(conflict).toBeVisible());
  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflict).toBeHidden();
  await expect(status(page)).toHaveText('Saved');
  expect(await readFile(file, 'utf8')).toBe('third version, edited elsewhere\nmine wins');

  // Take theirs: the editor shows the disk's text and nothing of mine is saved over it.
  await writeFile(file, 'fifth version\n');
  await page.keyboard.type(' and more');
  await untilSeen(preview, (soon) => soon(conflict).toBeVisible());
  await conflict.getByRole('button', { name: 'Take the version on disk' }).click();
  await expect(editor(page)).toHaveText('fifth version');
  await expect(status(page)).toHaveText('Saved');
  expect(await readFile(file, 'utf8')).toBe('fifth version\n');
  expect(existsSync(join(preview.dataDir, 'recovery', 'Shared.md'))).toBe(false);

  // Deleted elsewhere with nothing unsaved: the text stays on screen, and typing saves it again.
  await rm(file);
  await untilSeen(preview, (soon) => soon(status(page)).toHaveText(/deleted outside Stillroom/));
  await editor(page).click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type('kept');
  await expect(status(page)).toHaveText('Saved');
  expect(await readFile(file, 'utf8')).toBe('fifth version\nkept');
});

test('a read-only note keeps the text and says why; leftover text is offered on the next start', async ({ page, launch }) => {
  const preview = await launch({
    seed: async ({ vaultDir, dataDir }) => {
      await mkdir(join(vaultDir, 'Notes'));
      await writeFile(join(vaultDir, 'Notes', 'Locked.md'), 'original\n');
      await writeFile(join(vaultDir, 'Notes', 'Crashed.md'), 'on disk\n');
      // What a crash mid-session leaves: a recovery copy of text that never reached its note.
      await mkdir(join(dataDir, 'recovery'));
      await writeFile(join(dataDir, 'recovery', 'Crashed.md'), 'on disk\ntyped just before the crash\n');
    },
  });
  await chmod(join(notesDir(preview), 'Locked.md'), 0o444);
  await openNotepad(page, preview);

  const offer = page.getByRole('region', { name: 'Unsaved text from an earlier session' });
  await expect(offer).toContainText('Crashed');
  await offer.getByRole('button', { name: 'Restore into the note' }).click();
  await expect(offer).toBeHidden();
  await expect(editor(page)).toContainText('typed just before the crash');
  expect(await readFile(join(notesDir(preview), 'Crashed.md'), 'utf8')).toBe('on disk\ntyped just before the crash\n');

  await page.getByRole('button', { name: /^Locked/ }).click();
  await expect(editor(page)).toHaveText('original');
  await editor(page).click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type('a new line');
  await expect(status(page)).toContainText('Not saved: EACCES');
  await expect(status(page)).toContainText('Your text is kept');
  expect(await readFile(join(notesDir(preview), 'Locked.md'), 'utf8')).toBe('original\n');
  expect(await readFile(join(preview.dataDir, 'recovery', 'Locked.md'), 'utf8')).toBe('original\na new line');
  await screenshot(page, 'notepad-write-failed-light');
});

test('steady typing is saved while it goes on; the palette starts notes; the view reads in Chinese', async ({ page, preview }) => {
  await openNotepad(page, preview);
  await page.keyboard.press(`${mod}+k`);
  await page.keyboard.type('new note');
  await page.keyboard.press('Enter');
  await expect(editor(page)).toBeFocused();

  // Never a pause long enough for the idle autosave: the one-second ceiling saves anyway.
  let typingDone = false;
  const typing = page.keyboard.type('a'.repeat(40), { delay: 100 }).then(() => {
    typingDone = true;
  });
  // The note is named by its first line as it is saved (issue 23, item 8), so the file is whichever is there.
  const onlyNote = async () => {
    const [name] = await readdir(notesDir(preview));
    return name ? readFile(join(notesDir(preview), name), 'utf8') : '';
  };
  await expect.poll(onlyNote, { timeout: 3_000 }).toMatch(/^a{3,}$/);
  expect(typingDone).toBe(false);
  await typing;
  await expect(status(page)).toHaveText('Saved');
  expect(await readdir(notesDir(preview))).toEqual([`${'a'.repeat(40)}.md`]);
  expect(await onlyNote()).toBe('a'.repeat(40));

  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: '简体中文' }).check();
  await expect(page.getByRole('heading', { level: 2, name: '写作' })).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: '笔记' }).click();
  await expect(page.getByRole('button', { name: '新建笔记' })).toBeVisible();
  // The note stayed open while the view was away, its text intact.
  await expect(editor(page)).toHaveText('a'.repeat(40));
  await expect(status(page)).toHaveText('已保存');
  await screenshot(page, 'notepad-zh-CN-light');
});

test('a 5 MB note opens, takes typing and saves; a note over the cap is listed as too large', async ({ page, launch }) => {
  // The core shares this Node process with Playwright here, so its 5 MB saves slow the test's own key presses.
  test.setTimeout(120_000);
  const big = 'The sum $\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}$ holds for every $n$.\n'.repeat(80_000);
  expect(Buffer.byteLength(big)).toBeGreaterThan(5_000_000);
  const preview = await launch({
    seed: async ({ vaultDir }) => {
      await mkdir(join(vaultDir, 'Notes'));
      await writeFile(join(vaultDir, 'Notes', 'Big.md'), big);
      await writeFile(join(vaultDir, 'Notes', 'Huge.md'), Buffer.alloc(9 * 1024 * 1024, 0x61));
    },
  });
  await openNotepad(page, preview);
  const list = page.getByRole('complementary', { name: 'Notes' });
  await expect(list.getByText('Too large to open')).toBeVisible();
  await list.getByRole('button', { name: /^Huge/ }).click();
  await expect(page.getByRole('alert')).toContainText('That note is too large to open.');

  await list.getByRole('button', { name: /^Big/ }).click();
  await expect(page.locator('.cm-content .cm-math-inline .katex').first()).toBeVisible();
  await editor(page).click();
  await page.keyboard.press(`${mod}+Home`);
  await page.keyboard.type('§ ');
  await expect(status(page)).toHaveText('Saved', { timeout: 30_000 });
  expect(await readFile(join(notesDir(preview), 'Big.md'), 'utf8')).toBe(`§ ${big}`);
});

// Issue 9: a vault synced from elsewhere can carry a link out of it, a pipe, a name Windows cannot hold.
test('lists a link outside the notes folder, an unreadable entry and a name not every system can hold, and opens none of them', async ({ page, launch }) => {
  test.skip(process.platform === 'win32', 'named pipes and symlinks as made here are POSIX');
  let victim = '';
  const preview = await launch({
    seed: async ({ vaultDir }) => {
      victim = join(vaultDir, '..', 'victim.conf');
      await writeFile(victim, 'secret settings\n');
      await mkdir(join(vaultDir, 'Notes'));
      await writeFile(join(vaultDir, 'Notes', 'Plain.md'), 'plain text\n');
      await symlink(victim, join(vaultDir, 'Notes', 'innocent.md'));
      // A named pipe cannot be read even by root: what a file with no read permission is for a user.
      await promisify(execFile)('mkfifo', [join(vaultDir, 'Notes', 'pipe.md')]);
      await writeFile(join(vaultDir, 'Notes', 'a:b.md'), 'a stream on NTFS\n');
    },
  });
  const before = await stat(victim);
  await openNotepad(page, preview);
  const list = page.getByRole('complementary', { name: 'Notes' });
  await expect(list.locator('.note-title')).toHaveCount(4);
  const row = (title: string) => page.locator('.note-list').getByRole('button', { name: new RegExp(`^${title}`) });
  await expect(row('innocent')).toContainText('Links outside the notes folder: never opened or changed');
  await expect(row('innocent')).not.toContainText('secret');
  await expect(row('pipe')).toContainText('Cannot be read');
  await expect(row('a:b')).toContainText('A name not every system can hold (a character Windows refuses: < > : " | ? *)');
  await expect(row('Plain')).toContainText('plain text');
  await screenshot(page, 'notepad-hostile-entries');

  await row('innocent').click();
  await expect(page.getByText('“innocent.md” is a link that leads outside the notes folder. Stillroom does not open, change or move what it points to.')).toBeVisible();
  await expect(editor(page)).toHaveCount(0);
  await row('pipe').click();
  await expect(page.getByText(/“pipe\.md” cannot be read/)).toBeVisible();
  await row('a:b').click();
  await expect(editor(page)).toHaveCount(0);

  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: '简体中文' }).check();
  await page.getByRole('navigation').getByRole('button', { name: '笔记' }).click();
  await expect(row('innocent')).toContainText('链接到笔记文件夹之外：不会打开或修改');
  await expect(row('pipe')).toContainText('无法读取');
  await expect(row('a:b')).toContainText('名称并非所有系统都能使用（含有 Windows 不允许的字符');

  expect(await readFile(victim, 'utf8')).toBe('secret settings\n');
  expect((await stat(victim)).mtimeMs).toBe(before.mtimeMs);
});

test('a Notes folder that is a link out of the vault is said to be one, and nothing is read or made there', async ({ page, launch }) => {
  test.skip(process.platform === 'win32', 'symlinks as made here are POSIX');
  let elsewhere = '';
  const preview = await launch({
    seed: async ({ vaultDir }) => {
      elsewhere = join(vaultDir, '..', 'elsewhere');
      await mkdir(elsewhere);
      await writeFile(join(elsewhere, 'Private.md'), 'not part of this vault\n');
      await symlink(elsewhere, join(vaultDir, 'Notes'));
    },
  });
  await openNotepad(page, preview);
  const list = page.getByRole('complementary', { name: 'Notes' });
  await expect(list.getByRole('status')).toHaveText(
    `${preview.vaultDir}/Notes is a link to a folder outside this vault, so Stillroom neither reads nor writes notes there. Replace the link with a folder, or choose another notes folder in Settings.`,
  );
  await expect(list.getByText('No notes yet')).toHaveCount(0);
  await expect(list.locator('.note-title')).toHaveCount(0);
  await list.getByRole('button', { name: 'New note' }).click();
  await expect(page.getByText('“Notes” is a link that leads outside the notes folder.', { exact: false })).toBeVisible();
  expect(await readdir(elsewhere)).toEqual(['Private.md']);
});

test('the first editor warms KaTeX up in idle time: its fonts are fetched before a formula is shown, and the page keeps one editor', async ({ page, launch }) => {
  const preview = await launch({
    seed: async ({ vaultDir }) => {
      await mkdir(join(vaultDir, 'Notes'));
      await writeFile(join(vaultDir, 'Notes', 'Plain.md'), 'Only prose here.\n');
    },
  });
  await openNotepad(page, preview);
  await page.getByRole('button', { name: /^Plain/ }).click();
  await expect(editor(page)).toContainText('Only prose here.');
  const loaded = (family: string) =>
    page.evaluate((name) => {
      let found = false;
      document.fonts.forEach((font) => (found ||= font.family.replace(/"/g, '') === name && font.status === 'loaded'));
      return found;
    }, family);
  await expect.poll(() => loaded('KaTeX_Main')).toBe(true);
  await expect.poll(() => loaded('KaTeX_Math')).toBe(true);
  // The warm-up's editor was never in the page, and is gone.
  await expect(page.locator('.cm-editor')).toHaveCount(1);
  await expect(page.locator('.katex')).toHaveCount(0);
  await editor(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' And $x^2$.');
  await expect(page.locator('.notepad-editor .katex')).toHaveCount(1);
});
