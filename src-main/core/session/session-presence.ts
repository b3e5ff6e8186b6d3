import { MAX_EXTENSIONS, MINUTE, totalMinutes, type FocusSession, type SessionState } from '../../contract/session';
import type { CommandLineError } from './command-line';
import { presenceMessages, type PresenceLanguage } from './presence-messages';
import type { CommandOutcome } from './session-commands';

/**
 * How the session shows outside the window (tray menu, tooltip, macOS menu-bar title, dialogs, notifications),
 * decided here as plain data so it is tested without Electron; the shell only renders it.
 */

export type TrayAction = 'start-25' | 'start-50' | 'start-90' | 'start-custom' | 'extend' | 'end' | 'open' | 'open-notepad' | 'reflect' | 'quit';
export type TrayItem = { kind: 'action'; action: TrayAction; label: string; enabled: boolean } | { kind: 'label'; label: string } | { kind: 'separator' };

export interface PresenceContext {
  readonly language: PresenceLanguage;
  readonly now: number;
  /** For clock times ("locked until 14:30"); the system's own zone unless a test fixes one. */
  readonly timeZone?: string;
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

export function trayMenu(state: SessionState, context: PresenceContext): TrayItem[] {
  const text = presenceMessages[context.language];
  const tail: TrayItem[] = [
    { kind: 'separator' },
    { kind: 'action', action: 'open', label: text.openWindow, enabled: true },
    { kind: 'action', action: 'open-notepad', label: text.openNotepad, enabled: true },
    { kind: 'separator' },
    { kind: 'action', action: 'quit', label: text.quit, enabled: true },
  ];
  if (state.phase !== 'running') {
    // An ended session waits for its reflection: the way to it comes first (the window opens on the prompt).
    const reflect: TrayItem[] = state.phase === 'ended' ? [{ kind: 'action', action: 'reflect', label: text.writeReflection, enabled: true }, { kind: 'separator' }] : [];
    return [
      ...reflect,
      ...QUICK_STARTS.map((minutes): TrayItem => ({ kind: 'action', action: `start-${minutes}`, label: text.start(minutes), enabled: true })),
      { kind: 'action', action: 'start-custom', label: text.startCustom, enabled: true },
      ...tail,
    ];
  }
  const { session } = state;
  const locked = session.mode === 'locked' && context.now < session.endsAt;
  return [
    { kind: 'label', label: tooltipLine(session, context) },
    { kind: 'separator' },
    { kind: 'action', action: 'extend', label: text.extend, enabled: session.extendedCount < MAX_EXTENSIONS },
    locked
      ? { kind: 'action', action: 'end', label: text.lockedUntil(clockTime(session.endsAt, context)), enabled: false }
      : { kind: 'action', action: 'end', label: text.end, enabled: true },
    ...tail,
  ];
}

export function trayTooltip(state: SessionState, context: PresenceContext): string {
  const text = presenceMessages[context.language];
  if (state.phase === 'running') return `${text.appName}: ${tooltipLine(state.session, context)}`;
  if (state.phase === 'ended') return `${text.appName}: ${text.sessionEnded}`;
  return text.appName;
}

/** The macOS menu-bar title beside the icon: minutes only, short enough for a crowded menu bar. */
export function menuBarTitle(state: SessionState, context: PresenceContext): string {
  return state.phase === 'running' ? presenceMessages[context.language].menuBarMinutes(remainingMinutes(state.session.endsAt, context.now)) : '';
}

/** The one calm line when a session reaches its end, counting the extensions. */
export function completionNotice(session: FocusSession, language: PresenceLanguage): { title: string; body: string } {
  return { title: presenceMessages[language].complete(totalMinutes(session)), body: session.intent };
}

/** Quitting never ends a session silently: with one running, the user is asked, and keeping it is the default. */
export function quitPrompt(state: SessionState, context: PresenceContext): { message: string; detail: string; buttons: [string, string] } | null {
  if (state.phase !== 'running') return null;
  const text = presenceMessages[context.language];
  return {
    message: text.quitQuestion,
    detail: text.quitDetail(remainingMinutes(state.session.endsAt, context.now)),
    buttons: [text.cancel, text.quitKeep],
  };
}

/** The confirm a flexible session asks for when ended from the tray or the shortcut. */
export function endPrompt(session: FocusSession, context: PresenceContext): { message: string; detail: string; buttons: [string, string] } {
  const text = presenceMessages[context.language];
  return { message: text.endQuestion, detail: text.endDetail(remainingMinutes(session.endsAt, context.now)), buttons: [text.cancel, text.endConfirm] };
}

/** What to tell the user (as a notification) after a command from outside the window; null when the UI shows it. */
export function outcomeNotice(outcome: CommandOutcome, context: PresenceContext): string | null {
  const text = presenceMessages[context.language];
  switch (outcome.kind) {
    case 'already-running':
      return text.alreadyRunning;
    case 'nothing-running':
      return text.nothingRunning;
    case 'locked':
      return text.lockedNotice(clockTime(outcome.until, context));
    case 'refused':
      return `${text.commandRefused} (${outcome.message})`;
    default:
      return null;
  }
}

export function commandLineNotice(error: CommandLineError, language: PresenceLanguage): string {
  return presenceMessages[language].commandLine(error);
}

function tooltipLine(session: FocusSession, context: PresenceContext): string {
  const text = presenceMessages[context.language];
  const minutes = remainingMinutes(session.endsAt, context.now);
  return session.intent ? text.remainingWithIntent(minutes, session.intent) : text.remaining(minutes);
}

function clockTime(at: number, context: PresenceContext): string {
  return new Intl.DateTimeFormat(context.language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: context.timeZone }).format(at);
}
