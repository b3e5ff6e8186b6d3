import { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Prints a note's standalone HTML export to PDF in a hidden window with JavaScript off (the export has no script,
 * and this makes sure none could run). The HTML goes through a temp file, since a data: URL has a size cap.
 * This thin call cannot run in CI's Linux job (no Electron binary there); the core's side is tested with a stand-in.
 */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const folder = await mkdtemp(join(tmpdir(), 'stillroom-print-'));
  const window = new BrowserWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true },
  });
  try {
    const file = join(folder, 'note.html');
    await writeFile(file, html, 'utf8');
    await window.loadFile(file);
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    window.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}
