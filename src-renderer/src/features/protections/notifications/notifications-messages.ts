import { defineMessages } from '../../../app/i18n/messages';

export const notificationsMessages = defineMessages({
  en: {
    title: 'Notifications',
    intro: 'During a session, Stillroom mutes the system’s notifications and restores them exactly as they were when it ends. If you change them yourself meanwhile, your choice stays.',
    legend: 'During a session',
    mute: 'Mute notifications',
    leave: 'Leave them alone',
    status: 'In the running session: {status}',
  },
  'zh-CN': {
    title: '通知',
    intro: '专注期间，静室会让系统通知静音，结束时按原样恢复。如果你在期间自己改动了，以你的选择为准。',
    legend: '专注期间',
    mute: '通知静音',
    leave: '保持原样',
    status: '当前专注：{status}',
  },
});
