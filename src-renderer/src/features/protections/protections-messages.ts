import { defineMessages } from '../../app/i18n/messages';

/** The words of the protections list shared by the Focus view, the end screen and a reflection's facts. */
export const protectionsMessages = defineMessages({
  en: {
    'protections.title': 'Protections',
    'protection.pending': 'Turning on…',
    'protection.failed': 'Could not turn on: {error}',
    'protection.failedOff': 'Not turned off yet: {error}. Stillroom keeps trying until it is off, and again at the next start.',
    'protection.none': 'No protections are set up: this session is a timer only.',
  },
  'zh-CN': {
    'protections.title': '保护',
    'protection.pending': '正在开启…',
    'protection.failed': '未能开启：{error}',
    'protection.failedOff': '尚未关闭：{error}。静室会一直重试直到关闭，下次启动时也会再试。',
    'protection.none': '没有设置任何保护：这段专注只是计时。',
  },
});
