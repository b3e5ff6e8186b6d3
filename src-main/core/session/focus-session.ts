import { z } from 'zod';
import {
  type CommitmentMode,
  EXTEND_MINUTES,
  FocusSession,
  Intent,
  MAX_EXTENSIONS,
  MAX_PARKED_THOUGHTS,
  MAX_THOUGHT_LENGTH,
  MAX_SESSION_MINUTES,
  MIN_SESSION_MINUTES,
  MINUTE,
  SessionMinutes,
  UNSAFE_INTENT_CHARACTER,
  type EndRequest,
  type EndRequirement,
  type SessionPhase,
} from '../../contract/session';
import type { SessionBlocks, SessionWindow } from '../../contract/session-window';
import { DomainError } from '../domain-error';
import { stricterMode, unionOfBlocks } from '../schedule/schedule-windows';
import { phraseMatches } from './challenge-phrase';

/**
 * The session's state machine, as pure functions over a record. Every transition is explicit:
 *   idle | ended | reflected --start--> running --extend--> running
 *   running --end (early) | complete (deadline)--> ended --markReflected--> reflected
 * Anything else is a `session-illegal-transition` error and changes nothing.
 */
export const SessionRecord = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('idle') }).strict(),
  z.object({ phase: z.literal('running'), session: FocusSession }).strict(),
  z.object({ phase: z.literal('ended'), session: FocusSession }).strict(),
  z.object({ phase: z.literal('reflected'), session: FocusSession }).strict(),
]);
export type SessionRecord = z.infer<typeof SessionRecord>;
export type RunningRecord = Extract<SessionRecord, { phase: 'running' }>;

export interface StartInput {
  readonly id: string;
  readonly now: number;
  readonly minutes: number;
  readonly intent: string;
  readonly mode: CommitmentMode;
  /** Browsers open only the allowlist (an allowlist session). */
  readonly allowOnly: boolean;
  /** Made by the caller (random); used only by committed sessions. */
  readonly challenge: string;
}

export function startSession(record: SessionRecord, input: StartInput): RunningRecord {
  if (record.phase === 'running') throw illegal('start', record.phase);
  if (!SessionMinutes.safeParse(input.minutes).success) {
    throw new DomainError(
      'session-invalid-length',
      `A session lasts ${MIN_SESSION_MINUTES} to ${MAX_SESSION_MINUTES} whole minutes, not ${input.minutes}`,
      { min: MIN_SESSION_MINUTES, max: MAX_SESSION_MINUTES },
    );
  }
  return running(record, input, { plannedMinutes: input.minutes, endsAt: input.now + input.minutes * MINUTE, blocks: null, window: null, allowOnly: input.allowOnly });
}

/** What a schedule window asks of the session that runs in it. */
export interface WindowTerms {
  readonly window: SessionWindow;
  readonly mode: CommitmentMode;
  readonly blocks: SessionBlocks;
}

/**
 * A session for a schedule window, from `now` (its start, or later when the app starts inside it) to its end, in
 * its mode, blocking what it names (an allowlist session if the window is one).
 */
export function startScheduledSession(record: SessionRecord, input: Omit<StartInput, 'minutes' | 'mode' | 'allowOnly'>, terms: WindowTerms): RunningRecord {
  const { window } = terms;
  if (input.now >= window.end) throw new DomainError('session-invalid-length', 'The window is over', { min: MIN_SESSION_MINUTES, max: MAX_SESSION_MINUTES });
  const plannedMinutes = Math.ceil((window.end - input.now) / MINUTE);
  return running(record, { ...input, mode: terms.mode }, { plannedMinutes, endsAt: window.end, blocks: terms.blocks, window, allowOnly: terms.blocks.allowOnly });
}

/**
 * A running session meets a schedule window (it runs when the window starts, or it is started inside one): the
 * window extends it, never shortens it. It runs at least to the window's end, in the stricter of the two modes,
 * blocking what either blocks (`blocksNow`: what a session with Settings' lists blocks now), from then on with
 * lists of its own; an allowlist session if either is one.
 */
export function joinWindow(
  record: SessionRecord,
  terms: WindowTerms,
  { blocksNow, challenge }: { blocksNow: Omit<SessionBlocks, 'allowOnly'>; challenge: string },
): RunningRecord {
  const current = requireRunning(record, 'join a window with');
  const { session } = current;
  const mode = stricterMode(session.mode, terms.mode);
  const window = session.window
    ? { start: Math.min(session.window.start, terms.window.start), end: Math.max(session.window.end, terms.window.end), ruleIds: [...new Set([...session.window.ruleIds, ...terms.window.ruleIds])] }
    : terms.window;
  const blocks = unionOfBlocks(session.blocks ?? { ...blocksNow, allowOnly: session.allowOnly }, terms.blocks);
  return {
    phase: 'running',
    session: {
      ...session,
      endsAt: Math.max(session.endsAt, terms.window.end),
      mode,
      challenge: mode === 'committed' ? (session.challenge ?? challenge) : null,
      blocks,
      window,
      allowOnly: session.allowOnly || blocks.allowOnly,
    },
  };
}

function running(
  record: SessionRecord,
  input: Omit<StartInput, 'minutes' | 'allowOnly'>,
  timing: Pick<FocusSession, 'plannedMinutes' | 'endsAt' | 'blocks' | 'window' | 'allowOnly'>,
): RunningRecord {
  if (record.phase === 'running') throw illegal('start', record.phase);
  const intent = Intent.safeParse(input.intent.trim());
  if (!intent.success) throw new DomainError('invalid-payload', `intent: ${intent.error.issues[0]?.message ?? 'invalid'}`, { path: 'intent' });
  return {
    phase: 'running',
    session: {
      id: input.id,
      intent: intent.data,
      extendedCount: 0,
      startedAt: input.now,
      mode: input.mode,
      challenge: input.mode === 'committed' ? input.challenge : null,
      ending: null,
      reflectedAt: null,
      parkedThoughts: [],
      ...timing,
    },
  };
}

export function extendSession(record: SessionRecord): RunningRecord {
  const running = requireRunning(record, 'extend');
  const { session } = running;
  if (session.extendedCount >= MAX_EXTENSIONS) {
    throw new DomainError('session-invalid-length', `A session can be extended ${MAX_EXTENSIONS} times`, { max: MAX_EXTENSIONS });
  }
  return {
    phase: 'running',
    session: { ...session, extendedCount: session.extendedCount + 1, endsAt: session.endsAt + EXTEND_MINUTES * MINUTE },
  };
}

/** Controls, bidi overrides and line breaks: each becomes a space in a parked thought, so it stays one plain line. */
const THOUGHT_BREAKS = new RegExp(`${UNSAFE_INTENT_CHARACTER.source}|[\\u2028\\u2029]`, 'gu');

/** A thought as it is kept: one line, no controls, runs of space made one, trimmed; at most MAX_THOUGHT_LENGTH. */
export function cleanThought(text: string): string {
  return text.replace(THOUGHT_BREAKS, ' ').replace(/\s+/gu, ' ').trim().slice(0, MAX_THOUGHT_LENGTH).trim();
}

/** Keeps a thought in the running session; an empty one, or one past MAX_PARKED_THOUGHTS, changes nothing. */
export function parkThought(record: SessionRecord, text: string, now: number): RunningRecord {
  const running = requireRunning(record, 'park a thought in');
  const thought = cleanThought(text);
  if (thought === '') throw new DomainError('session-thought-refused', 'The thought is empty', { reason: 'empty' });
  const { parkedThoughts } = running.session;
  if (parkedThoughts.length >= MAX_PARKED_THOUGHTS) {
    throw new DomainError('session-thought-refused', `A session keeps at most ${MAX_PARKED_THOUGHTS} thoughts`, { reason: 'full', max: MAX_PARKED_THOUGHTS });
  }
  return { phase: 'running', session: { ...running.session, parkedThoughts: [...parkedThoughts, { text: thought, at: now }] } };
}

/** What ending the running session at `now` takes: the mode decides, and nothing is asked once time is up. */
export function endRequirement(record: SessionRecord, now: number): EndRequirement {
  const { session } = requireRunning(record, 'end');
  if (now >= session.endsAt) return { kind: 'confirm' };
  if (session.mode === 'locked') return { kind: 'locked', until: session.endsAt };
  if (session.mode === 'committed') return { kind: 'phrase', phrase: session.challenge ?? '' };
  return { kind: 'confirm' };
}

/** Ends the running session at the user's request, if its mode allows it now. */
export function endSession(record: SessionRecord, request: EndRequest, now: number): Extract<SessionRecord, { phase: 'ended' }> {
  const running = requireRunning(record, 'end');
  const requirement = endRequirement(running, now);
  if (now >= running.session.endsAt) return completeSession(running);
  if (requirement.kind === 'locked') {
    throw new DomainError('session-locked', `This session is locked until ${new Date(requirement.until).toISOString()}`, {
      until: requirement.until,
    });
  }
  let reason: string | null = null;
  if (requirement.kind === 'phrase') {
    if (request.kind !== 'phrase' || !phraseMatches(requirement.phrase, request.phrase)) {
      throw new DomainError('session-wrong-phrase', 'The phrase does not match');
    }
    reason = request.reason.trim();
    if (reason === '') throw new DomainError('session-reason-required', 'Say in one line why the session ends early');
  } else if (request.kind === 'phrase' && request.reason.trim() !== '') {
    reason = request.reason.trim();
  }
  return { phase: 'ended', session: { ...running.session, ending: { kind: 'ended-early', at: now, reason } } };
}

/** The deadline passed (now, during sleep, or while the app was closed): it completed at `endsAt`. */
export function completeSession(record: SessionRecord): Extract<SessionRecord, { phase: 'ended' }> {
  const { session } = requireRunning(record, 'complete');
  return { phase: 'ended', session: { ...session, ending: { kind: 'completed', at: session.endsAt } } };
}

export function markReflected(record: SessionRecord, now: number): Extract<SessionRecord, { phase: 'reflected' }> {
  if (record.phase !== 'ended') throw illegal('markReflected', record.phase);
  return { phase: 'reflected', session: { ...record.session, reflectedAt: now } };
}

function requireRunning(record: SessionRecord, action: string): RunningRecord {
  if (record.phase !== 'running') throw illegal(action, record.phase);
  return record;
}

function illegal(action: string, phase: SessionPhase): DomainError {
  return new DomainError('session-illegal-transition', `Cannot ${action} a session that is ${phase}`, { action, phase });
}
