import type { ProtectionStatus } from '../../contract/protection';
import type { ReachedHost, ReflectionFacts, ReflectionNoteRef } from '../../contract/reflections';
import { MINUTE, totalMinutes, type FocusSession } from '../../contract/session';

/**
 * What the reflection keeps of an ended session; null for one that has not ended. `reached`: the reach counter's
 * per-host counts, null when nothing was counted.
 */
export function factsOfSession(
  session: FocusSession,
  protections: readonly ProtectionStatus[],
  notes: readonly ReflectionNoteRef[],
  reached: readonly ReachedHost[] | null = null,
): ReflectionFacts | null {
  const { ending } = session;
  if (!ending) return null;
  return {
    sessionId: session.id,
    intent: session.intent,
    startedAt: session.startedAt,
    endedAt: ending.at,
    plannedMinutes: totalMinutes(session),
    actualMinutes: Math.max(0, Math.round((ending.at - session.startedAt) / MINUTE)),
    mode: session.mode,
    ending: ending.kind,
    earlyEndReason: ending.kind === 'ended-early' ? ending.reason : null,
    protections: [...protections],
    notes: [...notes],
    reached: reached && reached.map((each) => ({ ...each, times: [...each.times] })),
    thoughts: session.parkedThoughts.map((thought) => ({ ...thought, note: null })),
    scheduled: session.window !== null,
  };
}
