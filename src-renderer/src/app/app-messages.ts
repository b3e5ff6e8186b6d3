import { defineMessages } from './i18n/messages';

export const appMessages = defineMessages({
  en: {
    appName: 'Stillroom',
    'nav.label': 'Sections',
    'nav.focus': 'Focus',
    'nav.notepad': 'Notepad',
    'nav.reflections': 'Reflections',
    'nav.settings': 'Settings',
    'palette.open': 'Command palette',
    'palette.placeholder': 'Type a command',
    'palette.empty': 'No command matches.',
    'palette.goTo': 'Go to {view}',
    'notice.corrupt': 'Your settings file could not be read, so Stillroom started with its defaults. The old file was kept as {path}.',
    'notice.newer': 'Your settings were written by a newer Stillroom (version {version}), so this one started with its defaults. That file was kept as {path}.',
    'notice.browserPolicies':
      'During a focus session, Stillroom sets browser policies so that browsers block your list too, paths included, and keep DNS over HTTPS off. While they are set, Chrome and Edge show “Managed by your organisation”. You can turn this off in Settings, under Blocking.',
    'notice.dismiss': 'Dismiss',
    'loading': 'Opening…',
    'loadFailed': 'Stillroom could not reach its core: {message}',
  },
  'zh-CN': {
    appName: '静室',
    'nav.label': '栏目',
    'nav.focus': '专注',
    'nav.notepad': '笔记',
    'nav.reflections': '回顾',
    'nav.settings': '设置',
    'palette.open': '命令面板',
    'palette.placeholder': '输入命令',
    'palette.empty': '没有匹配的命令。',
    'palette.goTo': '前往{view}',
    'notice.corrupt': '设置文件无法读取，静室已使用默认设置启动。原文件已保留为 {path}。',
    'notice.newer': '设置文件来自更新版本的静室（版本 {version}），本版本已使用默认设置启动。原文件已保留为 {path}。',
    'notice.browserPolicies':
      '专注期间，静室会设置浏览器策略，让浏览器也屏蔽你的列表（包括路径），并关闭 DNS over HTTPS。策略生效时，Chrome 和 Edge 会显示“由你的组织管理”。可以在“设置”的“屏蔽”中关闭。',
    'notice.dismiss': '知道了',
    'loading': '正在打开…',
    'loadFailed': '静室无法连接到核心服务：{message}',
  },
});
