import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleChildScript } from '../test-support/bundle-child';

export interface AppEnforcementCpu {
  readonly seconds: number;
  /** Processes in `/proc` where the enforcer ran: the sleeps, plus the machine's own when no pid namespace could be had. */
  readonly processesSeen: number;
  readonly appsOnList: number;
  /** The enforcer's process, all of it (Node's own timers and garbage collection included), in percent of one core. */
  readonly percentOfCore: number;
  readonly scans: number;
  /** The first scan judges every process once (what a session's start costs). */
  readonly firstScanMs: number;
  readonly scanP50Ms: number;
  readonly scanP95Ms: number;
  /** Where it ran: a private pid namespace (root), or beside the machine's processes. */
  readonly where: string;
}

export const APP_ENFORCEMENT_TARGET_PERCENT = 0.5;
export const APP_ENFORCEMENT_PROCESSES = 300;

const run = promisify(execFile);

/**
 * The Linux app enforcer's CPU with `processes` processes running (issue 21: under 0.5 % of a core with 300), in a
 * process that runs nothing else (bench/app-enforcement.child.ts). As root it runs as the first process of a
 * private pid namespace (`unshare -p -f --mount-proc`), so `/proc` holds its sleeps alone and none of the
 * machine's processes is ever in reach; otherwise as a plain child, among the machine's own processes too.
 */
export async function benchAppEnforcement(seconds: number, processes = APP_ENFORCEMENT_PROCESSES): Promise<AppEnforcementCpu> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-apps-'));
  try {
    const child = await bundleChildScript(join(import.meta.dirname, 'app-enforcement.child.ts'), folder);
    const args = [child, 'driver', String(processes), String(seconds)];
    const isolated = process.platform === 'linux' && process.getuid?.() === 0;
    const { stdout } = isolated
      ? await run('unshare', ['-p', '-f', '--kill-child', '--mount-proc', process.execPath, ...args], { timeout: (seconds + 90) * 1000 })
      : await run(process.execPath, args, { timeout: (seconds + 90) * 1000 });
    const where = isolated
      ? `a private pid namespace (unshare -p -f --mount-proc) holding only the enforcer and ${processes} sleeps, as root`
      : `a plain child among the machine's own processes, ${processes} sleeps added (no root for a pid namespace)`;
    return { ...(JSON.parse(stdout) as Omit<AppEnforcementCpu, 'where'>), where };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The table's row, shared by the whole bench and `npm run bench:apps`. */
export function appEnforcementRow(result: AppEnforcementCpu): { measure: string; value: string; baseline: string; ratio: string; target: string } {
  const round = (value: number, digits: number) => Number(value.toFixed(digits));
  const met = result.percentOfCore < APP_ENFORCEMENT_TARGET_PERCENT ? 'met' : 'MISSED';
  return {
    measure: `app enforcement CPU (Linux /proc scan every 500 ms, ${result.appsOnList} built-in apps on the list), ${result.processesSeen} processes, ${round(result.seconds, 0)} s`,
    value: `${round(result.percentOfCore, 3)} % of a core (a scan p50 ${round(result.scanP50Ms, 2)} / p95 ${round(result.scanP95Ms, 2)} ms; the first, judging every process, ${round(result.firstScanMs, 1)} ms)`,
    baseline: '',
    ratio: '',
    target: `< ${APP_ENFORCEMENT_TARGET_PERCENT} %: ${met}; in ${result.where}`,
  };
}
