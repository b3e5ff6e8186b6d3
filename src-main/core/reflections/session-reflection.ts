import type { ReflectionNoteRef } from '../../contract/reflections';
import type { FocusSession } from '../../contract/session';
import type { EndedSession, FocusSessionService } from '../session/session-service';
import type { ReflectionService } from './reflection-service';
import { factsOfSession } from './session-facts';

/**
 * An ended session becomes its reflection file, `pending`, the one record of ended sessions: what it was, what its
 * protections did and the notes it touched (`notesOf`). FocusSessionService's `recordEnded`.
 */
export function recordEndedSession(
  reflections: Pick<ReflectionService, 'recordEnded'>,
  notesOf: (session: FocusSession) => readonly ReflectionNoteRef[],
): (ended: EndedSession) => Promise<void> {
  return async ({ session, protections, reached }) => {
    const facts = factsOfSession(session, protections, notesOf(session), reached ?? null);
    if (facts) await reflections.recordEnded(facts);
  };
}

/**
 * Writing or skipping the reflection of the session on the end screen moves that screen on: the session becomes
 * `reflected`. The reflection of an older session, written from the log, leaves the current one as it is.
 */
export function settleReflectedSession(session: Pick<FocusSessionService, 'state' | 'markReflected'>): (sessionId: string) => Promise<void> {
  return async (sessionId) => {
    const state = session.state();
    if (state.phase === 'ended' && state.session.id === sessionId) await session.markReflected();
  };
}
