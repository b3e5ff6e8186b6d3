// `npm run bench:apps`: the app enforcement row alone (bench/README.md), merged into bench/results.json in place of
// the one the last whole run wrote; the other rows are left as they were.
import { readFile, writeFile } from 'node:fs/promises';
import { APP_ENFORCEMENT_TARGET_PERCENT, appEnforcementRow, benchAppEnforcement } from './app-enforcement';

const seconds = Number(process.env.BENCH_APPS_SECONDS ?? 60);
process.stdout.write(`app enforcement: ${seconds} s with 300 processes running...\n`);
const appEnforcement = { date: new Date().toISOString(), ...(await benchAppEnforcement(seconds)) };
const row = appEnforcementRow(appEnforcement);
process.stdout.write(`| ${row.measure} | ${row.value} | ${row.baseline} | ${row.ratio} | ${row.target} |\n`);

const results = JSON.parse(await readFile('bench/results.json', 'utf8')) as {
  targets: Record<string, { value: number; limit: number; met: boolean }>;
  table: { measure: string }[];
  appEnforcement?: unknown;
};
results.appEnforcement = appEnforcement;
results.targets.appEnforcement = { value: appEnforcement.percentOfCore, limit: APP_ENFORCEMENT_TARGET_PERCENT, met: appEnforcement.percentOfCore < APP_ENFORCEMENT_TARGET_PERCENT };
const at = results.table.findIndex((existing) => existing.measure.startsWith('app enforcement CPU'));
if (at >= 0) results.table[at] = row;
else results.table.push(row);
await writeFile('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write('bench/results.json updated (this row only).\n');
