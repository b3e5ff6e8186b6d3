import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { LinuxAppEnforcer } from '../src-main/base/apps/linux-app-enforcer';
import { listProcessIds } from '../src-main/base/apps/proc-files';
import { defaultAppCategories } from '../src-main/core/apps/default-apps';

/**
 * Two roles (bench/app-enforcement.ts bundles this and starts `driver`, in a private pid namespace when it can).
 * `driver` starts `processes` copies of `sleep`, waits until `/proc` lists them, then runs `enforcer`, a process of
 * its own that runs only the enforcer, over the whole built-in list (none of whose apps runs here, so it closes
 * nothing and pays only for watching), and measures its own CPU over `seconds`. One JSON line on stdout; the
 * sleeps end with the driver.
 */

const WARM_UP_SECONDS = 10;

function runEnforcer(seconds: number): void {
  const enforcer = new LinuxAppEnforcer();
  const scanMs: number[] = [];
  const scan = enforcer.scan.bind(enforcer);
  // Timed from outside the class: the timer calls `this.scan()`, so each scan goes through this wrapper.
  enforcer.scan = () => {
    const at = performance.now();
    scan();
    scanMs.push(performance.now() - at);
  };
  const apps = defaultAppCategories.flatMap((category) => category.apps);
  // The first scan judges every process once, what a session's start costs: reported on its own. The window starts
  // after a warm-up, so that it holds the scans of a session under way, not this fresh process's compiling of its
  // code and the collection of its start-up garbage (in the app the enforcer runs in the long-lived core).
  enforcer.start(apps, { graceMs: 3000 });
  const firstScanMs = scanMs[0] ?? 0;
  setTimeout(() => {
    const warmScans = scanMs.length;
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    setTimeout(() => {
      const cpu = process.cpuUsage(cpuBefore);
      const elapsed = (performance.now() - startedAt) / 1000;
      enforcer.stop();
      report(scanMs.slice(warmScans), firstScanMs, cpu, elapsed, apps.length);
    }, seconds * 1000);
  }, WARM_UP_SECONDS * 1000);
}

function report(scanMs: number[], firstScanMs: number, cpu: NodeJS.CpuUsage, elapsed: number, appsOnList: number): void {
  const later = [...scanMs].sort((a, b) => a - b);
  const at = (share: number) => later[Math.min(later.length - 1, Math.floor(share * later.length))] ?? 0;
  const result = {
    seconds: elapsed,
    processesSeen: listProcessIds().length,
    appsOnList,
    percentOfCore: ((cpu.user + cpu.system) / 1e6 / elapsed) * 100,
    scans: later.length,
    firstScanMs,
    scanP50Ms: at(0.5),
    scanP95Ms: at(0.95),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function runDriver(processes: number, seconds: number): Promise<void> {
  const sleeps: ChildProcess[] = [];
  const endSleeps = () => {
    for (const sleep of sleeps) if (sleep.exitCode === null && sleep.signalCode === null) sleep.kill('SIGKILL');
  };
  process.on('exit', endSleeps);
  // Each bounded too, in case the driver is killed before it can end them.
  for (let i = 0; i < processes; i++) sleeps.push(spawn('sleep', [String(WARM_UP_SECONDS + seconds + 60)], { stdio: 'ignore' }));
  const deadline = Date.now() + 30_000;
  while (listProcessIds().length < processes && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
  const result = execFileSync(process.execPath, [process.argv[1]!, 'enforcer', String(seconds)], { encoding: 'utf8', timeout: (WARM_UP_SECONDS + seconds + 30) * 1000 });
  process.stdout.write(result);
  process.exit(0);
}

const [role, ...args] = process.argv.slice(2);
if (role === 'enforcer') runEnforcer(Number(args[0]));
else if (role === 'driver') void runDriver(Number(args[0]), Number(args[1]));
