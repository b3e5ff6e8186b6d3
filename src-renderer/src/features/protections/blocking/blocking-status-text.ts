import type { BlockingUnavailable, ReachCounterState } from '../../../../../src-main/contract/blocking';
import type { BlockingStatus } from '../../../../../src-main/contract/protection';
import type { Locale } from '../../../app/i18n/locale';
import { defineMessages, translate } from '../../../app/i18n/messages';
import type { ProtectionStatusText } from '../protection-view';

const messages = defineMessages({
  en: {
    name: 'Site blocking',
    active: 'On',
    'active.with': 'On. {notes}',
    separator: ' ',
    'note.local-server': 'A web server on this computer (port {ports}) will answer for blocked sites.',
    'note.reach.port-in-use': 'Reaches for blocked sites are not counted this session: port {port} is taken by another program.',
    'note.reach.address-unavailable': 'Reaches for blocked sites are not counted this session: the guard could not use its address.',
    'note.reach.not-permitted': 'Reaches for blocked sites are not counted this session: the system did not let the guard listen.',
    'note.reach.failed': 'Reaches for blocked sites are not counted this session: the guard could not listen.',
    'guard-not-installed': 'Sites are not blocked: the guard is not installed. Install it in Settings.',
    'guard-not-running': 'Sites are not blocked: the guard is not running. Repair it in Settings.',
    'guard-refused': 'Sites are not blocked: the guard refused the request ({code}).',
    'blocklist-empty': 'Sites are not blocked: the blocklist is empty. Turn on a list in Settings.',
    'blocklist-too-large': 'Sites are not blocked: the blocklist has {count} hostnames, more than {limit}.',
  },
  'zh-CN': {
    name: '网站屏蔽',
    active: '已开启',
    'active.with': '已开启。{notes}',
    separator: '',
    'note.local-server': '本机有网页服务器（端口 {ports}），被屏蔽的网站会由它应答。',
    'note.reach.port-in-use': '本次专注不计想打开被屏蔽网站的次数：端口 {port} 已被其他程序占用。',
    'note.reach.address-unavailable': '本次专注不计想打开被屏蔽网站的次数：守护进程无法使用它的地址。',
    'note.reach.not-permitted': '本次专注不计想打开被屏蔽网站的次数：系统不允许守护进程监听。',
    'note.reach.failed': '本次专注不计想打开被屏蔽网站的次数：守护进程无法监听。',
    'guard-not-installed': '网站未被屏蔽：守护进程尚未安装。请在设置中安装。',
    'guard-not-running': '网站未被屏蔽：守护进程没有运行。请在设置中修复。',
    'guard-refused': '网站未被屏蔽：守护进程拒绝了请求（{code}）。',
    'blocklist-empty': '网站未被屏蔽：屏蔽列表是空的。请在设置中开启一个列表。',
    'blocklist-too-large': '网站未被屏蔽：屏蔽列表有 {count} 个主机名，超过了上限 {limit}。',
  },
});

/** The reason's own fields are its message's params; the compiler checks every reason has a message. */
const unavailableParams = (unavailable: BlockingUnavailable) => {
  const { reason: _reason, ...params } = unavailable;
  return params;
};

function localServerNote(ports: readonly number[], locale: Locale): string | null {
  return ports.length === 0 ? null : translate(messages, locale, 'note.local-server', { ports: ports.join(', ') });
}

/** Only a counter that fell back is worth a word; one turned off in the guard's config was the administrator's choice. */
function reachNote(reach: ReachCounterState | undefined, locale: Locale): string | null {
  if (reach?.state !== 'fallback' || reach.problem === 'disabled') return null;
  if (reach.problem === 'port-in-use') return translate(messages, locale, 'note.reach.port-in-use', { port: reach.port === null ? '80, 443' : String(reach.port) });
  return translate(messages, locale, `note.reach.${reach.problem}`);
}

export const blockingStatusText: ProtectionStatusText<BlockingStatus> = {
  name: (locale) => translate(messages, locale, 'name'),
  describe: (status, locale) => {
    if (status.state === 'unavailable') return translate(messages, locale, status.unavailable.reason, unavailableParams(status.unavailable));
    const notes = [localServerNote(status.detail.localServerPorts, locale), reachNote(status.detail.reach, locale)].filter((note) => note !== null);
    if (notes.length === 0) return translate(messages, locale, 'active');
    return translate(messages, locale, 'active.with', { notes: notes.join(translate(messages, locale, 'separator')) });
  },
  // Blocking is only ever reported active after the guard's own status showed the block in place.
  verified: () => true,
};
