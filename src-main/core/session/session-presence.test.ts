import { describe, expect, it } from 'vitest';
import type { FocusSession, SessionState } from '../../contract/session';
import { MINUTE } from '../../contract/session';
import {
  completionNotice,
  menuBarTitle,
  outcomeNotice,
  quitPrompt,
  remainingMinutes,
  trayMenu,
  trayTooltip,
  untilNextMinute,
  commandLineNotice,
  endPrompt,
  nextWindowLine,
  scheduledNotice,
} from './session-presence';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const session = (overrides: Partial<FocusSession> = {}): FocusSession => ({
  id: 's1',
  intent: 'prove Lemma 3',
  plannedMinutes: 90,
  extendedCount: 0,
  startedAt: T0,
  endsAt: T0 + 90 * MINUTE,
  mode: 'flexible',
  challenge: null,
  ending: null,
  reflectedAt: null,
  parkedThoughts: [],
  blocks: null,
  window: null,
  allowOnly: false,
  ...overrides,
});
const shortcut = { state: 'registered', accelerator: 'CommandOrControl+Alt+Shift+F' } as const;
const running = (overrides: Partial<FocusSession> = {}): SessionState => ({ phase: 'running', session: session(overrides), protections: [], shortcut });
const idle: SessionState = { phase: 'idle', shortcut };
const en = { language: 'en', now: T0 + 48 * MINUTE + 30_000, timeZone: 'UTC' } as const;
const zh = { ...en, language: 'zh-CN' } as const;
const labels = (items: ReturnType<typeof trayMenu>) => items.map((item) => (item.kind === 'separator' ? '---' : item.kind === 'label' ? `[${item.label}]` : `${item.label}${item.enabled ? '' : ' (disabled)'}`));

describe('session presence', () => {
  it('idle tray menu: quick starts, Start…, open, notepad, quit', () => {
    expect(labels(trayMenu(idle, en))).toEqual(['Start 25 minutes', 'Start 50 minutes', 'Start 90 minutes', 'Start…', '---', 'Open Stillroom', 'Open notepad', '---', 'Quit']);
    expect(labels(trayMenu(idle, zh))).toEqual(['开始 25 分钟', '开始 50 分钟', '开始 90 分钟', '开始…', '---', '打开静室', '打开笔记', '---', '退出']);
  });

  it('ended tray menu: the reflection first, then the quick starts', () => {
    const ended: SessionState = { phase: 'ended', session: session({ ending: { kind: 'completed', at: T0 + 90 * MINUTE } }), protections: [], shortcut };
    expect(labels(trayMenu(ended, en)).slice(0, 3)).toEqual(['Write a reflection', '---', 'Start 25 minutes']);
    expect(trayMenu(ended, en)[0]).toMatchObject({ kind: 'action', action: 'reflect', enabled: true });
    expect(labels(trayMenu(ended, zh))[0]).toBe('写回顾');
    const reflected: SessionState = { ...ended, phase: 'reflected' };
    expect(labels(trayMenu(reflected, en))).toEqual(labels(trayMenu(idle, en)));
  });

  it('running tray menu: remaining time with the intent, extend, end as the mode allows', () => {
    expect(labels(trayMenu(running(), en))).toEqual(['[42 minutes left: prove Lemma 3]', '---', 'Extend 15 minutes', 'End session…', '---', 'Open Stillroom', 'Open notepad', '---', 'Quit']);
    expect(labels(trayMenu(running({ mode: 'locked' }), en)).slice(2, 4)).toEqual(['Extend 15 minutes', 'Locked until 10:30 (disabled)']);
    expect(labels(trayMenu(running({ mode: 'locked' }), zh))[3]).toBe('已锁定，10:30 前不能结束 (disabled)');
    expect(labels(trayMenu(running({ extendedCount: 8 }), en))[2]).toBe('Extend 15 minutes (disabled)');
  });

  it('tooltip and menu-bar title count whole minutes, rounded up, and change once a minute', () => {
    expect(trayTooltip(running(), en)).toBe('Stillroom: 42 minutes left: prove Lemma 3');
    expect(trayTooltip(running({ intent: '' }), zh)).toBe('静室: 还剩 42 分钟');
    expect(trayTooltip(idle, en)).toBe('Stillroom');
    expect(menuBarTitle(running(), en)).toBe('42m');
    expect(menuBarTitle(running(), zh)).toBe('42分');
    expect(menuBarTitle(idle, en)).toBe('');
    expect(remainingMinutes(T0 + 90 * MINUTE, T0 + 90 * MINUTE - 1)).toBe(1);
    expect(remainingMinutes(T0, T0 + 1)).toBe(0);
    expect(untilNextMinute(T0 + 90 * MINUTE, en.now)).toBe(30_000);
    expect(untilNextMinute(T0 + 90 * MINUTE, T0)).toBe(MINUTE);
  });

  it('a completed session is one calm line, counting extensions', () => {
    expect(completionNotice(session({ extendedCount: 2, endsAt: T0 + 120 * MINUTE }), 'en')).toEqual({ title: 'Session complete. 120 minutes.', body: 'prove Lemma 3' });
    expect(completionNotice(session(), 'zh-CN').title).toBe('专注结束。90 分钟。');
  });

  it('asks before quitting during a session, and only then', () => {
    expect(quitPrompt(idle, en)).toBeNull();
    expect(quitPrompt(running(), en)).toEqual({
      message: 'Quit while a session runs?',
      detail: 'The session keeps running (42 minutes left) and sites stay blocked. Stillroom picks it up when you open it again.',
      buttons: ['Cancel', 'Quit, keep the session'],
    });
  });

  it('says one minute in the singular, in every place a count of minutes is said', () => {
    const lastMinute = { ...en, now: T0 + 89 * MINUTE + 30_000 };
    expect(trayTooltip(running(), lastMinute)).toBe('Stillroom: 1 minute left: prove Lemma 3');
    expect(trayTooltip(running({ intent: '' }), lastMinute)).toBe('Stillroom: 1 minute left');
    expect(quitPrompt(running(), lastMinute)?.detail).toBe('The session keeps running (1 minute left) and sites stay blocked. Stillroom picks it up when you open it again.');
    expect(endPrompt(session(), lastMinute).detail).toBe('1 minute is left.');
    expect(endPrompt(session(), en).detail).toBe('42 minutes are left.');
    expect(endPrompt(session(), { ...lastMinute, language: 'zh-CN' }).detail).toBe('还剩 1 分钟。');
    expect(trayTooltip(running(), { ...lastMinute, language: 'zh-CN' })).toBe('静室: 还剩 1 分钟：prove Lemma 3');
  });

  it('shows an intent without the characters that could hide or reverse it, in the tray and the completion notice', () => {
    const spoofed = { intent: 'invoice\u202Efdp.exe\u0000<b>x</b>' };
    expect(trayTooltip(running(spoofed), en)).toBe('Stillroom: 42 minutes left: invoicefdp.exe<b>x</b>');
    expect(labels(trayMenu(running(spoofed), en))[0]).toBe('[42 minutes left: invoicefdp.exe<b>x</b>]');
    expect(completionNotice(session(spoofed), 'en').body).toBe('invoicefdp.exe<b>x</b>');
  });

  it('explains outcomes and command-line errors in both languages', () => {
    expect(outcomeNotice({ kind: 'locked', until: T0 + 90 * MINUTE }, en)).toBe('This session is locked until 10:30.');
    expect(outcomeNotice({ kind: 'started', state: idle }, en)).toBeNull();
    expect(commandLineNotice({ reason: 'bad-minutes', argument: '-5' }, 'en')).toBe('"-5" is not a session length: use whole minutes from 5 to 240.');
    expect(commandLineNotice({ reason: 'bad-minutes', argument: '-5' }, 'zh-CN')).toBe('“-5”不是有效的时长：请用 5 到 240 之间的整数分钟。');
    expect(commandLineNotice({ reason: 'link-mode', argument: 'locked' }, 'en')).toBe('A link starts flexible sessions only. Start committed and locked sessions in Stillroom itself.');
    expect(commandLineNotice({ reason: 'link-mode', argument: 'locked' }, 'zh-CN')).toBe('链接只能开始灵活模式的专注。承诺或锁定模式请在静室里开始。');
  });

  it('shows the schedule\'s next window between sessions in the tray and its tooltip, and the quiet notice before it', () => {
    const idle: SessionState = { phase: 'idle', shortcut };
    const today = { start: T0 + 4 * 60 * MINUTE, end: T0 + 6 * 60 * MINUTE }; // 13:00–15:00 UTC, Monday
    const tuesday = { start: T0 + 24 * 60 * MINUTE, end: T0 + 26 * 60 * MINUTE };
    const context = { language: 'en', now: T0, timeZone: 'UTC', nextWindow: today } as const;
    expect(trayMenu(idle, context)[0]).toEqual({ kind: 'label', label: 'Next scheduled session: 13:00' });
    expect(trayTooltip(idle, context)).toBe('Stillroom: Next scheduled session: 13:00');
    expect(nextWindowLine(tuesday, context)).toBe('Next scheduled session: Tue 09:00');
    expect(nextWindowLine(tuesday, { ...context, language: 'zh-CN' })).toBe('下一段计划专注：周二 09:00');
    expect(nextWindowLine(today, { ...context, now: today.start + MINUTE })).toBe('Scheduled session until 15:00');
    expect(trayMenu(idle, { ...context, nextWindow: null })[0]).toMatchObject({ kind: 'action' });
    expect(scheduledNotice({ ...today, intent: 'the thesis' }, context)).toEqual({ title: 'A scheduled session starts at 13:00', body: 'Until 15:00: the thesis' });
    expect(scheduledNotice({ ...today, intent: '' }, { ...context, language: 'zh-CN' })).toEqual({ title: '13:00 开始一段计划专注', body: '到 15:00 结束。' });
  });
});
