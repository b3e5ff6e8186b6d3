import type { Locale } from '../../../app/i18n/locale';

/**
 * The editor's own strings and CodeMirror's (search panel, go to line, screen reader notices), given to
 * CodeMirror's `EditorState.phrases`. English is the key itself; `$` stands for a number filled in.
 */
export const mathMessages = {
  tooDeep: 'Formula too deeply nested to render (over $ levels)',
  tooLong: 'Formula too long to render (over $ characters)',
  empty: 'Empty formula',
  undefinedLabel: 'No equation is labelled $',
  duplicateLabel: 'The label $ is used before; references go to the first',
  goToEquation: 'Go to the equation',
} as const;

const zhCN: Record<string, string> = {
  [mathMessages.tooDeep]: '公式嵌套过深，无法显示（超过 $ 层）',
  [mathMessages.tooLong]: '公式过长，无法显示（超过 $ 个字符）',
  [mathMessages.empty]: '空公式',
  [mathMessages.undefinedLabel]: '没有公式的标签是 $',
  [mathMessages.duplicateLabel]: '标签 $ 已在前面使用；引用指向第一个',
  [mathMessages.goToEquation]: '转到该公式',
  Find: '查找',
  Replace: '替换',
  next: '下一个',
  previous: '上一个',
  all: '全部',
  'match case': '区分大小写',
  regexp: '正则表达式',
  'by word': '全词匹配',
  replace: '替换',
  'replace all': '全部替换',
  close: '关闭',
  'current match': '当前匹配',
  'on line': '位于行',
  'Go to line': '跳转到行',
  go: '跳转',
  'replaced $ matches': '已替换 $ 处',
  'replaced match on line $': '已替换第 $ 行的匹配',
  'Selection deleted': '所选内容已删除',
  'Control character': '控制字符',
};

export const editorPhrases: Record<Locale, Record<string, string>> = { en: {}, 'zh-CN': zhCN };
