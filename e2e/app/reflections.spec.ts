import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
import { advance, expect, openApp, openAt, screenshot, test, todayAt, untilSeen, type PreviewHandle } from '../support/preview-fixture';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

// Sessions here run for up to 90 minutes and a day apart: starting each test at 9:00 keeps every session on one
// day and every day count the same, whatever time the suite runs at.
test.use({ clockStart: todayAt(9) });

/** A flexible session run to its end on the manual clock; the Focus view then offers the reflection. */
async function completeSession(page: Page, preview: PreviewHandle, intent: string, minutes: 25 | 50 | 90, during?: () => Promise<void>) {
  await page.getByRole('navigation').getByRole('button', { name: 'Focus' }).click();
  await page.getByLabel('What is this session for?').fill(intent);
  await page.getByRole('radio', { name: `${minutes} min`, exact: true }).check();
  await page.getByRole('radio', { name: /^Flexible/ }).check();
  await page.getByRole('button', { name: `Start ${minutes} minutes` }).click();
  await expect(page.getByRole('timer')).toBeVisible();
  await during?.();
  await page.getByRole('navigation').getByRole('button', { name: 'Focus' }).click();
  await advance(page, preview, minutes * MINUTE);
  await expect(page.getByRole('status').filter({ hasText: 'Session complete' })).toBeVisible();
}

/** Every reflection file in the vault, relative to it. */
async function reflectionFiles(preview: PreviewHandle): Promise<string[]> {
  const root = join(preview.vaultDir, 'Reflections');
  const found = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  return found.filter((path) => path.endsWith('.md')).map((path) => `Reflections/${path.split('\\').join('/')}`);
}

async function frontMatter(preview: PreviewHandle, path: string): Promise<{ front: Record<string, unknown>; body: string }> {
  const text = await readFile(join(preview.vaultDir, path), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  expect(match, `front matter in ${path}`).not.toBeNull();
  return { front: parse(match![1]!) as Record<string, unknown>, body: match![2]! };
}

const prompt = (page: Page) => page.getByTestId('reflection-prompt');

/** The view scrolls inside the window's main area, not the page. */
const scrollToEnd = (page: Page) => page.locator('.app-main').evaluate((main) => main.scrollTo(0, main.scrollHeight));

test('end a session, fill the reflection by keyboard, find its file with the right front matter, see it in the log and the heatmap', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openAt(page, preview);
  await completeSession(page, preview, 'prove Lemma 3', 25, async () => {
    // A note written during the session is listed in the reflection's facts.
    await page.getByRole('navigation').getByRole('button', { name: 'Notepad' }).click();
    await page.getByRole('button', { name: 'New note' }).click();
    await expect(page.locator('.notepad-editor .cm-content')).toBeFocused();
  });
  await page.getByRole('button', { name: 'Write a reflection' }).click();

  await expect(prompt(page).locator('.prompt-intent')).toHaveText('prove Lemma 3');
  await expect(prompt(page).getByTestId('fact-planned')).toHaveText('25 min');
  await expect(prompt(page).getByTestId('fact-actual')).toHaveText('25 min');
  await expect(prompt(page).getByText('Ran to its end')).toBeVisible();
  await expect(prompt(page).getByRole('button', { name: 'Open Untitled in the notepad' })).toBeVisible();

  // Keyboard only, in tab order: outcome (arrows), depth (a number key), the two answers, a tag, Ctrl+Enter.
  await expect(page.getByRole('heading', { level: 1, name: 'Reflections' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'Yes' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Partly' })).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.press('4');
  await expect(page.getByRole('radio', { name: '4' })).toBeChecked();
  await expect(page.getByRole('radio', { name: '4' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'What moved?', exact: true })).toBeFocused();
  await page.keyboard.type('The bound $n^2 \\le 2^n$ holds for $n \\ge 4$.');
  await expect(prompt(page).locator('.md-preview .katex').first()).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.type('Write up the induction step.');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Tags' })).toBeFocused();
  await page.keyboard.type('analysis lemmas');
  await screenshot(page, 'reflection-prompt-en');
  await scrollToEnd(page);
  await screenshot(page, 'reflection-prompt-facts-en');
  await page.keyboard.press(`${mod}+Enter`);

  await expect(page.getByRole('status').filter({ hasText: 'Reflection saved to' })).toBeVisible();
  // The end screen has moved on: Focus offers a new session, with no error.
  await expect(page.getByRole('heading', { level: 1, name: 'Reflections' })).toBeFocused();
  await page.getByRole('navigation').getByRole('button', { name: 'Focus' }).click();
  await expect(page.getByLabel('What is this session for?')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('navigation').getByRole('button', { name: 'Reflections' }).click();
  const files = await reflectionFiles(preview);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^Reflections\/\d{4}\/\d{2}\/\d{4}-\d{2}-\d{2}-\d{4}-prove-lemma-3-[a-z0-9]+\.md$/);
  const { front, body } = await frontMatter(preview, files[0]!);
  expect(front).toMatchObject({
    version: 5,
    intent: 'prove Lemma 3',
    planned: 25,
    actual: 25,
    mode: 'flexible',
    ending: 'completed',
    status: 'reflected',
    outcome: 'partly',
    depth: 4,
    tags: ['analysis', 'lemmas'],
    notes: [{ name: 'Untitled.md', title: 'Untitled', formulasAdded: 0, formulasChanged: 0 }],
  });
  expect(body).toContain('The bound $n^2 \\le 2^n$ holds for $n \\ge 4$.');
  expect(body).toContain('Write up the induction step.');

  // The log: under today's heading, with the rendered math; the heatmap's today cell has the 25 minutes.
  const log = page.getByTestId('reflection-log');
  const entry = log.locator('article.log-entry', { hasText: 'prove Lemma 3' });
  await expect(entry).toBeVisible();
  await expect(entry.locator('.katex').first()).toBeVisible();
  await expect(entry.getByText('analysis')).toBeVisible();
  const today = new Date(preview.clock.now()).toLocaleDateString('en-CA');
  const cell = page.getByTestId('heatmap').locator(`rect[data-date="${today}"]`);
  await expect(cell).toHaveAttribute('data-minutes', '25');
  await expect(cell).toHaveClass(/heat-1/);
  await expect(page.getByTestId('total-longest')).toHaveText('25 min');

  // Search and a filter narrow the log; an outcome that no entry has empties it.
  await page.getByLabel('Search text and tags').fill('induction');
  await expect(log.locator('article.log-entry')).toHaveCount(1);
  await page.getByRole('checkbox', { name: 'No' }).check();
  await expect(log.getByText('No entry matches these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(log.locator('article.log-entry')).toHaveCount(1);

  // A note link opens the note in the notepad.
  await entry.getByRole('button', { name: 'Open Untitled in the notepad' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notepad' })).toBeVisible();
});

test('skip one and write it later from the log; the weekly review is exported as Markdown', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openAt(page, preview);
  await completeSession(page, preview, 'read chapter 4', 50);
  await page.getByRole('button', { name: 'Write a reflection' }).click();
  await expect(prompt(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('status').filter({ hasText: 'Skipped.' })).toBeVisible();
  const [file] = await reflectionFiles(preview);
  expect((await frontMatter(preview, file!)).front).toMatchObject({ status: 'skipped', outcome: null });

  const entry = page.getByTestId('reflection-log').locator('article.log-entry', { hasText: 'read chapter 4' });
  await expect(entry.getByText('Skipped')).toBeVisible();
  await entry.getByRole('button', { name: 'Write it now' }).click();
  await expect(prompt(page).locator('.prompt-intent')).toHaveText('read chapter 4');
  await page.getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('radio', { name: '5' }).check();
  await page.getByRole('textbox', { name: 'What moved?', exact: true }).fill('Sections 4.1 to 4.3, with the exercises.');
  await page.getByRole('textbox', { name: 'What’s next?', exact: true }).fill('Section 4.4.');
  await page.getByRole('button', { name: 'Save reflection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reflection saved to' })).toBeVisible();
  expect((await frontMatter(preview, file!)).front).toMatchObject({ status: 'reflected', outcome: 'yes', depth: 5 });
  await expect(entry.getByText('Skipped')).toHaveCount(0);

  const weekly = page.getByTestId('weekly-review');
  await expect(weekly).toContainText('0.8 hours in 1 session');
  const download = page.waitForEvent('download');
  await weekly.getByRole('button', { name: 'Export as Markdown' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/\.md$/);
  const markdown = await readFile((await saved.path())!, 'utf8');
  expect(markdown).toContain('read chapter 4');
  expect(markdown).toContain('Sections 4.1 to 4.3, with the exercises.');
  expect(markdown).toContain('Section 4.4.');
});

test('the log and the pictures over a few days, in English, in Chinese and in dark theme', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openAt(page, preview);
  const sessions = [
    { intent: 'derive the Euler–Lagrange equation', minutes: 90, depth: '5', moved: 'From $\\delta S = 0$ to $\\frac{d}{dt}\\frac{\\partial L}{\\partial \\dot q} = \\frac{\\partial L}{\\partial q}$.' },
    { intent: 'review linear algebra', minutes: 50, depth: '3', moved: 'Eigenvalues of $A^T A$.' },
    { intent: 'write section 2', minutes: 25, depth: '2', moved: 'A rough draft.' },
  ] as const;
  for (const [index, session] of sessions.entries()) {
    await completeSession(page, preview, session.intent, session.minutes);
    await page.getByRole('button', { name: 'Write a reflection' }).click();
    await page.getByRole('radio', { name: index === 2 ? 'Partly' : 'Yes' }).check();
    await page.getByRole('radio', { name: session.depth, exact: true }).check();
    await page.getByRole('textbox', { name: 'What moved?', exact: true }).fill(session.moved);
    await page.getByRole('textbox', { name: 'Tags' }).fill(index === 1 ? 'algebra ' : 'mechanics ');
    await page.getByRole('button', { name: 'Save reflection' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Reflection saved to' })).toBeVisible();
    // The next one starts on the next day.
    await advance(page, preview, DAY);
  }
  await page.getByRole('navigation').getByRole('button', { name: 'Reflections' }).click();
  // The view scrolls inside the window: a tall window shows the pictures and the log in one screenshot.
  await page.setViewportSize({ width: 1200, height: 2000 });
  await expect(page.getByTestId('reflection-log').locator('article.log-entry')).toHaveCount(3);
  await expect(page.getByTestId('reflection-log').locator('.log-day')).toHaveCount(3);
  await expect(page.getByTestId('heatmap').locator('rect.heat-cell:not(.heat-0)')).toHaveCount(3);
  await expect(page.getByTestId('depth-over-time').locator('circle')).toHaveCount(3);
  await screenshot(page, 'reflections-log-en');

  const setAppearance = (appearance: { theme: 'light' | 'dark' | 'sepia'; language: 'en' | 'zh-CN' }) =>
    page.evaluate((next) => (window as unknown as { stillroom: { settings: { update(input: unknown): Promise<unknown> } } }).stillroom.settings.update({ appearance: next }), appearance);
  await setAppearance({ theme: 'light', language: 'zh-CN' });
  await expect(page.getByRole('heading', { level: 1, name: '回顾' })).toBeVisible();
  await expect(page.getByText('过去一年每天的深度工作小时数')).toBeVisible();
  await screenshot(page, 'reflections-log-zh-CN');

  await setAppearance({ theme: 'dark', language: 'en' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('heading', { level: 1, name: 'Reflections' })).toBeVisible();
  await screenshot(page, 'reflections-log-dark-en');
  await scrollToEnd(page);
  await screenshot(page, 'reflections-weekly-transfer-dark-en');

  await setAppearance({ theme: 'sepia', language: 'zh-CN' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'sepia');
  await page.locator('.app-main').evaluate((main) => main.scrollTo(0, 0));
  await screenshot(page, 'reflections-log-sepia-zh-CN');
});

test('edit an entry, an outside edit and a malformed file show in the log, export then import round-trips', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openAt(page, preview);
  await completeSession(page, preview, 'sketch the proof', 25);
  await page.getByRole('button', { name: 'Write a reflection' }).click();
  await page.getByRole('radio', { name: 'No' }).check();
  await page.getByRole('textbox', { name: 'What moved?', exact: true }).fill('Only the outline.');
  await page.getByRole('button', { name: 'Save reflection' }).click();
  const log = page.getByTestId('reflection-log');
  const entry = log.locator('article.log-entry', { hasText: 'sketch the proof' });
  await expect(entry).toContainText('Only the outline.');

  // Open and edit: the answers come back filled in; the file follows the edit.
  await entry.getByRole('button', { name: 'Open and edit' }).click();
  await expect(page.getByRole('radio', { name: 'No' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'What moved?', exact: true })).toHaveValue('Only the outline.');
  await page.getByRole('radio', { name: 'Partly' }).check();
  await page.getByRole('button', { name: 'Save reflection' }).click();
  const [file] = await reflectionFiles(preview);
  await expect.poll(async () => (await frontMatter(preview, file!)).front.outcome).toBe('partly');

  // Edited in another editor: the log reads the file again.
  const path = join(preview.vaultDir, file!);
  await writeFile(path, (await readFile(path, 'utf8')).replace('Only the outline.', 'The outline, and **Lemma 2**.'));
  await untilSeen(preview, (soon) => soon(entry.locator('strong')).toHaveText('Lemma 2'));

  // Edited in another editor while it is open here: the save is refused, nothing is lost, and I choose.
  await entry.getByRole('button', { name: 'Open and edit' }).click();
  await page.getByRole('textbox', { name: 'What’s next?', exact: true }).fill('Mine: the full proof.');
  await writeFile(path, (await readFile(path, 'utf8')).replace('## What\'s next', '## What\'s next\n\nTheirs: a note from the phone.'));
  await page.getByRole('button', { name: 'Save reflection' }).click();
  await expect(page.getByRole('alert')).toContainText('changed on disk since you opened it');
  await expect(page.getByRole('textbox', { name: 'What’s next?', exact: true })).toHaveValue('Mine: the full proof.');
  await page.getByRole('button', { name: 'Keep my answers (saved over the file’s)' }).click();
  await page.getByRole('button', { name: 'Save reflection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reflection saved to' })).toBeVisible();
  expect((await frontMatter(preview, file!)).body).toContain('Mine: the full proof.');
  expect((await frontMatter(preview, file!)).body).not.toContain('Theirs');

  // A file that is not a reflection is listed with its path and does not break the log.
  await mkdir(join(preview.vaultDir, 'Reflections', '2026', '12'), { recursive: true });
  await writeFile(join(preview.vaultDir, 'Reflections', '2026', '12', 'broken.md'), '---\nintent: [unclosed\n---\n');
  const unreadable = page.locator('.log-unreadable');
  await untilSeen(preview, (soon) => soon(unreadable).toContainText('Reflections/2026/12/broken.md'));
  await expect(entry).toBeVisible();

  // Export the log as JSON, then import that file: the session is already there and identical, nothing changes.
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const json = await exported;
  expect(json.suggestedFilename()).toMatch(/\.json$/);
  const jsonPath = join(preview.vaultDir, '..', json.suggestedFilename());
  await json.saveAs(jsonPath);
  expect(JSON.parse(await readFile(jsonPath, 'utf8'))).toBeTruthy();
  await page.locator('.reflection-transfer input[type="file"]').setInputFiles(jsonPath);
  const report = page.getByTestId('reflection-import-report');
  await expect(report).toContainText('0 imported. Line by line:');
  await expect(report).toContainText('Line 1: already in the log, identical');

  // CSV too, filtered: a search that matches nothing exports no rows.
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csvPath = join(preview.vaultDir, '..', (await csvDownload).suggestedFilename());
  await (await csvDownload).saveAs(csvPath);
  expect(await readFile(csvPath, 'utf8')).toContain('sketch the proof');
  await page.locator('.reflection-transfer input[type="file"]').setInputFiles(csvPath);
  await expect(report).toContainText('already in the log, identical');
  await page.getByLabel('Search text and tags').fill('nothing like this');
  await page.getByRole('radio', { name: 'Only the filtered entries' }).check();
  const none = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  await (await none).path();
  await expect(page.getByRole('status').filter({ hasText: '0 entries exported' })).toBeVisible();

  // A JSON file that is not an export is refused whole, with the reason, beside the import.
  const strayPath = join(preview.vaultDir, '..', 'stray.json');
  await writeFile(strayPath, '{"hello": "world"}');
  await page.locator('.reflection-transfer input[type="file"]').setInputFiles(strayPath);
  await expect(page.locator('.reflection-transfer [role="alert"]')).toContainText('That file is not a Stillroom reflection export');
  await expect(page.locator('.reflection-transfer [role="alert"]')).toContainText('Nothing was imported.');
  expect(await reflectionFiles(preview)).toHaveLength(2);

  // A file that is neither CSV nor JSON is refused here, with nothing imported.
  const textPath = join(preview.vaultDir, '..', 'notes.txt');
  await writeFile(textPath, 'hello');
  await page.locator('.reflection-transfer input[type="file"]').setInputFiles(textPath);
  await expect(page.getByRole('alert')).toHaveText('notes.txt is neither .csv nor .json. Nothing was imported.');
});

test('a session that ended while the app was closed asks for its reflection when the app opens again', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openAt(page, preview);
  await page.getByLabel('What is this session for?').fill('long derivation');
  await page.getByRole('radio', { name: '50 min', exact: true }).check();
  await page.getByRole('radio', { name: /^Flexible/ }).check();
  await page.getByRole('button', { name: 'Start 50 minutes' }).click();
  await expect(page.getByRole('timer')).toBeVisible();
  // The window is gone while the deadline passes; the core records the session complete on its own.
  await page.goto('about:blank');
  preview.clock.advance(2 * 60 * MINUTE);
  // Opened again once the core has finished ending it (its reflection file is written), as after a restart.
  await expect.poll(() => preview.preview.core.session.state().phase).toBe('ended');
  await expect.poll(async () => (await reflectionFiles(preview)).length).toBe(1);
  await page.clock.setSystemTime(preview.clock.now());
  await openApp(page, preview);
  await page.getByRole('button', { name: 'Write a reflection' }).click();
  await expect(prompt(page).locator('.prompt-intent')).toHaveText('long derivation');
  await expect(prompt(page).getByTestId('fact-actual')).toHaveText('50 min');
});

test('the tray’s "Write a reflection" and the palette open the prompt of the session that waits', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openAt(page, preview);
  await completeSession(page, preview, 'check the counterexample', 25);
  await page.getByRole('navigation').getByRole('button', { name: 'Notepad' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notepad' })).toBeVisible();

  // What the Electron shell does for the tray item (the shell cannot run here): it asks the window to show the
  // Reflections view, through the same event the tray's other items use.
  preview.preview.core.events.emit('session', 'show', { view: 'reflections', end: false });
  await expect(prompt(page).locator('.prompt-intent')).toHaveText('check the counterexample');
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Skipped.' })).toBeVisible();
  // Skipped, nothing waits any more: the palette's command says so by leaving the log in view.
  await page.keyboard.press(`${mod}+k`);
  await page.keyboard.type('Write the waiting reflection');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reflection-log')).toBeVisible();
  await expect(prompt(page)).toHaveCount(0);

  await completeSession(page, preview, 'second try', 25);
  await page.keyboard.press(`${mod}+k`);
  await page.keyboard.type('Write the waiting reflection');
  await page.keyboard.press('Enter');
  await expect(prompt(page).locator('.prompt-intent')).toHaveText('second try');
});

test('a session opens a new note in full-screen writing; the equations typed in it are listed in the reflection with a link to the note', async ({ page, preview }) => {
  await openAt(page, preview);
  await page.getByLabel('What is this session for?').fill('Lemma 3');
  await page.getByRole('radio', { name: '25 min', exact: true }).check();
  await page.getByRole('radio', { name: /^Flexible/ }).check();
  await page.getByLabel('Write in').selectOption({ label: 'A new note, titled with the intent' });
  await page.getByRole('button', { name: 'Start 25 minutes' }).click();

  // Full-screen writing in a new note named after the intent, the intent on the session line at the top.
  const editor = page.locator('.notepad-editor .cm-content');
  await expect(page.locator('.notepad-view.full-screen')).toBeVisible();
  await expect(page.locator('.notepad-view .session-line .session-intent')).toHaveText('Lemma 3');
  await expect(editor).toBeFocused();
  const lines = ['Pythagoras: $a^2 + b^2 = c^2$.', '', '$$', 'e^{i\\pi} + 1 = 0', '$$', '', 'And \\(x_1 \\le x_2\\) too, not `$code$`.'];
  // No line ends inside a LaTeX command, so no completion list is open to take an Enter (and Escape would leave
  // full-screen writing).
  for (const [index, line] of lines.entries()) {
    if (index > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
  await expect(page.locator('.cm-math-block .katex-display')).toHaveCount(1);
  await expect(page.locator('.notepad-view.full-screen')).toBeVisible();
  await expect(page.locator('.note-list')).toHaveCount(0);
  await screenshot(page, 'session-writing-new-note');

  // Out of full screen, end the session at once: what was typed is saved first and counted. The page's clock is
  // manual, so autosave has not run ("Unsaved changes"): the counts below come from the save the end makes.
  await page.getByRole('button', { name: 'Leave full-screen writing (Esc)' }).click();
  await expect(page.locator('.notepad-view.full-screen')).toHaveCount(0);
  await page.getByRole('navigation').getByRole('button', { name: 'Focus' }).click();
  await page.getByRole('button', { name: 'End session…' }).click();
  await page.getByRole('button', { name: 'End session', exact: true }).click();
  await page.getByRole('button', { name: 'Write a reflection' }).click();

  const note = prompt(page).locator('.fact-notes li');
  await expect(note).toHaveText('3 equations in “Lemma 3”');
  await note.scrollIntoViewIfNeeded();
  await screenshot(page, 'reflection-equations-in-note');
  const [path] = await reflectionFiles(preview);
  const { front } = await frontMatter(preview, path!);
  expect(front.version).toBe(5);
  expect(front.notes).toEqual([{ name: 'Lemma 3.md', title: 'Lemma 3', formulasAdded: 3, formulasChanged: 0 }]);

  await note.getByRole('button', { name: 'Open Lemma 3 in the notepad' }).click();
  await expect(page.locator('.notepad-view')).toBeVisible();
  await expect(page.locator('.notepad-status-title')).toHaveText('Lemma 3');
  await expect(editor).toContainText('Pythagoras');

  // The choice is remembered for the next session, also after a restart (it is in the settings).
  await page.reload();
  await page.getByRole('button', { name: 'Start another session' }).click();
  await expect(page.getByLabel('Write in')).toHaveValue('new');

  // The next session writes in the same note, picked from the vault: one formula edited, one added.
  await page.getByLabel('What is this session for?').fill('tidy Lemma 3');
  await page.getByRole('radio', { name: '25 min', exact: true }).check();
  await page.getByRole('radio', { name: /^Flexible/ }).check();
  await page.getByLabel('Write in').selectOption({ label: 'Lemma 3' });
  await screenshot(page, 'session-start-write-in');
  await page.getByRole('button', { name: 'Start 25 minutes' }).click();
  await expect(page.locator('.notepad-view.full-screen')).toBeVisible();
  await expect(page.locator('.notepad-view .session-line .session-intent')).toHaveText('tidy Lemma 3');
  await expect(editor).toContainText('Pythagoras');
  await editor.click();
  await page.keyboard.press(`${mod}+/`); // source mode: the text as written, one character per arrow
  await page.keyboard.press(`${mod}+Home`);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(' + 0');
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.press('Enter');
  await page.keyboard.type('New: $y = mx + b$.');
  await page.getByRole('button', { name: 'Leave full-screen writing (Esc)' }).click();
  await page.getByRole('navigation').getByRole('button', { name: 'Focus' }).click();
  await page.getByRole('button', { name: 'End session…' }).click();
  await page.getByRole('button', { name: 'End session', exact: true }).click();
  await page.getByRole('button', { name: 'Write a reflection' }).click();
  await expect(prompt(page).locator('.prompt-intent')).toHaveText('tidy Lemma 3');
  await expect(prompt(page).locator('.fact-notes li')).toHaveText('2 equations in “Lemma 3” · 1 new, 1 changed');
  expect(await readFile(join(preview.vaultDir, 'Notes', 'Lemma 3.md'), 'utf8')).toContain('$a^2 + b^2 = c^2 + 0$');
});
