import { MAX_EXTENSIONS, MINUTE, totalMinutes, type FocusSession, type SessionState } from '../../contract/session';
import type { CommandLineError } from './command-line';
import type { Locale } from '../../contract/locale';
import { translator } from '../../contract/messages';
import { presenceMessages } from './presence-messages';
import { plainLine } from './presence-text';
import type { CommandOutcome } from './session-commands';

/**
 * How the session shows outside the window (tray menu, tooltip, macOS menu-bar title, dialogs, notifications),
 * decided here as plain data so it is tested without Electron; the shell only renders it.
 */

export type TrayAction = 'start-25' | 'start-50' | 'start-90' | 'start-custom' | 'extend' | 'end' | 'open' | 'open-notepad' | 'reflect' | 'quit';
export type TrayItem = { kind: 'action'; action: TrayAction; label: string; enabled: boolean } | { kind: 'label'; label: string } | { kind: 'separator' };

export interface PresenceContext {
  readonly language: Locale;
  readonly now: number;
  /** For clock times ("locked until 14:30"); the system's own zone unless a test fixes one. */
  readonly timeZone?: string;
  /** The schedule's window running now, else its next one (ScheduledSessions); shown between sessions. */
  readonly nextWindow?: { readonly start: number; readonly end: number } | null;
}

export const QUICK_STARTS = [25, 50, 90] as const;

/** Whole minutes still to go, rounded up: "1 minute left" until the very end, never "0". */
export function remainingMinutes(endsAt: number, now: number): number {
  return Math.max(0, Math.ceil((endsAt - now) / MINUTE));
}

/** Milliseconds until the shown minute count changes, so the tray updates once a minute, in step with it. */
export function untilNextMinute(endsAt: number, now: number): number {
  const left = endsAt - now;
  if (left <= 0) return MINUTE;
  return left % MINUTE || MINUTE;
}

const say = (language: Locale) => translator(presenceMessages, language);

export function trayMenu(state: SessionState, context: PresenceContext): TrayItem[] {
  const t = say(context.language);
  const tail: TrayItem[] = [
    { kind: 'separator' },
    { kind: 'action', action: 'open', label: t('openWindow'), enabled: true },
    { kind: 'action', action: 'open-notepad', label: t('openNotepad'), enabled: true },
    { kind: 'separator' },
    { kind: 'action', action: 'quit', label: t('quit'), enabled: true },
  ];
  if (state.phase !== 'running') {
    // An ended session waits for its reflection: the way to it comes first (the window opens on the prompt).
    const reflect: TrayItem[] = state.phase === 'ended' ? [{ kind: 'action', action: 'reflect', label: t('writeReflection'), enabled: true }, { kind: 'separator' }] : [];
    const next: TrayItem[] = context.nextWindow ? [{ kind: 'label', label: nextWindowLine(context.nextWindow, context) }, { kind: 'separator' }] : [];
    return [
      ...reflect,
      ...next,
      ...QUICK_STARTS.map((minutes): TrayItem => ({ kind: 'action', action: `start-${minutes}`, label: t('start', { minutes }), enabled: true })),
      { kind: 'action', action: 'start-custom', label: t('startCustom'), enabled: true },
      ...tail,
    ];
  }
  const { session } = state;
  const locked = session.mode === 'locked' && context.now < session.endsAt;
  return [
    { kind: 'label', label: tooltipLine(session, context) },
    { kind: 'separator' },
    { kind: 'action', action: 'extend', label: t('extend'), enabled: session.extendedCount < MAX_EXTENSIONS },
    locked
      ? { kind: 'action', action: 'end', label: t('lockedUntil', { time: clockTime(session.endsAt, context) }), enabled: false }
      : { kind: 'action', action: 'end', label: t('end'), enabled: true },
    ...tail,
  ];
}

export function trayTooltip(state: SessionState, context: PresenceContext): string {
  const t = say(context.language);
  if (state.phase === 'running') return `${t('appName')}: ${tooltipLine(state.session, context)}`;
  if (state.phase === 'ended') return `${t('appName')}: ${t('sessionEnded')}`;
  return context.nextWindow ? `${t('appName')}: ${nextWindowLine(context.nextWindow, context)}` : t('appName');
}

/** "Next scheduled session: Tue 09:00" (today: the time alone), or, inside a window, until when it runs. */
export function nextWindowLine(window: { readonly start: number; readonly end: number }, context: PresenceContext): string {
  const t = say(context.language);
  if (window.start <= context.now) return t('scheduledNow', { time: clockTime(window.end, context) });
  const sameDay = dayKey(window.start, context) === dayKey(context.now, context);
  const weekday = new Intl.DateTimeFormat(context.language, { weekday: 'short', timeZone: context.timeZone }).format(window.start);
  return t('scheduledNext', { when: sameDay ? clockTime(window.start, context) : `${weekday} ${clockTime(window.start, context)}` });
}

/** The quiet notice five minutes before a window: when it starts, until when, and its intent. */
export function scheduledNotice(window: { readonly start: number; readonly end: number; readonly intent: string }, context: PresenceContext): { title: string; body: string } {
  const t = say(context.language);
  const end = clockTime(window.end, context);
  const intent = plainLine(window.intent);
  return { title: t('scheduledSoonTitle', { time: clockTime(window.start, context) }), body: intent ? t('scheduledSoonBodyWithIntent', { end, intent }) : t('scheduledSoonBody', { end }) };
}

const dayKey = (at: number, context: PresenceContext): string =>
  new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: context.timeZone }).format(at);

/** The macOS menu-bar title beside the icon: minutes only, short enough for a crowded menu bar. */
export function menuBarTitle(state: SessionState, context: PresenceContext): string {
  return state.phase === 'running' ? say(context.language)('menuBarMinutes', { minutes: remainingMinutes(state.session.endsAt, context.now) }) : '';
}

/** The one calm line when a session reaches its end, counting the extensions. */
export function completionNotice(session: FocusSession, language: Locale): { title: string; body: string } {
  return { title: say(language)('complete', { minutes: totalMinutes(session) }), body: plainLine(session.intent) };
}

/** Quitting never ends a session silently: with one running, the user is asked, and keeping it is the default. */
export function quitPrompt(state: SessionState, context: PresenceContext): { message: string; detail: string; buttons: [string, string] } | null {
  if (state.phase !== 'running') return null;
  const t = say(context.language);
  return {
    message: t('quitQuestion'),
    detail: t('quitDetail', { minutes: remainingMinutes(state.session.endsAt, context.now) }),
    buttons: [t('cancel'), t('quitKeep')],
  };
}

/** The confirm a flexible session asks for when ended from the tray or the shortcut. */
export function endPrompt(session: FocusSession, context: PresenceContext): { message: string; detail: string; buttons: [string, string] } {
  const t = say(context.language);
  return { message: t('endQuestion'), detail: t('endDetail', { minutes: remainingMinutes(session.endsAt, context.now) }), buttons: [t('cancel'), t('endConfirm')] };
}

/** What to tell the user (as a notification) after a command from outside the window; null when the UI shows it. */
export function outcomeNotice(outcome: CommandOutcome, context: PresenceContext): string | null {
  const t = say(context.language);
  switch (outcome.kind) {
    case 'already-running':
      return t('alreadyRunning');
    case 'nothing-running':
      return t('nothingRunning');
    case 'locked':
      return t('lockedNotice', { time: clockTime(outcome.until, context) });
    case 'refused':
      return `${t('commandRefused')} (${outcome.message})`;
    default:
      return null;
  }
}

export function commandLineNotice(error: CommandLineError, language: Locale): string {
  return say(language)(`commandLine.${error.reason}`, { argument: error.argument });
}

function tooltipLine(session: FocusSession, context: PresenceContext): string {
  const t = say(context.language);
  const minutes = remainingMinutes(session.endsAt, context.now);
  const intent = plainLine(session.intent);
  return intent ? t('remainingWithIntent', { minutes, intent }) : t('remaining', { minutes });
}

function clockTime(at: number, context: PresenceContext): string {
  return new Intl.DateTimeFormat(context.language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: context.timeZone }).format(at);
}
