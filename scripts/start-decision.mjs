// What `npm start` does on this machine, decided from the electron package on disk, the environment and the
// command line. No side effects besides reading files: scripts/start.mjs acts on the answer.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where electron-vite will look for the Electron binary, and whether it is there. electron-vite takes
 * ELECTRON_EXEC_PATH, else `node_modules/electron/path.txt` (written by Electron's install.js after the download)
 * joined to `dist/`; Electron 45 downloads nothing during `npm install`.
 * @param {string} electronDir the `node_modules/electron` folder
 * @param {Record<string, string | undefined>} env
 * @returns {{ present: boolean, path: string | null }}
 */
export function findElectronBinary(electronDir, env) {
  if (env.ELECTRON_EXEC_PATH) return { present: existsSync(env.ELECTRON_EXEC_PATH), path: env.ELECTRON_EXEC_PATH };
  let relative;
  try {
    relative = readFileSync(join(electronDir, 'path.txt'), 'utf8');
  } catch {
    return { present: false, path: null };
  }
  const path = join(electronDir, 'dist', relative);
  return { present: relative !== '' && existsSync(path), path };
}

/**
 * Electron 45's install.js no longer reads ELECTRON_SKIP_BINARY_DOWNLOAD (earlier versions exited when it held any
 * value), so the start script honours it itself, with the same rule: any non-empty value.
 * @param {Record<string, string | undefined>} env
 */
export const downloadRefused = (env) => Boolean(env.ELECTRON_SKIP_BINARY_DOWNLOAD);

/**
 * @typedef {{ kind: 'desktop', electron: string }
 *   | { kind: 'install', installer: string }
 *   | { kind: 'browser', reason: string }} StartPlan
 */

/**
 * @param {{ electronDir: string, env: Record<string, string | undefined>, args: string[] }} input
 * @returns {StartPlan}
 */
export function decideStart({ electronDir, env, args }) {
  if (args.includes('--browser')) return { kind: 'browser', reason: 'you asked for the browser with --browser' };
  const binary = findElectronBinary(electronDir, env);
  if (binary.present && binary.path) return { kind: 'desktop', electron: binary.path };
  if (!existsSync(join(electronDir, 'install.js'))) {
    return { kind: 'browser', reason: 'the electron package is not installed; run npm install' };
  }
  if (downloadRefused(env)) {
    return { kind: 'browser', reason: 'its binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  }
  return { kind: 'install', installer: join(electronDir, 'install.js') };
}

/**
 * After Electron's installer ran: the desktop app if the binary is now there, else the browser with the reason.
 * @param {{ electronDir: string, env: Record<string, string | undefined>, exitCode: number | null, message: string }} outcome
 * @returns {StartPlan}
 */
export function afterInstall({ electronDir, env, exitCode, message }) {
  const binary = findElectronBinary(electronDir, env);
  if (exitCode === 0 && binary.present && binary.path) return { kind: 'desktop', electron: binary.path };
  const why = message.trim() || (exitCode === 0 ? 'the installer finished but no binary is there' : `the installer exited with code ${exitCode}`);
  return { kind: 'browser', reason: `its download failed: ${why}` };
}

/** @param {string} reason */
export const browserSentence = (reason) => `Electron is not available here (${reason}); opening Stillroom in your browser instead.`;

/**
 * How to hand the URL to the default browser, or null where there is no display to show it on.
 * @param {NodeJS.Platform} platform
 * @param {Record<string, string | undefined>} env
 * @returns {{ command: string, args: string[] } | null}
 */
export function browserOpener(platform, env) {
  if (platform === 'darwin') return { command: 'open', args: [] };
  // `start` is a cmd built-in. The URL (letters, digits, `:/?=._-` only) is passed unquoted: a quoted first
  // argument would be taken as the window title.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start'] };
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return { command: 'xdg-open', args: [] };
  return null;
}
