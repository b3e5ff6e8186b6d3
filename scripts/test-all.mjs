// `npm test`: every check in one run, in order, with one plain summary line at the end.
// Each static check (types, lint, security scan, build) counts as one test; Vitest and Playwright report theirs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(name, command, args, env = {}) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`=== ${name}: ${result.status === 0 ? 'ok' : `failed (exit ${result.status ?? result.signal})`} in ${seconds} s\n`);
  return result.status === 0;
}

function check(name, command, args) {
  if (step(name, command, args)) totals.passed++;
  else {
    totals.failed++;
    failures.push(name);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

mkdirSync('test-results', { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

check('typecheck', npx, ['tsc', '-b']);
check('lint', npx, ['eslint', '--max-warnings', '0', '.']);
check('security scan', 'node', ['scripts/security-scan.mjs']);
const built = step('build', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']);
if (built) totals.passed++;
else {
  totals.failed++;
  failures.push('build');
}

// Vitest: unit and integration (node), renderer units (jsdom), system tests (real processes, hosts file in a namespace).
rmSync('test-results/vitest.json', { force: true });
const vitestOk = step('vitest', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);
const vitest = readJson('test-results/vitest.json');
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  if (vitest.numFailedTests > 0 || !vitestOk) failures.push('vitest');
} else {
  totals.failed++;
  failures.push('vitest (no report)');
}

// Playwright: the renderer in Chromium against the real core (app), and the real Electron app (electron).
if (built && existsSync('out/renderer/index.html')) {
  rmSync('test-results/playwright.json', { force: true });
  const playwrightOk = step('playwright', npx, ['playwright', 'test']);
  const report = readJson('test-results/playwright.json');
  if (report) {
    totals.passed += report.stats.expected + report.stats.flaky;
    if (report.stats.flaky > 0) process.stdout.write(`Playwright: ${report.stats.flaky} flaky (failed once, passed on retry); see the report above.\n`);
    totals.failed += report.stats.unexpected;
    totals.skipped += report.stats.skipped;
    if (report.stats.unexpected > 0 || !playwrightOk) failures.push('playwright');
  } else {
    totals.failed++;
    failures.push('playwright (no report)');
  }
} else {
  totals.failed++;
  failures.push('playwright (not run: the build failed)');
}

if (failures.length) process.stdout.write(`\nFailed: ${failures.join(', ')}\n`);
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(totals.failed > 0 || failures.length > 0 ? 1 : 0);
