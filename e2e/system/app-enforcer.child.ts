import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { defaultAppCategories } from '../../src-main/core/apps/default-apps';
import { LinuxAppEnforcer } from '../../src-main/base/apps/linux-app-enforcer';
import { delay, endedAfter, endWithStandIns, killStandIns, launchAs, type Ids } from './stand-in-processes';

/**
 * Two roles in one bundle (app-enforcer.test.ts). `scenario`, run as root as the first process of a private pid
 * and mount namespace: installs stand-in apps, starts processes as root and two users, and runs the enforcer as
 * the first user through `enforcer`, which takes start/report/stop lines on stdin and answers each with a line.
 */

function runEnforcer(graceMs: number, uid: number | undefined): void {
  const enforcer = new LinuxAppEnforcer({ uid });
  const apps = defaultAppCategories.flatMap((category) => category.apps);
  createInterface({ input: process.stdin }).on('line', (command) => {
    if (command === 'start') enforcer.start(apps, { graceMs });
    if (command === 'stop') enforcer.stop();
    process.stdout.write(`${JSON.stringify(command === 'report' ? { launches: enforcer.report(), openAtStart: enforcer.openAtStart() } : command)}\n`);
  });
}

const GRACE_MS = 600;

async function runScenario(root: string, first: Ids, other: Ids): Promise<void> {
  // The stand-ins: WeChat as its deb installs it (over a tmpfs on /opt, in this namespace only), from an AppImage's
  // mount, and in a Flatpak sandbox (an overlay of / with a /.flatpak-info, entered with chroot).
  execFileSync('mount', ['-t', 'tmpfs', 'tmpfs', '/opt']);
  mkdirSync('/opt/wechat');
  copyFileSync('/bin/sleep', '/opt/wechat/wechat');
  const appImageMount = join(root, '.mount_WeChatQx');
  mkdirSync(appImageMount);
  copyFileSync('/bin/sleep', join(appImageMount, 'wechat-core'));
  const sandbox = join(root, 'flatpak');
  mkdirSync(sandbox);
  execFileSync('mount', ['-t', 'tmpfs', 'tmpfs', sandbox]);
  for (const dir of ['upper', 'work', 'root']) mkdirSync(join(sandbox, dir));
  writeFileSync(join(sandbox, 'upper', '.flatpak-info'), '[Application]\nname=com.tencent.WeChat\nruntime=runtime/org.freedesktop.Platform/x86_64/24.08\n');
  const upper = `lowerdir=/,upperdir=${join(sandbox, 'upper')},workdir=${join(sandbox, 'work')}`;
  execFileSync('mount', ['-t', 'overlay', 'overlay', '-o', upper, join(sandbox, 'root')]);
  chmodSync(sandbox, 0o755);

  const as = launchAs;
  const wechat = (ids: Ids | null) => as(ids, '/opt/wechat/wechat', ['60']);

  const survivors = { root: wechat(null), otherUser: wechat(other) };
  const openBefore = wechat(first);
  await delay(200);

  const ask = enforcerAs(first, []);

  await ask('start');
  const startedAt = Date.now();
  const closedAtStart = await openBefore.ended;
  const msToCloseOpen = Date.now() - startedAt;

  // Relaunches, each way the app can be installed, at once; then one that ignores the polite close.
  const launchedAt = Date.now();
  const relaunches = {
    deb: wechat(first),
    appImage: as(first, join(appImageMount, 'wechat-core'), ['60'], { APPIMAGE: '/home/first/Apps/WeChat-4.0.1-x86_64.AppImage' }),
    flatpak: as(null, 'chroot', [`--userspec=${first.uid}:${first.gid}`, join(sandbox, 'root'), '/usr/bin/sleep', '60']),
  };
  const closed = Object.fromEntries(
    await Promise.all(Object.entries(relaunches).map(async ([way, child]) => [way, await endedAfter(child, launchedAt)] as const)),
  );
  const stubbornAt = Date.now();
  const stubbornEnd = await endedAfter(as(first, '/bin/sh', ['-c', "trap '' TERM; exec /opt/wechat/wechat 60"]), stubbornAt);

  const report = await ask('report');
  await ask('stop');
  const afterStop = wechat(first);
  await delay(1200);
  const aliveAfterStop = afterStop.alive();

  // Run as root for the first user, as the guard will: only the uid check then keeps root's and the other user's.
  const askAsRoot = enforcerAs(null, [String(first.uid)]);
  const forFirst = wechat(first);
  await delay(100);
  await askAsRoot('start');
  const closedByRoot = await forFirst.ended;
  await delay(600);
  await askAsRoot('stop');

  const result = {
    closedAtStart,
    msToCloseOpen,
    closed,
    stubborn: stubbornEnd,
    report,
    aliveAfterStop,
    closedByRoot,
    rootAlive: survivors.root.alive(),
    otherUserAlive: survivors.otherUser.alive(),
  };
  killStandIns();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

/** Starts the enforcer role as `ids` (null: root) and answers its lines. */
function enforcerAs(ids: Ids | null, extra: string[]): (command: string) => Promise<unknown> {
  const enforcer = spawn(process.execPath, [process.argv[1]!, 'enforcer', String(GRACE_MS), ...extra], { stdio: ['pipe', 'pipe', 'inherit'], ...(ids ?? {}) });
  endWithStandIns(enforcer);
  const lines = createInterface({ input: enforcer.stdout! })[Symbol.asyncIterator]();
  return async (command) => {
    enforcer.stdin!.write(`${command}\n`);
    return JSON.parse((await lines.next()).value as string) as unknown;
  };
}

const [role, ...args] = process.argv.slice(2);
if (role === 'enforcer') runEnforcer(Number(args[0]), args[1] === undefined ? undefined : Number(args[1]));
else if (role === 'scenario') void runScenario(args[0]!, JSON.parse(args[1]!) as Ids, JSON.parse(args[2]!) as Ids);
