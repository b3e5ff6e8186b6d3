import type { NotificationMethod, NotificationsUnavailable } from '../../../../../src-main/contract/notifications';
import type { NotificationsStatus } from '../../../../../src-main/contract/protection';
import type { Locale } from '../../../app/i18n/locale';
import { defineMessages, translate } from '../../../app/i18n/messages';
import type { ProtectionStatusText } from '../protection-view';

const messages = defineMessages({
  en: {
    name: 'Notification muting',
    'active.checked': 'Notifications muted ({method}, checked).',
    'active.unchecked': 'Notifications muted ({method}), not checked: this system cannot report it. Check it yourself.',
    'active.already': 'Notifications were already muted ({method}); Stillroom leaves them as they are.',
    'no-notification-server': 'Notifications are not muted: no notification server is running, so none can appear.',
    'unknown-server': 'Notifications are not muted: Stillroom does not know how to mute {name}. Mute it yourself for this session.',
    'command-missing': 'Notifications are not muted: {command} is not installed. Install it to let Stillroom mute {method}.',
    'shortcut-missing': 'Notifications are not muted: the Shortcut “{name}” is missing. Add it as the README describes.',
    'mode-not-configured': 'Notifications are not muted: mako has no “{mode}” mode. Add it to your mako config.',
    sandboxed: 'Notifications are not muted: a {sandbox} package cannot reach the system’s notification settings. Mute them yourself.',
    'turned-off': 'Notifications are left alone, as chosen in Settings.',
    'not-verified': 'Notifications may not be muted: {method} did not confirm it. Mute them yourself for this session.',
    'changed-by-user': 'Notifications are on again: you turned them on during the session, and Stillroom leaves them so.',
    'command-failed': 'Notifications are not muted: {command} failed ({message}).',
    'unsupported-platform': 'Notifications are not muted: Stillroom cannot mute them on {platform}.',
  },
  'zh-CN': {
    name: '通知静音',
    'active.checked': '通知已静音（{method}，已核实）。',
    'active.unchecked': '通知已静音（{method}），未核实：系统无法报告状态。请自行确认。',
    'active.already': '通知原本就已静音（{method}）；静室不做改动。',
    'no-notification-server': '通知未静音：没有运行通知服务，因此不会有通知出现。',
    'unknown-server': '通知未静音：静室不知道如何让 {name} 静音。请在这段专注中自行静音。',
    'command-missing': '通知未静音：没有安装 {command}。安装后静室才能让 {method} 静音。',
    'shortcut-missing': '通知未静音：缺少快捷指令“{name}”。请按 README 中的步骤添加。',
    'mode-not-configured': '通知未静音：mako 没有“{mode}”模式。请在 mako 配置中添加。',
    sandboxed: '通知未静音：{sandbox} 包无法访问系统的通知设置。请自行静音。',
    'turned-off': '通知保持原样，这是你在设置中的选择。',
    'not-verified': '通知可能没有静音：{method} 没有确认。请在这段专注中自行静音。',
    'changed-by-user': '通知已重新打开：你在专注期间打开了它，静室不再改动。',
    'command-failed': '通知未静音：{command} 执行失败（{message}）。',
    'unsupported-platform': '通知未静音：静室无法在 {platform} 上静音通知。',
  },
});

/** Each method by the name the user knows it by; only the system features are named in the user's language. */
const desktopNames = { gnome: 'GNOME', kde: 'KDE Plasma', xfce: 'XFCE', cinnamon: 'Cinnamon', mate: 'MATE', dunst: 'dunst', mako: 'mako', swaync: 'SwayNC' } as const;
const methodNames = defineMessages<NotificationMethod>({
  en: { ...desktopNames, 'macos-focus': 'Focus on macOS', 'windows-focus-assist': 'Windows Do Not Disturb' },
  'zh-CN': { ...desktopNames, 'macos-focus': 'macOS 专注模式', 'windows-focus-assist': 'Windows 勿扰模式' },
});

/** The method as the user knows it ("dunst", "Focus on macOS"). */
export function notificationMethodName(method: NotificationMethod, locale: Locale): string {
  return translate(methodNames, locale, method);
}

const sandboxNames = { flatpak: 'Flatpak', snap: 'Snap', 'mac-app-store': 'Mac App Store' } as const;

/** The reason's own fields are its message's params, with the method and sandbox named for people. */
function unavailableParams(unavailable: NotificationsUnavailable, locale: Locale): Record<string, string> {
  const { reason: _reason, ...fields } = unavailable;
  const params: Record<string, string> = { ...fields } as Record<string, string>;
  if ('method' in unavailable) params.method = notificationMethodName(unavailable.method, locale);
  if ('sandbox' in unavailable) params.sandbox = sandboxNames[unavailable.sandbox];
  return params;
}

export const notificationsStatusText: ProtectionStatusText<NotificationsStatus> = {
  name: (locale) => translate(messages, locale, 'name'),
  describe: (status, locale) => {
    if (status.state === 'unavailable') {
      return translate(messages, locale, status.unavailable.reason, unavailableParams(status.unavailable, locale));
    }
    const { method, verified, alreadyMuted } = status.detail;
    const key = alreadyMuted ? 'active.already' : verified ? 'active.checked' : 'active.unchecked';
    return translate(messages, locale, key, { method: notificationMethodName(method, locale) });
  },
  verified: (status) => status.detail.verified,
};
