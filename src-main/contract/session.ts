import { z } from 'zod';
import { call, event, noInput } from './define';
import { ProtectionStatus } from './protection';
import { SessionBlocks, SessionWindow } from './session-window';

export const CommitmentMode = z.enum(['flexible', 'committed', 'locked']);
export type CommitmentMode = z.infer<typeof CommitmentMode>;

/** Session lengths in minutes: the presets the UI offers, the custom range, and the extension step. */
export const SESSION_PRESETS = [25, 50, 90, 120] as const;
export const MIN_SESSION_MINUTES = 5;
export const MAX_SESSION_MINUTES = 240;
export const EXTEND_MINUTES = 15;
/** Extensions stop here (two more hours), so a session cannot be stretched without end. */
export const MAX_EXTENSIONS = 8;
export const MAX_INTENT_LENGTH = 200;
export const MAX_REASON_LENGTH = 300;
/** Milliseconds in a minute: session lengths are minutes, clocks are milliseconds. */
export const MINUTE = 60_000;

export const SessionMinutes = z.number().int().min(MIN_SESSION_MINUTES).max(MAX_SESSION_MINUTES);

/** The user's one line about what the session is for ("prove Lemma 3"); never more than one line. */
export const Intent = z
  .string()
  .max(MAX_INTENT_LENGTH)
  .regex(/^[^\r\n\u2028\u2029]*$/, 'one line only');

/**
 * What an intent is never entered with: controls (C0 with TAB, DEL, C1 with NEL) and the explicit bidi formatting
 * characters (embeddings, overrides, isolates), which hide or reverse the text around them where main shows it (the
 * tray, notifications). The implicit marks (LRM, RLM, ALM) stay: right-to-left writing needs them to place digits
 * and punctuation, and they reverse nothing. Stored intents are read as they are, so nothing saved before is lost.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
export const UNSAFE_INTENT_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** An intent as the start form, the command line or a link enters it. */
export const EnteredIntent = Intent.refine((text) => !UNSAFE_INTENT_CHARACTER.test(text), 'no control or text-direction characters');

/** A thought parked during a session ("reply to Li"): one short line, and at most this many a session. */
export const MAX_THOUGHT_LENGTH = 200;
export const MAX_PARKED_THOUGHTS = 50;

/** A parked thought as the session keeps it: cleaned to one line (focus-session.ts, `cleanThought`), never empty. */
export const ParkedThought = z
  .object({
    text: z.string().min(1).max(MAX_THOUGHT_LENGTH).regex(/^[^\r\n\u2028\u2029]*$/, 'one line only'),
    at: z.number().int().nonnegative(),
  })
  .strict();
export type ParkedThought = z.infer<typeof ParkedThought>;

/** A thought as the quiet line sends it; the core cleans it (controls and line breaks become spaces). */
export const ParkRequest = z.object({ text: z.string().max(MAX_THOUGHT_LENGTH) }).strict();
export type ParkRequest = z.infer<typeof ParkRequest>;

/** Why a committed session was ended early; kept for the reflection. */
export const EarlyEndReason = z
  .string()
  .max(MAX_REASON_LENGTH)
  .regex(/^[^\r\n\u2028\u2029]*$/, 'one line only');

/**
 * An Electron accelerator for the global shortcut: at least one modifier and exactly one key, so a bare key can
 * never be taken from every other app. The empty string turns the shortcut off.
 */
const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
]);
export function isAccelerator(value: string): boolean {
  const parts = value.split('+');
  if (parts.length < 2 || parts.some((part) => part === '')) return false;
  const key = parts[parts.length - 1]!.toLowerCase();
  const modifiers = parts.slice(0, -1).map((part) => part.toLowerCase());
  if (!modifiers.every((modifier) => MODIFIERS.has(modifier)) || new Set(modifiers).size !== modifiers.length) return false;
  return /^[a-z0-9]$/.test(key) || /^f([1-9]|1[0-9]|2[0-4])$/.test(key) || /^num[0-9]$/.test(key) || /^[-=[\];',./`\\]$/.test(key) || NAMED_KEYS.has(key);
}
export const DEFAULT_SHORTCUT = 'CommandOrControl+Alt+Shift+F';
/** The global shortcut that opens the quiet line to park a thought during a session (the window has the same chord). */
export const PARK_SHORTCUT = 'CommandOrControl+Alt+Shift+P';
export const Accelerator = z
  .string()
  .max(100)
  .refine((value) => value === '' || isAccelerator(value), 'not a shortcut: use modifiers and one key, like CommandOrControl+Alt+Shift+F');

/**
 * Where the start form writes during a session: nowhere, a new note, or a note picked from the vault (the form
 * remembers the kind; the note picked is chosen again each time). Opened in full-screen writing.
 */
export const WriteIn = z.enum(['none', 'new', 'pick']);
export type WriteIn = z.infer<typeof WriteIn>;

export const SessionPrefs = z
  .object({
    defaultMinutes: SessionMinutes.default(90),
    defaultMode: CommitmentMode.default('committed'),
    /** Reused by the tray's quick starts and the command line when no intent is given. */
    lastIntent: Intent.default(''),
    /** The global shortcut that starts or ends a session; '' turns it off. */
    shortcut: Accelerator.default(DEFAULT_SHORTCUT),
    writeIn: WriteIn.default('none'),
  })
  .strict();
export type SessionPrefs = z.infer<typeof SessionPrefs>;

/** How a session ended: at its deadline, or early (with the reason a committed session requires). */
export const SessionEnding = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('completed'), at: z.number().int().nonnegative() }).strict(),
  z.object({ kind: z.literal('ended-early'), at: z.number().int().nonnegative(), reason: EarlyEndReason.nullable() }).strict(),
]);
export type SessionEnding = z.infer<typeof SessionEnding>;

export const SessionId = z.string().regex(/^[a-z0-9-]{1,64}$/);

export const FocusSession = z
  .object({
    id: SessionId,
    intent: Intent,
    /**
     * The length chosen at the start; extensions are counted separately. A scheduled session's is what was left of
     * its window, rounded up: a minute at least, and an hour more than a session's longest on a DST night.
     */
    plannedMinutes: z.number().int().min(1).max(MAX_SESSION_MINUTES + 60),
    extendedCount: z.number().int().min(0).max(MAX_EXTENSIONS),
    startedAt: z.number().int().nonnegative(),
    /** Absolute deadline: everything (countdown, resume, wake) is computed from it, never from ticks. */
    endsAt: z.number().int().nonnegative(),
    mode: CommitmentMode,
    /** The phrase a committed session asks for before ending early; null in the other modes. */
    challenge: z.string().max(200).nullable(),
    ending: SessionEnding.nullable(),
    reflectedAt: z.number().int().nonnegative().nullable(),
    /** Thoughts parked during the session, oldest first; the session shows only their count, the reflection lists them. */
    parkedThoughts: z.array(ParkedThought).max(MAX_PARKED_THOUGHTS),
    /** What it blocks; null: the lists in Settings as they are when it starts or is extended (a session started by hand). */
    blocks: SessionBlocks.nullable(),
    /** The schedule window it runs for (docs/schedules.md); null for a session started by hand outside any window. */
    window: SessionWindow.nullable(),
    /**
     * "Only these sites": browsers open only the allowlist in Settings (blocking the rest through their policies),
     * and the blocklist still applies. Absent in sessions recorded before allowlist sessions: false.
     */
    allowOnly: z.boolean().default(false),
  })
  .strict();
export type FocusSession = z.infer<typeof FocusSession>;

/**
 * A session's whole length in minutes, start to deadline: what was chosen plus its extensions, or up to the end of
 * the schedule window it runs for (which need not be whole minutes from a start inside it).
 */
export const totalMinutes = (session: Pick<FocusSession, 'startedAt' | 'endsAt'>): number => Math.round((session.endsAt - session.startedAt) / MINUTE);

export const SessionPhase = z.enum(['idle', 'running', 'ended', 'reflected']);
export type SessionPhase = z.infer<typeof SessionPhase>;

/** Whether the global shortcut is really registered; the OS (or the desktop) may refuse it. */
export const ShortcutStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('off') }).strict(),
  z.object({ state: z.literal('registered'), accelerator: z.string().max(100) }).strict(),
  z.object({ state: z.literal('refused'), accelerator: z.string().max(100) }).strict(),
  /** This runtime has no global shortcuts (the browser preview). */
  z.object({ state: z.literal('unsupported') }).strict(),
]);
export type ShortcutStatus = z.infer<typeof ShortcutStatus>;

const withSession = <P extends 'running' | 'ended' | 'reflected'>(phase: P) =>
  z
    .object({
      phase: z.literal(phase),
      session: FocusSession,
      /** What each protection verifiably did for this session; part of the state so the UI never guesses. */
      protections: z.array(ProtectionStatus).max(8),
      shortcut: ShortcutStatus,
    })
    .strict();

export const SessionState = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('idle'), shortcut: ShortcutStatus }).strict(),
  withSession('running'),
  withSession('ended'),
  withSession('reflected'),
]);
export type SessionState = z.infer<typeof SessionState>;

export const StartRequest = z
  .object({
    minutes: SessionMinutes,
    intent: EnteredIntent.optional(),
    /** Defaults to the mode chosen in Settings. */
    mode: CommitmentMode.optional(),
    /** An allowlist session ("only these sites"); false by default. */
    allowOnly: z.boolean().optional(),
  })
  .strict();
export type StartRequest = z.input<typeof StartRequest>;

/** What ending the running session now takes, by its mode. */
export const EndRequirement = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('confirm') }).strict(),
  z.object({ kind: z.literal('phrase'), phrase: z.string().max(200) }).strict(),
  z.object({ kind: z.literal('locked'), until: z.number().int().nonnegative() }).strict(),
]);
export type EndRequirement = z.infer<typeof EndRequirement>;

export const EndRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('confirm') }).strict(),
  z.object({ kind: z.literal('phrase'), phrase: z.string().max(200), reason: EarlyEndReason }).strict(),
]);
export type EndRequest = z.input<typeof EndRequest>;

/** The refusals this domain's calls answer with; errors.ts joins every domain's into `ErrorCode`. */
export const sessionErrorCodes = [
  'session-illegal-transition',
  'session-locked',
  'session-wrong-phrase',
  'session-reason-required',
  'session-invalid-length',
  /** MAX_PARKED_THOUGHTS are parked already, or the thought is empty once cleaned. */
  'session-thought-refused',
] as const;

export const sessionContract = {
  state: call(noInput, SessionState),
  start: call(StartRequest, SessionState),
  extend: call(noInput, SessionState),
  requestEnd: call(noInput, EndRequirement),
  end: call(EndRequest, SessionState),
  /** Keeps a thought in the running session's record; refused (`session-illegal-transition`) when none runs. */
  parkThought: call(ParkRequest, SessionState),
  changed: event(SessionState),
  /** The global shortcut asks the window to open the quiet line that parks a thought (only while a session runs). */
  parkLine: event(z.object({}).strict()),
  /** The tray, the shortcut or the command line asks the window to show a view (and, for `end`, the end dialog). */
  show: event(z.object({ view: z.enum(['focus', 'notepad', 'reflections']), end: z.boolean() }).strict()),
};
