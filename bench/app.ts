import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startPreview, type Preview } from '../src-main/preview/preview-server';
import { installProbe } from './page/probe';

/** The built app (out/renderer) on the real core, through the browser preview, with throwaway folders. */
export interface BenchApp {
  readonly preview: Preview;
  readonly page: Page;
  close(): Promise<void>;
}

/** Puts the caret in the app's editor: CodeMirror's view reached from its DOM (bench only, never the app). */
function setCaretInApp(pos: number): void {
  const content = document.querySelector('.notepad-editor .cm-content') as (HTMLElement & { cmTile?: { root: { view: { focus(): void; dispatch(spec: unknown): void } } } }) | null;
  const view = content?.cmTile?.root.view;
  if (!view) throw new Error('no editor on screen');
  view.focus();
  view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
}

export async function openBenchApp(browser: Browser, notes: Record<string, string> = {}): Promise<BenchApp> {
  const root = await mkdtemp(join(tmpdir(), 'stillroom-bench-app-'));
  await mkdir(join(root, 'vault', 'Notes'), { recursive: true });
  for (const [name, text] of Object.entries(notes)) await writeFile(join(root, 'vault', 'Notes', name), text);
  const preview = await startPreview({
    dataDir: join(root, 'data'),
    vaultDir: join(root, 'vault'),
    rendererRoot: resolve('out/renderer'),
    clock: 'system',
    // No desktop session here: nothing of this machine's desktop is muted.
    host: { log: () => undefined, notificationsEnv: { PATH: process.env.PATH } },
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  // The same probe as the bench page, as source; tsx names functions through a `__name` helper the page lacks.
  await page.addInitScript({ content: `var __name = (f) => f; (${installProbe.toString()})(${setCaretInApp.toString()});` });
  await page.goto(preview.url);
  await page.locator('nav.app-nav').waitFor();
  return {
    preview,
    page,
    async close() {
      await page.close();
      await preview.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export async function openNoteInApp(page: Page, title: string): Promise<void> {
  const nav = page.getByRole('navigation').getByRole('button', { name: 'Notepad' });
  if ((await nav.getAttribute('aria-current')) !== 'page') await nav.click();
  await page.getByRole('button', { name: new RegExp(`^${title}`) }).first().click();
  await page.locator('.notepad-editor .cm-content').waitFor();
}

/**
 * Click on a note in the list to the first frame with its formulas on screen, in ms: the other note (no formulas)
 * is opened first, so the editor is built afresh, as when a writer switches notes.
 */
export async function openingInApp(page: Page, title: string, other: string): Promise<number> {
  await openNoteInApp(page, other);
  await page.locator('.notepad-editor .katex').first().waitFor({ state: 'detached' });
  await page.getByRole('button', { name: new RegExp(`^${title}`) }).first().click();
  await page.locator('.notepad-editor .katex').first().waitFor({ state: 'attached' });
  return page.evaluate(async () => (await window.probe.nextFrameAt()) - window.probe.clickedAt!);
}
