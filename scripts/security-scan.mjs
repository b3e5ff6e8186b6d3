// Electronegativity over our sources; fails on any HIGH finding (the tool itself always exits 0).
// Offline: pin the Electron version and skip the check that would download the list of security fixes.
import { createRequire } from 'node:module';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;

// Scan the sources as one tree (so a guard in main counts for the renderer), without build output or tests.
const input = mkdtempSync(join(tmpdir(), 'stillroom-scan-'));
const folders = process.argv.length > 2 ? process.argv.slice(2) : ['src-main', 'src-renderer'];
for (const folder of folders) {
  cpSync(folder, join(input, folder), { recursive: true, filter: (path) => !/\.test\.tsx?$/.test(path) });
}
cpSync('package.json', join(input, 'package.json'));


let high = 0;
let total = 0;
{
  const result = await run({
    input,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
  for (const error of result.errors) console.warn(`electronegativity could not parse ${error.file}: ${error.message ?? error.error ?? ''}`);
  for (const issue of result.issues) {
    total++;
    const severity = issue.severity.name ?? String(issue.severity.value);
    if (severity.toUpperCase() === 'HIGH') high++;
    console.warn(`${severity.padEnd(13)} ${issue.id}  ${issue.file}:${issue.location.line}  ${issue.shortenedURL ?? ''}`);
  }
}
rmSync(input, { recursive: true, force: true });
console.warn(`electronegativity (Electron ${electronVersion}): ${total} findings, ${high} HIGH`);
process.exit(high > 0 ? 1 : 0);
