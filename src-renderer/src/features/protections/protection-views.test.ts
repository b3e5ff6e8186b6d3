import { describe, expect, it } from 'vitest';
import { AppsUnavailable } from '../../../../src-main/contract/apps';
import { BlockingUnavailable, ReachCounterState } from '../../../../src-main/contract/blocking';
import { NotificationsUnavailable } from '../../../../src-main/contract/notifications';
import { ProtectionStatus, type VerifiedProtectionStatus } from '../../../../src-main/contract/protection';
import { viewOf } from './protection-views';

type Settled = Extract<VerifiedProtectionStatus, { state: 'active' | 'unavailable' }>;
const describeIn = (status: Settled) => ['en', 'zh-CN'].map((locale) => viewOf(status).describe(status, locale as 'en' | 'zh-CN'));

describe('protection views', () => {
  it('say the method and that it was checked, in both languages', () => {
    const muted = ProtectionStatus.parse({ id: 'notifications', state: 'active', detail: { method: 'dunst', verified: true, alreadyMuted: false } }) as Settled;
    expect(describeIn(muted)).toEqual(['Notifications muted (dunst, checked).', '通知已静音（dunst，已核实）。']);
    expect(viewOf(muted).verified(muted as never)).toBe(true);
  });

  it('say how many apps a session closes and, once it closed some, how often, in both languages', () => {
    const closing: Settled = { id: 'apps', state: 'active', detail: { by: 'app', appCount: 12, launches: [], installed: null } };
    expect(describeIn(closing)).toEqual(['The 12 apps on your list are closed whenever they open.', '列表中的 12 个应用一打开就会被关闭。']);
    const names = { en: 'WeChat', 'zh-CN': '微信' };
    const closed: Settled = { id: 'apps', state: 'active', detail: { by: 'app', appCount: 1, launches: [{ appId: 'wechat', names, attempts: 4 }], installed: null } };
    expect(describeIn(closed)).toEqual([
      'The app on your list is closed whenever it opens; closed 4 times so far.',
      '列表中的 1 个应用一打开就会被关闭；到目前为止关闭了 4 次。',
    ]);
    expect(viewOf(closed).verified(closed as never)).toBe(true);
  });

  it('name the apps of the list installed here, or say none is, and nothing where that is not known', () => {
    const app = (appId: string, en: string, zh: string) => ({ appId, names: { en, 'zh-CN': zh } });
    const withInstalled = (installed: ReturnType<typeof app>[]): Settled => ({ id: 'apps', state: 'active', detail: { by: 'app', appCount: 12, launches: [], installed } });
    expect(describeIn(withInstalled([app('wechat', 'WeChat', '微信'), app('steam', 'Steam', 'Steam')]))).toEqual([
      'The 12 apps on your list are closed whenever they open. Installed here: WeChat and Steam.',
      '列表中的 12 个应用一打开就会被关闭。这台电脑上装有：微信和Steam。',
    ]);
    expect(describeIn(withInstalled([]))).toEqual([
      'The 12 apps on your list are closed whenever they open. None of them is installed here.',
      '列表中的 12 个应用一打开就会被关闭。这台电脑上没有安装其中任何一个。',
    ]);
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => app(`app-${id}`, id.toUpperCase(), id.toUpperCase()));
    expect(describeIn(withInstalled(many))).toEqual([
      'The 12 apps on your list are closed whenever they open. Installed here: A, B and 5 more.',
      '列表中的 12 个应用一打开就会被关闭。这台电脑上装有：A、B和另外 5 个应用。',
    ]);
    // A status kept before this was known (a session journal, a reflection) reads as not known.
    const older = ProtectionStatus.parse({ id: 'apps', state: 'active', detail: { appCount: 12, launches: [] } }) as Settled;
    expect(describeIn(older)).toEqual(['The 12 apps on your list are closed whenever they open.', '列表中的 12 个应用一打开就会被关闭。']);
  });

  it('say in one calm line which apps open at the start are closed, or left to the user a while, naming at most three', () => {
    const app = (appId: string, en: string, zh: string) => ({ appId, names: { en, 'zh-CN': zh } });
    const two = [app('wechat', 'WeChat', '微信'), app('steam', 'Steam', 'Steam')];
    const closing: Settled = { id: 'apps', state: 'active', detail: { by: 'app', appCount: 12, launches: [], installed: null, openAtStart: { apps: two, closesAt: null, waitMs: 0, closed: true } } };
    expect(describeIn(closing)).toEqual([
      'Closing WeChat and Steam for this session. The 12 apps on your list are closed whenever they open.',
      '本次专注将关闭微信和Steam。列表中的 12 个应用一打开就会被关闭。',
    ]);
    const four = [...two, app('qq', 'QQ', 'QQ'), app('bilibili', 'Bilibili', '哔哩哔哩')];
    const waiting: Settled = {
      id: 'apps',
      state: 'active',
      detail: { by: 'app', appCount: 12, launches: [], installed: null, openAtStart: { apps: four, closesAt: 1_700_000_030_000, waitMs: 30_000, closed: false } },
    };
    expect(describeIn(waiting)).toEqual([
      'WeChat, Steam and 2 more close 30 s after the start: save what you were doing. The 12 apps on your list are closed whenever they open.',
      '微信、Steam和另外 2 个应用将在开始 30 秒后关闭：请先保存手头的内容。列表中的 12 个应用一打开就会被关闭。',
    ]);
    const one: Settled = { id: 'apps', state: 'active', detail: { by: 'app', appCount: 1, launches: [], installed: null, openAtStart: { apps: two.slice(0, 1), closesAt: 1, waitMs: 30_000, closed: false } } };
    expect(describeIn(one)[0]).toMatch(/^WeChat closes 30 s after the start/);
    const three: Settled = { id: 'apps', state: 'active', detail: { by: 'app', appCount: 3, launches: [], installed: null, openAtStart: { apps: four.slice(0, 3), closesAt: null, waitMs: 0, closed: true } } };
    expect(describeIn(three).map((line) => line.split(' The ')[0])).toEqual(['Closing WeChat, Steam and QQ for this session.', expect.stringMatching(/^本次专注将关闭微信、Steam和QQ。/)]);
  });

  it('say when the guard closes the apps, in both languages', () => {
    const closing: Settled = { id: 'apps', state: 'active', detail: { by: 'guard', appCount: 12, launches: [], installed: null } };
    expect(describeIn(closing)).toEqual([
      'The 12 apps on your list are closed by the guard whenever they open, even if Stillroom quits.',
      '列表中的 12 个应用一打开就会被守护进程关闭，即使静室退出也是如此。',
    ]);
    const closed: Settled = { id: 'apps', state: 'active', detail: { by: 'guard', appCount: 1, launches: [{ appId: 'wechat', names: { en: 'WeChat', 'zh-CN': '微信' }, attempts: 4 }], installed: null } };
    expect(describeIn(closed)).toEqual([
      'The app on your list is closed by the guard whenever it opens; closed 4 times so far.',
      '列表中的 1 个应用一打开就会被守护进程关闭；到目前为止关闭了 4 次。',
    ]);
  });

  it('read an apps status journaled before the guard closed apps as the app’s own', () => {
    expect(ProtectionStatus.parse({ id: 'apps', state: 'active', detail: { appCount: 1, launches: [] } })).toMatchObject({ detail: { by: 'app' } });
  });

  it('never call an unchecked mute checked, and name an already muted system as such', () => {
    const unchecked: Settled = { id: 'notifications', state: 'active', detail: { method: 'macos-focus', verified: false, alreadyMuted: false } };
    expect(describeIn(unchecked)[0]).toBe('Notifications muted (Focus on macOS), not checked: this system cannot report it. Check it yourself.');
    expect(viewOf(unchecked).verified(unchecked as never)).toBe(false);
    const already: Settled = { id: 'notifications', state: 'active', detail: { method: 'gnome', verified: true, alreadyMuted: true } };
    expect(describeIn(already)[1]).toBe('通知原本就已静音（GNOME）；静室不做改动。');
  });

  it('fill each reason from its typed details, with no placeholder left in either language', () => {
    const samples: Settled[] = [
      { id: 'notifications', state: 'unavailable', unavailable: { reason: 'no-notification-server' } },
      { id: 'notifications', state: 'unavailable', unavailable: { reason: 'unknown-server', name: 'budgie-daemon' } },
      { id: 'notifications', state: 'unavailable', unavailable: { reason: 'command-missing', method: 'dunst', command: 'dunstctl' } },
      { id: 'notifications', state: 'unavailable', unavailable: { reason: 'shortcut-missing', name: 'Stillroom Focus' } },
      { id: 'notifications', state: 'unavailable', unavailable: { reason: 'mode-not-configured', method: 'mako', mode: 'do-not-disturb' } },
      { id: 'notifications', state: 'unavailable', unavailable: { reason: 'sandboxed', sandbox: 'flatpak' } },
      { id: 'notifications', state: 'unavailable', unavailable: { reason: 'turned-off' } },
      { id: 'notifications', state: 'unavailable', unavailable: { reason: 'not-verified', method: 'xfce' } },
      { id: 'notifications', state: 'unavailable', unavailable: { reason: 'changed-by-user', method: 'kde' } },
      { id: 'notifications', state: 'unavailable', unavailable: { reason: 'command-failed', method: 'gnome', command: 'gsettings', message: 'No such schema' } },
      { id: 'notifications', state: 'unavailable', unavailable: { reason: 'unsupported-platform', platform: 'aix' } },
      { id: 'blocking', state: 'unavailable', unavailable: { reason: 'guard-not-installed' } },
      { id: 'blocking', state: 'unavailable', unavailable: { reason: 'guard-not-running' } },
      { id: 'blocking', state: 'unavailable', unavailable: { reason: 'guard-refused', code: 'lease-in-past' } },
      { id: 'blocking', state: 'unavailable', unavailable: { reason: 'blocklist-empty' } },
      { id: 'blocking', state: 'unavailable', unavailable: { reason: 'blocklist-too-large', count: 6000, limit: 5000 } },
      { id: 'apps', state: 'unavailable', unavailable: { reason: 'turned-off' } },
      { id: 'apps', state: 'unavailable', unavailable: { reason: 'list-empty' } },
      { id: 'apps', state: 'unavailable', unavailable: { reason: 'unsupported-platform', platform: 'darwin' } },
    ];
    // Every reason the contract names is in the samples, so a new reason without a sentence fails here.
    const covered = new Set(samples.map((status) => (status.state === 'unavailable' ? `${status.id}:${status.unavailable.reason}` : '')));
    for (const option of NotificationsUnavailable.options) expect(covered).toContain(`notifications:${option.shape.reason.value}`);
    for (const option of BlockingUnavailable.options) expect(covered).toContain(`blocking:${option.shape.reason.value}`);
    for (const option of AppsUnavailable.options) expect(covered).toContain(`apps:${option.shape.reason.value}`);
    for (const status of samples) {
      ProtectionStatus.parse(status);
      const [en, zh] = describeIn(status);
      expect(en).not.toMatch(/[{}]/);
      expect(zh).not.toMatch(/[{}]/);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(describeIn(samples[2]!)[0]).toBe('Notifications are not muted: dunstctl is not installed. Install it to let Stillroom mute dunst.');
    expect(describeIn(samples[15]!)).toEqual([
      'Sites are not blocked: the blocklist has 6,000 hostnames, more than 5,000.',
      '网站未被屏蔽：屏蔽列表有 6,000 个主机名，超过了上限 5,000。',
    ]);
  });

  it('read a local web server from blocking’s typed detail, not from a string', () => {
    const undermined: Settled = { id: 'blocking', state: 'active', detail: { localServerPorts: [80, 443] } };
    expect(describeIn(undermined)).toEqual([
      'On. A web server on this computer (port 80, 443) will answer for blocked sites.',
      '已开启。本机有网页服务器（端口 80, 443），被屏蔽的网站会由它应答。',
    ]);
    expect(describeIn({ id: 'blocking', state: 'active', detail: { localServerPorts: [] } })).toEqual(['On', '已开启']);
  });

  it('say when the reach counter fell back and why, and nothing while it counts or was turned off', () => {
    const withReach = (reach: ReachCounterState, localServerPorts: number[] = []): Settled => ({ id: 'blocking', state: 'active', detail: { localServerPorts, reach } });
    expect(describeIn(withReach({ state: 'counting', address: '127.0.0.253' }))).toEqual(['On', '已开启']);
    expect(describeIn(withReach({ state: 'fallback', problem: 'disabled', port: null }))).toEqual(['On', '已开启']);
    expect(describeIn(withReach({ state: 'fallback', problem: 'port-in-use', port: 8443 }, [443]))).toEqual([
      'On. A web server on this computer (port 443) will answer for blocked sites. Reaches for blocked sites are not counted this session: port 8443 is taken by another program.',
      '已开启。本机有网页服务器（端口 443），被屏蔽的网站会由它应答。本次专注不计想打开被屏蔽网站的次数：端口 8443 已被其他程序占用。',
    ]);
    for (const problem of ReachCounterState.options[1].shape.problem.options.filter((problem) => problem !== 'disabled')) {
      const [en, zh] = describeIn(withReach({ state: 'fallback', problem, port: null }));
      expect(en).toMatch(/^On\. Reaches for blocked sites are not counted this session: [^{}]+\.$/);
      expect(zh).toMatch(/^已开启。本次专注不计想打开被屏蔽网站的次数：[^{}]+。$/);
    }
  });

  it('refuse a status whose details do not belong to its protection', () => {
    expect(ProtectionStatus.safeParse({ id: 'blocking', state: 'unavailable', unavailable: { reason: 'turned-off' } }).success).toBe(false);
    expect(ProtectionStatus.safeParse({ id: 'notifications', state: 'active', detail: { localServerPorts: [] } }).success).toBe(false);
    expect(ProtectionStatus.safeParse({ id: 'blocking', state: 'unavailable', reason: 'local-server:80,443' }).success).toBe(false);
  });
});
