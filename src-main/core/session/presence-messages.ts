import type { Locale } from '../../contract/locale';
import type { CommandLineError } from './command-line';

/** The tray's language is the window's: the contract's locales, resolved by its one rule. */
export type PresenceLanguage = Locale;

/** Every string main shows about the session outside the window (tray, menu-bar title, dialogs, notifications). */
export interface PresenceMessages {
  appName: string;
  start(minutes: number): string;
  startCustom: string;
  extend: string;
  end: string;
  lockedUntil(time: string): string;
  remaining(minutes: number): string;
  menuBarMinutes(minutes: number): string;
  remainingWithIntent(minutes: number, intent: string): string;
  sessionEnded: string;
  openWindow: string;
  openNotepad: string;
  /** Shown while an ended session waits for its reflection. */
  writeReflection: string;
  quit: string;
  complete(minutes: number): string;
  quitQuestion: string;
  quitDetail(minutes: number): string;
  quitKeep: string;
  cancel: string;
  endQuestion: string;
  endDetail(minutes: number): string;
  endConfirm: string;
  alreadyRunning: string;
  nothingRunning: string;
  lockedNotice(time: string): string;
  commandRefused: string;
  commandLine(error: CommandLineError): string;
  shortcutRefused(accelerator: string): string;
}

export const presenceMessages: Record<PresenceLanguage, PresenceMessages> = {
  en: {
    appName: 'Stillroom',
    start: (minutes) => `Start ${minutes} minutes`,
    startCustom: 'Start…',
    extend: 'Extend 15 minutes',
    end: 'End session…',
    lockedUntil: (time) => `Locked until ${time}`,
    remaining: (minutes) => (minutes === 1 ? '1 minute left' : `${minutes} minutes left`),
    menuBarMinutes: (minutes) => `${minutes}m`,
    remainingWithIntent: (minutes, intent) => `${minutes === 1 ? '1 minute left' : `${minutes} minutes left`}: ${intent}`,
    sessionEnded: 'Session complete',
    openWindow: 'Open Stillroom',
    openNotepad: 'Open notepad',
    writeReflection: 'Write a reflection',
    quit: 'Quit',
    complete: (minutes) => `Session complete. ${minutes} minutes.`,
    quitQuestion: 'Quit while a session runs?',
    quitDetail: (minutes) =>
      `The session keeps running (${minutes === 1 ? '1 minute' : `${minutes} minutes`} left) and sites stay blocked. Stillroom picks it up when you open it again.`,
    quitKeep: 'Quit, keep the session',
    cancel: 'Cancel',
    endQuestion: 'End the session now?',
    endDetail: (minutes) => (minutes === 1 ? '1 minute is left.' : `${minutes} minutes are left.`),
    endConfirm: 'End session',
    alreadyRunning: 'A session is already running.',
    nothingRunning: 'No session is running.',
    lockedNotice: (time) => `This session is locked until ${time}.`,
    commandRefused: 'Stillroom could not do that.',
    commandLine: (error) => {
      switch (error.reason) {
        case 'unknown-argument':
          return `Unknown argument "${error.argument}". Use --start [minutes] [--intent "..."] [--mode flexible|committed|locked], --toggle or --stop.`;
        case 'missing-value':
          return `${error.argument} needs a value.`;
        case 'duplicate':
          return `${error.argument} is given twice.`;
        case 'conflicting-commands':
          return `Give one command at a time ("${error.argument}" is a second one).`;
        case 'bad-minutes':
          return `"${error.argument}" is not a session length: use whole minutes from 5 to 240.`;
        case 'bad-mode':
          return `"${error.argument}" is not a mode: use flexible, committed or locked.`;
        case 'bad-intent':
          return 'The intent must be one line of at most 200 characters.';
        case 'bad-url':
          return `Not a Stillroom link: ${error.argument}`;
      }
    },
    shortcutRefused: (accelerator) => `The shortcut ${accelerator} is taken by another app or refused by the system. Choose another in Settings.`,
  },
  'zh-CN': {
    appName: '静室',
    start: (minutes) => `开始 ${minutes} 分钟`,
    startCustom: '开始…',
    extend: '延长 15 分钟',
    end: '结束专注…',
    lockedUntil: (time) => `已锁定，${time} 前不能结束`,
    remaining: (minutes) => `还剩 ${minutes} 分钟`,
    menuBarMinutes: (minutes) => `${minutes}分`,
    remainingWithIntent: (minutes, intent) => `还剩 ${minutes} 分钟：${intent}`,
    sessionEnded: '专注结束',
    openWindow: '打开静室',
    openNotepad: '打开笔记',
    writeReflection: '写回顾',
    quit: '退出',
    complete: (minutes) => `专注结束。${minutes} 分钟。`,
    quitQuestion: '专注还在进行，要退出吗？',
    quitDetail: (minutes) => `专注会继续（还剩 ${minutes} 分钟），网站仍然屏蔽。下次打开静室时会接着进行。`,
    quitKeep: '退出，保留专注',
    cancel: '取消',
    endQuestion: '现在结束专注吗？',
    endDetail: (minutes) => `还剩 ${minutes} 分钟。`,
    endConfirm: '结束专注',
    alreadyRunning: '已有一段专注在进行。',
    nothingRunning: '当前没有进行中的专注。',
    lockedNotice: (time) => `这段专注已锁定，${time} 前不能结束。`,
    commandRefused: '静室无法执行这个操作。',
    commandLine: (error) => {
      switch (error.reason) {
        case 'unknown-argument':
          return `无法识别的参数“${error.argument}”。可用：--start [分钟] [--intent "..."] [--mode flexible|committed|locked]、--toggle、--stop。`;
        case 'missing-value':
          return `${error.argument} 后面需要一个值。`;
        case 'duplicate':
          return `${error.argument} 重复出现了。`;
        case 'conflicting-commands':
          return `一次只能给一个命令（“${error.argument}”是第二个）。`;
        case 'bad-minutes':
          return `“${error.argument}”不是有效的时长：请用 5 到 240 之间的整数分钟。`;
        case 'bad-mode':
          return `“${error.argument}”不是有效的模式：请用 flexible、committed 或 locked。`;
        case 'bad-intent':
          return '专注目标只能是一行，最多 200 个字符。';
        case 'bad-url':
          return `这不是静室的链接：${error.argument}`;
      }
    },
    shortcutRefused: (accelerator) => `快捷键 ${accelerator} 已被其他应用占用或被系统拒绝。请在设置中换一个。`,
  },
};
