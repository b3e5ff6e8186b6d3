import type { BlockingUnavailable } from '../../../../../src-main/contract/blocking';
import type { BlockingStatus } from '../../../../../src-main/contract/protection';
import { defineMessages, translate } from '../../../app/i18n/messages';
import type { ProtectionStatusText } from '../protection-view';

const messages = defineMessages({
  en: {
    name: 'Site blocking',
    active: 'On',
    'active.local-server': 'On. A web server on this computer (port {ports}) will answer for blocked sites.',
    'guard-not-installed': 'Sites are not blocked: the guard is not installed. Install it in Settings.',
    'guard-not-running': 'Sites are not blocked: the guard is not running. Repair it in Settings.',
    'guard-refused': 'Sites are not blocked: the guard refused the request ({code}).',
    'blocklist-empty': 'Sites are not blocked: the blocklist is empty. Turn on a list in Settings.',
    'blocklist-too-large': 'Sites are not blocked: the blocklist has {count} hostnames, more than {limit}.',
  },
  'zh-CN': {
    name: '网站屏蔽',
    active: '已开启',
    'active.local-server': '已开启。本机有网页服务器（端口 {ports}），被屏蔽的网站会由它应答。',
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

export const blockingStatusText: ProtectionStatusText<BlockingStatus> = {
  name: (locale) => translate(messages, locale, 'name'),
  describe: (status, locale) => {
    if (status.state === 'unavailable') return translate(messages, locale, status.unavailable.reason, unavailableParams(status.unavailable));
    const ports = status.detail.localServerPorts;
    if (ports.length === 0) return translate(messages, locale, 'active');
    return translate(messages, locale, 'active.local-server', { ports: ports.join(', ') });
  },
  // Blocking is only ever reported active after the guard's own status showed the block in place.
  verified: () => true,
};
