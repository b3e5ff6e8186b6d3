import type { AppRuleRejection, OwnAppKind } from '../../../../../src-main/contract/apps';
import type { AppLineRejection } from '../../../../../src-main/contract/blocking';
import type { Locale } from '../../../app/i18n/locale';
import { defineMessages } from '../../../app/i18n/messages';

export const appsMessages = defineMessages({
  en: {
    name: 'App closing',
    'active.none': '{count, plural, one {The app on your list is closed whenever it opens.} other {The # apps on your list are closed whenever they open.}}',
    'active.closed': '{count, plural, one {The app on your list is closed whenever it opens} other {The # apps on your list are closed whenever they open}}; {closed, plural, one {closed once so far.} other {closed # times so far.}}',
    'turned-off': 'Apps are left open: closing them is off in Settings.',
    'list-empty': 'No apps are closed: nothing is on the list. Turn on a list or add an app in Settings.',
    'unsupported-platform': 'Apps are not closed: not yet on this system.',
    'open.closing': 'Closing {apps} for this session.',
    'open.waiting': '{count, plural, one {{apps} closes} other {{apps} close}} {seconds} s after the start: save what you were doing.',
    'names.two': '{first} and {second}',
    'names.three': '{first}, {second} and {third}',
    'names.more': '{first}, {second} and {more} more',
    title: 'Apps',
    intro: 'During a session, Stillroom can close the desktop apps that pull you out (chat, video, games) as soon as they open, and again on every relaunch. It closes only your own programs, never the system’s, and never opens anything again afterwards.',
    enable: 'Close these apps during a session',
    'enable.off': 'Off until you turn it on: closing someone’s chat app unasked would be unkind.',
    unsupported: 'Not yet on this system: Stillroom closes apps on Linux for now.',
    'closing.title': 'How apps close',
    'closing.grace': 'Time an app has to close by itself before it is forced',
    'closing.seconds': '{seconds, plural, one {# second} other {# seconds}}',
    'closing.wait': 'Let me close apps already open when a session starts myself: they are closed {seconds} s after the start',
    'closing.wait.off': 'Otherwise they are closed at once, with one line saying which. Apps opened during a session are always closed at once.',
    'lists.title': 'Lists',
    'lists.show': 'Show the apps',
    'own.title': 'Your own apps',
    'own.explain': 'Name an app by how it runs here: its program name, its path (a folder ending in /), an AppImage name, a Flatpak id or a snap name.',
    'own.kind': 'Kind',
    'own.label': 'App to close',
    'own.add': 'Add',
    'own.chooseFile': 'Choose a file…',
    'own.empty': 'None yet.',
    'own.remove': 'Remove {rule}',
    'own.refused': '“{rule}” cannot be added: {reason}',
    'running.open': 'Choose from running apps…',
    'running.again': 'Look again',
    'running.label': 'Running apps',
    'running.option': '{name} — {rule}',
    'running.add': 'Add this app',
    'running.empty': 'No running app here could be added: open the app first, then look again. The system’s own programs are never offered.',
    'running.unsupported': 'Not yet on this system: add an app by name or path instead.',
    status: 'In the running session: {status}',
  },
  'zh-CN': {
    name: '关闭应用',
    'active.none': '{count, plural, other {列表中的 # 个应用一打开就会被关闭。}}',
    'active.closed': '{count, plural, other {列表中的 # 个应用一打开就会被关闭}}；{closed, plural, other {到目前为止关闭了 # 次。}}',
    'turned-off': '应用保持打开：设置中没有开启关闭应用。',
    'list-empty': '不会关闭任何应用：列表是空的。请在设置中开启一个列表或添加应用。',
    'unsupported-platform': '不会关闭应用：这个系统暂不支持。',
    'open.closing': '本次专注将关闭{apps}。',
    'open.waiting': '{count, plural, other {{apps}将在开始 {seconds} 秒后关闭：请先保存手头的内容。}}',
    'names.two': '{first}和{second}',
    'names.three': '{first}、{second}和{third}',
    'names.more': '{first}、{second}和另外 {more} 个应用',
    title: '应用',
    intro: '专注期间，静室可以在让你分心的桌面应用（聊天、视频、游戏）一打开时就把它关闭，每次重新打开也会再关。它只关闭你自己的程序，从不碰系统的程序，结束后也不会替你重新打开任何东西。',
    enable: '专注期间关闭这些应用',
    'enable.off': '在你开启之前保持关闭：不经询问就关掉别人的聊天软件并不友好。',
    unsupported: '这个系统暂不支持：目前只在 Linux 上关闭应用。',
    'closing.title': '关闭方式',
    'closing.grace': '应用自行关闭的时间，超时后强制关闭',
    'closing.seconds': '{seconds, plural, other {# 秒}}',
    'closing.wait': '专注开始时已经打开的应用由我自己关闭：开始 {seconds} 秒后才关闭它们',
    'closing.wait.off': '否则会立即关闭，并用一行文字说明关闭了哪些。专注期间新打开的应用总是立即关闭。',
    'lists.title': '列表',
    'lists.show': '查看应用',
    'own.title': '你自己的应用',
    'own.explain': '按应用在这台电脑上的运行方式填写：程序名、路径（以 / 结尾表示整个文件夹）、AppImage 文件名、Flatpak ID 或 snap 名称。',
    'own.kind': '类型',
    'own.label': '要关闭的应用',
    'own.add': '添加',
    'own.chooseFile': '选择文件…',
    'own.empty': '还没有。',
    'own.remove': '移除 {rule}',
    'own.refused': '无法添加“{rule}”：{reason}',
    'running.open': '从正在运行的应用中选择…',
    'running.again': '重新查看',
    'running.label': '正在运行的应用',
    'running.option': '{name} — {rule}',
    'running.add': '添加这个应用',
    'running.empty': '没有可以添加的正在运行的应用：请先打开那个应用，再重新查看。系统自身的程序永远不会列出。',
    'running.unsupported': '这个系统暂不支持：请改为按名称或路径添加。',
    status: '当前专注：{status}',
  },
});

export const kindMessages = defineMessages<OwnAppKind>({
  en: { executable: 'Program name', path: 'Path', appImage: 'AppImage', flatpak: 'Flatpak id', snap: 'Snap name' },
  'zh-CN': { executable: '程序名', path: '路径', appImage: 'AppImage', flatpak: 'Flatpak ID', snap: 'Snap 名称' },
});

/** Why a rule was refused, for the line beside the field. */
export const refusalMessages = defineMessages<AppRuleRejection>({
  en: {
    empty: 'it is empty.',
    'too-long': 'it is too long.',
    'bad-character': 'it holds a character a name or plain path cannot (a slash in a program name, “..”, a control character).',
    'not-absolute': 'a path must start with /.',
    'too-broad': 'it would close far more than one app (a whole system folder, your home, every AppImage).',
    'system-process': 'it names a part of the system or the desktop, which Stillroom never closes.',
    stillroom: 'Stillroom never closes itself.',
    'bad-flatpak-id': 'a Flatpak id looks like com.example.App.',
    'bad-snap-name': 'a snap name is lower-case letters, digits and hyphens.',
    'bad-appimage-pattern': 'an AppImage name ends in .AppImage and may use * for any part.',
  },
  'zh-CN': {
    empty: '内容为空。',
    'too-long': '内容太长。',
    'bad-character': '含有名称或普通路径不能有的字符（程序名中的斜杠、“..”、控制字符）。',
    'not-absolute': '路径必须以 / 开头。',
    'too-broad': '它会关闭远不止一个应用（整个系统文件夹、你的主目录、所有 AppImage）。',
    'system-process': '它指向系统或桌面的组成部分，静室从不关闭这些。',
    stillroom: '静室从不关闭自己。',
    'bad-flatpak-id': 'Flatpak ID 的形式类似 com.example.App。',
    'bad-snap-name': 'snap 名称只能包含小写字母、数字和连字符。',
    'bad-appimage-pattern': 'AppImage 名称以 .AppImage 结尾，可以用 * 代表任意部分。',
  },
});

const unknownKindMessages = defineMessages({
  en: { 'unknown-app-kind': 'after “app:” comes executable, path, appImage, flatpak or snap.' },
  'zh-CN': { 'unknown-app-kind': '“app:”后面应是 executable、path、appImage、flatpak 或 snap。' },
});

/** Why an imported app line (`app:<kind> <rule>`) was refused, for the import report beside the site lists. */
export function appLineRefusal(reason: AppLineRejection, locale: Locale): string {
  return reason === 'unknown-app-kind' ? unknownKindMessages[locale][reason] : refusalMessages[locale][reason];
}
