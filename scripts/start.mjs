// `npm start`: the desktop app where Electron can run, the whole app in the browser where it cannot. It says what
// it decided, runs one child at a time, and on Ctrl+C (SIGINT/SIGTERM) waits for that child to finish (the preview
// closes the core: last save, journal written) and exits 0. See scripts/start-decision.mjs for the decision.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterInstall, browserOpener, browserSentence, decideStart } from './start-decision.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const args = process.argv.slice(2);
const say = (/** @type {string} */ line) => process.stdout.write(`${line}\n`);

/** @type {import('node:child_process').ChildProcess | null} */
let current = null;
let stopping = false;
const stopped = () => {
  say('Stillroom has stopped.');
  process.exit(0);
};
/** @param {NodeJS.Signals} signal */
function stop(signal) {
  stopping = true;
  // A terminal's Ctrl+C reaches the child too; a signal sent to this process alone is passed on.
  if (current && current.exitCode === null && current.signalCode === null) current.kill(signal);
  if (!current) stopped();
}
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => stop(signal));
// npm runs us through `sh -c`; a SIGTERM sent to npm alone kills that shell without reaching us. A new parent
// means whoever started us is gone: stop as on SIGTERM rather than leave the app running unseen.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && !stopping && stop('SIGTERM'), 500).unref();

/**
 * Runs a child to its end; on the way out, an ended child means we are done too.
 * @param {string} command
 * @param {string[]} commandArgs
 * @param {import('node:child_process').SpawnOptions & { onStart?: (child: import('node:child_process').ChildProcess) => void }} [options]
 * @returns {Promise<number>}
 */
function run(command, commandArgs, options = {}) {
  const { onStart, ...spawnOptions } = options;
  return new Promise((resolvePromise) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', ...spawnOptions });
    current = child;
    onStart?.(child);
    child.on('error', (error) => {
      say(`Could not run ${command}: ${error.message}`);
      resolvePromise(1);
    });
    child.on('exit', (code, signal) => {
      current = null;
      if (stopping) {
        if (code === 0 || signal !== null) stopped();
        process.exit(code ?? 1);
      }
      resolvePromise(code ?? 1);
    });
  });
}

async function build() {
  if (args.includes('--skip-build')) {
    if (existsSync(join(root, 'out', 'main', 'index.js')) && existsSync(join(root, 'out', 'renderer', 'index.html'))) return;
    say('Nothing is built yet (out/ is missing); run npm start without --skip-build.');
    process.exit(1);
  }
  // npm sets npm_execpath for its scripts; by hand, the npm on PATH.
  const npm = process.env.npm_execpath;
  const code = npm
    ? await run(process.execPath, [npm, 'run', 'build'])
    : await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { shell: process.platform === 'win32' });
  if (code !== 0) {
    say(`The build failed (exit code ${code}); see its output above.`);
    process.exit(code);
  }
}

/**
 * Electron's own installer, its progress on this terminal; the first line of its error comes back on fd 3.
 * @param {string} installer
 */
async function installElectron(installer) {
  say('Electron is not installed yet: downloading it with its own installer (node_modules/electron/install.js).');
  let message = '';
  const reasonHook = pathToFileURL(join(root, 'scripts', 'electron-install-reason.mjs')).href;
  const exitCode = await run(process.execPath, ['--import', reasonHook, installer], {
    stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
    onStart: (child) => child.stdio[3]?.on('data', (chunk) => (message ||= String(chunk).split('\n')[0] ?? '')),
  });
  return afterInstall({ electronDir, env: process.env, exitCode, message });
}

/** @param {string} url */
function openInBrowser(url) {
  const opener = browserOpener(process.platform, process.env);
  if (!opener) {
    say('No display here: open the address above in a browser on this machine.');
    return;
  }
  const fail = (/** @type {string} */ why) => say(`Could not open a browser (${why}): open the address above yourself.`);
  const child = spawn(opener.command, [...opener.args, url], { stdio: 'ignore' });
  child.on('error', (error) => fail(`${opener.command}: ${error.message}`));
  child.on('exit', (code) => code !== 0 && code !== null && fail(`${opener.command} exited with code ${code}`));
}

/** @param {string} reason */
async function startBrowser(reason) {
  say(browserSentence(reason));
  await build();
  const code = await run(process.execPath, ['--import', 'tsx', join('src-main', 'preview', 'main.ts'), '--desktop-folders'], {
    stdio: ['inherit', 'pipe', 'inherit'],
    onStart: (child) => {
      if (!child.stdout) return;
      createInterface({ input: child.stdout }).on('line', (line) => {
        say(line);
        const url = /^Stillroom preview: (\S+)$/.exec(line)?.[1];
        if (url) openInBrowser(url);
      });
    },
  });
  process.exit(code);
}

/** @param {string} electron */
async function startDesktop(electron) {
  say(`Starting the desktop app (Electron at ${electron}).`);
  await build();
  process.exit(await run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'preview', '--skipBuild']));
}

let plan = decideStart({ electronDir, env: process.env, args });
if (plan.kind === 'install') plan = await installElectron(plan.installer);
if (plan.kind === 'desktop') await startDesktop(plan.electron);
else if (plan.kind === 'browser') await startBrowser(plan.reason);
