import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAppCategories } from '../../src-main/core/apps/default-apps';
import { leaseAppsOf } from '../../src-main/core/apps/apps-protection';
import { sendGuardRequest, type GuardReply, type GuardRequestInput } from '../../src-main/guard/protocol';
import { delay, endedAfter, killStandIns, launchAs, type Ids } from './stand-in-processes';

/**
 * The real guard as root closing a user's apps (guard-apps.test.ts). Run as root as the first process of a private
 * pid and mount namespace: installs WeChat as its deb does (/opt over a tmpfs, in this namespace only), starts the
 * guard bundle for the first user, leases the built-in list exactly as the app builds it, and starts WeChat as that
 * user, as root and as a second user. Prints one JSON line of what happened.
 */

const GRACE_MS = 600;

async function runScenario(root: string, bundle: string, first: Ids & { name: string }, other: Ids): Promise<void> {
  execFileSync('mount', ['-t', 'tmpfs', 'tmpfs', '/opt']);
  mkdirSync('/opt/wechat');
  copyFileSync('/bin/sleep', '/opt/wechat/wechat');

  const stateDir = join(root, 'state');
  const socketPath = join(root, 'run', 'guard.sock');
  const configPath = join(root, 'config.json');
  writeFileSync(join(root, 'hosts'), '127.0.0.1 localhost\n', { mode: 0o644 });
  const config = {
    version: '0.0.0-test',
    hostsPath: join(root, 'hosts'),
    stateDir,
    socketPath,
    user: { name: first.name, uid: first.uid },
    reconcileIntervalMs: 200,
    browserPolicyRoot: root,
    reach: { enabled: false },
  };
  writeFileSync(configPath, JSON.stringify(config), { mode: 0o644 });
  chmodSync(root, 0o755);

  let guard = await startGuard(bundle, configPath, socketPath);
  const request = (input: GuardRequestInput): Promise<GuardReply> => sendGuardRequest(socketPath, input, 5000);
  const builtIn = leaseAppsOf({ enabled: true, closeGraceMs: GRACE_MS, openAppsWaitMs: 0, sessionList: () => defaultAppCategories.flatMap((category) => category.apps) }, null);
  if (!builtIn) throw new Error('The built-in list is empty');
  const apps = builtIn;
  const lease = (sessionId: string, ms: number, extra: Partial<GuardRequestInput> = {}): GuardRequestInput =>
    ({ type: 'lease', sessionId, endsAt: Date.now() + ms, mode: 'flexible', hostnames: [], apps, ...extra }) as GuardRequestInput;

  const as = launchAs;
  const wechat = (ids: Ids | null) => as(ids, '/opt/wechat/wechat', ['60']);

  const survivors = { root: wechat(null), otherUser: wechat(other) };
  const openBefore = wechat(first);
  await delay(200);

  // A lease whose list names a system process is refused whole; nothing is closed.
  const systemRule = { id: 'shell', linux: { executables: ['bash'], paths: [], appImages: [], flatpaks: [], snaps: [] } };
  const refused = await request(lease('s0', 60_000, { apps: { entries: [...apps.entries, systemRule], graceMs: GRACE_MS } }));
  await delay(400);
  const aliveAfterRefusal = openBefore.alive();

  const leasedAt = Date.now();
  const taken = await request(lease('s1', 60_000));
  const closedAtStart = await endedAfter(openBefore, leasedAt);

  const relaunchedAt = Date.now();
  const relaunch = wechat(first);
  const relaunched = await endedAfter(relaunch, relaunchedAt);

  const stubbornAt = Date.now();
  const stubbornEnd = await endedAfter(as(first, '/bin/sh', ['-c', "trap '' TERM; exec /opt/wechat/wechat 60"]), stubbornAt);

  const status = await request({ type: 'status' });

  // The guard's service restarts with the lease still running: it resumes closing from the lease on disk.
  await stopGuard(guard);
  const whileStopped = wechat(first);
  await delay(400);
  const aliveWhileStopped = whileStopped.alive();
  guard = await startGuard(bundle, configPath, socketPath);
  const resumed = await whileStopped.ended;

  const released = await request({ type: 'release', sessionId: 's1' });
  const afterRelease = wechat(first);
  await delay(1200);
  const aliveAfterRelease = afterRelease.alive();
  afterRelease.kill();

  // A lease that ends by itself: nothing is closed after its end.
  await request(lease('s2', 1500));
  const duringShort = wechat(first);
  const closedDuringShort = await duringShort.ended;
  await delay(1700);
  const afterExpiry = wechat(first);
  await delay(1200);
  const aliveAfterExpiry = afterExpiry.alive();

  await stopGuard(guard);
  const result = {
    refused,
    aliveAfterRefusal,
    taken: taken.type,
    closedAtStart,
    relaunched,
    stubborn: stubbornEnd,
    status,
    aliveWhileStopped,
    resumed,
    released: released.type === 'ok' ? released.status.apps : released,
    aliveAfterRelease,
    closedDuringShort,
    aliveAfterExpiry,
    rootAlive: survivors.root.alive(),
    otherUserAlive: survivors.otherUser.alive(),
    log: readFileSync(join(stateDir, 'guard.log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { event: string }).event),
  };
  killStandIns();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

async function startGuard(bundle: string, configPath: string, socketPath: string): Promise<ChildProcess> {
  const guard = spawn(process.execPath, [bundle, 'run', '--config', configPath], { stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await sendGuardRequest(socketPath, { type: 'status' }, 1000)).type === 'ok') return guard;
    } catch (error) {
      if (Date.now() > deadline || guard.exitCode !== null) throw new Error(`The guard did not come up: ${(error as Error).message}`);
    }
    await delay(25);
  }
}

async function stopGuard(guard: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => guard.once('exit', resolve));
  guard.kill('SIGTERM');
  await exited;
}

const [root, bundle, first, other] = process.argv.slice(2);
void runScenario(root!, bundle!, JSON.parse(first!) as Ids & { name: string }, JSON.parse(other!) as Ids);
