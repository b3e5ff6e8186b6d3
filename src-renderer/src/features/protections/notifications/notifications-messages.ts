import { defineMessages } from '../../../app/i18n/messages';

export const notificationsMessages = defineMessages({
  en: {
    title: 'Notifications',
    intro: 'During a session, Stillroom mutes the system’s notifications and restores them exactly as they were when it ends. If you change them yourself meanwhile, your choice stays.',
    legend: 'During a session',
    mute: 'Mute notifications',
    leave: 'Leave them alone',
    status: 'In the running session: {status}',
    'desktop.heading': 'On this desktop',
    'desktop.ready': 'A session mutes notifications through {method}, and checks that they are muted.',
    'desktop.already': 'Notifications are muted already ({method}); a session leaves them as they are.',
    'desktop.none': 'This version of Stillroom does not mute notifications.',
    'desktop.checking': 'Checking…',
    'desktop.check': 'Check again',
    'desktop.failed': 'Could not check: {message}',
  },
  'zh-CN': {
    title: '通知',
    intro: '专注期间，静室会让系统通知静音，结束时按原样恢复。如果你在期间自己改动了，以你的选择为准。',
    legend: '专注期间',
    mute: '通知静音',
    leave: '保持原样',
    status: '当前专注：{status}',
    'desktop.heading': '在这台电脑上',
    'desktop.ready': '专注时会通过 {method} 让通知静音，并核实确已静音。',
    'desktop.already': '通知已经是静音（{method}）；专注时保持原样。',
    'desktop.none': '这个版本的静室不会让通知静音。',
    'desktop.checking': '正在检查…',
    'desktop.check': '重新检查',
    'desktop.failed': '无法检查：{message}',
  },
});
