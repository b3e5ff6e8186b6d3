import type { EditorState } from '@codemirror/state';
import { locales, type Locale } from '../../../app/i18n/locale';
import { defineMessages } from '../../../app/i18n/messages';

/**
 * The editor's own strings, in the app's one catalog form. What the editor draws inside CodeMirror is translated
 * the CodeMirror way, through `EditorState.phrases`: so these are handed to it as phrases (below), each keyed by
 * its English text with `$` for the value, and said with `state.phrase(mathPhrases.x, value)`. A message here
 * fills plain `{name}` placeholders only: CodeMirror's phrases have no plurals.
 */
export const editorMessages = defineMessages({
  en: {
    tooDeep: 'Formula too deeply nested to render (over {levels} levels)',
    tooLong: 'Formula too long to render (over {characters} characters)',
    tooLarge: 'The macros in this formula expand too far to render (over {tokens} tokens)',
    empty: 'Empty formula',
    undefinedLabel: 'No equation is labelled {label}',
    duplicateLabel: 'The label {label} is used before; references go to the first',
    goToEquation: 'Go to the equation',
    undefinedTheorem: 'No theorem is labelled {label}',
    goToTheorem: 'Go to the block',
    divUnclosed: 'This block is never closed: end it with a line of :::',
    divStrayClose: 'This ::: closes no block',
    divBadAttributes: 'Cannot read {attributes}: write {#thm-label .theorem title="…"}',
    kind_theorem: 'Theorem',
    kind_lemma: 'Lemma',
    kind_proposition: 'Proposition',
    kind_corollary: 'Corollary',
    kind_definition: 'Definition',
    kind_example: 'Example',
    kind_remark: 'Remark',
    kind_proof: 'Proof',
    theoremReference: '{name} {number}',
    theoremHeading: '{label}.',
    theoremHeadingTitled: '{label} ({title}).',
  },
  'zh-CN': {
    tooDeep: '公式嵌套过深，无法显示（超过 {levels} 层）',
    tooLong: '公式过长，无法显示（超过 {characters} 个字符）',
    tooLarge: '公式中的宏展开后过长，无法显示（超过 {tokens} 个记号）',
    empty: '空公式',
    undefinedLabel: '没有公式的标签是 {label}',
    duplicateLabel: '标签 {label} 已在前面使用；引用指向第一个',
    goToEquation: '转到该公式',
    undefinedTheorem: '没有定理的标签是 {label}',
    goToTheorem: '转到该段',
    divUnclosed: '此段没有结束：请在其后加一行 :::',
    divStrayClose: '此处的 ::: 没有可结束的段',
    divBadAttributes: '无法读取 {attributes}：请写成 {#thm-label .theorem title="…"}',
    kind_theorem: '定理',
    kind_lemma: '引理',
    kind_proposition: '命题',
    kind_corollary: '推论',
    kind_definition: '定义',
    kind_example: '例',
    kind_remark: '注',
    kind_proof: '证明',
    theoremReference: '{name} {number}',
    theoremHeading: '{label}',
    theoremHeadingTitled: '{label}（{title}）',
  },
});

export type EditorMessage = keyof typeof editorMessages.en;

/**
 * A message as a CodeMirror phrase: `{name}` becomes `$` (`$1`, `$2`… by the English order when there are
 * several), and a literal `$` is doubled.
 */
function asPhrase(message: string, order: readonly string[]): string {
  return message.replace(/\$/g, '$$$$').replace(/\{(\w+)\}/g, (whole, name: string) => {
    const at = order.indexOf(name);
    if (at < 0) return whole;
    return order.length === 1 ? '$' : `$${at + 1}`;
  });
}

const placeholderOrder = (message: string) => [...new Set([...message.matchAll(/\{(\w+)\}/g)].map(([, name]) => name!))];

function phrasesIn(locale: Locale): Record<EditorMessage, string> {
  const keys = Object.keys(editorMessages.en) as EditorMessage[];
  return Object.fromEntries(keys.map((key) => [key, asPhrase(editorMessages[locale][key], placeholderOrder(editorMessages.en[key]))])) as Record<EditorMessage, string>;
}

/** The editor's own phrases, keyed by their English text (what `state.phrase` is given). */
export const mathPhrases = phrasesIn('en');

/** CodeMirror's own phrases (search panel, go to line, screen reader notices), keyed by their English text as CodeMirror defines them. */
const codeMirrorPhrases: Record<Exclude<Locale, 'en'>, Record<string, string>> = {
  'zh-CN': {
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
  },
};

/** What `EditorState.phrases` is given in each locale: English needs none, its keys are the text. */
export const editorPhrases = Object.fromEntries(
  locales.map((locale) => {
    if (locale === 'en') return [locale, {}];
    const own = phrasesIn(locale);
    const table: Record<string, string> = { ...codeMirrorPhrases[locale] };
    for (const key of Object.keys(own) as EditorMessage[]) table[mathPhrases[key]] = own[key];
    return [locale, table];
  }),
) as Record<Locale, Readonly<Record<string, string>>>;

/** One of the editor's messages in the state's language, its `{name}`s filled from `values`. */
export function sayInEditor(state: EditorState, key: EditorMessage, values: Readonly<Record<string, string>> = {}): string {
  return state.phrase(mathPhrases[key], ...placeholderOrder(editorMessages.en[key]).map((name) => values[name] ?? ''));
}

/**
 * A phrase said outside CodeMirror (the reflections' preview shows the editor's own refusals): the text
 * `state.phrase(template, ...values)` gives in `locale`, by CodeMirror's rules (`$` or `$n` a value, `$$` a dollar).
 */
export function sayPhrase(locale: Locale, template: string, values: readonly (string | number)[]): string {
  const phrase = editorPhrases[locale][template] ?? template;
  return phrase.replace(/\$(\$|\d*)/g, (whole, index: string) => {
    if (index === '$') return '$';
    const at = Number(index || 1);
    return at >= 1 && at <= values.length ? String(values[at - 1]) : whole;
  });
}
