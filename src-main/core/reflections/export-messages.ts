import type { Locale } from '../../contract/locale';
import { defineMessages, translate } from '../../contract/messages';

/** The words in exported Markdown and the weekly review, in both languages as equals. */
export const exportMessages = defineMessages({
  en: {
    weeklyTitle: 'Weekly review: {from} – {to}',
    logTitle: 'Reflections',
    summary: '{sessions} sessions, {duration}. Did it: {yes} yes, {partly} partly, {no} no, {unanswered} not answered.',
    noSessions: 'No sessions in these days.',
    hours: '{h} h {m} min',
    minutes: '{m} min',
    ofPlanned: '{actual} of {planned} planned',
    completed: 'completed',
    endedEarly: 'ended early',
    reason: 'reason: {reason}',
    depth: 'depth {depth}/5',
    'outcome.yes': 'did it',
    'outcome.partly': 'partly',
    'outcome.no': 'did not',
    pending: 'not reflected yet',
    skipped: 'skipped',
    moved: 'What moved',
    next: "What's next",
    notes: 'Notes',
    equationsIn: '{count, plural, one {1 equation in {note}} other {# equations in {note}}}',
    tags: 'Tags',
    thoughts: 'Thoughts parked',
    thoughtsParked: '{count, plural, one {1 thought parked.} other {# thoughts parked.}}',
    windowsSkipped: '{count, plural, one {1 scheduled window skipped.} other {# scheduled windows skipped.}}',
    scheduled: 'scheduled',
    untitled: 'Untitled session',
    fileWeekly: 'Stillroom weekly review {from} – {to}.md',
    fileLog: 'Stillroom reflections {date}.{ext}',
  },
  'zh-CN': {
    weeklyTitle: '每周回顾：{from} – {to}',
    logTitle: '回顾',
    summary: '{sessions} 次专注，共 {duration}。完成情况：完成 {yes} 次，部分完成 {partly} 次，未完成 {no} 次，未填写 {unanswered} 次。',
    noSessions: '这几天没有专注记录。',
    hours: '{h} 小时 {m} 分钟',
    minutes: '{m} 分钟',
    ofPlanned: '{actual}，计划 {planned}',
    completed: '按时结束',
    endedEarly: '提前结束',
    reason: '理由：{reason}',
    depth: '深度 {depth}/5',
    'outcome.yes': '完成了',
    'outcome.partly': '部分完成',
    'outcome.no': '没有完成',
    pending: '尚未回顾',
    skipped: '已跳过',
    moved: '有什么进展',
    next: '下一步',
    notes: '笔记',
    equationsIn: '{note} 中的 {count} 个公式',
    tags: '标签',
    thoughts: '暂放的念头',
    thoughtsParked: '暂放了 {count} 个念头。',
    windowsSkipped: '跳过了 {count} 段计划专注。',
    scheduled: '计划专注',
    untitled: '未命名的专注',
    fileWeekly: '静室每周回顾 {from} – {to}.md',
    fileLog: '静室回顾 {date}.{ext}',
  },
});

export function durationText(language: Locale, minutes: number): string {
  return minutes >= 60
    ? translate(exportMessages, language, 'hours', { h: Math.floor(minutes / 60), m: minutes % 60 })
    : translate(exportMessages, language, 'minutes', { m: minutes });
}
