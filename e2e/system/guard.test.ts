import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withBlock } from '../../src-main/guard/hosts-block';
import { systemUser, type SystemUser } from '../../test-support/system-user';
import { GuardSandbox, guardBundle, guardSkipReason, waitFor } from './guard-harness';

// The user's own lines: a comment, CRLF endings, a host mapped elsewhere (youtube.com), no final newline.
const ORIGINAL = '# my hosts\r\n127.0.0.1\tlocalhost\r\n::1 localhost ip6-localhost\r\n203.0.113.7 youtube.com\r\n10.9.9.9 intranet.example';
const HOSTS = ['www.youtube.com', 'youtube.com'];

const skip = guardSkipReason();
if (skip) console.warn(`Skipping the guard system tests: ${skip}`);

describe.skipIf(skip !== null)('the guard as a real root process', () => {
  let sandbox: GuardSandbox;
  beforeAll(() => void guardBundle());
  afterEach(async () => {
    await sandbox?.dispose();
  });

  it('blocks with a lease (also a host the user mapped elsewhere), keeps every other byte, and restores the file exactly when the lease ends', async () => {
    sandbox = new GuardSandbox({ original: ORIGINAL, intervalMs: 200 });
    await sandbox.startAndWait();
    expect(sandbox.inNamespace(['getent', 'hosts', 'youtube.com'])).toMatch(/^203\.0\.113\.7\s+youtube\.com/);

    const reply = await sandbox.request({ type: 'lease', sessionId: 'short-1', endsAt: Date.now() + 1500, mode: 'flexible', hostnames: HOSTS });
    expect(reply).toMatchObject({ type: 'ok', status: { applied: true, lease: { sessionId: 'short-1', hostnameCount: 2 } } });
    for (const host of HOSTS) {
      expect(sandbox.inNamespace(['getent', 'hosts', host])).toMatch(new RegExp(`^(::|0\\.0\\.0\\.0)\\s+${host.replace(/\./g, '\\.')}`));
    }
    // getaddrinfo answers only the block for a host the user had not mapped. (For one the user mapped, Debian's
    // `multi on` in host.conf makes getaddrinfo return the user's address too; Chromium and gethostbyname use the
    // first line, which is the block.)
    expect(sandbox.inNamespace(['getent', 'ahosts', 'www.youtube.com']).match(/^\S+/gm)?.sort()).toEqual(['0.0.0.0', '0.0.0.0', '0.0.0.0', '::', '::', '::']);
    const blocked = sandbox.hosts();
    expect(blocked).toBe(withBlock(ORIGINAL, HOSTS));
    // Every line outside the markers is byte-identical and in order.
    expect(blocked.slice(blocked.indexOf('# <<< stillroom block\r\n') + '# <<< stillroom block\r\n'.length)).toBe(ORIGINAL);

    await waitFor(() => sandbox.hosts() === ORIGINAL, 5000, 'the block to go when the lease ends');
    expect(sandbox.inNamespace(['getent', 'hosts', 'youtube.com'])).toMatch(/^203\.0\.113\.7\s+youtube\.com/);
    expect(sandbox.log()).toMatch(/"event":"lease-taken"[\s\S]*"event":"applied"[\s\S]*"event":"expired"[\s\S]*"event":"removed"/);
  });

  it('undoes tampering during a lease within 5 s (default 2 s loop)', async () => {
    sandbox = new GuardSandbox({ original: ORIGINAL });
    await sandbox.startAndWait();
    await sandbox.request({ type: 'lease', sessionId: 'tamper', endsAt: Date.now() + 60_000, mode: 'committed', hostnames: HOSTS });
    const edited = `${ORIGINAL}\r\n192.0.2.1 added.example\r\n`;
    // The user removes the block by hand and adds a line of their own.
    sandbox.inNamespace(['sh', '-c', `printf '%s' "$1" > /etc/hosts`, 'sh', edited]);
    expect(sandbox.inNamespace(['getent', 'hosts', 'youtube.com'])).toMatch(/^203\.0\.113\.7/);
    const took = await waitFor(() => sandbox.hosts() === withBlock(edited, HOSTS), 5000, 'the block to come back');
    expect(took).toBeLessThan(5000);
    // The guard logs the re-apply once the file is written: a moment after the file itself shows it.
    await waitFor(() => sandbox.log().includes('"event":"re-applied-after-tampering"'), 2000, 'the re-apply to be logged');
  });

  it('refuses to release a locked lease, and keeps it across a restart', async () => {
    sandbox = new GuardSandbox({ original: ORIGINAL, intervalMs: 200 });
    await sandbox.startAndWait();
    await sandbox.request({ type: 'lease', sessionId: 'locked-1', endsAt: Date.now() + 60_000, mode: 'locked', hostnames: HOSTS });
    expect(await sandbox.request({ type: 'release', sessionId: 'locked-1' })).toMatchObject({ type: 'refused', code: 'locked' });
    expect(await sandbox.request({ type: 'lease', sessionId: 'locked-2', endsAt: Date.now() + 1000, mode: 'flexible', hostnames: ['x.com'] })).toMatchObject({
      type: 'refused',
      code: 'locked',
    });

    await sandbox.kill();
    await sandbox.startAndWait();
    expect(await sandbox.request({ type: 'status' })).toMatchObject({ type: 'ok', status: { applied: true, lease: { sessionId: 'locked-1', mode: 'locked' } } });
    expect(sandbox.hosts()).toBe(withBlock(ORIGINAL, HOSTS));
  });

  it('takes the block out when stopped normally, and puts it back when started again during the lease', async () => {
    sandbox = new GuardSandbox({ original: ORIGINAL, intervalMs: 200 });
    await sandbox.startAndWait();
    await sandbox.request({ type: 'lease', sessionId: 'stop', endsAt: Date.now() + 60_000, mode: 'committed', hostnames: HOSTS });
    await sandbox.kill('SIGTERM');
    expect(sandbox.hosts()).toBe(ORIGINAL);
    await sandbox.startAndWait();
    expect(sandbox.hosts()).toBe(withBlock(ORIGINAL, HOSTS));
  });

  it('cleanup removes every block and the lease, even while the guard runs', async () => {
    sandbox = new GuardSandbox({ original: ORIGINAL, intervalMs: 200 });
    await sandbox.startAndWait();
    await sandbox.request({ type: 'lease', sessionId: 'locked-9', endsAt: Date.now() + 60_000, mode: 'locked', hostnames: HOSTS });
    const out = sandbox.inNamespace([process.execPath, guardBundle(), 'cleanup', '--config', sandbox.configPath]);
    expect(out).toContain('Removed the Stillroom block from /etc/hosts');
    expect(sandbox.hosts()).toBe(ORIGINAL);
    // The running guard does not put it back: the lease is gone.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(sandbox.hosts()).toBe(ORIGINAL);
    expect(await sandbox.request({ type: 'status' })).toMatchObject({ type: 'ok', status: { lease: null } });
  });

  it('cleanup works with no config and no state at all, given only a hosts file', async () => {
    sandbox = new GuardSandbox({ original: withBlock(ORIGINAL, HOSTS) });
    const hostsPath = `${sandbox.upper}/hosts`;
    execFileSync(process.execPath, [guardBundle(), 'cleanup', '--config', '/nonexistent/config.json', '--hosts', hostsPath]);
    expect(sandbox.hosts()).toBe(ORIGINAL);
  });

  describe('another OS user', () => {
    const owner = 'stillroom-t-owner';
    const other = 'stillroom-t-other';
    let users: SystemUser[] = [];
    beforeAll(() => {
      users = [owner, other].map((name) => systemUser(name));
    });
    afterAll(() => {
      for (const user of users) user.remove();
    });

    it('is refused by the socket, while the installing user is served', async () => {
      const uid = Number(execFileSync('id', ['-u', owner], { encoding: 'utf8' }).trim());
      sandbox = new GuardSandbox({ original: ORIGINAL, user: { name: owner, uid } });
      await sandbox.startAndWait();
      const asUser = (name: string) =>
        execFileSync('runuser', ['-u', name, '--', process.execPath, guardBundle(), 'status', '--config', sandbox.configPath], { encoding: 'utf8', stdio: 'pipe' });
      expect(JSON.parse(asUser(owner))).toMatchObject({ type: 'ok', status: { version: '0.0.0-test' } });
      expect(stderrOfFailure(() => asUser(other))).toContain('EACCES');
    });

    it('keeps the log readable by the installing user and root only', async () => {
      const uid = Number(execFileSync('id', ['-u', owner], { encoding: 'utf8' }).trim());
      sandbox = new GuardSandbox({ original: ORIGINAL, user: { name: owner, uid } });
      // A log an older guard left world-readable is narrowed at the next write.
      mkdirSync(sandbox.stateDir, { mode: 0o755 });
      writeFileSync(join(sandbox.stateDir, 'guard.log'), '{"event":"old"}\n', { mode: 0o644 });
      await sandbox.startAndWait();
      await sandbox.request({ type: 'lease', sessionId: 'private', endsAt: Date.now() + 60_000, mode: 'flexible', hostnames: ['www.youtube.com'] });
      const log = join(sandbox.stateDir, 'guard.log');
      const info = statSync(log);
      expect({ mode: info.mode & 0o777, uid: info.uid, gid: info.gid }).toEqual({ mode: 0o600, uid, gid: 0 });
      expect(statSync(sandbox.stateDir).mode & 0o777).toBe(0o755);
      expect(statSync(sandbox.stateDir).uid).toBe(0);
      const cat = (name: string) => execFileSync('runuser', ['-u', name, '--', 'cat', log], { encoding: 'utf8', stdio: 'pipe' });
      expect(cat(owner)).toContain('"sessionId":"private"');
      expect(stderrOfFailure(() => cat(other))).toContain('Permission denied');
      // The user reads the log but cannot replace it: the folder is root's.
      expect(stderrOfFailure(() => execFileSync('runuser', ['-u', owner, '--', 'mv', log, `${log}.gone`], { stdio: 'pipe' }))).toContain('Permission denied');
    });
  });
});

/** The standard error of a command that must fail; empty when it did not fail (so the expectation on it fails). */
function stderrOfFailure(run: () => unknown): string {
  try {
    run();
    return '';
  } catch (error) {
    return String((error as { stderr: string }).stderr);
  }
}
